/**
 * The grants officer's assessment forms, as zod schemas over the posted fields. The same schema
 * checks the form in the browser (useValidatedForm) and on the server (parseForm), so the messages
 * match whether or not JavaScript ran. Pure: safe in the browser bundle.
 */
import { z } from "zod";
import { parsePercentage } from "~/domain/assessment/scoring";

export const REASON_MAX = 2000;

export const ELIGIBILITY_MESSAGES = {
  choose: "Select whether the bid is eligible",
  reason: "Enter why the bid is not eligible",
  tooLong: `The reason must be ${REASON_MAX} characters or fewer`,
} as const;

export const eligibilitySchema = z
  .object({
    eligibility: z.enum(["eligible", "not_eligible"], { errorMap: () => ({ message: ELIGIBILITY_MESSAGES.choose }) }),
    reason: z.string().trim().max(REASON_MAX, ELIGIBILITY_MESSAGES.tooLong).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.eligibility === "not_eligible" && value.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: ELIGIBILITY_MESSAGES.reason });
  })
  // The reason is kept for feedback only when the bid is ineligible; text left in the hidden box is dropped.
  .transform((value) => ({ eligible: value.eligibility === "eligible", reason: value.eligibility === "eligible" ? null : value.reason }));

/** A posted id list: checkboxes arrive as one string, several strings, or nothing. */
const idList = (message: string) =>
  z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).transform((ids) => ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number)).pipe(z.array(z.number()).min(1, message)),
  );

export const ASSIGNMENT_MESSAGES = { bids: "Select at least one bid", assessors: "Select at least one assessor" } as const;

export const assignmentSchema = z.object({
  bidIds: idList(ASSIGNMENT_MESSAGES.bids),
  assessorIds: idList(ASSIGNMENT_MESSAGES.assessors),
});

const wholeNumber = (required: string, range: string, min: number, max: number) =>
  z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .regex(/^\d{1,3}$/, range)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));

export const SETTINGS_LIMITS = { assessorsPerBid: { min: 1, max: 5 }, moderationThreshold: { min: 0, max: 100 } } as const;

export const roundSettingsSchema = z.object({
  assessorsPerBid: wholeNumber("Enter how many assessors each bid needs", "Assessors per bid must be a whole number from 1 to 5", 1, 5),
  moderationThreshold: wholeNumber("Enter the moderation threshold", "The moderation threshold must be a whole number of points from 0 to 100", 0, 100),
});

export const MODERATION_MESSAGES = {
  score: "Enter the moderated score",
  scoreFormat: "Enter the moderated score as a percentage from 0 to 100, like 72.5",
  reason: "Enter the reason for the moderated score",
  tooLong: `The reason must be ${REASON_MAX} characters or fewer`,
} as const;

export const moderationSchema = z.object({
  score: z
    .string({ required_error: MODERATION_MESSAGES.score })
    .trim()
    .min(1, MODERATION_MESSAGES.score)
    .transform((text, ctx) => {
      const value = parsePercentage(text);
      if (value === null) {
        ctx.addIssue({ code: "custom", message: MODERATION_MESSAGES.scoreFormat });
        return z.NEVER;
      }
      return value;
    }),
  reason: z.string({ required_error: MODERATION_MESSAGES.reason }).trim().min(1, MODERATION_MESSAGES.reason).max(REASON_MAX, MODERATION_MESSAGES.tooLong),
});

/** "20 points", "20.01 points": a spread to the hundredth, so 20.01 is never shown as the 20 it exceeds. */
export function formatPoints(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "Not scored";
  const text = (hundredths / 100).toFixed(2).replace(/\.?0+$/, "");
  return `${text} ${text === "1" ? "point" : "points"}`;
}

/** A moderated score as the officer typed it, for the form's default ("72.5", "72.25"). */
export function percentageInput(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "";
  return (hundredths / 100).toFixed(2).replace(/\.?0+$/, "");
}
