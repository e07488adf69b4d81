/**
 * Two-factor sign-in in the database: turning an authenticator on (with recovery codes), passing
 * the second factor in a session, new recovery codes, turning it off (applicants) and an admin's
 * reset (staff). Each change and its audit event commit together; codes are checked inside the
 * same write transaction that records them, so two requests cannot both use one code.
 */
import { and, desc, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import { auditEvents, recoveryCodes, sessions, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { checkTotp } from "~/domain/accounts/totp";
import { codeLockedUntil, CODE_WINDOW_MS, MAX_CODE_FAILURES, normaliseRecoveryCode, type TypedCode } from "~/domain/accounts/two-factor";
import { hashRecoveryCode, newRecoveryCodes } from "~/utils/recovery-codes.server";
import { hashToken } from "~/utils/tokens.server";
import { decryptTotpSecret, encryptTotpSecret } from "~/utils/totp-crypto.server";
import { recordAudit } from "./audit.server";
import { endAllSessionsForUser, rotateSession } from "./session.server";

/** Audit actions that count towards, or clear, the wrong-code lock-out. */
const CODE_FAILED = "account.second_factor_failed";
const CODE_PASSED = "account.second_factor_passed";
const RECOVERY_USED = "account.recovery_code_used";

export type TwoFactorSummary = { confirmedAt: Date | null; recoveryCodesLeft: number };

export function twoFactorSummary(userId: number): TwoFactorSummary {
  const user = getDb().select({ confirmedAt: users.totpConfirmedAt }).from(users).where(eq(users.id, userId)).get();
  return { confirmedAt: user?.confirmedAt ?? null, recoveryCodesLeft: unusedRecoveryCodes(getDb(), userId) };
}

function unusedRecoveryCodes(db: Pick<WriteTx, "select">, userId: number): number {
  return db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** Replaces a person's recovery codes with a new set and returns them: the only time they exist in plain text. */
function replaceRecoveryCodes(tx: WriteTx, userId: number, now: Date): string[] {
  const codes = newRecoveryCodes();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code)!), createdAt: now })))
    .run();
  return codes;
}

/**
 * Marks a session as having passed the second factor, under a new token (ASVS 7.2.4: a token that
 * existed before the code was typed must not carry the new privilege). Returns the new token.
 */
function passSession(tx: WriteTx, sessionToken: string, now: Date): string {
  return rotateSession(tx, sessionToken, now, now);
}

/**
 * Puts an authenticator in force: the encrypted secret, confirmed now, with `step` as the last code
 * used (so the code that confirmed it cannot sign in again) and a new set of recovery codes, which
 * it returns. Used by set-up after the code is checked, and by the demo seed and test factories.
 */
export function activateTwoFactor(
  tx: WriteTx,
  input: { userId: number; secret: string; step: number | null; now: Date; action?: string; actorUserId?: number },
): string[] {
  const before = tx.select({ confirmedAt: users.totpConfirmedAt }).from(users).where(eq(users.id, input.userId)).get();
  tx.update(users)
    .set({ totpSecret: encryptTotpSecret(input.secret, input.userId), totpConfirmedAt: input.now, totpLastStep: input.step })
    .where(eq(users.id, input.userId))
    .run();
  const codes = replaceRecoveryCodes(tx, input.userId, input.now);
  recordAudit(tx, {
    at: input.now,
    actorUserId: input.actorUserId ?? input.userId,
    action: input.action ?? (before?.confirmedAt ? "account.two_factor_replaced" : "account.two_factor_set_up"),
    subjectType: "user",
    subjectId: input.userId,
    before: before?.confirmedAt ? { confirmedAt: before.confirmedAt.toISOString() } : null,
    after: { confirmedAt: input.now.toISOString(), recoveryCodes: codes.length },
  });
  return codes;
}

export type SetUpResult = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "wrong" };

/**
 * Confirms a new authenticator with the code it shows now. This session has just proved it, so it
 * counts as past the second factor; the person's other sessions must pass the new one.
 */
export function confirmTwoFactor(input: { userId: number; secret: string; code: string; sessionToken: string; now: Date }): SetUpResult {
  const check = checkTotp(input.secret, input.code, input.now, null);
  if (!check.ok) return { ok: false, reason: "wrong" };
  return writeTransaction((tx) => {
    const codes = activateTwoFactor(tx, { userId: input.userId, secret: input.secret, step: check.step, now: input.now });
    // Marked, not replaced: the recovery codes are shown in the answer to this POST, and without
    // JavaScript the page's loaders run in that same request, with the cookie it came with.
    tx.update(sessions).set({ secondFactorAt: input.now }).where(eq(sessions.idHash, hashToken(input.sessionToken))).run();
    return { ok: true, recoveryCodes: codes };
  });
}

/** Recent code attempts, newest first, from the audit trail (which records every one anyway). */
function recentCodeAttempts(db: Pick<WriteTx, "select">, userId: number, now: Date) {
  return db
    .select({ at: auditEvents.at, action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.subjectType, "user"),
        eq(auditEvents.subjectId, String(userId)),
        inArray(auditEvents.action, [CODE_FAILED, CODE_PASSED, RECOVERY_USED]),
        gt(auditEvents.at, new Date(now.getTime() - 2 * CODE_WINDOW_MS)),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(MAX_CODE_FAILURES)
    .all()
    .map((row) => ({ at: row.at, succeeded: row.action !== CODE_FAILED }));
}

/** When this person may enter codes again after too many wrong ones; null if they may now. */
export function secondFactorLockedUntil(userId: number, now: Date): Date | null {
  return codeLockedUntil(recentCodeAttempts(getDb(), userId, now), now);
}

export type SecondFactorResult =
  | { ok: true; method: "totp"; sessionToken: string }
  | { ok: true; method: "recovery"; recoveryCodesLeft: number; sessionToken: string }
  /** `lockedUntil` is set when this wrong code was one too many: the session has been ended. */
  | { ok: false; reason: "wrong" | "replayed"; lockedUntil: Date | null }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * Checks a code typed after the password, for a half-signed-in session. A right code passes the
 * session; a wrong one is recorded, and the one that reaches the limit ends the session.
 */
export function passSecondFactor(input: { userId: number; sessionToken: string; typed: TypedCode; now: Date }): SecondFactorResult {
  const { userId, now } = input;
  return writeTransaction((tx): SecondFactorResult => {
    const locked = codeLockedUntil(recentCodeAttempts(tx, userId, now), now);
    if (locked) return { ok: false, reason: "locked", lockedUntil: locked };
    const user = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!user?.totpSecret || !user.totpConfirmedAt) throw new Error(`User ${userId} has no authenticator to check`);

    let failure: "wrong" | "replayed" = "wrong";
    if (input.typed.kind === "totp") {
      const check = checkTotp(decryptTotpSecret(user.totpSecret, userId), input.typed.code, now, user.totpLastStep);
      if (check.ok) {
        tx.update(users).set({ totpLastStep: check.step }).where(eq(users.id, userId)).run();
        const sessionToken = passSession(tx, input.sessionToken, now);
        recordAudit(tx, { at: now, actorUserId: userId, action: CODE_PASSED, subjectType: "user", subjectId: userId });
        return { ok: true, method: "totp", sessionToken };
      }
      failure = check.reason;
    } else {
      const used = tx
        .update(recoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(input.typed.code)), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id })
        .all();
      if (used.length > 0) {
        const sessionToken = passSession(tx, input.sessionToken, now);
        const left = unusedRecoveryCodes(tx, userId);
        recordAudit(tx, { at: now, actorUserId: userId, action: RECOVERY_USED, subjectType: "user", subjectId: userId, after: { recoveryCodesLeft: left } });
        return { ok: true, method: "recovery", recoveryCodesLeft: left, sessionToken };
      }
    }

    recordAudit(tx, { at: now, actorUserId: userId, action: CODE_FAILED, subjectType: "user", subjectId: userId, after: { kind: input.typed.kind, reason: failure } });
    const lockedNow = codeLockedUntil(recentCodeAttempts(tx, userId, now), now);
    if (lockedNow) tx.delete(sessions).where(eq(sessions.idHash, hashToken(input.sessionToken))).run();
    return { ok: false, reason: failure, lockedUntil: lockedNow };
  });
}

/** A new set of recovery codes; every earlier one stops working. */
export function regenerateRecoveryCodes(userId: number, now: Date): string[] {
  return writeTransaction((tx) => {
    const codes = replaceRecoveryCodes(tx, userId, now);
    recordAudit(tx, { at: now, actorUserId: userId, action: "account.recovery_codes_regenerated", subjectType: "user", subjectId: userId, after: { recoveryCodes: codes.length } });
    return codes;
  });
}

function clearTwoFactor(tx: WriteTx, userId: number): void {
  tx.update(users).set({ totpSecret: null, totpConfirmedAt: null, totpLastStep: null }).where(eq(users.id, userId)).run();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
}

/** An applicant turning their authenticator off (staff cannot: the caller checks the role too). */
export function turnOffTwoFactor(userId: number, now: Date): boolean {
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(and(eq(users.id, userId), eq(users.role, "applicant"))).get();
    if (!user?.totpConfirmedAt) return false;
    clearTwoFactor(tx, userId);
    recordAudit(tx, {
      at: now,
      actorUserId: userId,
      action: "account.two_factor_turned_off",
      subjectType: "user",
      subjectId: userId,
      before: { confirmedAt: user.totpConfirmedAt.toISOString() },
    });
    return true;
  });
}

/**
 * An administrator's reset for a member of staff who lost their authenticator: the secret and
 * recovery codes go, every session of theirs ends, and the next sign-in asks them to set one up.
 * False when there is no such member of staff (applicants are not reset here).
 */
export function resetStaffTwoFactor(adminId: number, userId: number, now: Date): boolean {
  return writeTransaction((tx) => {
    const user = tx.select().from(users).where(and(eq(users.id, userId), ne(users.role, "applicant"))).get();
    if (!user) return false;
    clearTwoFactor(tx, userId);
    endAllSessionsForUser(tx, userId);
    recordAudit(tx, {
      at: now,
      actorUserId: adminId,
      action: "staff.two_factor_reset",
      subjectType: "user",
      subjectId: userId,
      before: { confirmedAt: user.totpConfirmedAt?.toISOString() ?? null },
      after: { confirmedAt: null },
    });
    return true;
  });
}

/** Staff and whether each has an authenticator in force, for the admin's staff page. */
export function staffTwoFactorStatus(): Map<number, Date | null> {
  const rows = getDb().select({ id: users.id, confirmedAt: users.totpConfirmedAt }).from(users).where(ne(users.role, "applicant")).all();
  return new Map(rows.map((r) => [r.id, r.confirmedAt]));
}

/** One member of staff, for the admin's reset page; undefined for applicants and missing people. */
export function findStaffForReset(userId: number) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, confirmedAt: users.totpConfirmedAt })
    .from(users)
    .where(and(eq(users.id, userId), ne(users.role, "applicant")))
    .get();
}
