/**
 * Account lock-out: after 10 failed sign-ins on one account within 15 minutes, refuse further
 * attempts for 15 minutes from the last of them. A successful sign-in clears the count. Refused
 * attempts are not recorded, so the lock is not extended by someone hammering it.
 */
export const MAX_FAILURES = 10;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_DURATION_MS = 15 * 60 * 1000;

export type Attempt = { at: Date; succeeded: boolean };

/** When the account is locked, the instant it unlocks; otherwise null. `attempts` newest first. */
export function lockedUntil(attempts: readonly Attempt[], now: Date): Date | null {
  const failures: Date[] = [];
  for (const attempt of attempts) {
    if (attempt.succeeded) break;
    failures.push(attempt.at);
    if (failures.length === MAX_FAILURES) break;
  }
  if (failures.length < MAX_FAILURES) return null;
  const newest = failures[0].getTime();
  const oldest = failures[MAX_FAILURES - 1].getTime();
  if (newest - oldest > THROTTLE_WINDOW_MS) return null;
  const until = newest + LOCK_DURATION_MS;
  return until > now.getTime() ? new Date(until) : null;
}
