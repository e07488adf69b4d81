/**
 * The one msw server for tests. Handlers for the external registers (Charity Commission, Companies
 * House, postcodes.io) are added here as the services arrive. Any request to a host that is not
 * this machine and has no handler fails the test: tests never reach the internet.
 */
import { setupServer } from "msw/node";
import type { RequestHandler } from "msw";
import { registerHandlers } from "./registers";

export const handlers: RequestHandler[] = [...registerHandlers];

export const mockServer = setupServer(...handlers);

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function listenForTests() {
  mockServer.listen({
    onUnhandledRequest(request, print) {
      if (LOOPBACK.has(new URL(request.url).hostname)) return;
      print.error();
    },
  });
}
