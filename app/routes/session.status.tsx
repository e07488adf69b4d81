/**
 * How long the caller's session has left, for the sign-out warning: read without counting as
 * activity (no GET changes state), so checking does not keep an idle session alive. Anyone may ask;
 * the answer is only ever about the caller's own session.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { sessionTiming } from "~/utils/session-timing.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const timing = await sessionTiming(request, { touch: false });
  return json(timing ? { signedIn: true as const, ...timing } : { signedIn: false as const }, { headers: { "Cache-Control": "no-store" } });
}
