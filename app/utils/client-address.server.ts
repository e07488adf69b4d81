/**
 * The client's network address, as the HTTP edge (scripts/http-app.js) found it: the socket's
 * address, or with TRUST_PROXY set, the one the named proxy passed on in X-Forwarded-For. Routes
 * never read X-Forwarded-For themselves, so nobody can claim an address by sending the header.
 */
import type { AppLoadContext } from "@remix-run/node";

/** Undefined when a handler runs outside the HTTP edge (a script, or a test that gave no address). */
export function clientAddress(context: AppLoadContext | undefined): string | undefined {
  const address = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof address === "string" && address !== "" ? address : undefined;
}
