/**
 * What a reconciliation flags rather than hides: commitments above budget, payments above what is
 * owed, repayments due and not received, and awards past their end date with no accepted final
 * return. Pure, like the figures: the model hands in entries and award facts.
 */
import { financialYearLabel } from "~/domain/money/ledger";
import { formatIsoDate } from "~/domain/time/london";
import { formatPence } from "~/domain/money/money";
import { figuresOf, type ReconEntry } from "./reconciliation";

export const FLAG_KINDS = [
  "round_over_budget",
  "fund_year_over_budget",
  "round_budgets_above_fund_budget",
  "payments_above_award",
  "partnership_paid_above_allocation",
  "repayment_not_received",
  "past_end_without_final_return",
] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export const FLAG_TITLE: Record<FlagKind, string> = {
  round_over_budget: "Round commitments above the round budget",
  fund_year_over_budget: "Fund commitments above the fund budget",
  round_budgets_above_fund_budget: "Round budgets above the fund budget",
  payments_above_award: "Payments above the award",
  partnership_paid_above_allocation: "Payments above a partnership's allocation",
  repayment_not_received: "Repayment due but not received",
  past_end_without_final_return: "Award past its end date without an accepted final return",
};

export type Flag = {
  kind: FlagKind;
  fundId: number | null;
  roundId: number | null;
  awardId: number | null;
  districtId: number | null;
  financialYear: number | null;
  /** What happened (committed, paid, due) and the limit it broke (budget, award, received), in pence. */
  actualPence: number;
  limitPence: number;
  /** A second limit where there is one: an award's net commitment beside its amount. */
  otherLimitPence?: number;
  endsOn?: string;
};

/** Facts about an award that the ledger does not hold. */
export type AwardFacts = { id: number; fundId: number; roundId: number; amountPence: number; endsOn: string; hasAcceptedFinalReturn: boolean; live: boolean };

export type FlagOptions = {
  /** The financial year the page is filtered to, if any. */
  year?: number;
  /** A round's reconciliation flags that round and its awards, not its fund's whole year. */
  roundScoped: boolean;
  awards: readonly AwardFacts[];
  /** Today as a UK calendar date, "2027-04-01". */
  today: string;
};

const blank = { fundId: null, roundId: null, awardId: null, districtId: null, financialYear: null } as const;

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/**
 * `context` is every entry for the chosen fund or round in every year: an award committed in one
 * year and paid in the next is not overpaid, and a round's budget may be set in the year before its
 * commitments. Only rounds and awards with entries in the chosen year are flagged, so each flag can
 * be checked against the rows on the page; budgets per fund-year are compared within that year.
 */
export function reconciliationFlags(context: readonly ReconEntry[], options: FlagOptions): Flag[] {
  const inYear = (e: ReconEntry) => options.year === undefined || e.financialYear === options.year;
  const scoped = context.filter(inYear);
  const roundIds = new Set(scoped.map((e) => e.roundId).filter((id): id is number => id !== null));
  const awardIds = new Set(scoped.map((e) => e.awardId).filter((id): id is number => id !== null));
  const flags: Flag[] = [];

  for (const [, own] of groupBy(context, (e) => (e.roundId !== null && roundIds.has(e.roundId) ? String(e.roundId) : null))) {
    const f = figuresOf(own, "round_budget_set");
    if (f.committed > f.budget) flags.push({ ...blank, kind: "round_over_budget", fundId: own[0].fundId, roundId: own[0].roundId, actualPence: f.committed, limitPence: f.budget });
  }

  if (!options.roundScoped) {
    for (const [, own] of groupBy(scoped, (e) => `${e.fundId}:${e.financialYear}`)) {
      const fund = figuresOf(own, "budget_set");
      const where = { fundId: own[0].fundId, financialYear: own[0].financialYear };
      if (fund.committed > fund.budget) flags.push({ ...blank, ...where, kind: "fund_year_over_budget", actualPence: fund.committed, limitPence: fund.budget });
      const roundBudgets = figuresOf(own, "round_budget_set").budget;
      if (roundBudgets > fund.budget) flags.push({ ...blank, ...where, kind: "round_budgets_above_fund_budget", actualPence: roundBudgets, limitPence: fund.budget });
    }
    // Passported allocations: a partnership is paid against its allocation for the same year.
    const partnership = (e: ReconEntry) => (e.awardId === null && e.roundId === null && e.districtId !== null ? `${e.fundId}:${e.districtId}:${e.financialYear}` : null);
    for (const [, own] of groupBy(scoped, partnership)) {
      const f = figuresOf(own, "budget_set");
      const where = { fundId: own[0].fundId, districtId: own[0].districtId, financialYear: own[0].financialYear };
      if (f.paid > f.committed) flags.push({ ...blank, ...where, kind: "partnership_paid_above_allocation", actualPence: f.paid, limitPence: f.committed });
      if (f.repayment_due > f.repaid) flags.push({ ...blank, ...where, kind: "repayment_not_received", actualPence: f.repayment_due, limitPence: f.repaid });
    }
  }

  const awardsById = new Map(options.awards.map((a) => [a.id, a]));
  for (const [, own] of groupBy(context, (e) => (e.awardId !== null && awardIds.has(e.awardId) ? String(e.awardId) : null))) {
    const f = figuresOf(own, "budget_set");
    const award = awardsById.get(own[0].awardId!);
    const where = { fundId: own[0].fundId, roundId: own[0].roundId, awardId: own[0].awardId };
    const limit = Math.min(f.committed, award?.amountPence ?? f.committed);
    if (f.paid > limit) flags.push({ ...blank, ...where, kind: "payments_above_award", actualPence: f.paid, limitPence: award?.amountPence ?? f.committed, otherLimitPence: f.committed });
    if (f.repayment_due > f.repaid) flags.push({ ...blank, ...where, kind: "repayment_not_received", actualPence: f.repayment_due, limitPence: f.repaid });
  }

  for (const award of options.awards) {
    if (!awardIds.has(award.id) || !award.live || award.hasAcceptedFinalReturn || award.endsOn >= options.today) continue;
    flags.push({ ...blank, kind: "past_end_without_final_return", fundId: award.fundId, roundId: award.roundId, awardId: award.id, actualPence: 0, limitPence: 0, endsOn: award.endsOn });
  }
  return flags.sort((a, b) => FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind));
}

export type Names = {
  fund: (id: number) => string;
  round: (id: number) => string;
  district: (id: number) => string;
  award: (id: number) => string;
};

/** The flag in a sentence, with the figures that make it a flag, for the page and the exports. */
export function flagMessage(flag: Flag, names: Names): string {
  const money = formatPence;
  const year = flag.financialYear === null ? "" : ` ${financialYearLabel(flag.financialYear)}`;
  const over = `over by ${money(flag.actualPence - flag.limitPence)}`;
  switch (flag.kind) {
    case "round_over_budget":
      return flag.limitPence === 0
        ? `${names.round(flag.roundId!)} has committed ${money(flag.actualPence)} but no round budget is recorded in the ledger.`
        : `${names.round(flag.roundId!)} has committed ${money(flag.actualPence)} against a budget of ${money(flag.limitPence)} (${over}).`;
    case "fund_year_over_budget":
      return flag.limitPence === 0
        ? `${names.fund(flag.fundId!)}${year} has committed ${money(flag.actualPence)} but no fund budget is recorded for the year.`
        : `${names.fund(flag.fundId!)}${year} has committed ${money(flag.actualPence)} against a budget of ${money(flag.limitPence)} (${over}).`;
    case "round_budgets_above_fund_budget":
      return `${names.fund(flag.fundId!)}${year}: its rounds' budgets total ${money(flag.actualPence)}, more than the fund's budget of ${money(flag.limitPence)} (${over}).`;
    case "payments_above_award":
      return `${names.award(flag.awardId!)} has been paid ${money(flag.actualPence)}: the award is ${money(flag.limitPence)} and its net commitment ${money(flag.otherLimitPence ?? flag.limitPence)}.`;
    case "partnership_paid_above_allocation":
      return `${names.district(flag.districtId!)} partnership${year} has been paid ${money(flag.actualPence)} against an allocation of ${money(flag.limitPence)} (${over}).`;
    case "repayment_not_received": {
      const who = flag.awardId !== null ? names.award(flag.awardId) : `${names.district(flag.districtId!)} partnership${year}`;
      return `${who}: ${money(flag.actualPence)} repayment due, ${money(flag.limitPence)} received, ${money(flag.actualPence - flag.limitPence)} still to come.`;
    }
    case "past_end_without_final_return":
      return `${names.award(flag.awardId!)} ended on ${formatIsoDate(flag.endsOn!)} and has no accepted final return.`;
  }
}
