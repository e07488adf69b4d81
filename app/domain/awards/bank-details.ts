/**
 * Bank details for paying a grant: the form's rules (after GOV.UK's "Bank details" pattern) and how
 * they are shown. Everyone but finance sees them masked, so a screen share, a printout or a
 * grants officer's page never carries a whole account number.
 */
import { z } from "zod";

/**
 * Sort codes are typed as "12-34-56", "12 34 56" or "123456"; spaces and dashes (any kind) are
 * layout, not data.
 */
const LAYOUT = /[\s\-\u2010-\u2015]/g;

/**
 * UK account numbers are 8 digits, but some older accounts have 6 or 7. GOV.UK's pattern accepts
 * 6 to 8, and banks' standard rule pads shorter ones with leading zeros to the 8 that payment files
 * need, so that is what is stored. Longer numbers (some building societies) are refused: their
 * conversion depends on the bank, and a guess could send money to the wrong account.
 */
export const ACCOUNT_NUMBER_LENGTH = 8;

export const bankDetailsSchema = z.object({
  accountName: z
    .string({ required_error: "Enter the name on the account" })
    .trim()
    .min(1, "Enter the name on the account")
    .max(140, "Name on the account must be 140 characters or fewer"),
  sortCode: z
    .string({ required_error: "Enter a sort code" })
    .transform((v) => v.replace(LAYOUT, ""))
    .superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: "Enter a sort code" });
      else if (!/^\d+$/.test(v)) ctx.addIssue({ code: "custom", message: "Enter a valid sort code like 309430" });
      else if (v.length !== 6) ctx.addIssue({ code: "custom", message: "Sort code must be 6 digits" });
    }),
  accountNumber: z
    .string({ required_error: "Enter an account number" })
    .transform((v) => v.replace(LAYOUT, ""))
    .superRefine((v, ctx) => {
      if (v === "") ctx.addIssue({ code: "custom", message: "Enter an account number" });
      else if (!/^\d+$/.test(v)) ctx.addIssue({ code: "custom", message: "Enter a valid account number like 00733445" });
      else if (v.length < 6 || v.length > ACCOUNT_NUMBER_LENGTH) ctx.addIssue({ code: "custom", message: "Account number must be between 6 and 8 digits" });
    })
    .transform((v) => v.padStart(ACCOUNT_NUMBER_LENGTH, "0")),
});

export type BankDetailsInput = z.output<typeof bankDetailsSchema>;

/** "12345678" -> "****5678": enough for a person to recognise their own account. */
export function maskAccountNumber(accountNumber: string): string {
  return `****${accountNumber.slice(-4)}`;
}

/** "123456" -> "**-**-56". */
export function maskSortCode(sortCode: string): string {
  return `**-**-${sortCode.slice(-2)}`;
}

/** "123456" -> "12-34-56", the way finance staff read and key it. */
export function formatSortCode(sortCode: string): string {
  return sortCode.length === 6 ? `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4)}` : sortCode;
}

export type MaskedBankDetails = { accountName: string; sortCode: string; accountNumber: string };

export function maskBankDetails(details: { accountName: string; sortCode: string; accountNumber: string }): MaskedBankDetails {
  return { accountName: details.accountName, sortCode: maskSortCode(details.sortCode), accountNumber: maskAccountNumber(details.accountNumber) };
}

/** Whether a new version says anything different from the one before (spacing and case of the name aside). */
export function sameBankDetails(a: { accountName: string; sortCode: string; accountNumber: string }, b: { accountName: string; sortCode: string; accountNumber: string }): boolean {
  const name = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return a.sortCode === b.sortCode && a.accountNumber === b.accountNumber && name(a.accountName) === name(b.accountName);
}
