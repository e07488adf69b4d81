import { describe, expect, it } from "vitest";
import { bankDetailsSchema, formatSortCode, maskAccountNumber, maskBankDetails, maskSortCode, sameBankDetails } from "~/domain/awards/bank-details";

const valid = { accountName: "Calder Valley Youth Boxing Club", sortCode: "309430", accountNumber: "00733445" };

function errorsOf(values: Record<string, unknown>) {
  const result = bankDetailsSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("bank details", () => {
  it.each(["12-34-56", "12 34 56", "123456", " 12–34–56 "])("reads the sort code %s as 6 digits", (sortCode) => {
    expect(bankDetailsSchema.parse({ ...valid, sortCode }).sortCode).toBe("123456");
  });

  it("keeps an 8-digit account number and pads a 6 or 7-digit one with leading zeros, as banks do", () => {
    expect(bankDetailsSchema.parse({ ...valid, accountNumber: "12345678" }).accountNumber).toBe("12345678");
    expect(bankDetailsSchema.parse({ ...valid, accountNumber: "1234 567" }).accountNumber).toBe("01234567");
    expect(bankDetailsSchema.parse({ ...valid, accountNumber: "123456" }).accountNumber).toBe("00123456");
  });

  it("asks for each field with GOV.UK's words", () => {
    expect(errorsOf({})).toEqual({ accountName: "Enter the name on the account", sortCode: "Enter a sort code", accountNumber: "Enter an account number" });
    expect(errorsOf({ accountName: " ", sortCode: " - ", accountNumber: "" })).toEqual({ accountName: "Enter the name on the account", sortCode: "Enter a sort code", accountNumber: "Enter an account number" });
  });

  it.each([
    ["12345", "Sort code must be 6 digits"],
    ["1234567", "Sort code must be 6 digits"],
    ["12-34-5x", "Enter a valid sort code like 309430"],
    ["12/34/56", "Enter a valid sort code like 309430"],
  ])("refuses the sort code %s", (sortCode, message) => {
    expect(errorsOf({ ...valid, sortCode })).toEqual({ sortCode: message });
  });

  it.each([
    ["12345", "Account number must be between 6 and 8 digits"],
    ["123456789", "Account number must be between 6 and 8 digits"],
    ["1234567O", "Enter a valid account number like 00733445"],
    ["12.345.678", "Enter a valid account number like 00733445"],
  ])("refuses the account number %s", (accountNumber, message) => {
    expect(errorsOf({ ...valid, accountNumber })).toEqual({ accountNumber: message });
  });

  it("limits the name on the account to 140 characters", () => {
    expect(errorsOf({ ...valid, accountName: "x".repeat(140) })).toEqual({});
    expect(errorsOf({ ...valid, accountName: "x".repeat(141) })).toEqual({ accountName: "Name on the account must be 140 characters or fewer" });
  });

  it("masks all but the last digits for everyone but finance", () => {
    expect(maskAccountNumber("12345678")).toBe("****5678");
    expect(maskSortCode("123456")).toBe("**-**-56");
    expect(maskBankDetails({ accountName: "Club", sortCode: "123456", accountNumber: "12345678" })).toEqual({ accountName: "Club", sortCode: "**-**-56", accountNumber: "****5678" });
    expect(formatSortCode("123456")).toBe("12-34-56");
  });

  it("treats the same details, spacing and case of the name aside, as no change", () => {
    expect(sameBankDetails(valid, { ...valid, accountName: "calder valley  youth boxing club " })).toBe(true);
    expect(sameBankDetails(valid, { ...valid, accountNumber: "00733446" })).toBe(false);
    expect(sameBankDetails(valid, { ...valid, sortCode: "309431" })).toBe(false);
  });
});
