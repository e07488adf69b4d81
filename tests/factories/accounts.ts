/**
 * People and organisations for tests, made through the app's own model functions.
 *
 * Staff must use two-factor authentication, so `signedIn(staffRole)` gives them an authenticator
 * (a random secret, returned as `totpSecret`, with recovery codes) and a session that has passed
 * it, as after a real sign-in. `createUser` makes a plain account with no authenticator: staff made
 * that way are sent to set one up, as a newly invited member of staff is.
 */
import crypto from "node:crypto";
import { writeTransaction } from "#db/client";
import { memberships, organisations } from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import { newTotpSecret, totpCode, TOTP_PERIOD_SECONDS } from "~/domain/accounts/totp";
import { mustUseTwoFactor } from "~/domain/accounts/two-factor";
import { createSession } from "~/models/session.server";
import { activateTwoFactor } from "~/models/two-factor.server";
import { findUserById, insertUser } from "~/models/user.server";
import { hashPassword } from "~/utils/password.server";
import { serializeSessionCookie } from "~/utils/session.server";

export const TEST_PASSWORD = "correct-horse-battery-staple";
let cachedHash: Promise<string> | undefined;

export async function createUser(role: Role, overrides: { email?: string; name?: string; organisationName?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await cachedHash;
  const email = overrides.email ?? `${role}-${crypto.randomBytes(4).toString("hex")}@example.org`;
  return writeTransaction((tx) => {
    const user = insertUser(tx, { email, name: overrides.name ?? `Test ${role}`, role, passwordHash }, new Date());
    let organisationId: number | undefined;
    if (role === "applicant") {
      const org = tx
        .insert(organisations)
        .values({ name: overrides.organisationName ?? `Org of ${email}`, createdAt: new Date() })
        .returning()
        .get();
      tx.insert(memberships).values({ userId: user.id, organisationId: org.id, createdAt: new Date() }).run();
      organisationId = org.id;
    }
    return { ...user, organisationId };
  });
}

/**
 * Puts an authenticator in force for an existing person, as if they had just set it up. Returns
 * its secret (compute codes with `codeFor`) and the recovery codes it came with.
 */
export function withAuthenticator(userId: number, at = new Date()): { totpSecret: string; recoveryCodes: string[] } {
  const totpSecret = newTotpSecret();
  const recoveryCodes = writeTransaction((tx) => activateTwoFactor(tx, { userId, secret: totpSecret, step: null, now: at }));
  return { totpSecret, recoveryCodes };
}

/** The code an authenticator app with this secret shows at `at`. */
export function codeFor(totpSecret: string, at = new Date()): string {
  return totpCode(totpSecret, at);
}

/** The code of the next 30-second step: still accepted now (one step of drift), but never yet used. */
export function nextCodeFor(totpSecret: string, at = new Date()): string {
  return totpCode(totpSecret, new Date(at.getTime() + TOTP_PERIOD_SECONDS * 1000));
}

async function cookieOf(token: string): Promise<string> {
  return (await serializeSessionCookie(token)).split(";")[0];
}

/**
 * A fresh, fully signed-in session for an existing person, e.g. after a test has moved the clock:
 * it counts as past the second factor, even if the clock now reads earlier than the set-up.
 */
export async function sessionCookieFor(userId: number) {
  const at = new Date();
  const confirmedAt = findUserById(userId)?.totpConfirmedAt;
  const passedAt = confirmedAt && confirmedAt > at ? confirmedAt : at;
  const token = writeTransaction((tx) => createSession(tx, userId, at, passedAt));
  return cookieOf(token);
}

/** A session whose password was right but whose two-factor code has not been entered yet. */
export async function halfSignedInCookie(userId: number) {
  const token = writeTransaction((tx) => createSession(tx, userId, new Date(), null));
  return { token, cookie: await cookieOf(token) };
}

/**
 * A signed-in person: their user row and a Cookie header for their session. Staff come with an
 * authenticator (`totpSecret`, `recoveryCodes`); applicants have none unless `twoFactor` is true.
 */
export async function signedIn(role: Role, overrides: Parameters<typeof createUser>[1] & { twoFactor?: boolean } = {}) {
  const { twoFactor = mustUseTwoFactor(role), ...userOverrides } = overrides;
  const user = await createUser(role, userOverrides);
  const at = new Date();
  const authenticator = twoFactor ? withAuthenticator(user.id, at) : { totpSecret: undefined, recoveryCodes: undefined };
  const token = writeTransaction((tx) => createSession(tx, user.id, at, at));
  return { user, token, cookie: await cookieOf(token), ...authenticator };
}
