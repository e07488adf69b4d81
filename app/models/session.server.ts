/** Server-side sessions: rows keyed by the SHA-256 of the cookie's random token. */
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { hashToken, newToken } from "~/utils/tokens.server";

/** A session lasts at most this long, however active. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** Creates a session and returns the token for the cookie (never stored). */
export function createSession(tx: WriteTx, userId: number, now: Date): string {
  const token = newToken();
  tx.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
    })
    .run();
  // Expired rows are swept as new ones are made, so the table stays small without a cron job.
  tx.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  return token;
}

export function findSessionUser(token: string, now: Date) {
  const row = getDb()
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, now)))
    .get();
  return row?.user;
}

export function endSession(token: string): void {
  writeTransaction((tx) => {
    tx.delete(sessions).where(eq(sessions.idHash, hashToken(token))).run();
  });
}

export function endAllSessionsForUser(tx: WriteTx, userId: number): void {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function countSessionsForUser(userId: number): number {
  return getDb().select().from(sessions).where(eq(sessions.userId, userId)).all().length;
}
