/**
 * The round report: the round from the address, its filters, and its tables. The page and both
 * exports go through `roundReportFromRequest`, so a download always holds the figures the page
 * showed for the same address.
 */
import { parseReportFilters, financialYearRange, type ReportFilters } from "~/domain/reports/filters";
import { summaryTable } from "~/domain/reports/outcomes";
import { SPLIT_KEYS, splitTable, type ReportTable, type ReportTableData, type SplitKey } from "~/domain/reports/splits";
import { exclusiveFigures, figuresByOrganisationType, figuresByStanding, overlappingFigures, totalFigures, type BidScope } from "./aggregates.server";
import { splitValues } from "./names.server";
import { findReportRound, findTag, type ReportRound } from "./scope.server";

export type RoundReportContext = {
  round: ReportRound;
  filters: ReportFilters;
  tag: { id: number; slug: string; name: string } | null;
  scope: BidScope;
};

/** The round and its filters from the address; undefined for an unknown fund, round or tag, or a malformed filter (answered as 404). */
export function roundReportFromRequest(params: { fund?: string; round?: string }, search: URLSearchParams): RoundReportContext | undefined {
  const round = findReportRound(params.fund ?? "", params.round ?? "");
  const filters = parseReportFilters(search);
  if (!round || !filters) return undefined;
  const tag = filters.tag ? findTag(filters.tag) : null;
  if (filters.tag && !tag) return undefined;
  return {
    round,
    filters,
    tag: tag ?? null,
    scope: { roundIds: [round.id], tagId: tag?.id ?? null, submitted: filters.year === null ? null : financialYearRange(filters.year) },
  };
}

export function splitFigures(scope: BidScope, split: SplitKey) {
  switch (split) {
    case "priority":
    case "district":
      return exclusiveFigures(scope, split);
    case "theme":
    case "tag":
      return overlappingFigures(scope, split);
    case "organisation_type":
      return figuresByOrganisationType(scope);
  }
}

/** One table of the report (the exports need only the one asked for). */
export function reportTable(scope: BidScope, planIds: readonly number[], table: Exclude<ReportTable, "applications">): ReportTableData {
  if (table === "summary") return summaryTable(figuresByStanding(scope));
  return splitTable(table, splitValues(table, planIds), splitFigures(scope, table));
}

/** Every table of the report, with the headline figures they all add up to. */
export function roundReport(scope: BidScope, planIds: readonly number[]) {
  return {
    total: totalFigures(scope),
    summary: reportTable(scope, planIds, "summary"),
    splits: SPLIT_KEYS.map((split) => ({ split, table: reportTable(scope, planIds, split) })),
  };
}
