/**
 * Recovery codes: 120 random bits each, so a plain SHA-256 is enough to keep them (nobody can try
 * 2^120 guesses against a stolen hash), and a lookup by hash finds one without comparing secrets.
 */
import crypto from "node:crypto";
import { formatRecoveryCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from "~/domain/accounts/two-factor";

/** One code, unformatted: 15 random bytes as 24 characters of Crockford base32. */
function newRawCode(): string {
  const bytes = crypto.randomBytes((RECOVERY_CODE_LENGTH * 5) / 8);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** A fresh set, formatted for people (abcd-efgh-jkmn-pqrs-tvwx-yz01). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => formatRecoveryCode(newRawCode()));
}

/** The stored form of a code already normalised by `normaliseRecoveryCode`. */
export function hashRecoveryCode(normalised: string): string {
  return crypto.createHash("sha256").update(normalised).digest("hex");
}
