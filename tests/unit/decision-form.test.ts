import { describe, expect, it } from "vitest";
import { decisionFormSchema, encodeProposal, scenarioFormSchema } from "~/domain/decisions/decision-form";
import { zodErrorsToFields } from "~/utils/forms";

const requested = 800_000;
const parse = (values: Record<string, string>) => decisionFormSchema(requested).safeParse(values);
const errors = (values: Record<string, string>) => {
  const result = parse(values);
  return result.success ? {} : zodErrorsToFields(result.error);
};

describe("the decision form", () => {
  it("funds in full at the amount requested, whatever else was typed", () => {
    expect(parse({ outcome: "fund_full", amount: "12", partReason: "" }).data).toEqual({ outcome: "fund_full", amountPence: requested, reasonCode: null, reason: null, feedback: null });
  });

  it("asks for a decision", () => {
    expect(errors({})).toEqual({ outcome: "Select a decision for this bid" });
    expect(errors({ outcome: "fund_double" })).toEqual({ outcome: "Select a decision for this bid" });
  });

  it("funds in part: an amount more than £0 and less than requested, with a reason", () => {
    expect(parse({ outcome: "fund_part", amount: "£6,000.50", partReason: "Equipment is covered by another funder" }).data).toEqual({
      outcome: "fund_part",
      amountPence: 600_050,
      reasonCode: null,
      reason: "Equipment is covered by another funder",
      feedback: null,
    });
    expect(parse({ outcome: "fund_part", amount: "7999.99", partReason: "Near enough" }).success).toBe(true);
  });

  it.each([
    ["", "Enter the amount to fund"],
    ["0", "The amount to fund must be more than £0"],
    ["0.00", "The amount to fund must be more than £0"],
    ["8000", "The amount to fund must be less than the amount requested (£8,000.00). To fund all of it, choose Fund in full"],
    ["9000", "The amount to fund must be less than the amount requested (£8,000.00). To fund all of it, choose Fund in full"],
    ["8k", "The amount to fund must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["-5", "The amount to fund must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["10.001", "The amount to fund must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
  ])("refuses a part amount of %j", (amount, message) => {
    expect(errors({ outcome: "fund_part", amount, partReason: "Reason" })).toEqual({ amount: message });
  });

  it("needs the reason for a part award", () => {
    expect(errors({ outcome: "fund_part", amount: "4000", partReason: "  " })).toEqual({ partReason: "Enter why the bid is funded in part" });
  });

  it("refuses not funded without a reason code from the list and feedback", () => {
    expect(errors({ outcome: "not_funded" })).toEqual({ reasonCode: "Select why the bid is not funded", feedback: "Enter feedback for the applicant" });
    expect(errors({ outcome: "not_funded", reasonCode: "we_did_not_like_it", feedback: "Sorry" })).toEqual({ reasonCode: "Select why the bid is not funded" });
    expect(parse({ outcome: "not_funded", reasonCode: "value_for_money", feedback: "Show how coach fees were worked out", amount: "8k" }).data).toEqual({
      outcome: "not_funded",
      amountPence: 0,
      reasonCode: "value_for_money",
      reason: null,
      feedback: "Show how coach fees were worked out",
    });
  });

  it("puts a bid on the reserve list, committing nothing", () => {
    expect(parse({ outcome: "reserve" }).data).toEqual({ outcome: "reserve", amountPence: 0, reasonCode: null, reason: null, feedback: null });
  });
});

describe("a posted fill-by-rank scenario", () => {
  it("reads back the proposals the preview showed", () => {
    const proposals = [
      { bidId: 3, outcome: "fund_full" as const, amountPence: 800_000 },
      { bidId: 9, outcome: "reserve" as const, amountPence: 0 },
    ];
    expect(scenarioFormSchema.parse({ proposal: proposals.map(encodeProposal) }).proposal).toEqual(proposals);
    expect(scenarioFormSchema.parse({ proposal: encodeProposal(proposals[0]) }).proposal).toEqual([proposals[0]]);
  });

  it("refuses nothing or anything malformed", () => {
    expect(scenarioFormSchema.safeParse({}).success).toBe(false);
    expect(scenarioFormSchema.safeParse({ proposal: "3:fund_part:100" }).success).toBe(false);
    expect(scenarioFormSchema.safeParse({ proposal: "3:fund_full:-1" }).success).toBe(false);
  });
});
