/** Sign-in attempts per e-mail address, for the account lock-out rule in domain/accounts/throttle. */
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { signInAttempts } from "#db/schema";
import { getDb, type WriteTx } from "#db/client";
import { THROTTLE_WINDOW_MS } from "~/domain/accounts/throttle";

export function recordSignInAttempt(tx: WriteTx, email: string, succeeded: boolean, at: Date): void {
  tx.insert(signInAttempts).values({ email, succeeded, at }).run();
  // Attempts older than two windows no longer matter to any rule.
  tx.delete(signInAttempts)
    .where(and(eq(signInAttempts.email, email), lt(signInAttempts.at, new Date(at.getTime() - 2 * THROTTLE_WINDOW_MS))))
    .run();
}

/** The recent attempts on this address, newest first. */
export function recentSignInAttempts(email: string, now: Date) {
  return getDb()
    .select({ at: signInAttempts.at, succeeded: signInAttempts.succeeded })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), gt(signInAttempts.at, new Date(now.getTime() - 2 * THROTTLE_WINDOW_MS))))
    .orderBy(desc(signInAttempts.at), desc(signInAttempts.id))
    .all();
}
