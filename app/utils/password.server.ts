/**
 * Password hashing with argon2id at the OWASP Password Storage Cheat Sheet's recommended minimum
 * (19 MiB memory, 2 iterations, 1 degree of parallelism), and the common-password rule.
 */
import argon2 from "argon2";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the e-mail is unknown, so timing does not reveal who has an account. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword("decoy-password-never-used");
  return decoyHash;
}

type CommonPasswordList = { test(password: string): boolean };
let commonList: CommonPasswordList | undefined;

/** True for passwords on Mozilla's list of the most common passwords (fxa-common-password-list). */
export function isCommonPassword(password: string): boolean {
  commonList ??= require("fxa-common-password-list") as CommonPasswordList;
  return commonList.test(password.toLowerCase()) || commonList.test(password);
}

export const COMMON_PASSWORD_MESSAGE =
  "Password is too easy to guess because it is on a list of common passwords. Choose a different password";
