/** Environment, validated once at start-up so a mistake fails loudly rather than at first use. */
import { z } from "zod";

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
});

export type Env = z.infer<typeof schema>;

export function getEnv(): Env {
  return schema.parse(process.env);
}

export const isProduction = () => process.env.NODE_ENV === "production";

/**
 * Secure, `__Host-` cookies in production. `npm run demo` serves the production build on
 * http://localhost, where some browsers drop Secure cookies, so it alone sets DEMO_MODE=true.
 */
export const secureCookies = () => isProduction() && process.env.DEMO_MODE !== "true";
