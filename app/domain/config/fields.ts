/** Field rules shared by the configuration forms. */
import { z } from "zod";
import { parsePounds } from "~/domain/money/money";
import { isIsoDate } from "~/domain/time/london";

export const requiredText = (what: string, max = 200) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what[0].toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`);

export const slug = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(80, `${what[0].toUpperCase()}${what.slice(1)} must be 80 characters or fewer`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${what[0].toUpperCase()}${what.slice(1)} must only include lowercase letters, numbers and hyphens, like safer-communities`);

export const code = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(10, `${what[0].toUpperCase()}${what.slice(1)} must be 10 characters or fewer`)
    .regex(/^[A-Za-z0-9]+$/, `${what[0].toUpperCase()}${what.slice(1)} must only include letters and numbers, like MSCF`)
    .transform((v) => v.toUpperCase());

/** An amount of money typed in pounds ("8,000.00"), parsed to integer pence. */
export const pounds = (what: string, { allowZero = false } = {}) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .transform((value, ctx) => {
      const pence = parsePounds(value);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: `${what[0].toUpperCase()}${what.slice(1)} must be an amount of money, like 8000 or 8,000.00` });
        return z.NEVER;
      }
      if (!allowZero && pence === 0) {
        ctx.addIssue({ code: "custom", message: `${what[0].toUpperCase()}${what.slice(1)} must be more than £0` });
        return z.NEVER;
      }
      return pence;
    });

/**
 * The years a date in this portal can fall in. Plans, rounds, grants and payments are all within a
 * lifetime of today; a year like 0100 or 9999 is a slip of the keyboard, and stored it would put a
 * payment in financial year 99 or a plan on the books for eight thousand years.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

/** A GOV.UK date input's three boxes, read from `${name}Day`, `${name}Month`, `${name}Year`. */
export function dateFromParts(values: Record<string, unknown>, name: string): string | undefined {
  const day = String(values[`${name}Day`] ?? "").trim();
  const month = String(values[`${name}Month`] ?? "").trim();
  const year = String(values[`${name}Year`] ?? "").trim();
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "invalid";
  if (Number(year) < EARLIEST_YEAR || Number(year) > LATEST_YEAR) return "invalid";
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : "invalid";
}

export const isoDate = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .refine((v) => v !== "invalid", `${what[0].toUpperCase()}${what.slice(1)} must be a real date`)
    .refine((v) => v === "invalid" || isIsoDate(v), `${what[0].toUpperCase()}${what.slice(1)} must be a real date`);

export const time24 = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, `${what[0].toUpperCase()}${what.slice(1)} must be a time on the 24-hour clock, like 17:00`)
    .transform((v) => v.padStart(5, "0"));

/** A whole number typed in a box; blank reads as "not answered" rather than as 0. */
export const wholeNumber = (what: string, { min, max, example }: { min: number; max: number; example: number }) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
    z
      .string({ required_error: `Enter ${what}` })
      .regex(/^\d+$/, `${capital(what)} must be a whole number, like ${example}`)
      .transform(Number)
      .pipe(z.number().min(min, `${capital(what)} must be ${min} or more`).max(max, `${capital(what)} must be ${max} or less`)),
  );

/** A record's id from the URL: digits only, so "/manage/funds/abc" and "/manage/funds/1e3" are not found. */
export function recordId(param: string | undefined): number | undefined {
  if (!param || !/^\d{1,15}$/.test(param)) return undefined;
  const id = Number(param);
  return id > 0 ? id : undefined;
}

function capital(what: string) {
  return `${what[0].toUpperCase()}${what.slice(1)}`;
}

/** Lines of a textarea, one item each, blanks dropped. */
export const lines = (what: string, { min = 0, minMessage }: { min?: number; minMessage?: string } = {}) =>
  z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length >= min, minMessage ?? `Enter at least ${min} ${what}, one on each line`)
    .refine((list) => list.every((l) => l.length <= 200), `Each of the ${what} must be 200 characters or fewer`)
    .refine((list) => new Set(list.map((l) => l.toLowerCase())).size === list.length, `Each of the ${what} must be different`);
