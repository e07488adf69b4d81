/**
 * "Stay signed in" from the sign-out warning: a POST (it changes the session), from this site only
 * (the HTTP edge refuses cross-site posts), by a signed-in person. It counts as activity, and answers
 * how long the session now has. There is no loader, so a GET is answered 405.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { sessionTiming } from "~/utils/session-timing.server";

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") throw new Response("Use POST", { status: 405, headers: { Allow: "POST" } });
  await requireUser(request);
  const timing = await sessionTiming(request, { touch: false });
  if (!timing) throw new Response("Sign in again", { status: 401 });
  return json({ signedIn: true as const, ...timing }, { headers: { "Cache-Control": "no-store" } });
}
