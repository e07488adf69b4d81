/**
 * Time-based one-time passwords (RFC 6238) through otpauth: 30-second steps, 6 digits, SHA-1, which
 * is what every common authenticator app expects from an otpauth:// link (Google Authenticator
 * ignores other algorithms). A code from one step either side is accepted, for clocks that drift
 * and people who type slowly; a step, once accepted, is never accepted again (no replays).
 * Pure: time is passed in.
 */
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_ALGORITHM = "SHA1";
/** Steps either side of now that are accepted. */
export const TOTP_WINDOW = 1;
/** The name authenticator apps show above the code. */
export const TOTP_ISSUER = "Community safety grants";

function totp(secretBase32: string, label = "") {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random secret: 20 bytes (160 bits, as RFC 4226 recommends for SHA-1), as base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// link an authenticator app reads from the QR code (or opens on a phone). */
export function otpauthUri(secretBase32: string, accountName: string): string {
  return totp(secretBase32, accountName).toString();
}

/** The 30-second step an instant falls in. */
export function totpStep(at: Date): number {
  return TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: at.getTime() });
}

/** The code an authenticator shows at an instant (tests and `npm run demo:code` use this). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a 6-digit code at `at`. `lastStep` is the last step this person used (null for a new
 * secret): a code for that step or an earlier one is a replay, even within the window.
 */
export function checkTotp(secretBase32: string, code: string, at: Date, lastStep: number | null): TotpCheck {
  const delta = totp(secretBase32).validate({ token: code, timestamp: at.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = totpStep(at) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}
