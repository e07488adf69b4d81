/**
 * Account controls that docs/security.md cites: sign-in events in the audit trail, long passphrases,
 * no demo accounts in production, and secrets long enough not to be guessed.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH } from "~/domain/accounts/schemas";
import { listAuditEvents } from "~/models/audit.server";
import { findUserByEmail } from "~/models/user.server";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { newToken } from "~/utils/tokens.server";
import { createUser, TEST_PASSWORD } from "../factories/accounts";
import { call } from "../setup/remix";

describe("the audit trail of signing in", () => {
  it("records each sign-in and each failed attempt against the account, with no password in it", async () => {
    const applicant = await createUser("applicant");
    await call(loginAction, "/login", { form: { email: applicant.email, password: "not-the-password-at-all" } });
    await call(loginAction, "/login", { form: { email: applicant.email, password: TEST_PASSWORD } });
    const events = listAuditEvents({ subjectType: "user", subjectId: String(applicant.id) }).map((e) => e.action);
    expect(events).toEqual(expect.arrayContaining(["account.sign_in_failed", "account.signed_in"]));
    const text = JSON.stringify(listAuditEvents({ subjectType: "user", subjectId: String(applicant.id) }));
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toContain("not-the-password-at-all");
  });
});

describe("passphrases", () => {
  it(`a passphrase of ${MAX_PASSWORD_LENGTH} characters, spaces and all, can be set at sign-up and used to sign in`, async () => {
    expect(MAX_PASSWORD_LENGTH).toBeGreaterThanOrEqual(64);
    const passphrase = "correct horse battery staple, then a long walk by the canal at Saltaire ".repeat(4).slice(0, MAX_PASSWORD_LENGTH);
    expect(passphrase).toHaveLength(MAX_PASSWORD_LENGTH);
    const email = "long.passphrase@example.org";
    const signedUp = await call(signupAction, "/signup", {
      form: { name: "Pat Long", organisationName: "Long Walks CIC", email, password: passphrase, confirmPassword: passphrase },
    });
    expect(signedUp.status).toBe(302);
    expect(findUserByEmail(email)).toBeDefined();
    const signedIn = await call(loginAction, "/login", { form: { email, password: passphrase } });
    expect(signedIn.headers.get("Location")).toBe("/applications");
    // One character short is a different password: nothing is silently cut off.
    const truncated = await call(loginAction, "/login", { form: { email, password: passphrase.slice(0, -1) } });
    expect(truncated.status).toBe(400);
  });
});

describe("demo accounts", () => {
  it("are never created when the seed runs in production", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-production-"));
    const database = path.join(dir, "portal.db");
    try {
      const run = spawnSync("npx", ["tsx", "scripts/seed.ts"], {
        cwd: path.resolve("."),
        env: { ...process.env, NODE_ENV: "production", DEMO_MODE: "", TOTP_ENCRYPTION_KEY: randomBytes(32).toString("base64"), DATABASE_PATH: database, MAIL_OUTBOX: path.join(dir, "outbox"), UPLOAD_DIR: path.join(dir, "uploads") },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain("No demo accounts created (production).");
      const db = new Database(database, { readonly: true });
      try {
        const emails = (db.prepare("SELECT email FROM users").all() as { email: string }[]).map((u) => u.email);
        expect(emails.filter((e) => e.endsWith("@example.org"))).toEqual([]);
        // The configuration a new office needs is still there.
        expect((db.prepare("SELECT count(*) AS n FROM funds").get() as { n: number }).n).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe("secrets", () => {
  it("session and e-mailed-link tokens carry 256 random bits and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => newToken()));
    expect(tokens.size).toBe(1_000);
    for (const token of tokens) expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });
});
