/**
 * What each round report download holds: one table of the page (or every application behind it),
 * as CSV records and as an XLSX sheet, with a note of the scope. Both formats come from the same
 * rows, so they agree with each other and with the page.
 */
import { neutraliseCell } from "~/domain/finance/export";
import { financialYearLabel } from "~/domain/money/ledger";
import {
  APPLICATION_HEADER,
  applicationCsvRow,
  applicationsTotalCsvRow,
  applicationsTotalXlsxRow,
  applicationXlsxRow,
  csvTableRecords,
  FIGURE_COLUMNS,
  reportFileName,
  tableHeader,
  xlsxRow,
  type Cell,
} from "~/domain/reports/export";
import type { ReportTable, ReportTableData } from "~/domain/reports/splits";
import { formatLondonDate, formatLondonDateTime } from "~/domain/time/london";
import { applicationPages } from "./applications.server";
import type { SheetSpec } from "./export-stream.server";
import { reportTable, type RoundReportContext } from "./round-report.server";

export type ExportSpec = { fileName: (extension: "csv" | "xlsx") => string; csv: () => Iterable<string[]>; sheet: () => SheetSpec; about: (exportedBy: string, at: Date) => [string, string][] };

/** Money columns of a table sheet: the name is column 0, so the figure columns start at 1. */
const TABLE_MONEY = [...FIGURE_COLUMNS.flatMap((c, i) => (c.money ? [i + 1] : [])), FIGURE_COLUMNS.length + 2];
const TABLE_SUMS = FIGURE_COLUMNS.map((_, i) => i + 1);

/** Sheet names: Excel allows at most 31 characters and none of : \ / ? * [ ]. */
const SHEET_NAME: Record<Exclude<ReportTable, "applications">, string> = {
  summary: "By outcome",
  priority: "By priority",
  theme: "By theme",
  tag: "By reporting tag",
  district: "By district",
  organisation_type: "By organisation type",
};

function tableSheet(table: ReportTableData, name: string): SheetSpec {
  return {
    name,
    header: tableHeader(table),
    money: TABLE_MONEY,
    percent: [FIGURE_COLUMNS.length + 1],
    widths: [44, ...FIGURE_COLUMNS.map(() => 16), 14, 18],
    rows: table.rows.map((r) => xlsxRow(r.name, r.figures)),
    total: () => (table.total ? xlsxRow("Total", table.total) : null),
    sumColumns: TABLE_SUMS,
  };
}

/** Every application, a page at a time, keeping the totals as they go by for the last row. */
function applicationsSheet(ctx: RoundReportContext): SheetSpec {
  const totals = { count: 0, requestedPence: 0, fundedPence: 0 };
  function* rows(): Generator<Cell[]> {
    for (const page of applicationPages(ctx.scope)) {
      for (const a of page) {
        totals.count++;
        totals.requestedPence += a.requestedPence;
        totals.fundedPence += a.fundedPence;
        yield applicationXlsxRow(a);
      }
    }
  }
  const moneyAt = APPLICATION_HEADER.length - 2;
  return {
    name: "Applications",
    header: APPLICATION_HEADER,
    money: [moneyAt, moneyAt + 1],
    percent: [],
    widths: [18, 36, 24, 36, 24, 36, 36, 36, 22, 16, 16],
    rows: rows(),
    total: () => applicationsTotalXlsxRow(totals.count, totals.requestedPence, totals.fundedPence),
    sumColumns: [moneyAt, moneyAt + 1],
  };
}

function* applicationsCsv(ctx: RoundReportContext): Generator<string[]> {
  yield APPLICATION_HEADER;
  let count = 0;
  let requested = 0;
  let funded = 0;
  for (const page of applicationPages(ctx.scope)) {
    for (const a of page) {
      count++;
      requested += a.requestedPence;
      funded += a.fundedPence;
      yield applicationCsvRow(a);
    }
  }
  yield applicationsTotalCsvRow(count, requested, funded);
}

export function roundReportExport(ctx: RoundReportContext, table: ReportTable): ExportSpec {
  const { round, filters, tag } = ctx;
  const data = table === "applications" ? null : reportTable(ctx.scope, [round.planId], table);
  const yearLabel = filters.year === null ? null : financialYearLabel(filters.year);
  return {
    fileName: (extension) => reportFileName(["round-report", round.fundCode, round.code, table, tag?.slug, yearLabel], extension),
    csv: () => (data ? csvTableRecords(data) : applicationsCsv(ctx)),
    sheet: () => (data && table !== "applications" ? tableSheet(data, SHEET_NAME[table]) : applicationsSheet(ctx)),
    about: (exportedBy, at) =>
      (
        [
          ["Report", `${round.fundName}, ${round.name} (${round.code})`],
          ["Table", data ? data.title : "Every application behind the report"],
          ["Reporting tag", tag ? `Only projects tagged ${tag.name}` : "All projects"],
          ["Financial year", yearLabel ? `Applications submitted in ${yearLabel}` : "All"],
          ["Decisions", round.decisionsReleasedAt ? `Released on ${formatLondonDate(round.decisionsReleasedAt)}` : "Not released yet: funded figures are provisional"],
          ["How totals work", data ? data.note : "One row per application; the last row totals the amounts."],
          ["Money", "Pounds sterling, from integer pence; each total is the SUM of the rows above it."],
          ["Exported", formatLondonDateTime(at)],
          ["Exported by", exportedBy],
        ] as [string, string][]
      ).map(([k, v]) => [k, neutraliseCell(v)]),
  };
}
