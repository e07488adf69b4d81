/**
 * Exports that stream: rows are pulled from their source as the response is read, written as CSV
 * by csv-stringify or as XLSX by exceljs's streaming WorkbookWriter, and never gathered into one
 * whole file in memory. Server-only: exceljs is large and has no place in the browser bundle.
 */
import { PassThrough, Readable } from "node:stream";
import { once } from "node:events";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";
import type { Cell } from "~/domain/reports/export";

export const MONEY_FORMAT = "£#,##0.00";
export const PERCENT_FORMAT = "0.0%";

export type SheetSpec = {
  name: string;
  header: string[];
  /** 0-based columns holding pounds, and fractions to show as percentages. */
  money: readonly number[];
  percent: readonly number[];
  widths: readonly number[];
  rows: Iterable<Cell[]>;
  /**
   * The total row, asked for after every row has been written (so a running total can be kept
   * while streaming). Columns in `sumColumns` become SUM formulas with the value cached, so the
   * file shows the total even in a viewer that does not recalculate.
   */
  total?: () => Cell[] | null;
  sumColumns?: readonly number[];
};

/** CSV with a byte-order mark (so Excel reads names as UTF-8) and Windows line ends, as finance's exports are. */
export function csvReadable(records: Iterable<string[]>): Readable {
  const stringifier = stringify({ bom: true, record_delimiter: "windows" });
  const source = Readable.from(records);
  source.on("error", (error) => stringifier.destroy(error));
  return source.pipe(stringifier);
}

function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A workbook of the table and an "About" sheet saying what it holds, streamed as it is written. */
export function xlsxReadable(sheet: SheetSpec, about: readonly [string, string][], meta: { creator: string; at: Date }): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = meta.creator;
  workbook.created = meta.at;

  const write = async () => {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    const header = ws.addRow(sheet.header);
    header.font = { bold: true };
    header.commit();
    const style = (row: ExcelJS.Row) => {
      for (const i of sheet.money) row.getCell(i + 1).numFmt = MONEY_FORMAT;
      for (const i of sheet.percent) row.getCell(i + 1).numFmt = PERCENT_FORMAT;
    };
    let written = 0;
    for (const cells of sheet.rows) {
      const row = ws.addRow(cells);
      style(row);
      row.commit();
      written++;
      // Let the response catch up before writing more: memory stays flat however long the export.
      if (written % 500 === 0 && out.writableNeedDrain) await once(out, "drain");
    }
    const totalCells = sheet.total?.();
    if (totalCells) {
      const first = 2;
      const last = written + 1;
      const cells = totalCells.map((value, i) =>
        sheet.sumColumns?.includes(i) && last >= first && typeof value === "number" ? { formula: `SUM(${columnLetter(i)}${first}:${columnLetter(i)}${last})`, result: value } : value,
      );
      const row = ws.addRow(cells);
      row.font = { bold: true };
      style(row);
      row.commit();
    }
    ws.commit();

    const aboutSheet = workbook.addWorksheet("About");
    aboutSheet.getColumn(1).width = 18;
    aboutSheet.getColumn(2).width = 100;
    for (const pair of about) aboutSheet.addRow([...pair]).commit();
    aboutSheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
