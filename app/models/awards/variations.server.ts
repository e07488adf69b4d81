/**
 * Variations: an applicant asks for a new end date or to move money between budget lines; a grants
 * officer approves or refuses. Approving changes the award (its end date) or the award's current
 * budget split.
 *
 * The bid's `bid_budget_lines` are the frozen bid and are never changed. The split in force is the
 * one recorded (`details.split`) on the most recently approved budget variation, or the bid's own
 * lines when there is none; `currentBudgetSplit` is the one place that works this out, and the
 * monitoring return's spend form reads it. Lines keep their ids, so spend still points at the bid's
 * lines and a move can only be between lines the bid had.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { awardMonitoringDates, awards, bidBudgetLines, bids, organisations, variations } from "#db/schema";
import { getDb, writeTransaction, type PortalDb, type WriteTx } from "#db/client";
import {
  applyBudgetMoves,
  budgetMovesProblem,
  daysBetween,
  shiftIsoDate,
  type BudgetLineChange,
  type BudgetLinePlan,
  type BudgetVariationFields,
  type DatesVariationFields,
  type VariationDecisionFields,
} from "~/domain/awards/monitoring";
import { recordAudit } from "../audit.server";
import { getAwardForMember } from "./award.server";

type Reader = PortalDb | WriteTx;
export type Variation = typeof variations.$inferSelect;
export type Result<T = object> = ({ ok: true } & T) | { ok: false; code: string; message: string };

const lineChange = z.object({ budgetLineId: z.number(), item: z.string(), fromPence: z.number(), toPence: z.number() });
const budgetDetails = z.object({ lines: z.array(lineChange), split: z.array(lineChange).optional() });
const datesDetails = z.object({ fromEndsOn: z.string(), toEndsOn: z.string(), finalDueFrom: z.string().optional(), finalDueTo: z.string().optional() });

export function readBudgetDetails(details: unknown) {
  return budgetDetails.parse(details);
}

export function readDatesDetails(details: unknown) {
  return datesDetails.parse(details);
}

export type PlannedLine = BudgetLinePlan & { originalPence: number };

/** Each budget line with the amount planned now (after approved moves) and in the bid as submitted. */
export function currentBudgetSplit(awardId: number, q: Reader = getDb()): PlannedLine[] {
  const award = q.select({ bidId: awards.bidId }).from(awards).where(eq(awards.id, awardId)).get();
  if (!award) return [];
  const lines = q.select().from(bidBudgetLines).where(eq(bidBudgetLines.bidId, award.bidId)).orderBy(asc(bidBudgetLines.position), asc(bidBudgetLines.id)).all();
  const latest = q
    .select({ details: variations.details })
    .from(variations)
    .where(and(eq(variations.awardId, awardId), eq(variations.kind, "budget"), eq(variations.status, "approved")))
    .orderBy(desc(variations.decidedAt), desc(variations.id))
    .get();
  const split = latest ? readBudgetDetails(latest.details).split ?? [] : [];
  return lines.map((line) => ({
    budgetLineId: line.id,
    item: line.item,
    originalPence: line.costPence,
    plannedPence: split.find((s) => s.budgetLineId === line.id)?.toPence ?? line.costPence,
  }));
}

function awardRow(awardId: number, q: Reader) {
  return q.select().from(awards).where(eq(awards.id, awardId)).get();
}

function waitingOfKind(awardId: number, kind: Variation["kind"], q: Reader) {
  return q.select({ id: variations.id }).from(variations).where(and(eq(variations.awardId, awardId), eq(variations.kind, kind), eq(variations.status, "requested"))).get();
}

export type VariationRequest = { awardId: number; userId: number; fields: DatesVariationFields | BudgetVariationFields };

/** The applicant's request. One request of each kind waits at a time, so moves never pile up on a stale split. */
export function requestVariation(input: VariationRequest, at: Date = new Date()): Result<{ variationId: number }> {
  if (!getAwardForMember(input.awardId, input.userId)) return { ok: false, code: "not_found", message: "Award not found" };
  return writeTransaction((tx): Result<{ variationId: number }> => {
    const award = awardRow(input.awardId, tx);
    if (!award) return { ok: false, code: "not_found", message: "Award not found" };
    if (award.status !== "accepted") return { ok: false, code: "not_open", message: "Changes can only be asked for while the award is running" };
    const { fields } = input;
    if (waitingOfKind(award.id, fields.kind, tx)) return { ok: false, code: "already_waiting", message: "You have already asked for a change like this. Wait for a decision on it first" };
    let details: Record<string, unknown>;
    if (fields.kind === "dates") {
      if (fields.endsOn <= award.startsOn || fields.endsOn === award.endsOn) return { ok: false, code: "invalid", message: "The new end date must be after the start date and different from the current end date" };
      details = { fromEndsOn: award.endsOn, toEndsOn: fields.endsOn };
    } else {
      // Checked against the split as it is now, not as the browser saw it.
      const current = currentBudgetSplit(award.id, tx);
      const lines: BudgetLineChange[] = current.map((line) => {
        const asked = fields.lines.find((l) => l.budgetLineId === line.budgetLineId);
        return { budgetLineId: line.budgetLineId, item: line.item, fromPence: line.plannedPence, toPence: asked ? asked.toPence : line.plannedPence };
      });
      const unknownLine = fields.lines.some((l) => !current.some((c) => c.budgetLineId === l.budgetLineId));
      const problem = unknownLine ? "The request names a budget line this award does not have" : budgetMovesProblem(lines);
      if (problem) return { ok: false, code: "invalid", message: problem };
      details = { lines };
    }
    const row = tx
      .insert(variations)
      .values({ awardId: award.id, kind: fields.kind, details, reason: fields.reason, status: "requested", requestedBy: input.userId, requestedAt: at })
      .returning()
      .get();
    recordAudit(tx, { at, actorUserId: input.userId, action: "variation.requested", subjectType: "variation", subjectId: row.id, after: row });
    return { ok: true, variationId: row.id };
  });
}

export type VariationDecision = VariationDecisionFields & { variationId: number; officerId: number };

/** The officer's decision. Approval is re-checked against the award as it is now, and applied in the same transaction. */
export function decideVariation(input: VariationDecision, at: Date = new Date()): Result {
  return writeTransaction((tx): Result => {
    const variation = tx.select().from(variations).where(eq(variations.id, input.variationId)).get();
    if (!variation) return { ok: false, code: "not_found", message: "Variation not found" };
    if (variation.status !== "requested") return { ok: false, code: "decided", message: "A decision has already been made on this request" };
    const award = awardRow(variation.awardId, tx)!;
    if (input.decision === "approve" && award.status !== "accepted") return { ok: false, code: "not_open", message: "Only a running award can be changed. Refuse the request instead" };
    if (input.decision === "refuse" && !input.note) return { ok: false, code: "invalid", message: "Say why the change is refused" };

    let details = variation.details;
    if (input.decision === "approve") {
      const applied = variation.kind === "dates" ? applyDates(tx, award, variation, at, input.officerId) : applyBudget(tx, award.id, variation);
      if (!applied.ok) return applied;
      details = applied.details;
    }
    const status = input.decision === "approve" ? "approved" : "refused";
    const after = tx
      .update(variations)
      .set({ status, details, decidedBy: input.officerId, decidedAt: at, decisionNote: input.note })
      .where(eq(variations.id, variation.id))
      .returning()
      .get();
    recordAudit(tx, { at, actorUserId: input.officerId, action: `variation.${status}`, subjectType: "variation", subjectId: variation.id, before: variation, after });
    return { ok: true };
  });
}

type Applied = { ok: true; details: Record<string, unknown> } | { ok: false; code: string; message: string };

/** A new end date moves the final return's due date by as many days, keeping the time the offer gave to report. */
function applyDates(tx: WriteTx, award: typeof awards.$inferSelect, variation: Variation, at: Date, officerId: number): Applied {
  const asked = readDatesDetails(variation.details);
  if (asked.toEndsOn <= award.startsOn) return { ok: false, code: "invalid", message: "The new end date is not after the award's start date. Refuse the request instead" };
  const shift = daysBetween(award.endsOn, asked.toEndsOn);
  const details: Record<string, unknown> = { ...asked, fromEndsOn: award.endsOn };
  tx.update(awards).set({ endsOn: asked.toEndsOn }).where(eq(awards.id, award.id)).run();
  const final = tx.select().from(awardMonitoringDates).where(and(eq(awardMonitoringDates.awardId, award.id), eq(awardMonitoringDates.kind, "final"))).get();
  if (final) {
    const dueOn = shiftIsoDate(final.dueOn, shift);
    tx.update(awardMonitoringDates).set({ dueOn }).where(and(eq(awardMonitoringDates.awardId, award.id), eq(awardMonitoringDates.kind, "final"))).run();
    Object.assign(details, { finalDueFrom: final.dueOn, finalDueTo: dueOn });
  }
  recordAudit(tx, { at, actorUserId: officerId, action: "award.dates_varied", subjectType: "award", subjectId: award.id, before: { endsOn: award.endsOn, finalDueOn: final?.dueOn ?? null }, after: { endsOn: asked.toEndsOn, finalDueOn: details.finalDueTo ?? null, variationId: variation.id } });
  return { ok: true, details };
}

/** The requested moves applied to the split in force now, recorded in full as the new split. */
function applyBudget(tx: WriteTx, awardId: number, variation: Variation): Applied {
  const asked = readBudgetDetails(variation.details);
  const result = applyBudgetMoves(currentBudgetSplit(awardId, tx), asked.lines);
  if (!result.ok) return { ok: false, code: "invalid", message: `${result.message}. Refuse the request instead` };
  return { ok: true, details: { lines: asked.lines, split: result.lines } };
}

export function listVariationsForAward(awardId: number) {
  return getDb().select().from(variations).where(eq(variations.awardId, awardId)).orderBy(desc(variations.requestedAt), desc(variations.id)).all();
}

/** A variation with its award, organisation and bid reference, for the officer's decision page. */
export function getVariationForDecision(variationId: number) {
  const row = getDb()
    .select({ variation: variations, award: awards, organisationName: organisations.name, reference: bids.reference, projectTitle: bids.projectTitle })
    .from(variations)
    .innerJoin(awards, eq(awards.id, variations.awardId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(variations.id, variationId))
    .get();
  return row ? { ...row, currentSplit: currentBudgetSplit(row.award.id) } : undefined;
}
