/**
 * Two-factor sign-in rules, with no I/O: who must have an authenticator, when a session counts as
 * fully signed in, what a typed code looks like, the form schemas and the wrong-code lock-out.
 * The TOTP maths is in ./totp; secrets, hashes and the database are in the server modules.
 */
import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./schemas";
import type { Role } from "./roles";

/** Everyone but applicants sees bids or money, so must use a second factor; applicants may opt in. */
export function mustUseTwoFactor(role: Role): boolean {
  return role !== "applicant";
}

/**
 * Where a signed-in session stands:
 * - "awaiting_code": the password was right, but the person has an authenticator and this session
 *   has not yet passed it (or passed an authenticator that has since been replaced);
 * - "needs_set_up": staff without an authenticator, who may only set one up (or sign out);
 * - "complete": fully signed in.
 */
export type SignInStage = "awaiting_code" | "needs_set_up" | "complete";

export function signInStage(input: { role: Role; totpConfirmedAt: Date | null; secondFactorAt: Date | null }): SignInStage {
  if (input.totpConfirmedAt) {
    return input.secondFactorAt && input.secondFactorAt.getTime() >= input.totpConfirmedAt.getTime() ? "complete" : "awaiting_code";
  }
  return mustUseTwoFactor(input.role) ? "needs_set_up" : "complete";
}

/** Recovery codes: shown as six groups of four characters. */
export const RECOVERY_CODE_COUNT = 10;
/** 24 Crockford base32 characters: 120 random bits, enough for a plain SHA-256 to keep them (ASVS 6.5.2 asks 112). */
export const RECOVERY_CODE_LENGTH = 24;
export const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function formatRecoveryCode(raw: string): string {
  return raw.match(/.{1,4}/g)!.join("-");
}

/**
 * A recovery code as typed, in the one form that is hashed: lower case, no spaces or hyphens, and
 * the letters people confuse with digits read as Crockford base32 does (o as 0, i and l as 1).
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input
    .toLowerCase()
    .replace(/[\s-]/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return compact.length === RECOVERY_CODE_LENGTH && [...compact].every((c) => RECOVERY_ALPHABET.includes(c)) ? compact : null;
}

export type TypedCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string };

/** What someone typed on the code page: an authenticator code, a recovery code, or neither. */
export function classifyCode(input: string): TypedCode | null {
  const digits = input.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) return { kind: "totp", code: digits };
  const recovery = normaliseRecoveryCode(input);
  return recovery ? { kind: "recovery", code: recovery } : null;
}

/** The secret shown as text for people who cannot scan the QR code, in groups of four. */
export function groupSecret(base32: string): string {
  return base32.match(/.{1,4}/g)!.join(" ");
}

export const ENTER_CODE = "Enter the 6-digit code from your authenticator app";
export const CODE_OR_RECOVERY_FORMAT = "Enter the 6-digit code from your authenticator app, or a recovery code like abcd-efgh-jkmn-pqrs-tvwx-yz01";
export const SIX_DIGITS = "The code must be 6 digits";
export const WRONG_CODE = "The code is not correct. Enter the code your authenticator app shows now";
export const REPLAYED_CODE = "That code has already been used. Wait for your authenticator app to show a new code, then enter it";
export const ENTER_PASSWORD = "Enter your password";
export const WRONG_PASSWORD = "Your password is not correct";

const sixDigitCode = z
  .string({ required_error: ENTER_CODE })
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(z.string().min(1, ENTER_CODE).regex(/^\d{6}$/, SIX_DIGITS));

const password = z.string({ required_error: ENTER_PASSWORD }).min(1, ENTER_PASSWORD).max(MAX_PASSWORD_LENGTH);

/** The code page after the password: an authenticator code or one unused recovery code. */
export const signInCodeSchema = z.object({
  code: z
    .string({ required_error: ENTER_CODE })
    .trim()
    .min(1, ENTER_CODE)
    .max(40, CODE_OR_RECOVERY_FORMAT)
    .refine((value) => classifyCode(value) !== null, CODE_OR_RECOVERY_FORMAT),
});

/** Confirming a new authenticator: the sealed secret the page showed, and the code it now makes. */
export const confirmSetUpSchema = z.object({
  setUpToken: z.string().min(1).max(500),
  code: sixDigitCode,
});

/** Replacing an authenticator that is already in force also needs the password. */
export const replaceAuthenticatorSchema = confirmSetUpSchema.extend({ password });

/** New recovery codes, and turning two-factor off (applicants only), ask for the password again. */
export const passwordAgainSchema = z.object({ password });

/**
 * Wrong-code lock-out: 5 wrong codes for one person within 15 minutes, with no right one between,
 * end the half-signed-in session and refuse codes for 15 minutes from the last wrong one. Counted
 * per person, not per session, so signing in again with the password does not buy more guesses.
 */
export const MAX_CODE_FAILURES = 5;
export const CODE_WINDOW_MS = 15 * 60 * 1000;
export const CODE_LOCK_MS = 15 * 60 * 1000;

export type CodeAttempt = { at: Date; succeeded: boolean };

/** When codes are refused, the instant they are accepted again; otherwise null. `attempts` newest first. */
export function codeLockedUntil(attempts: readonly CodeAttempt[], now: Date): Date | null {
  const failures: number[] = [];
  for (const attempt of attempts) {
    if (attempt.succeeded) break;
    failures.push(attempt.at.getTime());
    if (failures.length === MAX_CODE_FAILURES) break;
  }
  if (failures.length < MAX_CODE_FAILURES) return null;
  if (failures[0] - failures[MAX_CODE_FAILURES - 1] > CODE_WINDOW_MS) return null;
  const until = failures[0] + CODE_LOCK_MS;
  return until > now.getTime() ? new Date(until) : null;
}
