/**
 * Monitoring an award: the return form, the officer's review, repayments and variations. Pure rules
 * with no I/O, shared by the browser and the server. Every form reads the flat values `parseForm`
 * produces, so field names like `outcomes.12.achieved` and `spend.34` mean the same in both places.
 */
import { z } from "zod";
import { cap, money, wholeNumber, wordLimited } from "~/domain/bids/fields";
import { dateFromParts } from "~/domain/config/fields";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate } from "~/domain/time/london";

export const MONITORING_KINDS = ["interim", "final"] as const;
export type MonitoringKind = (typeof MONITORING_KINDS)[number];

export const MONITORING_KIND_LABEL: Record<MonitoringKind, string> = { interim: "Interim return", final: "Final return" };

export function isMonitoringKind(value: string | undefined): value is MonitoringKind {
  return (MONITORING_KINDS as readonly string[]).includes(value ?? "");
}

export const STORY_WORD_LIMIT = 500;
export const NOTE_WORD_LIMIT = 300;
export const REASON_WORD_LIMIT = 300;

// ---- The monitoring return ----

export type ReturnFormContext = {
  kind: MonitoringKind;
  awardPence: number;
  /** The bid's target outcomes (bid_outcomes ids and outcome names), in the order the form shows them. */
  outcomes: { id: number; name: string }[];
  /** The budget lines (bid_budget_lines ids), in the order the form shows them. */
  budgetLines: { id: number; item: string }[];
};

export type ReturnFields = {
  beneficiariesReached: number;
  outcomes: { bidOutcomeId: number; achieved: number }[];
  spend: { budgetLineId: number; spentPence: number }[];
  story: string;
  underspendPence: number;
};

export function totalSpend(spend: readonly { spentPence: number }[]): number {
  return spend.reduce((sum, line) => sum + line.spentPence, 0);
}

/**
 * A final return closes the books: whatever of the award was not spent is the underspend, so the
 * two figures must agree to the penny. The message gives both figures so the person can see which
 * one to change.
 */
export function finalUnderspendMessage(awardPence: number, spentPence: number): string {
  return `The underspend must be ${formatPence(awardPence - spentPence)}: the award (${formatPence(awardPence)}) minus your total spend (${formatPence(spentPence)}). Check your spend and the underspend`;
}

export function overspendMessage(awardPence: number, spentPence: number): string {
  return `Your spend adds up to ${formatPence(spentPence)}, which is more than the award (${formatPence(awardPence)}). Only report spend of this grant`;
}

function addIssues(zctx: z.RefinementCtx, path: string, result: z.SafeParseReturnType<unknown, unknown>) {
  if (!result.success) zctx.addIssue({ code: "custom", path: [path], message: result.error.issues[0].message });
}

export const returnFormSchema = (ctx: ReturnFormContext) =>
  z.record(z.unknown()).transform((values, zctx): ReturnFields => {
    const text = (name: string) => String(values[name] ?? "");
    const beneficiaries = wholeNumber("how many people the project reached", { min: 0, max: 1_000_000 }).safeParse(text("beneficiariesReached"));
    addIssues(zctx, "beneficiariesReached", beneficiaries);

    const outcomes: ReturnFields["outcomes"] = [];
    for (const outcome of ctx.outcomes) {
      const name = `outcomes.${outcome.id}.achieved`;
      const achieved = wholeNumber(`the number achieved for ${outcome.name}`, { min: 0, max: 1_000_000 }).safeParse(text(name));
      addIssues(zctx, name, achieved);
      if (achieved.success) outcomes.push({ bidOutcomeId: outcome.id, achieved: achieved.data });
    }

    const spend: ReturnFields["spend"] = [];
    for (const line of ctx.budgetLines) {
      const name = `spend.${line.id}`;
      const spent = money(`the spend on ${line.item}`).safeParse(text(name));
      addIssues(zctx, name, spent);
      if (spent.success) spend.push({ budgetLineId: line.id, spentPence: spent.data });
    }

    const story = wordLimited("the difference your project made", "The difference your project made", STORY_WORD_LIMIT).safeParse(text("story"));
    addIssues(zctx, "story", story);
    // On an interim return the underspend is optional (blank is none); a final return must state it, even if £0.
    const underspendText = ctx.kind === "interim" && text("underspend").trim() === "" ? "0" : text("underspend");
    const underspend = money("the underspend").safeParse(underspendText);
    if (!underspend.success && underspendText.trim() === "") zctx.addIssue({ code: "custom", path: ["underspend"], message: "Enter the underspend, or 0 if you spent all of the award" });
    else addIssues(zctx, "underspend", underspend);

    const allRead = beneficiaries.success && story.success && underspend.success && outcomes.length === ctx.outcomes.length && spend.length === ctx.budgetLines.length;
    if (!allRead) return z.NEVER;

    const spentPence = totalSpend(spend);
    if (spentPence > ctx.awardPence) {
      zctx.addIssue({ code: "custom", path: [ctx.budgetLines.length ? `spend.${ctx.budgetLines[0].id}` : "underspend"], message: overspendMessage(ctx.awardPence, spentPence) });
      return z.NEVER;
    }
    const underspendMessage = underspendProblem(ctx, spentPence, underspend.data);
    if (underspendMessage) {
      zctx.addIssue({ code: "custom", path: ["underspend"], message: underspendMessage });
      return z.NEVER;
    }
    return { beneficiariesReached: beneficiaries.data, outcomes, spend, story: story.data, underspendPence: underspend.data };
  });

/**
 * An interim return may say early that some money will not be needed, but not more than is left
 * unspent; a final return's underspend is exactly what is left.
 */
function underspendProblem(ctx: ReturnFormContext, spentPence: number, underspendPence: number): string | null {
  if (underspendPence > ctx.awardPence) return `The underspend must be ${formatPence(ctx.awardPence)} or less, the amount of the award`;
  if (ctx.kind === "final") return underspendPence === ctx.awardPence - spentPence ? null : finalUnderspendMessage(ctx.awardPence, spentPence);
  if (underspendPence > ctx.awardPence - spentPence) {
    return `The underspend must be ${formatPence(ctx.awardPence - spentPence)} or less: the award (${formatPence(ctx.awardPence)}) minus your spend so far (${formatPence(spentPence)})`;
  }
  return null;
}

// ---- Settling an underspend on the ledger ----

export type Settlement = { commitmentReducedPence: number; repaymentDuePence: number };

/**
 * What accepting a return's underspend does to the ledger. Money not yet paid out is simply not
 * paid (the commitment is reduced, and it goes back to the fund); only money already paid and not
 * spent is asked back as a repayment. An earlier accepted return's underspend is not counted twice:
 * a final return's underspend includes anything an interim return already gave back.
 */
export function settleUnderspend(input: { underspendPence: number; alreadySettledPence: number; committedPence: number; paidPence: number }): Settlement {
  const toSettle = Math.max(0, input.underspendPence - input.alreadySettledPence);
  const unpaid = Math.max(0, input.committedPence - input.paidPence);
  const commitmentReducedPence = Math.min(toSettle, unpaid);
  return { commitmentReducedPence, repaymentDuePence: toSettle - commitmentReducedPence };
}

// ---- Monitoring status, for officers' lists and the applicant's page ----

export const RETURN_STATUSES = ["submitted", "accepted", "more_information_requested"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export type MonitoringStatus = "due" | "overdue" | ReturnStatus;

export const MONITORING_STATUS_LABEL: Record<MonitoringStatus, string> = {
  due: "Due",
  overdue: "Overdue",
  submitted: "Submitted",
  accepted: "Accepted",
  more_information_requested: "More information requested",
};

/** `today` is the UK calendar date ("2026-05-01"): a return due today is not yet overdue. */
export function monitoringStatus(dueOn: string, returned: ReturnStatus | null, today: string): MonitoringStatus {
  if (returned) return returned;
  return dueOn < today ? "overdue" : "due";
}

/** Why an award cannot be closed yet, in words for the officer; empty when it can. */
export function whyNotClosable(input: { status: string; finalReturn: ReturnStatus | null; repaymentOutstandingPence: number; paymentOutstandingPence: number }): string[] {
  if (input.status === "closed") return ["This award is already closed"];
  if (input.status !== "accepted") return ["Only an award whose offer was accepted can be closed"];
  const reasons: string[] = [];
  if (input.finalReturn !== "accepted") reasons.push("The final monitoring return has not been accepted");
  if (input.repaymentOutstandingPence > 0) reasons.push(`${formatPence(input.repaymentOutstandingPence)} of underspend has not been repaid`);
  if (input.paymentOutstandingPence > 0) reasons.push(`${formatPence(input.paymentOutstandingPence)} of the award has not been paid to the organisation`);
  return reasons;
}

// ---- The officer's review ----

const optionalText = z.string().optional();

/**
 * An optional note has the same limits as a required one: the words, and the characters behind
 * them (found by fuzzing: 150,000 emoji count as one word, and were kept).
 */
const optionalNoteTooLong = (note: string) => note !== "" && !wordLimited("a note", "The note", NOTE_WORD_LIMIT).safeParse(note).success;

export type ReviewFields = { decision: "accept" | "more_information"; note: string | null };

/** Asking for more needs a note saying what is missing; accepting may carry one. */
export const reviewFormSchema = z.object({ decision: optionalText, note: optionalText }).transform((values, zctx): ReviewFields => {
  if (values.decision !== "accept" && values.decision !== "more_information") {
    zctx.addIssue({ code: "custom", path: ["decision"], message: "Select whether to accept the return or ask for more information" });
    return z.NEVER;
  }
  const note = (values.note ?? "").trim();
  if (values.decision === "more_information") {
    const parsed = wordLimited("what more information you need", "The note", NOTE_WORD_LIMIT).safeParse(note);
    if (!parsed.success) {
      zctx.addIssue({ code: "custom", path: ["note"], message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    return { decision: "more_information", note: parsed.data };
  }
  if (optionalNoteTooLong(note)) {
    zctx.addIssue({ code: "custom", path: ["note"], message: `The note must be ${NOTE_WORD_LIMIT} words or fewer` });
    return z.NEVER;
  }
  return { decision: "accept", note: note || null };
});

// ---- Repayments ----

export type RepaymentFields = { amountPence: number; receivedOn: string; reference: string };

/** `outstandingPence` is what is still due: finance can never record more than that. */
export const repaymentFormSchema = (outstandingPence: number, today: string) =>
  z.record(z.unknown()).transform((values, zctx): RepaymentFields => {
    const amount = money("the amount received").safeParse(String(values.amount ?? ""));
    if (!amount.success) addIssues(zctx, "amount", amount);
    else if (amount.data <= 0) zctx.addIssue({ code: "custom", path: ["amount"], message: "The amount received must be more than £0" });
    else if (amount.data > outstandingPence) zctx.addIssue({ code: "custom", path: ["amount"], message: overRepaymentMessage(outstandingPence) });

    const iso = dateFromParts(values, "receivedOn");
    if (iso === undefined) zctx.addIssue({ code: "custom", path: ["receivedOn"], message: "Enter the date the money was received" });
    else if (iso === "invalid") zctx.addIssue({ code: "custom", path: ["receivedOn"], message: "The date received must be a real date" });
    else if (iso > today) zctx.addIssue({ code: "custom", path: ["receivedOn"], message: "The date received must be today or in the past" });

    const reference = String(values.reference ?? "").trim();
    if (!reference) zctx.addIssue({ code: "custom", path: ["reference"], message: "Enter the payment reference" });
    else if (reference.length > 100) zctx.addIssue({ code: "custom", path: ["reference"], message: "The payment reference must be 100 characters or fewer" });

    if (!amount.success || amount.data <= 0 || amount.data > outstandingPence || !iso || iso === "invalid" || iso > today || !reference || reference.length > 100) return z.NEVER;
    return { amountPence: amount.data, receivedOn: iso, reference };
  });

export function overRepaymentMessage(outstandingPence: number): string {
  return outstandingPence === 0 ? "Nothing is due to be repaid on this award" : `The amount received must be ${formatPence(outstandingPence)} or less, the repayment still due`;
}

// ---- Variations ----

export type BudgetLinePlan = { budgetLineId: number; item: string; plannedPence: number };
export type BudgetLineChange = { budgetLineId: number; item: string; fromPence: number; toPence: number };

export type DatesVariationFields = { kind: "dates"; endsOn: string; reason: string };
export type BudgetVariationFields = { kind: "budget"; lines: BudgetLineChange[]; reason: string };

const reasonSchema = wordLimited("why you need this change", "The reason", REASON_WORD_LIMIT);

/** A new end date: a real date, after the start, and not the end date the award already has. */
export const datesVariationSchema = (award: { startsOn: string; endsOn: string }) =>
  z.record(z.unknown()).transform((values, zctx): DatesVariationFields => {
    const iso = dateFromParts(values, "endsOn");
    let endsOn: string | undefined;
    if (iso === undefined) zctx.addIssue({ code: "custom", path: ["endsOn"], message: "Enter the new end date" });
    else if (iso === "invalid") zctx.addIssue({ code: "custom", path: ["endsOn"], message: "The new end date must be a real date" });
    else if (iso <= award.startsOn) zctx.addIssue({ code: "custom", path: ["endsOn"], message: `The new end date must be after the start date, ${formatIsoDate(award.startsOn)}` });
    else if (iso === award.endsOn) zctx.addIssue({ code: "custom", path: ["endsOn"], message: `The new end date must be different from the current end date, ${formatIsoDate(award.endsOn)}` });
    else endsOn = iso;
    const reason = reasonSchema.safeParse(String(values.reason ?? ""));
    addIssues(zctx, "reason", reason);
    if (!endsOn || !reason.success) return z.NEVER;
    return { kind: "dates", endsOn, reason: reason.data };
  });

/**
 * Moving money between budget lines: the person types each line's new amount (`lines.<id>`); the
 * moves must net to zero (the total stays the same) and no line can go below £0.
 */
export const budgetVariationSchema = (plan: readonly BudgetLinePlan[]) =>
  z.record(z.unknown()).transform((values, zctx): BudgetVariationFields => {
    const lines: BudgetLineChange[] = [];
    for (const line of plan) {
      const name = `lines.${line.budgetLineId}`;
      const amount = money(`the new amount for ${line.item}`).safeParse(String(values[name] ?? ""));
      addIssues(zctx, name, amount);
      if (amount.success) lines.push({ budgetLineId: line.budgetLineId, item: line.item, fromPence: line.plannedPence, toPence: amount.data });
    }
    const reason = reasonSchema.safeParse(String(values.reason ?? ""));
    addIssues(zctx, "reason", reason);
    if (lines.length !== plan.length || !reason.success) return z.NEVER;
    const problem = budgetMovesProblem(lines);
    if (problem) {
      zctx.addIssue({ code: "custom", path: [plan.length ? `lines.${plan[0].budgetLineId}` : "form"], message: problem });
      return z.NEVER;
    }
    return { kind: "budget", lines, reason: reason.data };
  });

/** Why a set of budget moves cannot stand, or null: the check used at request and again at approval. */
export function budgetMovesProblem(lines: readonly BudgetLineChange[]): string | null {
  const from = lines.reduce((sum, l) => sum + l.fromPence, 0);
  const to = lines.reduce((sum, l) => sum + l.toPence, 0);
  const negative = lines.find((l) => l.toPence < 0);
  if (negative) return `${cap(negative.item)} cannot go below £0`;
  if (to !== from) return `The new amounts add up to ${formatPence(to)}, not ${formatPence(from)}. Moving money between lines must not change the total`;
  if (lines.every((l) => l.toPence === l.fromPence)) return "Change at least one line's amount to move money between lines";
  return null;
}

/**
 * Applies approved moves (each line's change, to - from) to the split as it is now, which may
 * differ from when the request was made if another variation was approved in between.
 */
export function applyBudgetMoves(current: readonly BudgetLinePlan[], requested: readonly BudgetLineChange[]): { ok: true; lines: BudgetLineChange[] } | { ok: false; message: string } {
  const lines = current.map((line) => {
    const asked = requested.find((r) => r.budgetLineId === line.budgetLineId);
    const change = asked ? asked.toPence - asked.fromPence : 0;
    return { budgetLineId: line.budgetLineId, item: line.item, fromPence: line.plannedPence, toPence: line.plannedPence + change };
  });
  if (requested.some((r) => !current.some((c) => c.budgetLineId === r.budgetLineId))) return { ok: false, message: "The request names a budget line this award does not have" };
  const problem = budgetMovesProblem(lines);
  return problem ? { ok: false, message: problem } : { ok: true, lines };
}

export type VariationDecisionFields = { decision: "approve" | "refuse"; note: string | null };

/** Refusing needs a note for the applicant saying why; approving may carry one. */
export const variationDecisionSchema = z.object({ decision: optionalText, note: optionalText }).transform((values, zctx): VariationDecisionFields => {
  if (values.decision !== "approve" && values.decision !== "refuse") {
    zctx.addIssue({ code: "custom", path: ["decision"], message: "Select whether to approve or refuse the change" });
    return z.NEVER;
  }
  const note = (values.note ?? "").trim();
  if (values.decision === "refuse") {
    const parsed = wordLimited("why the change is refused", "The note", NOTE_WORD_LIMIT).safeParse(note);
    if (!parsed.success) {
      zctx.addIssue({ code: "custom", path: ["note"], message: parsed.error.issues[0].message });
      return z.NEVER;
    }
    return { decision: "refuse", note: parsed.data };
  }
  if (optionalNoteTooLong(note)) {
    zctx.addIssue({ code: "custom", path: ["note"], message: `The note must be ${NOTE_WORD_LIMIT} words or fewer` });
    return z.NEVER;
  }
  return { decision: "approve", note: note || null };
});

export const VARIATION_KIND_LABEL = { dates: "New end date", budget: "Move money between budget lines" } as const;
export const VARIATION_STATUS_LABEL = { requested: "Waiting for a decision", approved: "Approved", refused: "Refused" } as const;

/** Moves a date by whole days, for keeping the final return the same time after a new end date. */
export function shiftIsoDate(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(fromIso: string, toIso: string): number {
  const at = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((at(toIso) - at(fromIso)) / 86_400_000);
}
