/** Password reset by e-mailed link: single use, valid for one hour, only the token's hash stored. */
import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResets } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { hashToken, newToken } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { changePassword, findUserByEmail } from "./user.server";

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

/** A reset token for the account with this e-mail, or null when there is none (say nothing). */
export function createPasswordReset(email: string, now: Date): { token: string; name: string; email: string } | null {
  const user = findUserByEmail(email);
  if (!user) return null;
  const token = newToken();
  writeTransaction((tx) => {
    tx.insert(passwordResets)
      .values({ tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS) })
      .run();
    recordAudit(tx, { at: now, actorUserId: user.id, action: "account.password_reset_requested", subjectType: "user", subjectId: user.id });
  });
  return { token, name: user.name, email: user.email };
}

export function findUsablePasswordReset(token: string, now: Date) {
  return getDb()
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .get();
}

/** Uses the token once: sets the new password and ends every session. False if the link is spent. */
export function completePasswordReset(token: string, passwordHash: string, now: Date): number | null {
  return writeTransaction((tx) => {
    const reset = tx
      .select()
      .from(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .get();
    if (!reset) return null;
    tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.userId, reset.userId)).run();
    changePassword(tx, reset.userId, passwordHash, now, "account.password_reset");
    return reset.userId;
  });
}
