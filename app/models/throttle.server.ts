/**
 * Counting attempts per bucket ("sign-in:203.0.113.7") in `throttle_hits`: a sliding-window log.
 * The check and the count happen in one write transaction (BEGIN IMMEDIATE), so two requests racing
 * for the last place cannot both get it.
 */
import { and, asc, count, eq, gt, lt, lte } from "drizzle-orm";
import { throttleHits } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import type { ThrottleLimit } from "~/domain/accounts/address-throttle";

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/** Every this many inserts, rows older than the longest window are swept from every bucket. */
const SWEEP_EVERY = 100;

/**
 * Records an attempt in `bucket` and allows it, or refuses it (recording nothing) when `limit.max`
 * attempts already fall in the window ending now. `keepForMs` is the longest window in use: rows
 * older than that can never count again and are swept as we go, the bucket's own on every call and
 * the whole table now and then, so the table stays small without a cron job.
 */
export function recordAttempt(bucket: string, limit: ThrottleLimit, now: Date, keepForMs: number): ThrottleVerdict {
  const windowStart = new Date(now.getTime() - limit.windowMs);
  return writeTransaction((tx) => {
    tx.delete(throttleHits)
      .where(and(eq(throttleHits.bucket, bucket), lte(throttleHits.at, windowStart)))
      .run();
    // Rows stamped later than now only exist when a clock was moved back; they do not count.
    const inWindow = and(eq(throttleHits.bucket, bucket), gt(throttleHits.at, windowStart), lte(throttleHits.at, now));
    const used = tx.select({ n: count() }).from(throttleHits).where(inWindow).get()?.n ?? 0;
    if (used >= limit.max) {
      // The attempt that must age out before one more is allowed (the oldest, unless the limit
      // was lowered while more than `max` attempts were in the window).
      const blocking = tx
        .select({ at: throttleHits.at })
        .from(throttleHits)
        .where(inWindow)
        .orderBy(asc(throttleHits.at), asc(throttleHits.id))
        .limit(1)
        .offset(used - limit.max)
        .get()!;
      return { allowed: false, retryAt: new Date(blocking.at.getTime() + limit.windowMs) };
    }
    const { id } = tx.insert(throttleHits).values({ bucket, at: now }).returning({ id: throttleHits.id }).get();
    if (id % SWEEP_EVERY === 0) {
      tx.delete(throttleHits)
        .where(lt(throttleHits.at, new Date(now.getTime() - keepForMs)))
        .run();
    }
    return { allowed: true };
  });
}

/** Attempts counted in a bucket's window (for tests and support). */
export function attemptsInWindow(bucket: string, windowMs: number, now: Date): number {
  const windowStart = new Date(now.getTime() - windowMs);
  return (
    getDb()
      .select({ n: count() })
      .from(throttleHits)
      .where(and(eq(throttleHits.bucket, bucket), gt(throttleHits.at, windowStart), lte(throttleHits.at, now)))
      .get()?.n ?? 0
  );
}
