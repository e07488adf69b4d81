/** Field rules for bid pages, in the words GOV.UK's error message patterns use. */
import { z } from "zod";
import { formatPence, parsePounds } from "~/domain/money/money";
import { dateFromParts } from "~/domain/config/fields";
import { formatIsoDate, isIsoDate } from "~/domain/time/london";

export function countWords(text: string): number {
  return text.trim() === "" ? 0 : text.trim().split(/\s+/).length;
}

/** `what` completes "Enter ..."; `label` starts the too-long message, as the field's label does. */
export const wordLimited = (what: string, label: string, limit: number) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(20_000, `${label} must be ${limit} words or fewer`)
    .refine((v) => countWords(v) <= limit, `${label} must be ${limit} words or fewer`);

export function cap(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** Checkbox values arrive as nothing, one string or several; always read as a list of ids. */
export const idList = (allowed: number[], { min, what }: { min: number; what: string }) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .transform((list) => list.filter((s) => s !== ""))
    .refine((list) => list.length >= min, `Select at least ${min === 1 ? "one" : min} ${what}`)
    .refine((list) => list.every((s) => /^\d+$/.test(s) && allowed.includes(Number(s))), `Select ${what} from the list`)
    .transform((list) => [...new Set(list.map(Number))]);

export const valueList = <T extends string>(allowed: readonly T[], { min, what }: { min: number; what: string }) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((list) => list.length >= min, `Select at least one ${what}`)
    .refine((list) => list.every((s) => (allowed as readonly string[]).includes(s)), `Select ${what} from the list`)
    .transform((list) => [...new Set(list)] as T[]);

/** A whole number typed by a person ("1,200" allowed), within bounds. */
export const wholeNumber = (what: string, { min, max }: { min: number; max: number }) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .transform((v, ctx) => {
      const digits = v.replace(/,/g, "");
      if (!/^-?\d+$/.test(digits)) {
        ctx.addIssue({ code: "custom", message: `${cap(what)} must be a whole number, like 25` });
        return z.NEVER;
      }
      const n = Number(digits);
      if (n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${cap(what)} must be between ${min.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")}` });
        return z.NEVER;
      }
      return n;
    });

/** An amount of money in pounds, parsed to pence; "8k", negatives and fractions of a penny refused. */
export const money = (what: string) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .transform((v, ctx) => {
      const pence = parsePounds(v);
      if (pence === null) {
        ctx.addIssue({ code: "custom", message: `${cap(what)} must be an amount of money in pounds and pence, like 2500 or 2,500.00` });
        return z.NEVER;
      }
      return pence;
    });

/** A date from GOV.UK day/month/year boxes, which must fall inside [from, to]. */
export function dateInWindow(values: Record<string, unknown>, name: string, what: string, from: string, to: string, ctx: z.RefinementCtx): string | undefined {
  const iso = dateFromParts(values, name);
  if (iso === undefined) {
    ctx.addIssue({ code: "custom", path: [name], message: `Enter ${what}` });
    return undefined;
  }
  if (iso === "invalid" || !isIsoDate(iso)) {
    ctx.addIssue({ code: "custom", path: [name], message: `${cap(what)} must be a real date` });
    return undefined;
  }
  if (iso < from || iso > to) {
    ctx.addIssue({ code: "custom", path: [name], message: `${cap(what)} must be between ${formatIsoDate(from)} and ${formatIsoDate(to)}` });
    return undefined;
  }
  return iso;
}

export function amountCapMessage(maxAwardPence: number): string {
  return `Amount requested must be ${formatPence(maxAwardPence)} or less, the most this round can award`;
}
