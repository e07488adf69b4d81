/** Random secrets for cookies and e-mailed links. Only their SHA-256 is ever stored. */
import crypto from "node:crypto";

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
