/**
 * Session steps that belong to two-factor sign-in: the token of this request's session (to mark it
 * as past the second factor), and a fresh session that keeps the second factor the old one had
 * passed (after a password change, which ends every session but must not ask for a code again).
 */
import { redirect } from "@remix-run/node";
import { writeTransaction } from "#db/client";
import { createSession, endSession } from "~/models/session.server";
import { now } from "./clock.server";
import { readSessionToken, serializeSessionCookie } from "./session.server";

export async function requireSessionToken(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (!token) throw redirect("/login");
  return token;
}

/**
 * Like startSessionAndRedirect, for a person who is fully signed in on this request: the new
 * session counts as past the second factor from now.
 */
export async function restartVerifiedSessionAndRedirect(request: Request, userId: number, to: string) {
  const previous = await readSessionToken(request);
  if (previous) endSession(previous);
  const at = now();
  const token = writeTransaction((tx) => createSession(tx, userId, at, at));
  return redirect(to, { headers: { "Set-Cookie": await serializeSessionCookie(token) } });
}
