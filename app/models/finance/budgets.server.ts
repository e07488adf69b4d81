/**
 * Budgets in the ledger. A fund has a budget per financial year and each round a budget drawn from
 * its fund's year. Setting a budget appends the DIFFERENCE from the current figure, so the entries
 * always sum to the budget and the history of every change stays readable; a reduction is a
 * negative entry that points at the latest one it corrects (the ledger allows nothing else).
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { decisions, funds, ledgerEntries, rounds } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { appendLedgerEntry, ledgerEntriesFor, type LedgerEntry } from "../ledger.server";
import { recordAudit } from "../audit.server";

type Reader = Pick<WriteTx, "select">;
type Scope = { fundId: number; financialYear: number; roundId: number | null };

function entriesIn(q: Reader, kind: "budget_set" | "round_budget_set", scope: Scope): LedgerEntry[] {
  const roundCondition = scope.roundId === null ? sql`${ledgerEntries.roundId} is null` : eq(ledgerEntries.roundId, scope.roundId);
  return q
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.kind, kind), eq(ledgerEntries.fundId, scope.fundId), eq(ledgerEntries.financialYear, scope.financialYear), roundCondition))
    .orderBy(asc(ledgerEntries.id))
    .all();
}

const sum = (entries: readonly LedgerEntry[]) => entries.reduce((total, e) => total + e.amountPence, 0);

/**
 * Appends `target - current` for one budget, or nothing when they already agree. Returns the entry.
 */
function appendDifference(tx: WriteTx, kind: "budget_set" | "round_budget_set", scope: Scope, targetPence: number, actorId: number, now: Date, note: string | null): LedgerEntry | null {
  const existing = entriesIn(tx, kind, scope);
  const current = sum(existing);
  const difference = targetPence - current;
  if (difference === 0) return null;
  return appendLedgerEntry(
    tx,
    {
      kind,
      fundId: scope.fundId,
      financialYear: scope.financialYear,
      roundId: scope.roundId,
      amountPence: difference,
      correctsEntryId: difference < 0 ? existing[existing.length - 1].id : null,
      note: note ?? `${formatPence(current)} to ${formatPence(targetPence)}`,
    },
    actorId,
    now,
  );
}

export function fundBudget(fundId: number, financialYear: number, q: Reader = getDb()): number {
  return sum(entriesIn(q, "budget_set", { fundId, financialYear, roundId: null }));
}

export type BudgetResult = { ok: true; entry: LedgerEntry | null } | { ok: false; code: "not_found" | "invalid"; message: string };

export function setFundBudget(input: { fundId: number; financialYear: number; amountPence: number; actorId: number }, now: Date): BudgetResult {
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence < 0) return { ok: false, code: "invalid", message: "A budget is a whole number of pence, £0 or more" };
  if (!Number.isInteger(input.financialYear) || input.financialYear < 2000 || input.financialYear > 2100) return { ok: false, code: "invalid", message: "Choose a financial year" };
  return writeTransaction((tx): BudgetResult => {
    if (!tx.select({ id: funds.id }).from(funds).where(eq(funds.id, input.fundId)).get()) return { ok: false, code: "not_found", message: "Select a fund" };
    const entry = appendDifference(tx, "budget_set", { fundId: input.fundId, financialYear: input.financialYear, roundId: null }, input.amountPence, input.actorId, now, null);
    return { ok: true, entry };
  });
}

/** The fund and financial year a round's budget is drawn from: those of the day it opens. */
export function roundBudgetScope(round: { fundId: number; opensAt: Date }) {
  return { fundId: round.fundId, financialYear: financialYearOf(round.opensAt) };
}

/**
 * Brings the ledger in step with a round's budget column, inside the caller's transaction. A round
 * moved to another fund or financial year has its old allocation taken back there and made again
 * where it now belongs, so every year's figures stay true.
 */
export function syncRoundBudget(tx: WriteTx, roundId: number, actorId: number, now: Date): LedgerEntry[] {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return [];
  const home = roundBudgetScope(round);
  const existing = tx
    .select({ fundId: ledgerEntries.fundId, financialYear: ledgerEntries.financialYear })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.kind, "round_budget_set"), eq(ledgerEntries.roundId, roundId)))
    .groupBy(ledgerEntries.fundId, ledgerEntries.financialYear)
    .all();
  const written: LedgerEntry[] = [];
  for (const scope of existing) {
    if (scope.fundId === home.fundId && scope.financialYear === home.financialYear) continue;
    const entry = appendDifference(tx, "round_budget_set", { ...scope, roundId }, 0, actorId, now, "Round moved to another fund or financial year");
    if (entry) written.push(entry);
  }
  const entry = appendDifference(tx, "round_budget_set", { ...home, roundId }, round.budgetPence, actorId, now, null);
  if (entry) written.push(entry);
  return written;
}

/**
 * Changes a round's budget (the figure grants officers decide within) and its ledger together.
 * Never below what the round's decisions already commit: that money is promised.
 */
export function setRoundBudget(input: { roundId: number; amountPence: number; actorId: number }, now: Date): BudgetResult {
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence < 0) return { ok: false, code: "invalid", message: "A budget is a whole number of pence, £0 or more" };
  return writeTransaction((tx): BudgetResult => {
    const before = tx.select().from(rounds).where(eq(rounds.id, input.roundId)).get();
    if (!before) return { ok: false, code: "not_found", message: "Round not found" };
    // The decisions table, like the officers' page, counts every decision in the round.
    const committed = Number(tx.select({ total: sql<number>`coalesce(sum(${decisions.amountPence}), 0)` }).from(decisions).where(eq(decisions.roundId, before.id)).get()?.total ?? 0);
    if (input.amountPence < committed) return { ok: false, code: "invalid", message: `The round budget cannot be less than the ${formatPence(committed)} its decisions already commit` };
    tx.update(rounds).set({ budgetPence: input.amountPence }).where(eq(rounds.id, before.id)).run();
    recordAudit(tx, { at: now, actorUserId: input.actorId, action: "round.budget_set", subjectType: "round", subjectId: before.id, before: { budgetPence: before.budgetPence }, after: { budgetPence: input.amountPence } });
    const written = syncRoundBudget(tx, before.id, input.actorId, now);
    return { ok: true, entry: written[written.length - 1] ?? null };
  });
}

/**
 * Rounds whose budget is not (yet) what the ledger says. The seed creates rounds before any person
 * exists to record their budgets against; a person brings them into the ledger afterwards.
 */
export function roundsOutOfStep() {
  const db = getDb();
  const all = db.select({ id: rounds.id, name: rounds.name, fundId: rounds.fundId, opensAt: rounds.opensAt, budgetPence: rounds.budgetPence, fundName: funds.name }).from(rounds).innerJoin(funds, eq(funds.id, rounds.fundId)).orderBy(asc(rounds.id)).all();
  return all.filter((r) => {
    const home = roundBudgetScope(r);
    const entries = ledgerEntriesFor({ roundId: r.id }, db).filter((e) => e.kind === "round_budget_set");
    const atHome = sum(entries.filter((e) => e.fundId === home.fundId && e.financialYear === home.financialYear));
    return atHome !== r.budgetPence || sum(entries) !== r.budgetPence;
  });
}

export function bringRoundBudgetsIntoLedger(actorId: number, now: Date): number {
  const ids = roundsOutOfStep().map((r) => r.id);
  return writeTransaction((tx) => ids.reduce((count, id) => count + (syncRoundBudget(tx, id, actorId, now).length ? 1 : 0), 0));
}

export type FundYearBudget = {
  fundId: number;
  fundName: string;
  financialYear: number;
  budgetPence: number;
  /** Round budgets drawn from this fund's year. */
  allocatedToRoundsPence: number;
  committedPence: number;
  paidPence: number;
  uncommittedPence: number;
};

/**
 * Every fund's budget for every financial year the ledger mentions (and `alwaysYear`, so this year
 * shows even before anything is recorded), computed from the entries, newest year first.
 */
export function fundBudgetsByYear(alwaysYear?: number): FundYearBudget[] {
  const db = getDb();
  const fundRows = db.select({ id: funds.id, name: funds.name }).from(funds).orderBy(asc(funds.name)).all();
  const years = db
    .selectDistinct({ fundId: ledgerEntries.fundId, financialYear: ledgerEntries.financialYear })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.financialYear))
    .all();
  const rows: FundYearBudget[] = [];
  for (const fund of fundRows) {
    const fundYears = new Set(years.filter((y) => y.fundId === fund.id).map((y) => y.financialYear));
    if (alwaysYear !== undefined) fundYears.add(alwaysYear);
    for (const financialYear of [...fundYears].sort((a, b) => b - a)) {
      const entries = ledgerEntriesFor({ fundId: fund.id, financialYear }, db);
      const b = balances(entries);
      rows.push({
        fundId: fund.id,
        fundName: fund.name,
        financialYear,
        budgetPence: b.budgetPence,
        allocatedToRoundsPence: balances(entries, "round_budget_set").budgetPence,
        committedPence: b.committedPence,
        paidPence: b.paidPence,
        uncommittedPence: b.uncommittedPence,
      });
    }
  }
  return rows.sort((a, b) => b.financialYear - a.financialYear || a.fundName.localeCompare(b.fundName));
}

/** The latest budget entries, funds' and rounds', for the history under the budgets table. */
export function budgetHistory(limit = 50) {
  return getDb()
    .select({ id: ledgerEntries.id, at: ledgerEntries.at, kind: ledgerEntries.kind, fundName: funds.name, financialYear: ledgerEntries.financialYear, roundId: ledgerEntries.roundId, roundName: rounds.name, amountPence: ledgerEntries.amountPence, note: ledgerEntries.note })
    .from(ledgerEntries)
    .innerJoin(funds, eq(funds.id, ledgerEntries.fundId))
    .leftJoin(rounds, eq(rounds.id, ledgerEntries.roundId))
    .where(sql`${ledgerEntries.kind} in ('budget_set', 'round_budget_set')`)
    .orderBy(desc(ledgerEntries.id))
    .limit(limit)
    .all();
}
