/**
 * The grants officer's decision form, one schema for the browser and the server. Each outcome has
 * its own conditional questions (GOV.UK conditional radios); without JavaScript they are all on the
 * page, so answers to another outcome's questions are posted too and must be ignored, not refused.
 */
import { z } from "zod";
import { money, wordLimited } from "~/domain/bids/fields";
import { formatPence } from "~/domain/money/money";
import { DECISION_OUTCOMES, NOT_FUNDED_REASONS, type DecisionOutcome } from "./budget";

export const NOT_FUNDED_REASON_CODES = NOT_FUNDED_REASONS.map((r) => r.code) as string[];

export type DecisionFields = {
  outcome: DecisionOutcome;
  /** What the round commits: the amount requested, the part amount, or 0. */
  amountPence: number;
  reasonCode: string | null;
  reason: string | null;
  feedback: string | null;
};

const optionalText = z.string().optional();

export const PART_REASON_WORDS = 150;
export const FEEDBACK_WORDS = 300;

export function partAmountMessage(amountRequestedPence: number): string {
  return `The amount to fund must be less than the amount requested (${formatPence(amountRequestedPence)}). To fund all of it, choose Fund in full`;
}

/** `amountRequestedPence` is the bid's request: a part award must be more than £0 and less than it. */
export function decisionFormSchema(amountRequestedPence: number) {
  return z
    .object({ outcome: optionalText, amount: optionalText, partReason: optionalText, reasonCode: optionalText, feedback: optionalText })
    .transform((values, ctx): DecisionFields => {
      const outcome = values.outcome as DecisionOutcome;
      if (!(DECISION_OUTCOMES as readonly string[]).includes(values.outcome ?? "")) {
        ctx.addIssue({ code: "custom", path: ["outcome"], message: "Select a decision for this bid" });
        return z.NEVER;
      }
      if (outcome === "fund_full") return { outcome, amountPence: amountRequestedPence, reasonCode: null, reason: null, feedback: null };
      if (outcome === "reserve") return { outcome, amountPence: 0, reasonCode: null, reason: null, feedback: null };
      if (outcome === "fund_part") {
        const amount = money("the amount to fund").safeParse(values.amount ?? "");
        const reason = wordLimited("why the bid is funded in part", "The reason", PART_REASON_WORDS).safeParse(values.partReason ?? "");
        if (!amount.success) ctx.addIssue({ code: "custom", path: ["amount"], message: amount.error.issues[0].message });
        else if (amount.data <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "The amount to fund must be more than £0" });
        else if (amount.data >= amountRequestedPence) ctx.addIssue({ code: "custom", path: ["amount"], message: partAmountMessage(amountRequestedPence) });
        if (!reason.success) ctx.addIssue({ code: "custom", path: ["partReason"], message: reason.error.issues[0].message });
        if (!amount.success || !reason.success || amount.data <= 0 || amount.data >= amountRequestedPence) return z.NEVER;
        return { outcome, amountPence: amount.data, reasonCode: null, reason: reason.data, feedback: null };
      }
      const code = values.reasonCode ?? "";
      const feedback = wordLimited("feedback for the applicant", "Feedback", FEEDBACK_WORDS).safeParse(values.feedback ?? "");
      const codeOk = NOT_FUNDED_REASON_CODES.includes(code);
      if (!codeOk) ctx.addIssue({ code: "custom", path: ["reasonCode"], message: "Select why the bid is not funded" });
      if (!feedback.success) ctx.addIssue({ code: "custom", path: ["feedback"], message: feedback.error.issues[0].message });
      if (!codeOk || !feedback.success) return z.NEVER;
      return { outcome, amountPence: 0, reasonCode: code, reason: null, feedback: feedback.data };
    });
}

export type ScenarioProposal = { bidId: number; outcome: "fund_full" | "reserve"; amountPence: number };

/** "12:fund_full:800000": a proposal as the preview page posts it back, so what is committed is what was shown. */
export function encodeProposal(p: ScenarioProposal): string {
  return `${p.bidId}:${p.outcome}:${p.amountPence}`;
}

export const scenarioFormSchema = z.object({
  proposal: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .refine((list) => list.length > 0, "There are no proposed decisions to commit")
    .refine((list) => list.every((s) => /^\d{1,12}:(fund_full|reserve):\d{1,12}$/.test(s)), "The proposal could not be read. Preview the scenario again")
    .transform((list) =>
      list.map((s): ScenarioProposal => {
        const [bidId, outcome, amountPence] = s.split(":");
        return { bidId: Number(bidId), outcome: outcome as ScenarioProposal["outcome"], amountPence: Number(amountPence) };
      }),
    ),
});
