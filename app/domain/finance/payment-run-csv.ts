/**
 * A payment run as CSV for the finance system. Amounts are pounds with two decimals ("1234.56"),
 * written from integer pence as text so no float ever touches them. Any cell a spreadsheet would
 * read as a formula is prefixed with ' (OWASP's advice on CSV injection): an organisation's name or
 * a reference typed by someone else must never run as code on a finance officer's machine.
 */
import { awardLabel } from "./award-label";
import { stringify } from "csv-stringify/sync";
import { penceToInput } from "~/domain/money/money";

export type PaymentRunRow = {
  /** The ledger entry, so a row can always be traced back (and keyed on a page). */
  entryId: number;
  paidOn: string;
  awardId: number;
  bidReference: string | null;
  organisationName: string;
  amountPence: number;
  reference: string | null;
};

export const PAYMENT_RUN_HEADER = ["Date paid", "Award", "Organisation", "Amount", "Reference"];

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** "AWD-12" when the bid has no reference (it always should, once submitted). */
export { awardLabel };

/**
 * Amounts are exempt from neutralising: a correction is a negative number, which the finance
 * system must read as one, and it is generated here from an integer, never typed by a person.
 */
export function paymentRunCsv(rows: readonly PaymentRunRow[]): string {
  const records = rows.map((r) => [neutraliseCell(r.paidOn), neutraliseCell(awardLabel(r)), neutraliseCell(r.organisationName), penceToInput(r.amountPence), neutraliseCell(r.reference ?? "")]);
  return stringify([PAYMENT_RUN_HEADER, ...records], { record_delimiter: "\r\n" });
}

export function paymentRunFilename(to: string): string {
  return `payment-run-${to}.csv`;
}
