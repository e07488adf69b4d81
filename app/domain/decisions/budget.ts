/**
 * Funding decisions within a round's budget. The server enforces the limit (and so does the
 * database); these functions give people the running totals and the "fill by rank" proposal.
 */
export const DECISION_OUTCOMES = ["fund_full", "fund_part", "reserve", "not_funded"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const DECISION_LABEL: Record<DecisionOutcome, string> = {
  fund_full: "Fund in full",
  fund_part: "Fund in part",
  reserve: "Reserve list",
  not_funded: "Not funded",
};

export const NOT_FUNDED_REASONS = [
  { code: "score_below_threshold", text: "Scored below the level needed for funding" },
  { code: "budget_exhausted", text: "Strong bid, but the round's budget was fully committed" },
  { code: "weak_alignment", text: "Did not show enough link to the Police and Crime Plan priorities" },
  { code: "value_for_money", text: "Costs were not clearly justified" },
  { code: "duplication", text: "Duplicates other funded provision in the area" },
  { code: "ineligible", text: "Not eligible for this round" },
] as const;

/** What a decision commits from the budget. */
export function committedBy(outcome: DecisionOutcome, amountPence: number): number {
  return outcome === "fund_full" || outcome === "fund_part" ? amountPence : 0;
}

export type RankedBid = { bidId: number; amountRequestedPence: number };
export type Proposal = { bidId: number; outcome: "fund_full" | "reserve"; amountPence: number; runningTotalPence: number };

/**
 * Funds bids in full, in rank order, while they fit in what is left of the budget. The first bid
 * that does not fit, and every bid below it, goes on the reserve list: a lower-ranked bid is never
 * funded ahead of a higher-ranked one just because it is cheaper.
 */
export function fillByRank(ranked: readonly RankedBid[], availablePence: number): Proposal[] {
  let total = 0;
  let stopped = false;
  return ranked.map((bid) => {
    if (!stopped && total + bid.amountRequestedPence <= availablePence) {
      total += bid.amountRequestedPence;
      return { bidId: bid.bidId, outcome: "fund_full" as const, amountPence: bid.amountRequestedPence, runningTotalPence: total };
    }
    stopped = true;
    return { bidId: bid.bidId, outcome: "reserve" as const, amountPence: 0, runningTotalPence: total };
  });
}
