/**
 * Report tables as rows for CSV and XLSX: the same rows, totals and order as the page. Money leaves
 * integer pence only here, at the edge. Every text cell goes through `neutraliseCell`, because tag,
 * district and organisation names are typed by people and a spreadsheet would run one starting "=".
 */
import { neutraliseCell, poundsNumber, poundsText } from "~/domain/finance/export";
import { averageAwardPence, formatSuccessRate, successRateTenths, type Figures } from "./figures";
import type { ReportTableData } from "./splits";

export type Cell = string | number | null;

/** The figure columns after the name, as the page shows them. `money` columns are pounds. */
export const FIGURE_COLUMNS = [
  { header: "Applications", money: false, value: (f: Figures) => f.received },
  { header: "Amount requested (£)", money: true, value: (f: Figures) => f.requestedPence },
  { header: "Eligible", money: false, value: (f: Figures) => f.eligible },
  { header: "Funded", money: false, value: (f: Figures) => f.funded },
  { header: "Amount funded (£)", money: true, value: (f: Figures) => f.fundedPence },
] as const;

export const DERIVED_HEADERS = ["Success rate", "Average award (£)"] as const;

export function tableHeader(table: Pick<ReportTableData, "heading">): string[] {
  return [table.heading, ...FIGURE_COLUMNS.map((c) => c.header), ...DERIVED_HEADERS];
}

/** A row for CSV: money as exact text from pence ("1234.56"), the rate as "41.2%", blanks where there is nothing to divide. */
export function csvRow(name: string, f: Figures): string[] {
  const average = averageAwardPence(f);
  return [neutraliseCell(name), ...FIGURE_COLUMNS.map((c) => (c.money ? poundsText(c.value(f)) : String(c.value(f)))), formatSuccessRate(f), average === null ? "" : poundsText(average)];
}

/** A row for XLSX: money as numbers in pounds and the rate as a fraction, so a spreadsheet can add and format them. */
export function xlsxRow(name: string, f: Figures): Cell[] {
  const average = averageAwardPence(f);
  const rate = successRateTenths(f);
  return [neutraliseCell(name), ...FIGURE_COLUMNS.map((c) => (c.money ? poundsNumber(c.value(f)) : c.value(f))), rate === null ? null : rate / 1000, average === null ? null : poundsNumber(average)];
}

/** Every CSV record of a table: header, rows, and the total row when the rows may be added up. */
export function* csvTableRecords(table: ReportTableData): Generator<string[]> {
  yield tableHeader(table);
  for (const row of table.rows) yield csvRow(row.name, row.figures);
  if (table.total) yield csvRow("Total", table.total);
}

// ---- Every application behind the figures ----

export type ApplicationRow = {
  reference: string | null;
  organisationName: string;
  organisationType: string;
  projectTitle: string | null;
  districts: string;
  priorities: string;
  themes: string;
  tags: string;
  standing: string;
  requestedPence: number;
  fundedPence: number;
};

export const APPLICATION_HEADER = ["Reference", "Organisation", "Organisation type", "Project", "Districts", "Priorities", "Cross-cutting themes", "Reporting tags", "Outcome", "Amount requested (£)", "Amount funded (£)"];

function applicationText(a: ApplicationRow): string[] {
  return [a.reference ?? "", a.organisationName, a.organisationType, a.projectTitle ?? "", a.districts, a.priorities, a.themes, a.tags, a.standing].map(neutraliseCell);
}

export function applicationCsvRow(a: ApplicationRow): string[] {
  return [...applicationText(a), poundsText(a.requestedPence), poundsText(a.fundedPence)];
}

export function applicationXlsxRow(a: ApplicationRow): Cell[] {
  return [...applicationText(a), poundsNumber(a.requestedPence), poundsNumber(a.fundedPence)];
}

/** The total row's text cells: the count in the first, blanks up to the money. */
function applicationsTotalText(count: number): string[] {
  return [`Total (${count} ${count === 1 ? "application" : "applications"})`, ...Array<string>(APPLICATION_HEADER.length - 3).fill("")];
}

export function applicationsTotalCsvRow(count: number, requestedPence: number, fundedPence: number): string[] {
  return [...applicationsTotalText(count), poundsText(requestedPence), poundsText(fundedPence)];
}

export function applicationsTotalXlsxRow(count: number, requestedPence: number, fundedPence: number): Cell[] {
  return [...applicationsTotalText(count), poundsNumber(requestedPence), poundsNumber(fundedPence)];
}

/** "round-report-mscf-gr1-priority-drugs-and-alcohol-2021-22.csv": from labels we chose, safe in a header. */
export function reportFileName(parts: readonly (string | null | undefined)[], extension: "csv" | "xlsx" | "docx"): string {
  const slug = parts
    .filter((p): p is string => Boolean(p))
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "report"}.${extension}`;
}
