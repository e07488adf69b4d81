/**
 * Reading the ledger for reconciliation: the scope's entries, the names that label them, and the
 * award facts (amount, end date, final return) the flags need. Every figure is computed from
 * ledger entries by the pure domain; nothing here stores a total.
 *
 * Award facts are read from `awards` and `monitoring_returns` here rather than through monitoring's
 * `awardsPastEndWithoutFinalReturn`: that one lets any final return sent clear the flag, while a
 * reconciliation flags an award until its final return is accepted, and only for awards in scope.
 */
import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { awards, bids, districts, funds, ledgerEntries, monitoringReturns, organisations, rounds, users } from "#db/schema";
import { getDb } from "#db/client";
import { FIGURE_LABEL, FIGURES, figureSigns, figuresOf, reconciliationRows, type Figure, type ReconEntry } from "~/domain/finance/reconciliation";
import { FLAG_TITLE, flagMessage, reconciliationFlags, type AwardFacts, type Flag, type Names } from "~/domain/finance/reconciliation-flags";
import { budgetKindFor, ledgerHref, parseScope, type LedgerFilter, type ReconciliationScope } from "~/domain/finance/scope";
import { instantToLondonWallClock } from "~/domain/time/london";
import { financialYearLabel, LEDGER_KIND_LABEL, LEDGER_KINDS, type LedgerKind } from "~/domain/money/ledger";
import { ledgerEntriesFor } from "../ledger.server";

export function scopeOptions(currentYear: number) {
  const db = getDb();
  const fundRows = db.select({ id: funds.id, name: funds.name, allocationMethod: funds.allocationMethod }).from(funds).orderBy(asc(funds.name)).all();
  const roundRows = db
    .select({ id: rounds.id, fundId: rounds.fundId, name: rounds.name, fundName: funds.name })
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .orderBy(asc(funds.name), asc(rounds.opensAt))
    .all();
  const years = new Set(db.selectDistinct({ year: ledgerEntries.financialYear }).from(ledgerEntries).all().map((r) => r.year));
  years.add(currentYear);
  return { funds: fundRows, rounds: roundRows, years: [...years].sort((a, b) => b - a) };
}

/**
 * The scope with its names, or undefined when a fund or round does not exist. A round belongs to
 * one fund, so a round chosen beside another fund (easy to do in the filter form) takes its own.
 */
export function describeScope(scope: ReconciliationScope) {
  const db = getDb();
  const round = scope.roundId === undefined ? undefined : db.select({ id: rounds.id, name: rounds.name, fundId: rounds.fundId }).from(rounds).where(eq(rounds.id, scope.roundId)).get();
  if (scope.roundId !== undefined && !round) return undefined;
  const fundId = round?.fundId ?? scope.fundId;
  const fund = fundId === undefined ? undefined : db.select({ id: funds.id, name: funds.name, allocationMethod: funds.allocationMethod }).from(funds).where(eq(funds.id, fundId)).get();
  if (fundId !== undefined && !fund) return undefined;
  const resolved: ReconciliationScope = { fundId: fund?.id, roundId: round?.id, year: scope.year };
  const labels = [fund?.name ?? "All funds", round?.name, scope.year === undefined ? "All financial years" : financialYearLabel(scope.year)].filter((l): l is string => Boolean(l));
  return { scope: resolved, fund, round, labels };
}

function toReconEntry(e: ReturnType<typeof ledgerEntriesFor>[number]): ReconEntry {
  return { id: e.id, kind: e.kind, amountPence: e.amountPence, fundId: e.fundId, financialYear: e.financialYear, roundId: e.roundId, awardId: e.awardId, districtId: e.districtId };
}

/** Names for every fund, round, district and award the entries mention, for rows, flags and ledger. */
function loadNames(entries: readonly { fundId: number; roundId: number | null; districtId: number | null; awardId: number | null }[]): Names {
  const db = getDb();
  const ids = (pick: (e: (typeof entries)[number]) => number | null) => [...new Set(entries.map(pick).filter((v): v is number => v !== null))];
  const fundIds = ids((e) => e.fundId);
  const roundIds = ids((e) => e.roundId);
  const districtIds = ids((e) => e.districtId);
  const awardIds = ids((e) => e.awardId);
  const fundNames = new Map(fundIds.length ? db.select({ id: funds.id, name: funds.name }).from(funds).where(inArray(funds.id, fundIds)).all().map((r) => [r.id, r.name]) : []);
  const roundNames = new Map(roundIds.length ? db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(inArray(rounds.id, roundIds)).all().map((r) => [r.id, r.name]) : []);
  const districtNames = new Map(districtIds.length ? db.select({ id: districts.id, name: districts.name }).from(districts).where(inArray(districts.id, districtIds)).all().map((r) => [r.id, r.name]) : []);
  const awardNames = new Map(
    awardIds.length
      ? db
          .select({ id: awards.id, reference: bids.reference, organisation: organisations.name })
          .from(awards)
          .innerJoin(bids, eq(bids.id, awards.bidId))
          .innerJoin(organisations, eq(organisations.id, awards.organisationId))
          .where(inArray(awards.id, awardIds))
          .all()
          .map((r) => [r.id, `${r.reference ?? `Award ${r.id}`} (${r.organisation})`])
      : [],
  );
  return {
    fund: (id) => fundNames.get(id) ?? `Fund ${id}`,
    round: (id) => roundNames.get(id) ?? `Round ${id}`,
    district: (id) => districtNames.get(id) ?? `District ${id}`,
    award: (id) => awardNames.get(id) ?? `Award ${id}`,
  };
}

function awardFacts(awardIds: number[]): AwardFacts[] {
  if (awardIds.length === 0) return [];
  const db = getDb();
  const accepted = new Set(
    db
      .select({ awardId: monitoringReturns.awardId })
      .from(monitoringReturns)
      .where(and(inArray(monitoringReturns.awardId, awardIds), eq(monitoringReturns.kind, "final"), eq(monitoringReturns.status, "accepted")))
      .all()
      .map((r) => r.awardId),
  );
  return db
    .select({ id: awards.id, roundId: awards.roundId, fundId: rounds.fundId, amountPence: awards.amountPence, endsOn: awards.endsOn, status: awards.status })
    .from(awards)
    .innerJoin(rounds, eq(rounds.id, awards.roundId))
    .where(inArray(awards.id, awardIds))
    .all()
    .map((a) => ({ ...a, hasAcceptedFinalReturn: accepted.has(a.id), live: a.status === "accepted" || a.status === "closed" }));
}

/** Where a flag's evidence is: the ledger entries that make it a flag. */
function flagHref(flag: Flag): string {
  const year = flag.financialYear ?? undefined;
  switch (flag.kind) {
    case "round_over_budget":
      return ledgerHref({ roundId: flag.roundId!, figure: "uncommitted" });
    case "fund_year_over_budget":
      return ledgerHref({ fundId: flag.fundId!, year, figure: "uncommitted" });
    case "round_budgets_above_fund_budget":
      return ledgerHref({ fundId: flag.fundId!, year, kind: "round_budget_set" });
    case "partnership_paid_above_allocation":
      return ledgerHref({ fundId: flag.fundId!, year, roundId: "none", districtId: flag.districtId!, figure: "outstanding" });
    case "repayment_not_received":
      return flag.awardId !== null ? ledgerHref({ awardId: flag.awardId }) : ledgerHref({ fundId: flag.fundId!, year, roundId: "none", districtId: flag.districtId! });
    default:
      return ledgerHref({ awardId: flag.awardId! });
  }
}

/** Row names: a round by its name, a partnership by its district, and the fund's unallotted rest. */
function rowName(row: ReturnType<typeof reconciliationRows>["rows"][number], names: Names): string {
  if (row.type === "round") return names.round(row.roundId!);
  if (row.type === "district") return `${names.district(row.districtId!)} partnership`;
  return "Not given to a round or partnership";
}

function rowLedgerFilter(row: ReturnType<typeof reconciliationRows>["rows"][number], scope: ReconciliationScope): LedgerFilter {
  if (row.type === "round") return { fundId: row.fundId, year: scope.year, roundId: row.roundId! };
  if (row.type === "district") return { fundId: row.fundId, year: scope.year, roundId: "none", districtId: row.districtId! };
  return { fundId: row.fundId, year: scope.year, roundId: "none", districtId: "none" };
}

/**
 * The reconciliation for a resolved scope: the figures (each a link to its entries), rows per round,
 * partnership and fund whose columns add up to the totals row, and the flags.
 */
export function loadReconciliation(scope: ReconciliationScope, today: string) {
  const context = ledgerEntriesFor({ fundId: scope.fundId, roundId: scope.roundId }).map(toReconEntry);
  const scoped = scope.year === undefined ? context : context.filter((e) => e.financialYear === scope.year);
  const budgetKind = budgetKindFor(scope);
  const { rows, totals } = reconciliationRows(scoped, budgetKind);
  const awardIds = [...new Set(context.map((e) => e.awardId).filter((id): id is number => id !== null))];
  const flags = reconciliationFlags(context, { year: scope.year, roundScoped: scope.roundId !== undefined, awards: awardFacts(awardIds), today });
  const names = loadNames(context);
  const figureLink = (figure: Figure, filter: LedgerFilter) => ledgerHref({ ...filter, figure });
  const scopeFilter: LedgerFilter = { fundId: scope.fundId, roundId: scope.roundId, year: scope.year };
  const headline = figuresOf(scoped, budgetKind);
  return {
    budgetKind,
    figures: FIGURES.map((figure) => ({ figure, label: FIGURE_LABEL[figure], pence: headline[figure], href: figureLink(figure, scopeFilter) })),
    rows: rows.map((row) => {
      const filter = rowLedgerFilter(row, scope);
      return {
        key: row.key,
        type: row.type,
        fundName: names.fund(row.fundId),
        name: rowName(row, names),
        figures: row.figures,
        // A round's budget is its own entries; a partnership's and the fund's rest are worked out.
        links: Object.fromEntries(FIGURES.filter((f) => row.type === "round" || (f !== "budget" && f !== "uncommitted")).map((f) => [f, figureLink(f, filter)])) as Partial<Record<Figure, string>>,
      };
    }),
    totals,
    flags: flags.map((flag) => ({ kind: flag.kind, title: FLAG_TITLE[flag.kind], message: flagMessage(flag, names), href: flagHref(flag) })),
  };
}

export type Reconciliation = ReturnType<typeof loadReconciliation>;

/**
 * The page, the CSV and the XLSX all start here, so they cannot disagree: the scope read from the
 * query string, its names, and its reconciliation. Undefined for a malformed or unknown scope.
 */
export function reconciliationFromQuery(params: URLSearchParams, now: Date) {
  const parsed = parseScope(params);
  const described = parsed && describeScope(parsed);
  if (!described) return undefined;
  return { ...described, ...loadReconciliation(described.scope, instantToLondonWallClock(now).date) };
}

// ---- The entries behind a figure ----

function ledgerConditions(filter: LedgerFilter): SQL[] {
  const c: SQL[] = [];
  if (filter.fundId !== undefined) c.push(eq(ledgerEntries.fundId, filter.fundId));
  if (filter.year !== undefined) c.push(eq(ledgerEntries.financialYear, filter.year));
  if (filter.roundId === "none") c.push(isNull(ledgerEntries.roundId));
  else if (filter.roundId !== undefined) c.push(eq(ledgerEntries.roundId, filter.roundId));
  if (filter.districtId === "none") c.push(isNull(ledgerEntries.districtId));
  else if (filter.districtId !== undefined) c.push(eq(ledgerEntries.districtId, filter.districtId));
  if (filter.awardId !== undefined) c.push(eq(ledgerEntries.awardId, filter.awardId));
  return c;
}

/**
 * The entries behind a figure (or of one kind), each with its effect on that figure: a reduction
 * counts against "committed", a payment against "outstanding". The total is the sum of the rows
 * listed, and equals the figure it came from. With neither a figure nor a kind, every entry is
 * listed with a subtotal per kind, since adding budgets to payments means nothing.
 */
export function ledgerListing(filter: LedgerFilter) {
  const conditions = ledgerConditions(filter);
  const signs: Partial<Record<LedgerKind, 1 | -1>> | undefined = filter.figure ? figureSigns(filter.figure, budgetKindFor(filter)) : filter.kind ? { [filter.kind]: 1 } : undefined;
  if (signs) conditions.push(inArray(ledgerEntries.kind, Object.keys(signs) as LedgerKind[]));
  const entries = getDb()
    .select({ entry: ledgerEntries, createdByName: users.name })
    .from(ledgerEntries)
    .innerJoin(users, eq(users.id, ledgerEntries.createdBy))
    .where(and(...conditions))
    .orderBy(asc(ledgerEntries.id))
    .all();
  const names = loadNames(entries.map((r) => r.entry));
  const rows = entries.map(({ entry: e, createdByName }) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    kindLabel: LEDGER_KIND_LABEL[e.kind],
    fundName: names.fund(e.fundId),
    financialYear: financialYearLabel(e.financialYear),
    roundName: e.roundId === null ? null : names.round(e.roundId),
    districtName: e.districtId === null ? null : names.district(e.districtId),
    awardName: e.awardId === null ? null : names.award(e.awardId),
    amountPence: e.amountPence,
    signedPence: (signs?.[e.kind] ?? 1) * e.amountPence,
    correctsEntryId: e.correctsEntryId,
    reference: e.reference,
    note: e.note,
    valueOn: e.valueOn,
    createdByName,
  }));
  const subtotals = LEDGER_KINDS.map((kind) => ({ kind, label: LEDGER_KIND_LABEL[kind], pence: rows.filter((r) => r.kind === kind).reduce((sum, r) => sum + r.amountPence, 0), count: rows.filter((r) => r.kind === kind).length })).filter((s) => s.count > 0);
  return {
    rows,
    totalPence: signs ? rows.reduce((sum, r) => sum + r.signedPence, 0) : null,
    subtotals,
  };
}

/** Labels for the ledger page's heading: the names behind the filter's ids. */
export function describeLedgerFilter(filter: LedgerFilter): string[] {
  const db = getDb();
  const parts: string[] = [];
  if (filter.fundId !== undefined) parts.push(db.select({ name: funds.name }).from(funds).where(eq(funds.id, filter.fundId)).get()?.name ?? `Fund ${filter.fundId}`);
  if (typeof filter.roundId === "number") parts.push(db.select({ name: rounds.name }).from(rounds).where(eq(rounds.id, filter.roundId)).get()?.name ?? `Round ${filter.roundId}`);
  if (filter.roundId === "none" && filter.districtId === undefined) parts.push("not in a round");
  if (typeof filter.districtId === "number") parts.push(`${db.select({ name: districts.name }).from(districts).where(eq(districts.id, filter.districtId)).get()?.name ?? `District ${filter.districtId}`} partnership`);
  if (filter.districtId === "none") parts.push(filter.roundId === "none" ? "the fund's own entries" : "not for a partnership");
  if (filter.awardId !== undefined) parts.push(loadNames([{ fundId: 0, roundId: null, districtId: null, awardId: filter.awardId }]).award(filter.awardId));
  parts.push(filter.year === undefined ? "all financial years" : financialYearLabel(filter.year));
  return parts;
}
