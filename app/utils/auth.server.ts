/**
 * The guards every loader and action calls first. `requireUser` sends a signed-out person to sign
 * in and back; `requireRole` answers 403 to a signed-in person of another role. Object-level checks
 * live in the models (queries that take the user) and answer 404.
 */
import { redirect } from "@remix-run/node";
import type { Role } from "~/domain/accounts/roles";
import { publicUser, type User } from "~/models/user.server";
import { getSessionUser } from "./session.server";

export type SignedInUser = ReturnType<typeof publicUser>;

export async function getOptionalUser(request: Request): Promise<SignedInUser | undefined> {
  const user = await getSessionUser(request);
  return user ? publicUser(user) : undefined;
}

function signInFirst(request: Request): never {
  const url = new URL(request.url);
  const back = request.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
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

/** Full user row (with hash), for the few actions that re-check a password. */
export async function requireUserRecord(request: Request): Promise<User> {
  return (await getSessionUser(request)) ?? signInFirst(request);
}

export function notFound(): never {
  throw new Response("Page not found", { status: 404 });
}
