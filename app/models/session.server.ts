/** Server-side sessions: rows keyed by the SHA-256 of the cookie's random token. */
import { eq, lt } from "drizzle-orm";
import { sessions, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { hashToken, newToken } from "~/utils/tokens.server";

/** A session lasts at most this long, however active. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** A session ends after this long without a request (the page warns five minutes before). */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * Activity is written back at most this often, so a burst of requests does not become a burst of
 * writes; the idle limit can therefore end up to this much sooner than a page last loaded + 30 min.
 */
const TOUCH_EVERY_MS = 15 * 1000;

export type ActiveSession = {
  user: typeof users.$inferSelect;
  /** When the session passed its second factor; null while it still waits for a code. */
  secondFactorAt: Date | null;
  createdAt: Date;
  /** The earlier of the idle and absolute limits, after this request's activity. */
  endsAt: Date;
};

/**
 * Creates a session and returns the token for the cookie (never stored). `secondFactorAt` is set
 * when the person has already passed a second factor (or, for tests and benchmarks, is taken to).
 */
export function createSession(tx: WriteTx, userId: number, now: Date, secondFactorAt: Date | null = null): string {
  const token = newToken();
  tx.insert(sessions)
    .values({
      idHash: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
      secondFactorAt,
    })
    .run();
  // Expired rows are swept as new ones are made, so the table stays small without a cron job.
  tx.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  return token;
}

/**
 * The live session for a token, counting this request as activity unless `touch` is false (a
 * status check must not keep a session alive). A session idle for
 * SESSION_IDLE_MS or older than SESSION_MAX_AGE_MS is deleted and not returned.
 */
export function findActiveSession(token: string, now: Date, { touch = true } = {}): ActiveSession | undefined {
  const idHash = hashToken(token);
  const row = getDb()
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .get();
  if (!row) return undefined;
  const { session } = row;
  const idleSince = now.getTime() - session.lastSeenAt.getTime();
  // A person whose access was removed has no session, even one that slipped past its ending.
  if (session.expiresAt <= now || row.user.accessRemovedAt) {
    writeTransaction((tx) => tx.delete(sessions).where(eq(sessions.idHash, idHash)).run());
    return undefined;
  }
  // An idle session is over but its row stays (swept at its 12-hour end), so answers posted after it
  // ended can be kept for their owner alone (findEndedSessionOwner).
  if (idleSince >= SESSION_IDLE_MS) return undefined;
  let lastSeenAt = session.lastSeenAt;
  if (touch && idleSince >= TOUCH_EVERY_MS) {
    lastSeenAt = now;
    writeTransaction((tx) => tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run());
  }
  const idleEnd = lastSeenAt.getTime() + SESSION_IDLE_MS;
  return {
    user: row.user,
    secondFactorAt: session.secondFactorAt,
    createdAt: session.createdAt,
    endsAt: new Date(Math.min(idleEnd, session.expiresAt.getTime())),
  };
}

/** Whose session this token was, live or ended but not yet swept; undefined for an unknown token. */
export function findEndedSessionOwner(token: string): number | undefined {
  return getDb().select({ userId: sessions.userId }).from(sessions).where(eq(sessions.idHash, hashToken(token))).get()?.userId;
}

export function findSessionUser(token: string, now: Date) {
  return findActiveSession(token, now)?.user;
}

/**
 * Replaces a session with a new token (the old one stops working at once), keeping its owner,
 * start and absolute end, and recording the second factor. Called when a session gains privilege,
 * so a token seen before the code was typed is worthless afterwards. Returns the new token.
 */
export function rotateSession(tx: WriteTx, oldToken: string, now: Date, secondFactorAt: Date | null): string {
  const oldHash = hashToken(oldToken);
  const old = tx.select().from(sessions).where(eq(sessions.idHash, oldHash)).get();
  if (!old) throw new Error("rotateSession: the session has ended");
  tx.delete(sessions).where(eq(sessions.idHash, oldHash)).run();
  const token = newToken();
  tx.insert(sessions)
    .values({ idHash: hashToken(token), userId: old.userId, createdAt: old.createdAt, lastSeenAt: now, expiresAt: old.expiresAt, secondFactorAt })
    .run();
  return token;
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
