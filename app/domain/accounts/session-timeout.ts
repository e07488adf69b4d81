/**
 * The words and timings of the "you will be signed out soon" warning, shared by the server (which
 * says how long a session has left) and the browser (which counts down). The limits themselves are
 * enforced on the server (models/session.server.ts); the browser only ever asks it.
 */

/** The warning opens this long before the session would end (HMRC and GOV.UK use 5 minutes). */
export const WARNING_BEFORE_MS = 5 * 60 * 1000;
/** While the warning is open, the server is asked this often whether another tab kept the session going. */
export const RECHECK_EVERY_MS = 60 * 1000;

/** Why the session ends when it does: no activity for the idle limit, or the 12-hour limit. */
export type SessionEndReason = "idle" | "absolute";

/** What the server tells the page about its session; `endsInMs` is counted on the server's clock. */
export type SessionTiming = { endsInMs: number; reason: SessionEndReason; idleMinutes: number; maxHours: number };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The visible countdown: whole minutes (rounded up) until the last minute, then seconds. */
export function countdownText(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  return seconds > 60 ? plural(Math.ceil(seconds / 60), "minute") : plural(seconds, "second");
}

/**
 * What a screen reader hears, changed only now and then so it does not talk over the person: once a
 * minute, then every 20 seconds in the last minute. Returns the text for this moment; the live
 * region is only updated when the text changes.
 */
export function announcementText(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  if (seconds > 40) return `We will sign you out in ${plural(Math.ceil(seconds / 60), "minute")}.`;
  return `We will sign you out in ${plural(Math.max(20, Math.ceil(seconds / 20) * 20), "second")}.`;
}
