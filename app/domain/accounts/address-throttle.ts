/**
 * Per-address throttling of the forms that anyone may post without being signed in: sign-in (and
 * its two-factor code), sign-up, and the two password-reset forms. Each counts attempts from one
 * network address in a sliding window; once the limit is reached the form answers 429 until the
 * oldest attempt in the window has aged out. Refused attempts are not counted, so the wait a person
 * is told is the wait they get. Pure rules: the counting itself is in models/throttle.server.ts.
 *
 * This is a second line behind the per-account lock-out (throttle.ts): it slows one address trying
 * many accounts, creating accounts in bulk, or making the portal send reset e-mails to strangers.
 */
import { formatLondonDateTime } from "~/domain/time/london";

/** Each form that is throttled has its own bucket, so a reset request does not use up sign-ins. */
export const THROTTLED_FORMS = ["sign-in", "two-factor", "sign-up", "reset-request", "reset-password"] as const;
export type ThrottledForm = (typeof THROTTLED_FORMS)[number];

export type ThrottleLimit = { max: number; windowMs: number };

/** The three settings (see app/utils/env.server.ts); the two-factor code and the new-password form share a setting with their first step. */
export type ThrottleSetting = "sign-in" | "sign-up" | "password-reset";

export const SETTING_FOR: Record<ThrottledForm, ThrottleSetting> = {
  "sign-in": "sign-in",
  "two-factor": "sign-in",
  "sign-up": "sign-up",
  "reset-request": "password-reset",
  "reset-password": "password-reset",
};

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/**
 * Generous enough for an office of staff behind one address signing in on a Monday morning, tight
 * enough that guessing passwords across many accounts, mass sign-up or mail-bombing through the
 * reset form gets nowhere. Each can be changed, or turned off, by a setting.
 */
export const DEFAULT_LIMITS: Record<ThrottleSetting, ThrottleLimit> = {
  "sign-in": { max: 20, windowMs: 10 * MINUTE },
  "sign-up": { max: 10, windowMs: HOUR },
  "password-reset": { max: 5, windowMs: HOUR },
};

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR };

/**
 * A limit as written in a setting: "20/10m" (20 attempts per 10 minutes), "5/1h", "100/30s", or
 * "off". Null for anything else, so a typo fails at start-up rather than silently opening the door.
 */
export function parseLimit(text: string): ThrottleLimit | "off" | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "off") return "off";
  const match = /^(\d{1,6})\s*\/\s*(\d{1,6})\s*([smh])$/.exec(trimmed);
  if (!match) return null;
  const max = Number(match[1]);
  const windowMs = Number(match[2]) * UNITS[match[3]];
  return max > 0 && windowMs > 0 ? { max, windowMs } : null;
}

/** Expands an IPv6 address to its eight groups, or null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const bytes = v4.slice(1).map(Number);
    if (bytes.some((b) => b > 255)) return null;
    text = `${text.slice(0, v4.index)}${((bytes[0] << 8) | bytes[1]).toString(16)}:${((bytes[2] << 8) | bytes[3]).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

/**
 * The key an address is counted under. IPv4 as is; an IPv4 address seen through an IPv6 socket
 * (::ffff:192.0.2.1) as the IPv4 address; IPv6 by its /64 network, because one home or office is
 * usually given a whole /64 and could otherwise step round the limit by changing address. No
 * address (a handler called outside the HTTP edge) is "unknown": one shared bucket, so the limit
 * still holds rather than being skipped.
 */
export function addressKey(address: string | undefined | null): string {
  const text = (address ?? "").trim().replace(/%.*$/, "");
  if (text === "") return "unknown";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
  const groups = ipv6Groups(text);
  if (!groups) return "unknown";
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

export function bucketFor(form: ThrottledForm, address: string | undefined | null): string {
  return `${form}:${addressKey(address)}`;
}

/** Whole seconds until `retryAt`, never less than 1 (a Retry-After of 0 invites a tight loop). */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/**
 * The error-summary message: what happened and when to try again, in UK time. Times are shown to
 * the minute, so the minute is rounded up: "after 10:25am" must never be too early.
 */
export function throttledMessage(retryAt: Date): string {
  const shown = new Date(Math.ceil(retryAt.getTime() / 60_000) * 60_000);
  return `There have been too many attempts from your network. Try again after ${formatLondonDateTime(shown)}`;
}
