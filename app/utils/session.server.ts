/**
 * The session cookie holds only a random token; everything else lives in the sessions table.
 * HttpOnly and SameSite=Lax always; Secure and the `__Host-` prefix in production.
 */
import { createCookie, redirect } from "@remix-run/node";
import { writeTransaction } from "#db/client";
import { createSession, endSession, findActiveSession, findEndedSessionOwner, SESSION_MAX_AGE_MS } from "~/models/session.server";
import { secureCookies } from "./env.server";
import { now } from "./clock.server";

function sessionCookie() {
  const secure = secureCookies();
  return createCookie(secure ? "__Host-portal_session" : "portal_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_MAX_AGE_MS / 1000,
  });
}

/** The Set-Cookie value for a session token. */
export function serializeSessionCookie(token: string): Promise<string> {
  return sessionCookie().serialize(token);
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in session for this request (counted as activity unless `touch` is false), if any. */
export async function getActiveSession(request: Request, options: { touch?: boolean } = {}) {
  const token = await readSessionToken(request);
  return token ? findActiveSession(token, now(), options) : undefined;
}

/** Whose session the browser's cookie belonged to, even when it has ended (idle); undefined if unknown. */
export async function getSessionOwnerId(request: Request): Promise<number | undefined> {
  const token = await readSessionToken(request);
  return token ? findEndedSessionOwner(token) : undefined;
}

export async function getSessionUser(request: Request) {
  return (await getActiveSession(request))?.user;
}

/**
 * Starts a fresh session (a new id on every sign-in, so a planted cookie is worthless) and
 * redirects with its cookie. Any session the browser already had is ended.
 */
export async function startSessionAndRedirect(request: Request, userId: number, to: string) {
  const previous = await readSessionToken(request);
  if (previous) endSession(previous);
  const token = writeTransaction((tx) => createSession(tx, userId, now()));
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie().serialize(token) } });
}

export async function endSessionAndRedirect(request: Request, to: string) {
  const token = await readSessionToken(request);
  if (token) endSession(token);
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}
