/**
 * Many people at once, made with the app's own models and the shared factories, in one commit:
 * preparing hundreds of drafts one fsync'd transaction at a time would take longer than the
 * failures they are there to test. The nested model transactions become savepoints.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDatabase, getSqlite, writeTransaction } from "#db/client";
import { memberships, organisations } from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import { newTotpSecret } from "~/domain/accounts/totp";
import { createSession } from "~/models/session.server";
import { activateTwoFactor } from "~/models/two-factor.server";
import { insertUser } from "~/models/user.server";
import { hashPassword } from "~/utils/password.server";
import { serializeSessionCookie } from "~/utils/session.server";
import { completeDraft } from "../../factories/bids";
import { ROOT, type PortalFiles } from "./portal-process";

export type Applicant = { userId: number; organisationId: number; bidId: number; cookie: string };

/**
 * A fresh folder under tests/.tmp with the database path the test process (and the servers it
 * starts) will use. The test process's own connection is closed first, so it opens the new file.
 */
export function freshFiles(name: string): PortalFiles & { remove(): void } {
  closeDatabase();
  const dir = path.join(ROOT, "tests/.tmp", `reliability-${name}-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
  fs.mkdirSync(dir, { recursive: true });
  const databasePath = path.join(dir, "portal.db");
  process.env.DATABASE_PATH = databasePath;
  process.env.MAIL_OUTBOX = path.join(dir, "outbox");
  process.env.UPLOAD_DIR = path.join(dir, "uploads");
  return { dir, databasePath, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function cookieFor(token: string): Promise<string> {
  return (await serializeSessionCookie(token)).split(";")[0];
}

/**
 * `count` applicants, each in their own organisation with a draft in the open demo round that is
 * ready to submit (every page, the organisation's details and the three documents), and a live
 * session. `answers(i)` may override pages, e.g. the budget.
 */
export async function applicantsWithDrafts(count: number, label: string, answers: (i: number) => Record<string, Record<string, unknown>> = () => ({})): Promise<Applicant[]> {
  const passwordHash = await hashPassword(crypto.randomBytes(12).toString("hex"));
  const now = new Date();
  const made = getSqlite()
    .transaction(() =>
      Array.from({ length: count }, (_, i) => {
        const email = `${label}-${i + 1}@example.org`;
        const user = writeTransaction((tx) => {
          const row = insertUser(tx, { email, name: `Applicant ${label} ${i + 1}`, role: "applicant", passwordHash }, now);
          const org = tx.insert(organisations).values({ name: `Community group ${label} ${i + 1}`, createdAt: now }).returning().get();
          tx.insert(memberships).values({ userId: row.id, organisationId: org.id, createdAt: now }).run();
          return { id: row.id, organisationId: org.id };
        });
        const { bidId } = completeDraft(user, answers(i));
        const token = writeTransaction((tx) => createSession(tx, user.id, now));
        return { userId: user.id, organisationId: user.organisationId, bidId, token };
      }),
    )
    .immediate();
  return Promise.all(made.map(async ({ token, ...rest }) => ({ ...rest, cookie: await cookieFor(token) })));
}

/**
 * A member of staff with an authenticator set up, whose session has already passed the second
 * factor, as after typing a TOTP code.
 */
export async function staffMember(role: Exclude<Role, "applicant">, label: string): Promise<{ userId: number; cookie: string }> {
  const passwordHash = await hashPassword(crypto.randomBytes(12).toString("hex"));
  const now = new Date();
  const { userId, token } = writeTransaction((tx) => {
    const user = insertUser(tx, { email: `${label}@example.org`, name: `Staff ${label}`, role, passwordHash }, now);
    activateTwoFactor(tx, { userId: user.id, secret: newTotpSecret(), step: null, now });
    return { userId: user.id, token: createSession(tx, user.id, now, now) };
  });
  return { userId, cookie: await cookieFor(token) };
}
