/**
 * The demo staff accounts' authenticator secrets. Published on purpose, like the demo password, so
 * anyone trying the demo can add an account to their authenticator app (or run
 * `npm run demo:code -- assessor@example.org`) and sign in as staff. Never used outside the demo:
 * demo accounts are refused in production.
 */
import { totpCode, totpStep, TOTP_PERIOD_SECONDS } from "~/domain/accounts/totp";

export const DEMO_TOTP_SECRETS: Readonly<Record<string, string>> = {
  "assessor@example.org": "OCAOXZ3IEXXDORCQRSG4AXGGXAHAOJPV",
  "officer@example.org": "QUB6TBEPH7FFWA4WVKLHMAE6R6TAYPJB",
  "finance@example.org": "V6ACEKRJMXXQESBJ3MHDGHP4T6CJYPS5",
  "admin@example.org": "MFLSMBTIUVLXCBMYX43ZCWYFN5XZJM6Q",
};

export function demoTotpSecret(email: string): string | undefined {
  return DEMO_TOTP_SECRETS[email.toLowerCase()];
}

/** The code a demo account's authenticator shows at `at`, and how many seconds it has left. */
export function demoCode(email: string, at = new Date()): { code: string; secondsLeft: number } | undefined {
  const secret = demoTotpSecret(email);
  if (!secret) return undefined;
  const nextStepAt = (totpStep(at) + 1) * TOTP_PERIOD_SECONDS * 1000;
  return { code: totpCode(secret, at), secondsLeft: Math.ceil((nextStepAt - at.getTime()) / 1000) };
}
