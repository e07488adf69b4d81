/**
 * Server rendering. Opening the database here applies pending migrations at start-up, before the
 * first request. Signed-in pages are never cached; every page gets the CSP nonce for its scripts.
 */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getDb } from "#db/client";
import { NonceProvider } from "~/components/layout/nonce";

getDb();

const ABORT_DELAY = 5_000;

type PortalContext = AppLoadContext & { requestId?: string; cspNonce?: string };

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Aborted requests and answers such as 404 are not faults; only real errors belong in the log.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(`${new Date().toISOString()} [${(context as PortalContext).requestId ?? "-"}] ${request.method} ${new URL(request.url).pathname}`, error);
};

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = (loadContext as PortalContext).cspNonce ?? "";
  if (request.headers.get("Cookie")?.includes("portal_session")) responseHeaders.set("Cache-Control", "no-store");
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  if (request.headers.get("Cookie")?.includes("portal_session")) response.headers.set("Cache-Control", "no-store");
  return response;
}
