/**
 * The payment form, one schema for the browser and the server: an amount in pounds, the day the
 * money left the bank (GOV.UK date boxes) and the reference the finance system sent with it.
 */
import { z } from "zod";
import { money } from "~/domain/bids/fields";
import { dateFromParts } from "~/domain/config/fields";
import { formatIsoDate } from "~/domain/time/london";

/** Grants up to this are paid in one go; larger ones may be paid in instalments. */
export const SINGLE_PAYMENT_LIMIT_PENCE = 800_000;

/** Faster Payments and BACS carry at most 35 characters of reference in the longest formats. */
export const REFERENCE_MAX = 35;

/**
 * The characters bank payment files accept in a reference. Anything else is mangled or refused by
 * the finance system, so it is refused here, where a person can still fix it.
 */
const BACS_CHARACTERS = /^[A-Za-z0-9 &\-./]+$/;

export type PaymentFields = { amountPence: number; paidOn: string; reference: string };

/** `today` is the UK date ("2026-05-01"): a payment is recorded after it is made, never before. */
export function paymentFormSchema(today: string) {
  return z
    .object({
      amount: z.string().optional(),
      paidOnDay: z.string().optional(),
      paidOnMonth: z.string().optional(),
      paidOnYear: z.string().optional(),
      reference: z.string().optional(),
    })
    .transform((values, ctx): PaymentFields => {
      const amount = money("the amount paid").safeParse(values.amount ?? "");
      if (!amount.success) ctx.addIssue({ code: "custom", path: ["amount"], message: amount.error.issues[0].message });
      else if (amount.data <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "The amount paid must be more than £0" });

      const paidOn = dateFromParts(values, "paidOn");
      if (paidOn === undefined) ctx.addIssue({ code: "custom", path: ["paidOn"], message: "Enter the date the payment was made" });
      else if (paidOn === "invalid") ctx.addIssue({ code: "custom", path: ["paidOn"], message: "The date the payment was made must be a real date" });
      else if (paidOn > today) ctx.addIssue({ code: "custom", path: ["paidOn"], message: `The date the payment was made must be today or in the past (today is ${formatIsoDate(today)})` });

      const reference = (values.reference ?? "").trim();
      if (!reference) ctx.addIssue({ code: "custom", path: ["reference"], message: "Enter the payment reference" });
      else if (reference.length > REFERENCE_MAX) ctx.addIssue({ code: "custom", path: ["reference"], message: `The payment reference must be ${REFERENCE_MAX} characters or fewer` });
      else if (!BACS_CHARACTERS.test(reference)) ctx.addIssue({ code: "custom", path: ["reference"], message: "The payment reference must only include letters, numbers, spaces and the characters & - . /" });

      if (!amount.success || amount.data <= 0 || !paidOn || paidOn === "invalid" || paidOn > today || !reference || reference.length > REFERENCE_MAX || !BACS_CHARACTERS.test(reference)) return z.NEVER;
      return { amountPence: amount.data, paidOn, reference };
    });
}

/** The correction form: why a recorded payment is being reversed. */
export const correctionFormSchema = z.object({
  entryId: z.string().regex(/^\d{1,12}$/, "Choose a payment to correct").transform(Number),
  note: z
    .string({ required_error: "Enter why the payment is being corrected" })
    .trim()
    .min(1, "Enter why the payment is being corrected")
    .max(500, "The reason for the correction must be 500 characters or fewer"),
});

export type PaymentRunPeriod = { from: string; to: string };

/**
 * The days a payment run covers, from GOV.UK date boxes (`fromDay`, ... `toYear`), both inclusive.
 * Dates are compared as ISO text, which orders them correctly.
 */
export const paymentRunFormSchema = z.record(z.unknown()).transform((values, ctx): PaymentRunPeriod => {
  const dates: Partial<PaymentRunPeriod> = {};
  for (const [name, what] of [
    ["from", "the first day of the payment run"],
    ["to", "the last day of the payment run"],
  ] as const) {
    const iso = dateFromParts(values, name);
    if (iso === undefined) ctx.addIssue({ code: "custom", path: [name], message: `Enter ${what}` });
    else if (iso === "invalid") ctx.addIssue({ code: "custom", path: [name], message: `${what[0].toUpperCase()}${what.slice(1)} must be a real date` });
    else dates[name] = iso;
  }
  if (!dates.from || !dates.to) return z.NEVER;
  if (dates.to < dates.from) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The last day of the payment run must be the same as or after the first day" });
    return z.NEVER;
  }
  return { from: dates.from, to: dates.to };
});

/** The CSV link's query: `from` and `to` as ISO dates ("2026-04-01"). */
export function periodFromQuery(from: string | null, to: string | null): PaymentRunPeriod | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!from || !to || !iso.test(from) || !iso.test(to)) return null;
  const [fy, fm, fd] = from.split("-");
  const [ty, tm, td] = to.split("-");
  const parsed = paymentRunFormSchema.safeParse({ fromDay: fd, fromMonth: fm, fromYear: fy, toDay: td, toMonth: tm, toYear: ty });
  return parsed.success ? parsed.data : null;
}
