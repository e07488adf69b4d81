/** A bid's life, as the applicant sees it, and the moves it may make. */
export const BID_STATUSES = ["draft", "submitted", "under_assessment", "awarded", "not_funded", "withdrawn"] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const BID_STATUS_LABEL: Record<BidStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  under_assessment: "Under assessment",
  awarded: "Awarded",
  not_funded: "Not funded",
  withdrawn: "Withdrawn",
};

export const BID_STATUS_COLOUR = {
  draft: "grey",
  submitted: "blue",
  under_assessment: "light-blue",
  awarded: "green",
  not_funded: "red",
  withdrawn: "grey",
} as const;

/** Until a decision is made the applicant may withdraw; afterwards the decision stands. */
export function canWithdraw(status: BidStatus): boolean {
  return status === "draft" || status === "submitted" || status === "under_assessment";
}

export function canEdit(status: BidStatus): boolean {
  return status === "draft";
}

/** MSCF-GR7-0042: fund code, round code and the bid's place in the round's submissions. */
export function bidReference(fundCode: string, roundCode: string, sequence: number): string {
  return `${fundCode}-${roundCode}-${String(sequence).padStart(4, "0")}`;
}

/**
 * Once a round closes, staff move eligible bids to "under assessment" and leave ineligible ones as
 * "submitted". Shown as they are, the two would tell an applicant their eligibility before release,
 * so after the close both read "under assessment" until decisions are released.
 */
export function statusForApplicant(status: BidStatus, roundClosed: boolean): BidStatus {
  return status === "submitted" && roundClosed ? "under_assessment" : status;
}
