/**
 * The retention rule for unsuccessful bids: how long their personal data is kept, the setting an
 * administrator changes, and the instant before which a bid's decision (or closing, or withdrawal)
 * must fall for its personal data to be removed. Pure: the models read the clock and the database.
 */
import { z } from "zod";

export const RETENTION_SETTING_KEY = "retention.unsuccessfulBidMonths";

/**
 * Two years from the decision: long enough for feedback, a complaint or an appeal, a bid to the next
 * round that builds on this one, and the Police and Crime Panel's or a Freedom of Information
 * question about the round; short enough that nobody's details outlive any use. See
 * docs/decisions/012-data-rights.md for why, and for what the setting lets an office align with.
 */
export const DEFAULT_RETENTION_MONTHS = 24;
export const MIN_RETENTION_MONTHS = 1;
export const MAX_RETENTION_MONTHS = 120;

const RANGE_MESSAGE = `The retention period must be between ${MIN_RETENTION_MONTHS} and ${MAX_RETENTION_MONTHS} months`;

export const retentionSettingSchema = z.object({
  months: z
    .string({ required_error: "Enter the retention period in months" })
    .trim()
    .min(1, "Enter the retention period in months")
    .refine((v) => /^\d+$/.test(v), "The retention period must be a whole number of months, like 24")
    .transform(Number)
    .refine((n) => n >= MIN_RETENTION_MONTHS && n <= MAX_RETENTION_MONTHS, RANGE_MESSAGE),
});

/** A stored setting that is not a whole number of months in range (edited by hand) falls back to the default. */
export function retentionMonthsFrom(stored: unknown): number {
  return typeof stored === "number" && Number.isInteger(stored) && stored >= MIN_RETENTION_MONTHS && stored <= MAX_RETENTION_MONTHS ? stored : DEFAULT_RETENTION_MONTHS;
}

/**
 * `months` calendar months before `now` (UTC), the day clamped to the end of a shorter month, so
 * 24 months before 29 February 2028 is 28 February 2026, never 1 March.
 */
export function retentionCutoff(now: Date, months: number): Date {
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}
