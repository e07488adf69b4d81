import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { paymentFormSchema, paymentRunFormSchema, periodFromQuery } from "~/domain/finance/payment-form";
import { neutraliseCell, paymentRunCsv } from "~/domain/finance/payment-run-csv";
import { zodErrorsToFields } from "~/utils/forms";

const today = "2026-05-01";
const valid = { amount: "8,000.00", paidOnDay: "1", paidOnMonth: "5", paidOnYear: "2026", reference: "MSCF-GR8-0001 BACS/1" };
const parsePayment = (values: Record<string, string>) => paymentFormSchema(today).safeParse(values);
const errors = (values: Record<string, string>) => {
  const result = parsePayment(values);
  return result.success ? {} : zodErrorsToFields(result.error);
};

describe("the payment form", () => {
  it("reads pounds as pence, the date boxes as a day, and keeps the reference", () => {
    expect(parsePayment(valid).data).toEqual({ amountPence: 800_000, paidOn: "2026-05-01", reference: "MSCF-GR8-0001 BACS/1" });
    expect(parsePayment({ ...valid, amount: "£0.01", reference: "  REF 1  " }).data).toMatchObject({ amountPence: 1, reference: "REF 1" });
  });

  it("asks for every answer in GOV.UK's words", () => {
    expect(errors({})).toEqual({ amount: "Enter the amount paid", paidOn: "Enter the date the payment was made", reference: "Enter the payment reference" });
  });

  it("refuses nothing, negatives, fractions of a penny and words as an amount", () => {
    expect(errors({ ...valid, amount: "0" })).toEqual({ amount: "The amount paid must be more than £0" });
    for (const amount of ["-5", "10.001", "8k", "ten"]) expect(errors({ ...valid, amount })).toEqual({ amount: "The amount paid must be an amount of money in pounds and pence, like 2500 or 2,500.00" });
  });

  it("refuses a date that does not exist or has not happened yet", () => {
    expect(errors({ ...valid, paidOnDay: "31", paidOnMonth: "2" })).toEqual({ paidOn: "The date the payment was made must be a real date" });
    expect(errors({ ...valid, paidOnDay: "2" })).toEqual({ paidOn: "The date the payment was made must be today or in the past (today is 1 May 2026)" });
    expect(parsePayment({ ...valid, paidOnDay: "30", paidOnMonth: "4" }).success).toBe(true);
  });

  it("keeps references to what a bank payment can carry: 35 characters, BACS characters only", () => {
    expect(parsePayment({ ...valid, reference: "A".repeat(35) }).success).toBe(true);
    expect(errors({ ...valid, reference: "A".repeat(36) })).toEqual({ reference: "The payment reference must be 35 characters or fewer" });
    expect(errors({ ...valid, reference: "=HYPERLINK(\"http://x\")" })).toEqual({ reference: "The payment reference must only include letters, numbers, spaces and the characters & - . /" });
  });
});

describe("the payment run period", () => {
  it("takes two days, the last not before the first", () => {
    expect(paymentRunFormSchema.parse({ fromDay: "1", fromMonth: "4", fromYear: "2026", toDay: "30", toMonth: "4", toYear: "2026" })).toEqual({ from: "2026-04-01", to: "2026-04-30" });
    const result = paymentRunFormSchema.safeParse({ fromDay: "2", fromMonth: "4", fromYear: "2026", toDay: "1", toMonth: "4", toYear: "2026" });
    expect(result.success ? {} : zodErrorsToFields(result.error)).toEqual({ to: "The last day of the payment run must be the same as or after the first day" });
  });

  it("reads the CSV link's query, and nothing else", () => {
    expect(periodFromQuery("2026-04-01", "2026-04-01")).toEqual({ from: "2026-04-01", to: "2026-04-01" });
    for (const [from, to] of [[null, "2026-04-01"], ["2026-04-31", "2026-05-01"], ["2026-05-02", "2026-05-01"], ["1 April", "2026-05-01"]]) expect(periodFromQuery(from, to)).toBeNull();
  });
});

describe("the payment run CSV", () => {
  it("never lets a spreadsheet run a cell as a formula", () => {
    for (const danger of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(danger)).toBe(`'${danger}`);
    expect(neutraliseCell("St George's Crypt")).toBe("St George's Crypt");
  });

  it("has a header row and pounds with two decimals, read back exactly", () => {
    const csv = paymentRunCsv([
      { entryId: 1, paidOn: "2026-04-02", awardId: 7, bidReference: "MSCF-GR8-0001", organisationName: "=cmd|' /C calc'!A0", amountPence: 123_456, reference: "@REF" },
      { entryId: 2, paidOn: "2026-04-03", awardId: 7, bidReference: "MSCF-GR8-0001", organisationName: "Leeds, \"Holbeck\" Boxing", amountPence: -5, reference: null },
    ]);
    const rows = parse(csv) as string[][];
    expect(rows).toEqual([
      ["Date paid", "Award", "Organisation", "Amount", "Reference"],
      ["2026-04-02", "MSCF-GR8-0001 (award 7)", "'=cmd|' /C calc'!A0", "1234.56", "'@REF"],
      ["2026-04-03", "MSCF-GR8-0001 (award 7)", 'Leeds, "Holbeck" Boxing', "-0.05", ""],
    ]);
  });
});
