/**
 * The report's summary table: every application received, in exactly one row by where it stands,
 * so the rows add up to the round's headline figures.
 *
 * Eligibility comes first: once decisions are released an ineligible bid also has a "not funded"
 * decision row (so the applicant's page reads one table), but it was never in the running, and the
 * panel asks how many were ineligible separately from how many lost out on merit.
 */
import { sumFigures, type Figures } from "./figures";
import type { ReportTableData } from "./splits";

export const STANDINGS = ["fund_full", "fund_part", "reserve", "not_funded", "no_decision", "not_eligible", "not_checked"] as const;
export type Standing = (typeof STANDINGS)[number];

export const STANDING_LABEL: Record<Standing, string> = {
  fund_full: "Funded in full",
  fund_part: "Funded in part",
  reserve: "Reserve list",
  not_funded: "Not funded",
  no_decision: "Eligible, no decision yet",
  not_eligible: "Not eligible",
  not_checked: "Eligibility not checked yet",
};

export function summaryTable(aggregates: ReadonlyMap<string, Figures>): ReportTableData {
  const rows = STANDINGS.filter((s) => (aggregates.get(s)?.received ?? 0) > 0).map((s) => ({ key: s, name: STANDING_LABEL[s], figures: aggregates.get(s)! }));
  return {
    title: "By outcome",
    heading: "Outcome",
    rows,
    total: sumFigures(rows),
    note: "Each application is counted once, by where it stands. \u201cFunded\u201d means a decision to fund in full or in part.",
  };
}
