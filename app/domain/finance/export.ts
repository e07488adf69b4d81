/**
 * The reconciliation as a table for export: the same rows and totals as the page, in the same
 * order. Money leaves integer pence only here, at the edge, for spreadsheets that count in pounds.
 */
import { penceToInput } from "~/domain/money/money";
import { FIGURE_LABEL, FIGURES, type Figures, type RowType } from "./reconciliation";

export const ROW_TYPE_LABEL: Record<RowType, string> = {
  round: "Round",
  district: "Partnership",
  fund: "Fund",
};

export const EXPORT_HEADER = ["Fund", "Row", "Name", ...FIGURES.map((f) => `${FIGURE_LABEL[f]} (£)`)];

export type ExportRow = { fundName: string; type: RowType; name: string; figures: Figures };

/** Pounds as a number for a spreadsheet cell: pence / 100, the nearest double to the exact amount. */
export function poundsNumber(pence: number): number {
  if (!Number.isSafeInteger(pence)) throw new Error(`Not a whole number of pence: ${pence}`);
  return pence / 100;
}

/** Pounds as exact text ("1234.56", "-0.05"): made from the digits of the pence, never a float. */
export const poundsText = penceToInput;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return, which some strip
 * first) as a formula: a name typed by anyone could then fetch or run something on finance's
 * machine. A leading apostrophe makes it text. Only text cells go through this; money cells are
 * numbers we made from integers.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvRecords(rows: readonly ExportRow[], totals: Figures): string[][] {
  return [
    EXPORT_HEADER,
    ...rows.map((r) => [neutraliseCell(r.fundName), ROW_TYPE_LABEL[r.type], neutraliseCell(r.name), ...FIGURES.map((f) => poundsText(r.figures[f]))]),
    ["Total", "", "", ...FIGURES.map((f) => poundsText(totals[f]))],
  ];
}

/** "reconciliation-2026-27.csv" style names, from the scope's labels; safe in a header. */
export function exportFileName(parts: readonly string[], extension: "csv" | "xlsx"): string {
  const slug = ["reconciliation", ...parts]
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug}.${extension}`;
}
