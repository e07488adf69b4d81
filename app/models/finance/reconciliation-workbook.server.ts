/**
 * The reconciliation as an XLSX workbook (exceljs). Server-only because exceljs is large and has
 * no place in the browser bundle; it reads nothing from the database itself.
 *
 * Money cells hold pounds as numbers (pence / 100) formatted as £#,##0.00, so finance can add them
 * up; the totals row holds SUM formulas with their values cached, so the file shows the right
 * totals even in a viewer that does not recalculate, and Excel can check them by recalculating.
 */
import ExcelJS from "exceljs";
import { EXPORT_HEADER, neutraliseCell, poundsNumber, ROW_TYPE_LABEL } from "~/domain/finance/export";
import { FIGURES } from "~/domain/finance/reconciliation";
import { formatLondonDateTime } from "~/domain/time/london";
import type { Reconciliation } from "./reconciliation.server";

export const MONEY_FORMAT = "£#,##0.00";
/** Money starts in the fourth column (after fund, row type and name). */
const FIRST_MONEY_COLUMN = 4;

type Input = Pick<Reconciliation, "rows" | "totals" | "flags"> & { labels: string[] };

export async function reconciliationWorkbook(data: Input, meta: { exportedBy: string; at: Date }): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.exportedBy;
  workbook.created = meta.at;

  const sheet = workbook.addWorksheet("Reconciliation", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(EXPORT_HEADER).font = { bold: true };
  for (const row of data.rows) {
    sheet.addRow([neutraliseCell(row.fundName), ROW_TYPE_LABEL[row.type], neutraliseCell(row.name), ...FIGURES.map((f) => poundsNumber(row.figures[f]))]);
  }
  const firstDataRow = 2;
  const lastDataRow = sheet.rowCount;
  const totals = sheet.addRow([
    "Total",
    "",
    "",
    ...FIGURES.map((f, i) => {
      const column = sheet.getColumn(FIRST_MONEY_COLUMN + i).letter;
      const result = poundsNumber(data.totals[f]);
      return lastDataRow < firstDataRow ? result : { formula: `SUM(${column}${firstDataRow}:${column}${lastDataRow})`, result };
    }),
  ]);
  totals.font = { bold: true };
  FIGURES.forEach((_, i) => {
    sheet.getColumn(FIRST_MONEY_COLUMN + i).numFmt = MONEY_FORMAT;
    sheet.getColumn(FIRST_MONEY_COLUMN + i).width = 16;
  });
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 12;
  sheet.getColumn(3).width = 40;

  const flags = workbook.addWorksheet("Flags");
  flags.addRow(["Flag", "Detail"]).font = { bold: true };
  for (const flag of data.flags) flags.addRow([flag.title, neutraliseCell(flag.message)]);
  if (data.flags.length === 0) flags.addRow(["None", "Nothing is inconsistent in this scope."]);
  flags.getColumn(1).width = 50;
  flags.getColumn(2).width = 100;

  const about = workbook.addWorksheet("About");
  about.addRows([
    ["Scope", neutraliseCell(data.labels.join(", "))],
    ["Exported", formatLondonDateTime(meta.at)],
    ["Exported by", neutraliseCell(meta.exportedBy)],
    ["Money", "Pounds sterling, from integer pence; each total is the SUM of the rows above it."],
  ]);
  about.getColumn(1).width = 14;
  about.getColumn(2).width = 90;

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
