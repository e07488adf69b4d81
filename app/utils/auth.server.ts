/**
 * The guards every loader and action calls first. `requireUser` sends a signed-out person to sign
 * in and back; `requireRole` answers 403 to a signed-in person of another role. Object-level checks
 * live in the models (queries that take the user) and answer 404.
 */
import { json, redirect } from "@remix-run/node";
import type { Role } from "~/domain/accounts/roles";
import { signInStage } from "~/domain/accounts/two-factor";
import { publicUser, type User } from "~/models/user.server";
import { getActiveSession, getSessionOwnerId } from "./session.server";
import { KEPT_ANSWERS_PATH } from "~/domain/accounts/kept-answers";
import { now } from "./clock.server";
import { keepPostedAnswers } from "./kept-answers.server";

export type SignedInUser = ReturnType<typeof publicUser>;

/**
 * The signed-in person, if any. A session still waiting for its two-factor code counts as signed
 * out; staff who have yet to set up an authenticator count as signed in (the guards send them to
 * set it up), so the page can offer them "Sign out".
 */
export async function getOptionalUser(request: Request): Promise<SignedInUser | undefined> {
  const session = await getActiveSession(request);
  if (!session || stageOf(session) === "awaiting_code") return undefined;
  return publicUser(session.user);
}

/**
 * Sends a signed-out person to sign in and back. A form sent after the session ended keeps what was
 * typed (utils/kept-answers.server.ts): signing in then leads to a page that shows the answers to
 * check and send again. Answers too long to keep are shown at once, to copy (a 401 page).
 */
async function signInFirst(request: Request): Promise<never> {
  const url = new URL(request.url);
  if (request.method === "GET" || request.method === "HEAD") {
    throw redirect(`/login?${new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` })}`);
  }
  // Answers are kept only when it is known whose session ended, and only for that person.
  const ownerId = await getSessionOwnerId(request);
  const kept = ownerId ? await keepPostedAnswers(request, now(), ownerId) : ({ kind: "nothing" } as const);
  if (kept.kind === "kept") {
    const headers = new Headers();
    for (const cookie of kept.headers) headers.append("Set-Cookie", cookie);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: KEPT_ANSWERS_PATH })}`, { headers });
  }
  if (kept.kind === "too-long") throw json({ answersNotKept: kept.answers }, { status: 401 });
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname })}`);
}

export async function requireUser(request: Request): Promise<SignedInUser> {
  return publicUser(await requireUserRecord(request));
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SignedInUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) {
    throw new Response("You do not have permission to see this page", { status: 403 });
  }
  return user;
}

/**
 * Full user row (with hash), for the few actions that re-check a password. Every guard ends here,
 * so a session waiting for its two-factor code reaches no page but the code page, and staff
 * without an authenticator reach no page but setting one up.
 */
export async function requireUserRecord(request: Request): Promise<User> {
  const session = await getActiveSession(request);
  if (!session) return signInFirst(request);
  const stage = stageOf(session);
  if (stage === "awaiting_code") throw redirect(`/login/two-factor?${new URLSearchParams({ redirectTo: herePath(request) })}`);
  if (stage === "needs_set_up") throw redirect(`/account/two-factor?${new URLSearchParams({ redirectTo: herePath(request) })}`);
  return session.user;
}

/**
 * The guard of the two-factor set-up page alone: fully signed in, or staff who must set up an
 * authenticator before anything else.
 */
export async function requireUserForTwoFactorSetUp(request: Request): Promise<User> {
  const session = await getActiveSession(request);
  if (!session) return signInFirst(request);
  if (stageOf(session) === "awaiting_code") throw redirect(`/login/two-factor?${new URLSearchParams({ redirectTo: herePath(request) })}`);
  return session.user;
}

type ActiveSession = NonNullable<Awaited<ReturnType<typeof getActiveSession>>>;

function stageOf(session: ActiveSession) {
  return signInStage({ role: session.user.role as Role, totpConfirmedAt: session.user.totpConfirmedAt, secondFactorAt: session.secondFactorAt });
}

/** Where to come back to after the code or the set-up: this page (for a GET, with its query). */
function herePath(request: Request): string {
  const url = new URL(request.url);
  return request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
}

export function notFound(): never {
  throw new Response("Page not found", { status: 404 });
}
