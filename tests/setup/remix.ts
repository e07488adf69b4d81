/**
 * Calls a route's real loader or action with a real Request, the way Remix would, and unwraps
 * thrown responses (redirects, 404s) so tests can assert on them.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

export type CallOptions = {
  cookie?: string;
  params?: Record<string, string>;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** The load context the HTTP edge would give, e.g. `{ clientAddress: "203.0.113.7" }`; `{}` if not given. */
  context?: Record<string, unknown>;
};

export function makeRequest(url: string, { cookie, form, headers }: CallOptions = {}, method = form ? "POST" : "GET"): Request {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    h.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(new URL(url, "http://localhost:3000"), { method, headers: h, body });
}

export async function call(handler: Handler, url: string, options: CallOptions = {}): Promise<Response> {
  const request = makeRequest(url, options);
  try {
    const result = await handler({ request, params: options.params ?? {}, context: options.context ?? {} });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** The session cookie a response sets, ready to send back as a Cookie header. */
export function sessionCookieFrom(response: Response): string | undefined {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) return undefined;
  const pair = setCookie.split(";")[0];
  return pair.endsWith("=") ? undefined : pair;
}
