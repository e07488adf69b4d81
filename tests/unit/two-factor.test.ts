/** The pure parts of two-factor sign-in: TOTP maths, code shapes, stages, lock-out, keys and sealing. */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from "~/domain/accounts/totp";
import {
  classifyCode,
  codeLockedUntil,
  confirmSetUpSchema,
  formatRecoveryCode,
  groupSecret,
  mustUseTwoFactor,
  normaliseRecoveryCode,
  signInCodeSchema,
  signInStage,
  SIX_DIGITS,
  ENTER_CODE,
} from "~/domain/accounts/two-factor";
import { ROLES } from "~/domain/accounts/roles";
import { decodeKey, DEVELOPMENT_TOTP_ENCRYPTION_KEY, totpEncryptionKey } from "~/utils/env.server";
import { hashRecoveryCode, newRecoveryCodes } from "~/utils/recovery-codes.server";
import { decryptTotpSecret, encryptTotpSecret, openSetUp, sealSetUp } from "~/utils/totp-crypto.server";
import { DEMO_TOTP_SECRETS, demoCode } from "../../scripts/seed/demo-two-factor";

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", whose 8-digit codes end in these 6.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

describe("TOTP", () => {
  it.each(RFC_VECTORS)("at %i seconds the code is %s (RFC 6238, SHA-1, 30 s, 6 digits)", (seconds, code) => {
    expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
    expect(checkTotp(RFC_SECRET, code, new Date(seconds * 1000), null)).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });

  it("accepts one step either side of now and no further", () => {
    const at = new Date(1_800_000_000_000);
    const step = totpStep(at);
    for (const offset of [-1, 0, 1]) {
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + offset * 30_000)), at, null)).toEqual({ ok: true, step: step + offset });
    }
    for (const offset of [-2, 2]) {
      expect(checkTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(at.getTime() + offset * 30_000)), at, null)).toEqual({ ok: false, reason: "wrong" });
    }
  });

  it("refuses a step already used, or any earlier one, as a replay", () => {
    const at = new Date(1_800_000_000_000);
    const step = totpStep(at);
    const now = totpCode(RFC_SECRET, at);
    expect(checkTotp(RFC_SECRET, now, at, step)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, now, at, step + 1)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, now, at, step - 1)).toEqual({ ok: true, step });
    expect(checkTotp(RFC_SECRET, "000000", at, null).ok).toBe(totpCode(RFC_SECRET, at) === "000000");
  });

  it("makes 160-bit base32 secrets and an otpauth:// link authenticator apps read", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(otpauthUri(secret, "officer@example.org"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Community safety grants:officer@example.org");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ issuer: "Community safety grants", secret, algorithm: "SHA1", digits: "6", period: "30" });
  });
});

describe("who must use two-factor, and when a session counts as signed in", () => {
  const at = new Date("2026-11-23T10:00:00Z");
  const later = new Date("2026-11-23T10:05:00Z");

  it("every role but applicant must", () => {
    expect(ROLES.filter(mustUseTwoFactor)).toEqual(["assessor", "grants_officer", "finance", "admin"]);
  });

  it.each(["assessor", "grants_officer", "finance", "admin"] as const)("%s without an authenticator must set one up", (role) => {
    expect(signInStage({ role, totpConfirmedAt: null, secondFactorAt: null })).toBe("needs_set_up");
    expect(signInStage({ role, totpConfirmedAt: null, secondFactorAt: at })).toBe("needs_set_up");
  });

  it("an applicant without one is signed in with a password alone", () => {
    expect(signInStage({ role: "applicant", totpConfirmedAt: null, secondFactorAt: null })).toBe("complete");
  });

  it("with an authenticator, a session is complete only once it passed the one now in force", () => {
    for (const role of ROLES) {
      expect(signInStage({ role, totpConfirmedAt: at, secondFactorAt: null })).toBe("awaiting_code");
      expect(signInStage({ role, totpConfirmedAt: at, secondFactorAt: at })).toBe("complete");
      expect(signInStage({ role, totpConfirmedAt: at, secondFactorAt: later })).toBe("complete");
      // Passed an authenticator since replaced: must pass the new one.
      expect(signInStage({ role, totpConfirmedAt: later, secondFactorAt: at })).toBe("awaiting_code");
    }
  });
});

describe("codes as people type them", () => {
  it("reads 6 digits, with spaces, as an authenticator code", () => {
    expect(classifyCode("123456")).toEqual({ kind: "totp", code: "123456" });
    expect(classifyCode(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
  });

  it("reads a recovery code in any case, with or without hyphens or spaces, and o, i and l as the digits they look like", () => {
    expect(classifyCode("abcd-efgh-jkmn-pqrs-tvwx-yz01")).toEqual({ kind: "recovery", code: "abcdefghjkmnpqrstvwxyz01" });
    expect(classifyCode("ABCD EFGH JKMN PQRS TVWX YZ01")).toEqual({ kind: "recovery", code: "abcdefghjkmnpqrstvwxyz01" });
    expect(normaliseRecoveryCode("o0il-1111-2222-3333-4444-5555")).toBe("001111112222333344445555");
  });

  it("refuses anything else", () => {
    for (const input of ["12345", "1234567", "abcd-efgh-jkmn-pqrs-tvwx-yz0", "abcd-efgh-jkmn-pqrs-tvwx-yz012", "abcd-efgh-jkmn-pqrs", "<script>alert(1)</script>", "", "１２３４５６"]) {
      expect(classifyCode(input)).toBeNull();
    }
    expect(normaliseRecoveryCode("abcd-efgh-jkmn-pqrs-tvwx-yz0u")).toBeNull();
  });

  it("the code page's schema and the set-up schema give the GOV.UK messages", () => {
    expect(signInCodeSchema.safeParse({ code: "" }).error?.issues[0].message).toBe(ENTER_CODE);
    expect(signInCodeSchema.safeParse({ code: "abcd-efgh-jkmn-pqrs-tvwx-yz01" }).success).toBe(true);
    expect(confirmSetUpSchema.safeParse({ setUpToken: "x", code: "12 34 56" }).data?.code).toBe("123456");
    expect(confirmSetUpSchema.safeParse({ setUpToken: "x", code: "abcdef" }).error?.issues[0].message).toBe(SIX_DIGITS);
    expect(confirmSetUpSchema.safeParse({ setUpToken: "x", code: "" }).error?.issues[0].message).toBe(ENTER_CODE);
  });

  it("shows secrets and recovery codes in groups of four", () => {
    expect(groupSecret("OCAOXZ3IEXXDORCQRSG4AXGGXAHAOJPV")).toBe("OCAO XZ3I EXXD ORCQ RSG4 AXGG XAHA OJPV");
    expect(formatRecoveryCode("abcdefghjkmnpqrstvwxyz01")).toBe("abcd-efgh-jkmn-pqrs-tvwx-yz01");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct codes of 24 Crockford base32 characters (120 bits), each hashing to its own value", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){5}$/);
      expect(normaliseRecoveryCode(code)).toBe(code.replace(/-/g, ""));
    }
    const hashes = codes.map((c) => hashRecoveryCode(normaliseRecoveryCode(c)!));
    expect(new Set(hashes).size).toBe(10);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("use every character of the alphabet (the bits are spread evenly)", () => {
    const seen = new Set(newRecoveryCodes(200).join("").replace(/-/g, ""));
    expect(seen.size).toBe(32);
  });
});

describe("the wrong-code lock-out", () => {
  const t = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 10, minutes));
  const failures = (...minutes: number[]) => minutes.map((m) => ({ at: t(m), succeeded: false }));

  it("locks for 15 minutes from the 5th wrong code within 15 minutes", () => {
    const attempts = failures(4, 3, 2, 1, 0);
    expect(codeLockedUntil(attempts.slice(1), t(4))).toBeNull();
    expect(codeLockedUntil(attempts, t(4))).toEqual(t(19));
    expect(codeLockedUntil(attempts, t(18))).toEqual(t(19));
    expect(codeLockedUntil(attempts, t(19))).toBeNull();
  });

  it("does not lock for wrong codes spread over more than 15 minutes, or with a right one between", () => {
    expect(codeLockedUntil(failures(16, 12, 8, 4, 0), t(16))).toBeNull();
    expect(codeLockedUntil([...failures(4, 3), { at: t(2), succeeded: true }, ...failures(1, 0)], t(4))).toBeNull();
  });
});

describe("the encryption key", () => {
  const hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  const base64 = Buffer.from(hex, "hex").toString("base64");

  it("is 32 bytes as hex or base64, nothing else", () => {
    expect(decodeKey(hex)!.toString("hex")).toBe(hex);
    expect(decodeKey(base64)!.toString("hex")).toBe(hex);
    expect(decodeKey(base64.replace(/=$/, ""))!.toString("hex")).toBe(hex);
    for (const bad of ["", "short", hex.slice(2), `${base64}AAAA`, "z".repeat(64)]) expect(decodeKey(bad)).toBeNull();
  });

  it("production refuses to start without its own key; development, tests and the demo use the published one", () => {
    expect(() => totpEncryptionKey({ NODE_ENV: "production" })).toThrow(/TOTP_ENCRYPTION_KEY is not set/);
    expect(() => totpEncryptionKey({ NODE_ENV: "production", TOTP_ENCRYPTION_KEY: DEVELOPMENT_TOTP_ENCRYPTION_KEY })).toThrow(/published development key/);
    expect(() => totpEncryptionKey({ NODE_ENV: "production", TOTP_ENCRYPTION_KEY: "not-a-key" })).toThrow(/32 bytes/);
    expect(totpEncryptionKey({ NODE_ENV: "production", TOTP_ENCRYPTION_KEY: base64 }).toString("hex")).toBe(hex);
    expect(totpEncryptionKey({ NODE_ENV: "production", DEMO_MODE: "true" })).toEqual(decodeKey(DEVELOPMENT_TOTP_ENCRYPTION_KEY));
    expect(totpEncryptionKey({ NODE_ENV: "development" })).toEqual(decodeKey(DEVELOPMENT_TOTP_ENCRYPTION_KEY));
    expect(totpEncryptionKey({ NODE_ENV: "test", TOTP_ENCRYPTION_KEY: hex }).toString("hex")).toBe(hex);
  });
});

describe("sealing secrets", () => {
  const secret = "OCAOXZ3IEXXDORCQRSG4AXGGXAHAOJPV";

  it("a stored secret decrypts only for its own person, and each encryption differs", () => {
    const a = encryptTotpSecret(secret, 7);
    expect(a).not.toContain(secret);
    expect(encryptTotpSecret(secret, 7)).not.toBe(a);
    expect(decryptTotpSecret(a, 7)).toBe(secret);
    expect(() => decryptTotpSecret(a, 8)).toThrow(/cannot be decrypted/);
    expect(() => decryptTotpSecret(secret, 7)).toThrow(/cannot be decrypted/);
  });

  it("a set-up form opens only for its person, unaltered, within 30 minutes", () => {
    const at = new Date("2026-11-23T10:00:00Z");
    const token = sealSetUp(secret, 7, at);
    expect(openSetUp(token, 7, new Date(at.getTime() + 30 * 60_000))).toBe(secret);
    expect(openSetUp(token, 7, new Date(at.getTime() + 30 * 60_000 + 1))).toBeNull();
    expect(openSetUp(token, 7, new Date(at.getTime() - 1))).toBeNull();
    expect(openSetUp(token, 8, at)).toBeNull();
    expect(openSetUp(`${token.slice(0, -2)}AA`, 7, at)).toBeNull();
    expect(openSetUp("", 7, at)).toBeNull();
  });
});

describe("the demo's authenticator keys", () => {
  it("are the ones `npm run demo` prints, and `npm run demo:code` gives their codes", () => {
    const demoScript = fs.readFileSync("scripts/demo.js", "utf8");
    for (const [email, secret] of Object.entries(DEMO_TOTP_SECRETS)) {
      expect(demoScript).toContain(`"${email}", "${secret}"`);
      const at = new Date("2026-11-23T10:00:10Z");
      expect(demoCode(email, at)).toEqual({ code: totpCode(secret, at), secondsLeft: 20 });
    }
    expect(demoCode("applicant@example.org")).toBeUndefined();
  });
});
