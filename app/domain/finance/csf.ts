/**
 * The Community Safety Fund (any passported fund): allocations to each district's Community Safety
 * Partnership without competition, payments against them, and each partnership's quarterly return
 * of spend and outcomes against the Police and Crime Plan's priorities. Forms and rules only.
 */
import { z } from "zod";
import { money } from "~/domain/bids/fields";
import { formatPence } from "~/domain/money/money";
import { paymentFormSchema, type PaymentFields } from "./payment-form";

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** Quarters of the April-to-March financial year. */
export const QUARTER_LABEL: Record<Quarter, string> = {
  1: "Quarter 1 (April to June)",
  2: "Quarter 2 (July to September)",
  3: "Quarter 3 (October to December)",
  4: "Quarter 4 (January to March)",
};

const districtChoice = (what: string) =>
  z
    .string({ required_error: `Select ${what}` })
    .regex(/^\d{1,12}$/, `Select ${what}`)
    .transform(Number);

/** The allocation is the full figure for the year; the ledger records the change from the last one. */
export const allocationFormSchema = z.object({
  allocationDistrictId: districtChoice("the partnership to allocate to"),
  allocation: money("the allocation"),
});
export type AllocationFields = z.output<typeof allocationFormSchema>;

/** The same amount, date and reference rules as paying an award, plus the partnership paid. */
export function csfPaymentFormSchema(today: string) {
  return z
    .object({ districtId: z.string().optional() })
    .passthrough()
    .transform((values, ctx): PaymentFields & { districtId: number } => {
      const district = districtChoice("the partnership paid").safeParse(values.districtId ?? "");
      if (!district.success) ctx.addIssue({ code: "custom", path: ["districtId"], message: district.error.issues[0].message });
      const payment = paymentFormSchema(today).safeParse(values);
      if (!payment.success) for (const issue of payment.error.issues) ctx.addIssue(issue);
      if (!district.success || !payment.success) return z.NEVER;
      return { ...payment.data, districtId: district.data };
    });
}

/**
 * What an allocation change writes: a commitment for an increase, a commitment reduction for a
 * decrease (both positive amounts, as the ledger keeps them), or nothing when it is unchanged.
 */
export function allocationChange(currentPence: number, targetPence: number): { kind: "commitment" | "commitment_reduced"; amountPence: number } | null {
  const difference = targetPence - currentPence;
  if (difference === 0) return null;
  return difference > 0 ? { kind: "commitment", amountPence: difference } : { kind: "commitment_reduced", amountPence: -difference };
}

/** Why an allocation cannot be set, or null. Never below what is paid; never beyond the budget. */
export function allocationRefusal(input: { targetPence: number; currentPence: number; paidPence: number; budgetPence: number; allocatedPence: number }): string | null {
  if (input.targetPence < input.paidPence) return `The allocation must be at least ${formatPence(input.paidPence)}, the amount already paid to the partnership`;
  const leftAfter = input.budgetPence - (input.allocatedPence - input.currentPence + input.targetPence);
  if (leftAfter < 0) {
    const room = input.budgetPence - input.allocatedPence + input.currentPence;
    return input.budgetPence === 0
      ? "No budget has been set for the fund this financial year: set the budget before allocating it"
      : `The allocation must be ${formatPence(Math.max(room, 0))} or less: the fund's budget for the year is ${formatPence(input.budgetPence)} and the rest is allocated to other partnerships`;
  }
  return null;
}

/** The ledger's trigger only guards awards, so a partnership's payments are checked here. */
export function paymentRefusal(input: { amountPence: number; allocatedPence: number; paidPence: number }): string | null {
  const remaining = input.allocatedPence - input.paidPence;
  if (input.amountPence <= remaining) return null;
  return remaining > 0 ? `The amount paid must be ${formatPence(remaining)} or less: that is all that is left of the partnership's allocation` : "Nothing is left to pay: the partnership has been paid its whole allocation";
}

export type ReturnFields = { quarter: Quarter; spendPence: number; spendByPriority: Record<string, number>; outcomesSummary: string };

export const priorityField = (priorityId: number) => `priority.${priorityId}`;

/**
 * The quarterly return: the quarter, the total spend, the spend against each of the plan's
 * priorities (a blank box is £0), which must add up to the total to the penny, and a summary of
 * outcomes. `open` is the quarters with no return yet: one return per partnership per quarter.
 */
export function csfReturnFormSchema(priorityIds: readonly number[], open: readonly Quarter[]) {
  return z.record(z.unknown()).transform((values, ctx): ReturnFields => {
    const text = (key: string) => (typeof values[key] === "string" ? (values[key] as string) : "");
    const quarter = Number(text("quarter"));
    const quarterOk = (QUARTERS as readonly number[]).includes(quarter) && open.includes(quarter as Quarter);
    if (!quarterOk) ctx.addIssue({ code: "custom", path: ["quarter"], message: (QUARTERS as readonly number[]).includes(quarter) ? "A return for this quarter has already been recorded" : "Select the quarter the return is for" });
    const spend = money("the total spend").safeParse(text("spend"));
    if (!spend.success) ctx.addIssue({ code: "custom", path: ["spend"], message: spend.error.issues[0].message });
    const byPriority: Record<string, number> = {};
    let splitOk = true;
    for (const id of priorityIds) {
      const raw = text(priorityField(id)).trim();
      const parsed = money("the spend on this priority").safeParse(raw === "" ? "0" : raw);
      if (parsed.success) byPriority[String(id)] = parsed.data;
      else {
        splitOk = false;
        ctx.addIssue({ code: "custom", path: [priorityField(id)], message: parsed.error.issues[0].message });
      }
    }
    if (spend.success && splitOk) {
      const split = Object.values(byPriority).reduce((sum, p) => sum + p, 0);
      if (split !== spend.data) {
        const gap = split < spend.data ? `${formatPence(spend.data - split)} less than` : `${formatPence(split - spend.data)} more than`;
        ctx.addIssue({ code: "custom", path: ["spendByPriority"], message: `The spend by priority must add up to the total spend: it adds up to ${formatPence(split)}, ${gap} ${formatPence(spend.data)}` });
        splitOk = false;
      }
    }
    const outcomesSummary = text("outcomesSummary").trim();
    if (!outcomesSummary) ctx.addIssue({ code: "custom", path: ["outcomesSummary"], message: "Enter a summary of the outcomes the partnership reported" });
    else if (outcomesSummary.length > 5000) ctx.addIssue({ code: "custom", path: ["outcomesSummary"], message: "The summary of outcomes must be 5,000 characters or fewer" });
    if (!quarterOk || !spend.success || !splitOk || !outcomesSummary || outcomesSummary.length > 5000) return z.NEVER;
    return { quarter: quarter as Quarter, spendPence: spend.data, spendByPriority: byPriority, outcomesSummary };
  });
}
