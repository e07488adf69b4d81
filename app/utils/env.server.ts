/** Environment, validated once at start-up so a mistake fails loudly rather than at first use. */
import { z } from "zod";
import { DEFAULT_LIMITS, parseLimit, type ThrottleLimit, type ThrottleSetting } from "~/domain/accounts/address-throttle";

const throttleSetting = z
  .string()
  .optional()
  .refine((value) => value === undefined || value.trim() === "" || parseLimit(value) !== null, 'a limit like "20/10m" (attempts per 10 minutes), "5/1h", or "off"');

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().default("data/portal.db"),
  /** Where the portal is reached from outside; used in e-mailed links. */
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  /** SMTP server for mail; without it every message is written as an .eml file to MAIL_OUTBOX. */
  SMTP_URL: z.string().optional(),
  MAIL_OUTBOX: z.string().default("data/outbox"),
  MAIL_FROM: z.string().default("Grants portal <grants@example.org>"),
  /** Public registers for due diligence. Without a key a register's checks read "unavailable". */
  CHARITY_COMMISSION_API_URL: z.string().url().default("https://api.charitycommission.gov.uk/register/api"),
  CHARITY_COMMISSION_API_KEY: z.string().optional(),
  COMPANIES_HOUSE_API_URL: z.string().url().default("https://api.company-information.service.gov.uk"),
  COMPANIES_HOUSE_API_KEY: z.string().optional(),
  POSTCODES_API_URL: z.string().url().default("https://api.postcodes.io"),
  /** How long one register may take before its check is recorded as unavailable. */
  REGISTER_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Bid documents, kept outside public/ so only the download route can serve them. */
  UPLOAD_DIR: z.string().default("data/uploads"),
  /** 360Giving publishing: the prefix 360Giving issued, and the funder as grants name it (its org id defaults to the prefix). */
  GRANT_ID_PREFIX: z.string().regex(/^360G-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, "a 360Giving prefix, like 360G-wypcc").default("360G-wypcc"),
  FUNDER_ORG_ID: z.string().optional(),
  FUNDER_NAME: z.string().default("Mayor of West Yorkshire"),
  /**
   * Per-address limits on the sign-in (and two-factor code), sign-up and password-reset forms, as
   * "attempts/window" ("20/10m", "5/1h") or "off". Unset: the defaults in domain/accounts/address-throttle.ts.
   */
  THROTTLE_SIGN_IN: throttleSetting,
  THROTTLE_SIGN_UP: throttleSetting,
  THROTTLE_PASSWORD_RESET: throttleSetting,
  /**
   * Whose word to take for the client's address (Express's `trust proxy`). Unset or "false": the
   * socket's address, right when nothing stands in front of the portal. Behind a reverse proxy every
   * request comes from the proxy, so name it: "loopback", addresses or subnets ("10.0.0.0/8"), or a
   * number of hops; then X-Forwarded-For set by that proxy is believed. "true" believes anyone.
   */
  TRUST_PROXY: z.string().optional(),
  /**
   * AES-256-GCM key that encrypts staff two-factor secrets at rest: 32 random bytes as base64 or hex
   * (`node -e "console.log(crypto.randomBytes(32).toString('base64'))"`). Unset, development, tests
   * and `npm run demo` use DEVELOPMENT_TOTP_ENCRYPTION_KEY, which production refuses.
   */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || decodeKey(value) !== null, "TOTP_ENCRYPTION_KEY must be 32 bytes, as base64 (44 characters) or hex (64 characters)"),
});

/**
 * Published in this repository, so it protects nothing: for development, tests and the demo only.
 * Production (NODE_ENV=production without DEMO_MODE=true) refuses to start with it or without a key.
 */
export const DEVELOPMENT_TOTP_ENCRYPTION_KEY = "ZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1zZWNyZXQtISE=";

/** A 32-byte key from 64 hex characters or base64 (standard or URL-safe); null for anything else. */
export function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, "base64")
      : null;
  return bytes && bytes.length === 32 ? bytes : null;
}

export type Env = z.infer<typeof schema>;

export function getEnv(): Env {
  return schema.parse(process.env);
}

/**
 * The key for two-factor secrets. Throws, naming the setting, in production without a real key, so
 * the server refuses to start rather than keep secrets under a key anyone can read on GitHub.
 */
export function totpEncryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = schema.shape.TOTP_ENCRYPTION_KEY.parse(env.TOTP_ENCRYPTION_KEY);
  const strict = env.NODE_ENV === "production" && env.DEMO_MODE !== "true";
  if (strict && (configured === undefined || decodeKey(configured)!.equals(decodeKey(DEVELOPMENT_TOTP_ENCRYPTION_KEY)!))) {
    throw new Error(
      "TOTP_ENCRYPTION_KEY is not set (or is the published development key): production needs its own 32-byte key, as base64 or hex, to encrypt two-factor secrets. Generate one with: node -e \"console.log(crypto.randomBytes(32).toString('base64'))\"",
    );
  }
  return decodeKey(configured ?? DEVELOPMENT_TOTP_ENCRYPTION_KEY)!;
}

export const isProduction = () => process.env.NODE_ENV === "production";

/**
 * Secure, `__Host-` cookies in production. `npm run demo` serves the production build on
 * http://localhost, where some browsers drop Secure cookies, so it alone sets DEMO_MODE=true.
 */
export const secureCookies = () => isProduction() && process.env.DEMO_MODE !== "true";

const THROTTLE_VARIABLES: Record<ThrottleSetting, "THROTTLE_SIGN_IN" | "THROTTLE_SIGN_UP" | "THROTTLE_PASSWORD_RESET"> = {
  "sign-in": "THROTTLE_SIGN_IN",
  "sign-up": "THROTTLE_SIGN_UP",
  "password-reset": "THROTTLE_PASSWORD_RESET",
};

/** The per-address limit in force for one throttle setting, or "off". */
export function throttleLimit(setting: ThrottleSetting, env: NodeJS.ProcessEnv = process.env): ThrottleLimit | "off" {
  const configured = throttleSetting.parse(env[THROTTLE_VARIABLES[setting]]);
  if (configured === undefined || configured.trim() === "") return DEFAULT_LIMITS[setting];
  return parseLimit(configured)!;
}
