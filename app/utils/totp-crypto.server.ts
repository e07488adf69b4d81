/**
 * Two-factor secrets at rest and in flight, under AES-256-GCM with the server's TOTP_ENCRYPTION_KEY:
 * - a confirmed secret is stored encrypted, bound to its user row (a copied ciphertext does not
 *   decrypt for another person), so a copy of the database alone cannot mint codes;
 * - a secret being set up travels in the set-up form, sealed with the person's id and the time, so
 *   showing the QR code writes nothing (no GET changes state) and the secret cannot be swapped.
 */
import crypto from "node:crypto";
import { totpEncryptionKey } from "./env.server";

// Read when the server build loads, so production without its own key refuses to start instead of
// failing at the first staff sign-in (see env.server.ts).
const KEY = totpEncryptionKey();

const STORED_PREFIX = "v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** How long a set-up form stays usable: the idle limit of a session. */
export const SET_UP_TTL_MS = 30 * 60 * 1000;

function seal(plaintext: string, context: string): Buffer {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plaintext, or null if the bytes were altered, belong to another context or another key. */
function open(sealed: Buffer, context: string): string | null {
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The value for users.totp_secret. */
export function encryptTotpSecret(secretBase32: string, userId: number): string {
  return STORED_PREFIX + seal(secretBase32, `totp-secret:${userId}`).toString("base64");
}

/**
 * The base32 secret from users.totp_secret. Throws when it cannot be read (a changed key): that is
 * a server fault to fix, not a wrong code to count against the person.
 */
export function decryptTotpSecret(stored: string, userId: number): string {
  const secret = stored.startsWith(STORED_PREFIX) ? open(Buffer.from(stored.slice(STORED_PREFIX.length), "base64"), `totp-secret:${userId}`) : null;
  if (secret === null) throw new Error(`The two-factor secret of user ${userId} cannot be decrypted: has TOTP_ENCRYPTION_KEY changed?`);
  return secret;
}

/** A new secret sealed for the set-up form of this person. */
export function sealSetUp(secretBase32: string, userId: number, issuedAt: Date): string {
  return seal(JSON.stringify({ s: secretBase32, t: issuedAt.getTime() }), `totp-set-up:${userId}`).toString("base64url");
}

/** The secret from a set-up form, if it was sealed for this person within SET_UP_TTL_MS. */
export function openSetUp(token: string, userId: number, now: Date): string | null {
  const json = open(Buffer.from(token, "base64url"), `totp-set-up:${userId}`);
  if (json === null) return null;
  const { s, t } = JSON.parse(json) as { s: string; t: number };
  const age = now.getTime() - t;
  return age >= 0 && age <= SET_UP_TTL_MS ? s : null;
}
