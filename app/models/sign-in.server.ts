/** Checks an e-mail and password against the account, its lock-out, and records the attempt. */
import { writeTransaction } from "#db/client";
import { lockedUntil } from "~/domain/accounts/throttle";
import { decoyPasswordHash, verifyPassword } from "~/utils/password.server";
import { recentSignInAttempts, recordSignInAttempt } from "./sign-in-attempt.server";
import { findUserByEmail, type User } from "./user.server";
import { recordAudit } from "./audit.server";

export type SignInResult = { ok: true; user: User } | { ok: false; reason: "wrong" | "access_removed" } | { ok: false; reason: "locked"; until: Date };

export async function attemptSignIn(email: string, password: string, now: () => Date): Promise<SignInResult> {
  const locked = lockedUntil(recentSignInAttempts(email, now()), now());
  if (locked) return { ok: false, reason: "locked", until: locked };

  const user = findUserByEmail(email);
  // Verify against a decoy when there is no such account, so the answer takes as long either way.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  // Only someone who knows the password learns that access was removed, so nothing is given away.
  const removed = Boolean(user && valid && user.accessRemovedAt);
  const succeeded = Boolean(user && valid) && !removed;
  const at = now();
  writeTransaction((tx) => {
    recordSignInAttempt(tx, email, succeeded, at);
    if (user) {
      recordAudit(tx, {
        at,
        actorUserId: user.id,
        action: succeeded ? "account.signed_in" : "account.sign_in_failed",
        subjectType: "user",
        subjectId: user.id,
        ...(removed ? { after: { reason: "access_removed" } } : {}),
      });
    }
  });
  if (succeeded && user) return { ok: true, user };
  if (removed) return { ok: false, reason: "access_removed" };
  const nowLocked = lockedUntil(recentSignInAttempts(email, at), at);
  return nowLocked ? { ok: false, reason: "locked", until: nowLocked } : { ok: false, reason: "wrong" };
}
