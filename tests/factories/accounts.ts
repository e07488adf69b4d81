/** People and organisations for tests, made through the app's own model functions. */
import crypto from "node:crypto";
import { writeTransaction } from "#db/client";
import { memberships, organisations } from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import { createSession } from "~/models/session.server";
import { insertUser } from "~/models/user.server";
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

/** A fresh session for an existing person, e.g. after a test has moved the clock. */
export async function sessionCookieFor(userId: number) {
  const token = writeTransaction((tx) => createSession(tx, userId, new Date()));
  return (await serializeSessionCookie(token)).split(";")[0];
}

/** A signed-in person: their user row and a Cookie header for their session. */
export async function signedIn(role: Role, overrides: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(role, overrides);
  const token = writeTransaction((tx) => createSession(tx, user.id, new Date()));
  return { user, token, cookie: (await serializeSessionCookie(token)).split(";")[0] };
}
