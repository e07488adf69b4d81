/**
 * The Community Safety Fund, or any fund allocated without competition ("passported"): allocations
 * to each district's Community Safety Partnership, payments to the partnership, and its quarterly
 * returns. Money goes through the ledger (commitments and payments carrying a district and no
 * award) in one transaction with its audit event; returns are rows of `csf_returns`, audited too.
 *
 * Entries carry the financial year of the allocation they belong to, including a payment made after
 * 31 March against last year's allocation, so each year's allocated, paid and outstanding agree.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { csfReturns, districts, funds, ledgerEntries, planPriorities, plans, rounds, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { allocationChange, allocationRefusal, paymentRefusal, QUARTERS, type Quarter, type ReturnFields } from "~/domain/finance/csf";
import { balances, LEDGER_KIND_LABEL } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { recordAudit } from "../audit.server";
import { appendLedgerEntry, type LedgerEntry } from "../ledger.server";

type Reader = Pick<WriteTx, "select">;

export function listPassportedFunds() {
  return getDb().select().from(funds).where(eq(funds.allocationMethod, "passported")).orderBy(asc(funds.name)).all();
}

/** The fund asked for if it is passported, else the first passported fund; undefined if none. */
export function findPassportedFund(fundId?: number) {
  const all = listPassportedFunds();
  return fundId === undefined ? all[0] : all.find((f) => f.id === fundId);
}

export const listPartnershipDistricts = () => getDb().select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name)).all();

export function getDistrict(id: number) {
  return getDb().select({ id: districts.id, name: districts.name }).from(districts).where(eq(districts.id, id)).get();
}

/** A partnership's entries for a year: allocations and payments carry a district and no award or round. */
function partnershipEntries(q: Reader, fundId: number, districtId: number, financialYear: number): LedgerEntry[] {
  return q
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.fundId, fundId), eq(ledgerEntries.districtId, districtId), eq(ledgerEntries.financialYear, financialYear), isNull(ledgerEntries.awardId), isNull(ledgerEntries.roundId)))
    .orderBy(asc(ledgerEntries.id))
    .all();
}

function fundYearEntries(q: Reader, fundId: number, financialYear: number): LedgerEntry[] {
  return q.select().from(ledgerEntries).where(and(eq(ledgerEntries.fundId, fundId), eq(ledgerEntries.financialYear, financialYear))).all();
}

/**
 * Each partnership's allocation, payments and returns for the year, with totals that are the sums
 * of the rows, and the fund's budget for the year beside what has been allocated.
 */
export function csfOverview(fundId: number, financialYear: number) {
  const db = getDb();
  const entries = fundYearEntries(db, fundId, financialYear);
  const returns = db.select().from(csfReturns).where(and(eq(csfReturns.fundId, fundId), eq(csfReturns.financialYear, financialYear))).all();
  const rows = listPartnershipDistricts().map((district) => {
    const b = balances(entries.filter((e) => e.districtId === district.id && e.awardId === null && e.roundId === null));
    const spend = (q: Quarter) => returns.find((r) => r.districtId === district.id && r.quarter === q)?.spendPence ?? null;
    return {
      districtId: district.id,
      name: district.name,
      allocatedPence: b.committedPence,
      paidPence: b.paidPence,
      outstandingPence: b.committedPence - b.paidPence,
      returns: QUARTERS.map((quarter) => ({ quarter, spendPence: spend(quarter) })),
    };
  });
  const fund = balances(entries);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    budgetPence: fund.budgetPence,
    rows,
    totals: {
      allocatedPence: sum((r) => r.allocatedPence),
      paidPence: sum((r) => r.paidPence),
      outstandingPence: sum((r) => r.outstandingPence),
      returnsReceived: QUARTERS.map((quarter) => ({ quarter, count: rows.filter((r) => r.returns[quarter - 1].spendPence !== null).length, spendPence: sum((r) => r.returns[quarter - 1].spendPence ?? 0) })),
    },
    // What the fund has committed in the year, allocations and anything else, against its budget.
    unallocatedPence: fund.budgetPence - fund.committedPence,
  };
}

export type CsfResult = { ok: true; entry: LedgerEntry | null } | { ok: false; code: "not_found" } | { ok: false; code: "refused"; field: string; message: string };

function partnershipInScope(tx: Reader, fundId: number, districtId: number): boolean {
  const fund = tx.select({ method: funds.allocationMethod }).from(funds).where(eq(funds.id, fundId)).get();
  const district = tx.select({ id: districts.id }).from(districts).where(eq(districts.id, districtId)).get();
  return fund?.method === "passported" && Boolean(district);
}

/**
 * Sets a partnership's allocation for the year to `amountPence`, appending the difference (the
 * entries always sum to the allocation and every change stays readable). Checked inside the
 * write-locked transaction, so two people allocating at once cannot overspend the budget.
 */
export function allocateToPartnership(input: { fundId: number; districtId: number; financialYear: number; amountPence: number; actorId: number }, now: Date): CsfResult {
  return writeTransaction((tx): CsfResult => {
    if (!partnershipInScope(tx, input.fundId, input.districtId)) return { ok: false, code: "not_found" };
    const own = balances(partnershipEntries(tx, input.fundId, input.districtId, input.financialYear));
    const fund = balances(fundYearEntries(tx, input.fundId, input.financialYear));
    const refusal = allocationRefusal({ targetPence: input.amountPence, currentPence: own.committedPence, paidPence: own.paidPence, budgetPence: fund.budgetPence, allocatedPence: fund.committedPence });
    if (refusal) return { ok: false, code: "refused", field: "allocation", message: refusal };
    const change = allocationChange(own.committedPence, input.amountPence);
    if (!change) return { ok: true, entry: null };
    const entry = appendLedgerEntry(
      tx,
      { ...change, fundId: input.fundId, financialYear: input.financialYear, districtId: input.districtId, note: `Allocation ${formatPence(own.committedPence)} to ${formatPence(input.amountPence)}` },
      input.actorId,
      now,
    );
    return { ok: true, entry };
  });
}

/** Records money paid to a partnership, never more than is left of its allocation for the year. */
export function payPartnership(input: { fundId: number; districtId: number; financialYear: number; amountPence: number; paidOn: string; reference: string; actorId: number }, now: Date): CsfResult {
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0) return { ok: false, code: "refused", field: "amount", message: "The amount paid must be more than £0" };
  return writeTransaction((tx): CsfResult => {
    if (!partnershipInScope(tx, input.fundId, input.districtId)) return { ok: false, code: "not_found" };
    const own = balances(partnershipEntries(tx, input.fundId, input.districtId, input.financialYear));
    const refusal = paymentRefusal({ amountPence: input.amountPence, allocatedPence: own.committedPence, paidPence: own.paidPence });
    if (refusal) return { ok: false, code: "refused", field: "amount", message: refusal };
    const entry = appendLedgerEntry(
      tx,
      { kind: "payment", fundId: input.fundId, financialYear: input.financialYear, districtId: input.districtId, amountPence: input.amountPence, valueOn: input.paidOn, reference: input.reference },
      input.actorId,
      now,
    );
    return { ok: true, entry };
  });
}

/**
 * The plan a partnership reports against: the plan of the fund's latest round, or, for a fund
 * without rounds (the CSF has none: nobody bids), the newest plan.
 */
export function currentPlanFor(fundId: number) {
  const db = getDb();
  const latestRound = db.select({ planId: rounds.planId }).from(rounds).where(eq(rounds.fundId, fundId)).orderBy(desc(rounds.opensAt), desc(rounds.id)).limit(1).get();
  const plan = latestRound
    ? db.select().from(plans).where(eq(plans.id, latestRound.planId)).get()
    : db.select().from(plans).orderBy(desc(plans.startsOn), desc(plans.id)).limit(1).get();
  if (!plan) return undefined;
  return { ...plan, priorities: db.select({ id: planPriorities.id, name: planPriorities.name }).from(planPriorities).where(eq(planPriorities.planId, plan.id)).orderBy(asc(planPriorities.position)).all() };
}

/** One partnership's year: its ledger entries, its returns, and the plan to report against. */
export function partnershipYear(fundId: number, districtId: number, financialYear: number) {
  const db = getDb();
  const entries = db
    .select({ entry: ledgerEntries, createdByName: users.name })
    .from(ledgerEntries)
    .innerJoin(users, eq(users.id, ledgerEntries.createdBy))
    .where(and(eq(ledgerEntries.fundId, fundId), eq(ledgerEntries.districtId, districtId), eq(ledgerEntries.financialYear, financialYear)))
    .orderBy(asc(ledgerEntries.id))
    .all();
  const own = entries.map((r) => r.entry).filter((e) => e.awardId === null && e.roundId === null);
  const b = balances(own);
  const returns = db
    .select({ row: csfReturns, submittedByName: users.name })
    .from(csfReturns)
    .innerJoin(users, eq(users.id, csfReturns.submittedBy))
    .where(and(eq(csfReturns.fundId, fundId), eq(csfReturns.districtId, districtId), eq(csfReturns.financialYear, financialYear)))
    .orderBy(asc(csfReturns.quarter))
    .all();
  // Returns keep the priority ids they were split by, so an older plan's names are still found.
  const priorityNames = new Map(db.select({ id: planPriorities.id, name: planPriorities.name }).from(planPriorities).all().map((p) => [String(p.id), p.name]));
  return {
    allocatedPence: b.committedPence,
    paidPence: b.paidPence,
    outstandingPence: b.committedPence - b.paidPence,
    entries: entries.map(({ entry: e, createdByName }) => ({ id: e.id, at: e.at, kind: e.kind, kindLabel: LEDGER_KIND_LABEL[e.kind], amountPence: e.amountPence, valueOn: e.valueOn, reference: e.reference, note: e.note, createdByName })),
    returns: returns.map(({ row, submittedByName }) => ({
      id: row.id,
      quarter: row.quarter as Quarter,
      spendPence: row.spendPence,
      spendByPriority: Object.entries(row.spendByPriority).map(([id, pence]) => ({ id, name: priorityNames.get(id) ?? `Priority ${id}`, pence })),
      outcomesSummary: row.outcomesSummary,
      submittedByName,
      submittedAt: row.submittedAt,
    })),
    openQuarters: QUARTERS.filter((q) => !returns.some((r) => r.row.quarter === q)),
    plan: currentPlanFor(fundId),
  };
}

export type ReturnResult = { ok: true; returnId: number } | { ok: false; code: "not_found" } | { ok: false; code: "refused"; field: string; message: string };

/**
 * Records a partnership's quarterly return, on its behalf (partnerships are not portal users: their
 * return arrives by e-mail and finance keys it in). One per partnership, year and quarter: the
 * unique index enforces it even if two people key the same return at once.
 */
export function recordCsfReturn(input: ReturnFields & { fundId: number; districtId: number; financialYear: number; actorId: number }, now: Date): ReturnResult {
  const split = Object.values(input.spendByPriority).reduce((sum, p) => sum + p, 0);
  if (split !== input.spendPence) return { ok: false, code: "refused", field: "spendByPriority", message: "The spend by priority must add up to the total spend" };
  if (!QUARTERS.includes(input.quarter)) return { ok: false, code: "refused", field: "quarter", message: "Select the quarter the return is for" };
  return writeTransaction((tx): ReturnResult => {
    if (!partnershipInScope(tx, input.fundId, input.districtId)) return { ok: false, code: "not_found" };
    const planPriorityIds = new Set(currentPlanFor(input.fundId)?.priorities.map((p) => String(p.id)) ?? []);
    if (Object.keys(input.spendByPriority).some((id) => !planPriorityIds.has(id))) return { ok: false, code: "refused", field: "spendByPriority", message: "Split the spend by the priorities of the current Police and Crime Plan" };
    const taken = tx
      .select({ id: csfReturns.id })
      .from(csfReturns)
      .where(and(eq(csfReturns.fundId, input.fundId), eq(csfReturns.districtId, input.districtId), eq(csfReturns.financialYear, input.financialYear), eq(csfReturns.quarter, input.quarter)))
      .get();
    if (taken) return { ok: false, code: "refused", field: "quarter", message: "A return for this quarter has already been recorded" };
    const row = tx
      .insert(csfReturns)
      .values({
        fundId: input.fundId,
        districtId: input.districtId,
        financialYear: input.financialYear,
        quarter: input.quarter,
        spendPence: input.spendPence,
        spendByPriority: input.spendByPriority,
        outcomesSummary: input.outcomesSummary,
        submittedBy: input.actorId,
        submittedAt: now,
      })
      .returning()
      .get();
    recordAudit(tx, { at: now, actorUserId: input.actorId, action: "csf_return.recorded", subjectType: "csf_return", subjectId: row.id, after: row });
    return { ok: true, returnId: row.id };
  });
}
