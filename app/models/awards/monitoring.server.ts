/**
 * Monitoring returns, their review, repayment of underspend and closing an award. Every change is
 * one write transaction with its audit event; money moves only through `appendLedgerEntry`.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { awardMonitoringDates, awards, bidOutcomes, bids, monitoringReturns, organisations, outcomes, returnOutcomes, returnSpend, rounds, variations } from "#db/schema";
import { getDb, writeTransaction, type PortalDb, type WriteTx } from "#db/client";
import { settleUnderspend, totalSpend, whyNotClosable, type MonitoringKind, type ReturnFields, type ReviewFields } from "~/domain/awards/monitoring";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { formatPence, penceToInput } from "~/domain/money/money";
import { instantToLondonWallClock } from "~/domain/time/london";
import { recordAudit } from "../audit.server";
import { appendLedgerEntry, ledgerEntriesFor } from "../ledger.server";
import { getAwardForMember } from "./award.server";
import { currentBudgetSplit, type Result } from "./variations.server";

type Reader = PortalDb | WriteTx;
export type MonitoringReturn = typeof monitoringReturns.$inferSelect;

function londonToday(at: Date): string {
  return instantToLondonWallClock(at).date;
}

function awardRow(awardId: number, q: Reader) {
  return q.select().from(awards).where(eq(awards.id, awardId)).get();
}

/** The bid's target outcomes with their names, in the order the bid gave them. */
export function targetOutcomes(bidId: number, q: Reader = getDb()) {
  return q
    .select({ id: bidOutcomes.id, name: outcomes.name, target: bidOutcomes.target, measure: bidOutcomes.measure })
    .from(bidOutcomes)
    .innerJoin(outcomes, eq(outcomes.id, bidOutcomes.outcomeId))
    .where(eq(bidOutcomes.bidId, bidId))
    .orderBy(asc(bidOutcomes.id))
    .all();
}

export function findReturn(awardId: number, kind: MonitoringKind, q: Reader = getDb()) {
  return q.select().from(monitoringReturns).where(and(eq(monitoringReturns.awardId, awardId), eq(monitoringReturns.kind, kind))).get();
}

/** A return's figures by bid outcome id and budget line id. */
export function returnFigures(returnId: number, q: Reader = getDb()) {
  const achieved: Record<number, number> = {};
  const spent: Record<number, number> = {};
  for (const o of q.select().from(returnOutcomes).where(eq(returnOutcomes.returnId, returnId)).all()) achieved[o.bidOutcomeId] = o.achieved;
  for (const s of q.select().from(returnSpend).where(eq(returnSpend.returnId, returnId)).all()) spent[s.budgetLineId] = s.spentPence;
  return { achieved, spent };
}

/** A return's figures as the form's field names, so a resubmission starts from what was sent. */
export function returnAsFormValues(returned: MonitoringReturn, figures: ReturnType<typeof returnFigures>): Record<string, string> {
  const values: Record<string, string> = { beneficiariesReached: String(returned.beneficiariesReached), story: returned.story, underspend: penceToInput(returned.underspendPence) };
  for (const [id, achieved] of Object.entries(figures.achieved)) values[`outcomes.${id}.achieved`] = String(achieved);
  for (const [id, pence] of Object.entries(figures.spent)) values[`spend.${id}`] = penceToInput(pence);
  return values;
}

function withFigures(returned: MonitoringReturn) {
  const figures = returnFigures(returned.id);
  return { ...returned, ...figures, values: returnAsFormValues(returned, figures) };
}

/** Everything the applicant's return page needs: targets, the budget split in force, the due date and any return already sent. */
export function returnFormFor(awardId: number, kind: MonitoringKind) {
  const award = awardRow(awardId, getDb());
  if (!award) return undefined;
  const due = getDb().select().from(awardMonitoringDates).where(and(eq(awardMonitoringDates.awardId, awardId), eq(awardMonitoringDates.kind, kind))).get();
  const returned = findReturn(awardId, kind);
  return {
    award,
    dueOn: due?.dueOn ?? null,
    outcomes: targetOutcomes(award.bidId),
    budgetLines: currentBudgetSplit(awardId),
    returned: returned ? withFigures(returned) : null,
  };
}

export type ReturnSubmission = { awardId: number; userId: number; kind: MonitoringKind; fields: ReturnFields };

/**
 * The applicant sends a return. One return of each kind: a second is refused, unless the officer
 * asked for more information, when the resubmission replaces the figures and goes back for review.
 */
export function submitReturn(input: ReturnSubmission, at: Date = new Date()): Result<{ returnId: number }> {
  if (!getAwardForMember(input.awardId, input.userId)) return { ok: false, code: "not_found", message: "Award not found" };
  return writeTransaction((tx): Result<{ returnId: number }> => {
    const award = awardRow(input.awardId, tx);
    if (!award) return { ok: false, code: "not_found", message: "Award not found" };
    if (award.status !== "accepted") return { ok: false, code: "not_open", message: "Returns can only be sent for an award whose offer has been accepted" };
    const problem = fieldsProblem(tx, award, input.kind, input.fields);
    if (problem) return { ok: false, code: "invalid", message: problem };
    const existing = findReturn(award.id, input.kind, tx);
    if (existing && existing.status !== "more_information_requested") return { ok: false, code: "already_submitted", message: "This return has already been sent" };

    const { fields } = input;
    const values = { beneficiariesReached: fields.beneficiariesReached, story: fields.story, underspendPence: fields.underspendPence, status: "submitted" as const, submittedBy: input.userId, submittedAt: at };
    let row: MonitoringReturn;
    if (existing) {
      // The officer's note stays on the row, so the reviewer sees what they asked for.
      row = tx.update(monitoringReturns).set(values).where(eq(monitoringReturns.id, existing.id)).returning().get();
      tx.delete(returnOutcomes).where(eq(returnOutcomes.returnId, row.id)).run();
      tx.delete(returnSpend).where(eq(returnSpend.returnId, row.id)).run();
    } else {
      row = tx.insert(monitoringReturns).values({ awardId: award.id, kind: input.kind, ...values }).returning().get();
    }
    for (const o of fields.outcomes) tx.insert(returnOutcomes).values({ returnId: row.id, bidOutcomeId: o.bidOutcomeId, achieved: o.achieved }).run();
    for (const s of fields.spend) tx.insert(returnSpend).values({ returnId: row.id, budgetLineId: s.budgetLineId, spentPence: s.spentPence }).run();
    recordAudit(tx, {
      at,
      actorUserId: input.userId,
      action: existing ? "monitoring_return.resubmitted" : "monitoring_return.submitted",
      subjectType: "monitoring_return",
      subjectId: row.id,
      before: existing ?? null,
      after: { ...row, outcomes: fields.outcomes, spend: fields.spend },
    });
    return { ok: true, returnId: row.id };
  });
}

/** The server's own check that the figures belong to this award, whatever the form posted. */
function fieldsProblem(tx: WriteTx, award: typeof awards.$inferSelect, kind: MonitoringKind, fields: ReturnFields): string | null {
  const outcomeIds = targetOutcomes(award.bidId, tx).map((o) => o.id);
  const lineIds = currentBudgetSplit(award.id, tx).map((l) => l.budgetLineId);
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((id) => b.includes(id));
  if (!same(fields.outcomes.map((o) => o.bidOutcomeId), outcomeIds)) return "Give a number achieved for each target outcome";
  if (!same(fields.spend.map((s) => s.budgetLineId), lineIds)) return "Give the spend for each budget line";
  const spent = totalSpend(fields.spend);
  if (spent > award.amountPence || fields.underspendPence > award.amountPence - spent) return "The spend and underspend cannot add up to more than the award";
  if (kind === "final" && fields.underspendPence !== award.amountPence - spent) return "The underspend must be the award minus the total spend";
  return null;
}

/** Fund, year and round for money entries about an award: those of its commitment, so they reconcile together. */
function commitmentScope(tx: WriteTx, award: typeof awards.$inferSelect) {
  const commitment = ledgerEntriesFor({ awardId: award.id }, tx).find((e) => e.kind === "commitment");
  if (commitment) return { fundId: commitment.fundId, financialYear: commitment.financialYear, roundId: commitment.roundId ?? award.roundId };
  const round = tx.select({ fundId: rounds.fundId }).from(rounds).where(eq(rounds.id, award.roundId)).get()!;
  return { fundId: round.fundId, financialYear: financialYearOf(award.createdAt), roundId: award.roundId };
}

/** Underspend already settled by the award's other accepted returns: a final return's includes an interim's, so the largest, not the sum. */
function alreadySettled(otherAccepted: readonly MonitoringReturn[]): number {
  return Math.max(0, ...otherAccepted.map((r) => r.underspendPence));
}

export type ReturnReview = ReviewFields & { returnId: number; officerId: number };

/**
 * The officer accepts a return or asks for more. Accepting a return with underspend settles it on
 * the ledger in the same transaction: the unpaid part of the award is released from the
 * commitment, and what was paid but not spent becomes a repayment due.
 */
export function reviewReturn(input: ReturnReview, at: Date = new Date()): Result<{ repaymentDuePence: number; commitmentReducedPence: number }> {
  return writeTransaction((tx): Result<{ repaymentDuePence: number; commitmentReducedPence: number }> => {
    const before = tx.select().from(monitoringReturns).where(eq(monitoringReturns.id, input.returnId)).get();
    if (!before) return { ok: false, code: "not_found", message: "Return not found" };
    if (before.status !== "submitted") return { ok: false, code: "not_submitted", message: "This return is not waiting for review" };
    const award = awardRow(before.awardId, tx)!;
    if (award.status !== "accepted") return { ok: false, code: "not_open", message: "This award is not running, so its returns cannot be reviewed" };
    if (input.decision === "more_information" && !input.note) return { ok: false, code: "invalid", message: "Say what more information you need" };

    const status = input.decision === "accept" ? ("accepted" as const) : ("more_information_requested" as const);
    const after = tx.update(monitoringReturns).set({ status, reviewedBy: input.officerId, reviewedAt: at, reviewNote: input.note }).where(eq(monitoringReturns.id, before.id)).returning().get();

    let settlement = { repaymentDuePence: 0, commitmentReducedPence: 0 };
    if (status === "accepted" && after.underspendPence > 0) {
      const others = tx.select().from(monitoringReturns).where(and(eq(monitoringReturns.awardId, award.id), eq(monitoringReturns.status, "accepted"))).all().filter((r) => r.id !== after.id);
      const b = balances(ledgerEntriesFor({ awardId: award.id }, tx));
      settlement = settleUnderspend({ underspendPence: after.underspendPence, alreadySettledPence: alreadySettled(others), committedPence: b.committedPence, paidPence: b.paidPence });
      const scope = { ...commitmentScope(tx, award), awardId: award.id };
      const note = `Underspend on the ${after.kind} return (${formatPence(after.underspendPence)})`;
      if (settlement.commitmentReducedPence > 0) appendLedgerEntry(tx, { ...scope, kind: "commitment_reduced", amountPence: settlement.commitmentReducedPence, note: `${note}: not paid out` }, input.officerId, at);
      if (settlement.repaymentDuePence > 0) appendLedgerEntry(tx, { ...scope, kind: "repayment_due", amountPence: settlement.repaymentDuePence, note: `${note}: paid and not spent` }, input.officerId, at);
    }
    recordAudit(tx, { at, actorUserId: input.officerId, action: `monitoring_return.${status}`, subjectType: "monitoring_return", subjectId: after.id, before, after: { ...after, ...settlement } });
    return { ok: true, ...settlement };
  });
}

export type RepaymentInput = { awardId: number; amountPence: number; receivedOn: string; reference: string; financeUserId: number };

/** Finance records money the organisation has paid back; never more than is still due. */
export function recordRepayment(input: RepaymentInput, at: Date = new Date()): Result<{ entryId: number }> {
  return writeTransaction((tx): Result<{ entryId: number }> => {
    const award = awardRow(input.awardId, tx);
    if (!award) return { ok: false, code: "not_found", message: "Award not found" };
    const outstanding = balances(ledgerEntriesFor({ awardId: award.id }, tx)).repaymentOutstandingPence;
    if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0) return { ok: false, code: "invalid", message: "The amount received must be more than £0" };
    if (input.amountPence > outstanding) {
      const message = outstanding <= 0 ? "Nothing is due to be repaid on this award" : `The amount received must be ${formatPence(outstanding)} or less, the repayment still due`;
      return { ok: false, code: "more_than_due", message };
    }
    const entry = appendLedgerEntry(tx, { ...commitmentScope(tx, award), awardId: award.id, kind: "repayment", amountPence: input.amountPence, valueOn: input.receivedOn, reference: input.reference }, input.financeUserId, at);
    return { ok: true, entryId: entry.id };
  });
}

/** Where an award stands on closing: the reasons it cannot be closed yet, or none. */
export function closeCheck(awardId: number, q: Reader = getDb()) {
  const award = awardRow(awardId, q);
  if (!award) return undefined;
  const b = balances(ledgerEntriesFor({ awardId }, q));
  const reasons = whyNotClosable({ status: award.status, finalReturn: findReturn(awardId, "final", q)?.status ?? null, repaymentOutstandingPence: b.repaymentOutstandingPence, paymentOutstandingPence: b.outstandingPence });
  return { award, balances: b, reasons };
}

/** Closes an award once its final return is accepted and no money is owed either way. */
export function closeAward(awardId: number, officerId: number, at: Date = new Date()): Result {
  return writeTransaction((tx): Result => {
    const check = closeCheck(awardId, tx);
    if (!check) return { ok: false, code: "not_found", message: "Award not found" };
    if (check.reasons.length > 0) return { ok: false, code: "not_closable", message: check.reasons.join(". ") };
    const after = tx.update(awards).set({ status: "closed", closedAt: at }).where(eq(awards.id, awardId)).returning().get();
    recordAudit(tx, { at, actorUserId: officerId, action: "award.closed", subjectType: "award", subjectId: awardId, before: check.award, after });
    return { ok: true };
  });
}

/** Running awards whose end date has passed with no final return sent, for finance's reconciliation flags. */
export function awardsPastEndWithoutFinalReturn(now: Date) {
  const today = londonToday(now);
  const running = getDb().select({ id: awards.id, bidId: awards.bidId, roundId: awards.roundId, organisationId: awards.organisationId, amountPence: awards.amountPence, endsOn: awards.endsOn }).from(awards).where(eq(awards.status, "accepted")).all();
  const past = running.filter((a) => a.endsOn < today);
  if (past.length === 0) return [];
  const withFinal = new Set(
    getDb()
      .select({ awardId: monitoringReturns.awardId })
      .from(monitoringReturns)
      .where(and(eq(monitoringReturns.kind, "final"), inArray(monitoringReturns.awardId, past.map((a) => a.id))))
      .all()
      .map((r) => r.awardId),
  );
  return past.filter((a) => !withFinal.has(a.id));
}

/** Every running or closed award with its returns, waiting variations and repayment position, for the officers' list. */
export function listAwardsForMonitoring(now: Date) {
  const rows = getDb()
    .select({ award: awards, reference: bids.reference, projectTitle: bids.projectTitle, organisationName: organisations.name })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(inArray(awards.status, ["accepted", "closed"]))
    .orderBy(asc(awards.endsOn), asc(awards.id))
    .all();
  const ids = rows.map((r) => r.award.id);
  if (ids.length === 0) return { today: londonToday(now), awards: [] };
  const dates = getDb().select().from(awardMonitoringDates).where(inArray(awardMonitoringDates.awardId, ids)).all();
  const returns = getDb().select({ id: monitoringReturns.id, awardId: monitoringReturns.awardId, kind: monitoringReturns.kind, status: monitoringReturns.status }).from(monitoringReturns).where(inArray(monitoringReturns.awardId, ids)).all();
  const waiting = getDb().select({ id: variations.id, awardId: variations.awardId }).from(variations).where(and(inArray(variations.awardId, ids), eq(variations.status, "requested"))).all();
  return {
    today: londonToday(now),
    awards: rows.map((r) => ({
      ...r,
      dates: dates.filter((d) => d.awardId === r.award.id),
      returns: returns.filter((x) => x.awardId === r.award.id),
      waitingVariationIds: waiting.filter((v) => v.awardId === r.award.id).map((v) => v.id),
      repaymentOutstandingPence: balances(ledgerEntriesFor({ awardId: r.award.id })).repaymentOutstandingPence,
    })),
  };
}

/** A return with its award, and each outcome and budget line beside its target and plan, for review. */
export function getReturnForReview(returnId: number) {
  const returned = getDb().select().from(monitoringReturns).where(eq(monitoringReturns.id, returnId)).get();
  if (!returned) return undefined;
  const context = getDb()
    .select({ award: awards, reference: bids.reference, projectTitle: bids.projectTitle, organisationName: organisations.name })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.id, returned.awardId))
    .get()!;
  const { achieved, spent } = returnFigures(returnId);
  const others = getDb().select().from(monitoringReturns).where(and(eq(monitoringReturns.awardId, returned.awardId), eq(monitoringReturns.status, "accepted"))).all().filter((r) => r.id !== returnId);
  return {
    ...context,
    returned,
    outcomes: targetOutcomes(context.award.bidId).map((o) => ({ ...o, achieved: achieved[o.id] ?? 0 })),
    lines: currentBudgetSplit(context.award.id).map((l) => ({ ...l, spentPence: spent[l.budgetLineId] ?? 0 })),
    balances: balances(ledgerEntriesFor({ awardId: returned.awardId })),
    alreadySettledPence: alreadySettled(others),
  };
}

/** An award's repayment position and the repayments recorded, for finance. */
export function repaymentPosition(awardId: number) {
  const context = getDb()
    .select({ award: awards, reference: bids.reference, projectTitle: bids.projectTitle, organisationName: organisations.name })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.id, awardId))
    .get();
  if (!context) return undefined;
  const entries = ledgerEntriesFor({ awardId });
  return { ...context, balances: balances(entries), entries: entries.filter((e) => e.kind === "repayment_due" || e.kind === "repayment") };
}
