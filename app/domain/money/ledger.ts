/**
 * The ledger's arithmetic. Entries are append-only and positive by kind (a correction is an entry
 * of the same kind with a negative amount); every balance is a sum of entries, never a stored
 * figure, so a total on a page is always the sum of the rows behind it.
 */
import { TZDate } from "@date-fns/tz";
import { LONDON } from "~/domain/time/london";

export const LEDGER_KINDS = ["budget_set", "round_budget_set", "commitment", "commitment_reduced", "payment", "repayment_due", "repayment"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_KIND_LABEL: Record<LedgerKind, string> = {
  budget_set: "Budget set",
  round_budget_set: "Round budget set",
  commitment: "Commitment",
  commitment_reduced: "Commitment reduced",
  payment: "Payment",
  repayment_due: "Repayment due",
  repayment: "Repayment received",
};

export type LedgerEntryLike = { kind: LedgerKind; amountPence: number };

export type Balances = {
  budgetPence: number;
  committedPence: number;
  paidPence: number;
  /** Committed minus paid: what is still owed to grant holders. */
  outstandingPence: number;
  repaymentDuePence: number;
  repaidPence: number;
  /** Repayments asked for and not yet received. */
  repaymentOutstandingPence: number;
  /** Budget minus committed. */
  uncommittedPence: number;
};

/**
 * Balances from entries. For a fund and year the budget is `budget_set`; for a round it is
 * `round_budget_set` (pass `budgetKind`).
 */
export function balances(entries: readonly LedgerEntryLike[], budgetKind: "budget_set" | "round_budget_set" = "budget_set"): Balances {
  const sum = (kind: LedgerKind) => entries.filter((e) => e.kind === kind).reduce((total, e) => total + e.amountPence, 0);
  const budgetPence = sum(budgetKind);
  const committedPence = sum("commitment") - sum("commitment_reduced");
  const paidPence = sum("payment");
  const repaymentDuePence = sum("repayment_due");
  const repaidPence = sum("repayment");
  return {
    budgetPence,
    committedPence,
    paidPence,
    outstandingPence: committedPence - paidPence,
    repaymentDuePence,
    repaidPence,
    repaymentOutstandingPence: repaymentDuePence - repaidPence,
    uncommittedPence: budgetPence - committedPence,
  };
}

/** The financial year (1 April to 31 March, UK dates) an instant falls in, by its starting year. */
export function financialYearOf(instant: Date): number {
  const local = new TZDate(instant.getTime(), LONDON);
  return local.getMonth() >= 3 ? local.getFullYear() : local.getFullYear() - 1;
}

export function financialYearLabel(year: number): string {
  return `${year}-${String((year + 1) % 100).padStart(2, "0")}`;
}

/** What may still be paid on an award: its net commitment minus what has been paid. */
export function payableRemaining(entries: readonly LedgerEntryLike[]): number {
  const b = balances(entries);
  return b.committedPence - b.paidPence;
}
