/**
 * Reconciliation arithmetic: from ledger entries to the figures finance reconciles, rows whose
 * columns add up to the totals row, and the inconsistencies to flag. Pure: no I/O, so the same rules
 * drive the page, the CSV and the XLSX, and can be tested without a database.
 */
import { balances, type LedgerEntryLike, type LedgerKind } from "~/domain/money/ledger";

export type ReconEntry = LedgerEntryLike & {
  id: number;
  fundId: number;
  financialYear: number;
  roundId: number | null;
  awardId: number | null;
  districtId: number | null;
};

export type BudgetKind = "budget_set" | "round_budget_set";

export const FIGURES = ["budget", "committed", "paid", "outstanding", "repayment_due", "repaid", "uncommitted"] as const;
export type Figure = (typeof FIGURES)[number];
/** Each figure in integer pence. */
export type Figures = Record<Figure, number>;

export const FIGURE_LABEL: Record<Figure, string> = {
  budget: "Budget",
  committed: "Committed",
  paid: "Paid",
  outstanding: "Outstanding",
  repayment_due: "Repayment due",
  repaid: "Repaid",
  uncommitted: "Uncommitted",
};

export const FIGURE_HINT: Record<Figure, string> = {
  budget: "Money set aside",
  committed: "Commitments less reductions",
  paid: "Payments made",
  outstanding: "Committed minus paid",
  repayment_due: "Repayments asked for",
  repaid: "Repayments received",
  uncommitted: "Budget minus committed",
};

export function isFigure(value: unknown): value is Figure {
  return typeof value === "string" && (FIGURES as readonly string[]).includes(value);
}

/**
 * Which ledger kinds make up a figure, and with which sign, so the ledger page can list the entries
 * behind any figure and its total is that figure exactly.
 */
export function figureSigns(figure: Figure, budgetKind: BudgetKind): Partial<Record<LedgerKind, 1 | -1>> {
  switch (figure) {
    case "budget":
      return { [budgetKind]: 1 };
    case "committed":
      return { commitment: 1, commitment_reduced: -1 };
    case "paid":
      return { payment: 1 };
    case "outstanding":
      return { commitment: 1, commitment_reduced: -1, payment: -1 };
    case "repayment_due":
      return { repayment_due: 1 };
    case "repaid":
      return { repayment: 1 };
    case "uncommitted":
      return { [budgetKind]: 1, commitment: -1, commitment_reduced: 1 };
  }
}

export function figuresOf(entries: readonly LedgerEntryLike[], budgetKind: BudgetKind): Figures {
  const b = balances(entries, budgetKind);
  return {
    budget: b.budgetPence,
    committed: b.committedPence,
    paid: b.paidPence,
    outstanding: b.outstandingPence,
    repayment_due: b.repaymentDuePence,
    repaid: b.repaidPence,
    uncommitted: b.uncommittedPence,
  };
}

export const zeroFigures = (): Figures => ({ budget: 0, committed: 0, paid: 0, outstanding: 0, repayment_due: 0, repaid: 0, uncommitted: 0 });

export function addFigures(rows: readonly Figures[]): Figures {
  const total = zeroFigures();
  for (const row of rows) for (const f of FIGURES) total[f] += row[f];
  return total;
}

/**
 * A round's entries carry its id; a passported fund's allocations carry a district and no round;
 * everything else (the fund's own budget) belongs to the fund.
 */
export type RowType = "round" | "district" | "fund";

export type ReconRow = {
  key: string;
  type: RowType;
  fundId: number;
  roundId: number | null;
  districtId: number | null;
  figures: Figures;
};

function rowKeyOf(e: ReconEntry): Pick<ReconRow, "key" | "type" | "fundId" | "roundId" | "districtId"> {
  if (e.roundId !== null) return { key: `round:${e.roundId}`, type: "round", fundId: e.fundId, roundId: e.roundId, districtId: null };
  if (e.districtId !== null) return { key: `district:${e.fundId}:${e.districtId}`, type: "district", fundId: e.fundId, roundId: null, districtId: e.districtId };
  return { key: `fund:${e.fundId}`, type: "fund", fundId: e.fundId, roundId: null, districtId: null };
}

const TYPE_ORDER: Record<RowType, number> = { round: 0, district: 1, fund: 2 };

/**
 * One row per round, per partnership (district) and per fund, every column summing to the totals.
 *
 * The budget column is the subtle one. A round's budget is its `round_budget_set` entries; a
 * partnership's allocation is its budget (passported money is committed as it is allocated); and
 * the fund's own row holds the rest of the fund's `budget_set`, after what was given to rounds and
 * partnerships. So the budget column adds up to the fund's budget without counting a pound twice,
 * and "uncommitted" reads, row by row, as what each part has not yet committed. When the scope is
 * a single round, the budget is that round's own (`round_budget_set`) and no carving is needed.
 */
export function reconciliationRows(entries: readonly ReconEntry[], budgetKind: BudgetKind): { rows: ReconRow[]; totals: Figures } {
  const groups = new Map<string, { head: ReturnType<typeof rowKeyOf>; entries: ReconEntry[] }>();
  for (const e of entries) {
    const head = rowKeyOf(e);
    const group = groups.get(head.key) ?? { head, entries: [] };
    group.entries.push(e);
    groups.set(head.key, group);
  }
  if (budgetKind === "budget_set") {
    // Every fund gets its own row, even with no entries of its own, so the carve-out has a home.
    for (const fundId of new Set(entries.map((e) => e.fundId))) {
      const key = `fund:${fundId}`;
      if (!groups.has(key)) groups.set(key, { head: { key, type: "fund", fundId, roundId: null, districtId: null }, entries: [] });
    }
  }
  const rows: ReconRow[] = [...groups.values()].map(({ head, entries: own }) => {
    const figures = figuresOf(own, "round_budget_set");
    if (budgetKind === "budget_set" && head.type === "district") figures.budget = figures.committed;
    return { ...head, figures };
  });
  if (budgetKind === "budget_set") {
    for (const row of rows.filter((r) => r.type === "fund")) {
      const fundBudget = figuresOf(
        entries.filter((e) => e.fundId === row.fundId),
        "budget_set",
      ).budget;
      const givenAway = rows.filter((r) => r.fundId === row.fundId && r.type !== "fund").reduce((sum, r) => sum + r.figures.budget, 0);
      row.figures.budget = fundBudget - givenAway;
    }
  }
  for (const row of rows) row.figures.uncommitted = row.figures.budget - row.figures.committed;
  const kept = rows.filter((r) => r.type !== "fund" || groups.get(r.key)!.entries.length > 0 || FIGURES.some((f) => r.figures[f] !== 0));
  kept.sort((a, b) => a.fundId - b.fundId || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.roundId ?? a.districtId ?? 0) - (b.roundId ?? b.districtId ?? 0));
  return { rows: kept, totals: addFigures(kept.map((r) => r.figures)) };
}
