import { describe, expect, it } from "vitest";
import {
  applyBudgetMoves,
  budgetVariationSchema,
  datesVariationSchema,
  monitoringStatus,
  repaymentFormSchema,
  returnFormSchema,
  reviewFormSchema,
  settleUnderspend,
  shiftIsoDate,
  variationDecisionSchema,
  whyNotClosable,
  type ReturnFormContext,
} from "~/domain/awards/monitoring";
import { zodErrorsToFields } from "~/utils/forms";

const ctx = (kind: "interim" | "final"): ReturnFormContext => ({
  kind,
  awardPence: 800_000,
  outcomes: [
    { id: 7, name: "Being safe" },
    { id: 8, name: "Offending" },
  ],
  budgetLines: [
    { id: 21, item: "Coach fees" },
    { id: 22, item: "Equipment" },
  ],
});

const filled = (overrides: Record<string, string> = {}) => ({
  beneficiariesReached: "58",
  "outcomes.7.achieved": "35",
  "outcomes.8.achieved": "0",
  "spend.21": "5,500.00",
  "spend.22": "2000",
  story: "Young people who came twice a week stayed out of trouble on those evenings.",
  underspend: "500",
  ...overrides,
});

function errorsOf<T>(result: { success: true; data: T } | { success: false; error: Parameters<typeof zodErrorsToFields>[0] }) {
  return result.success ? {} : zodErrorsToFields(result.error);
}

describe("the monitoring return form", () => {
  it("reads every figure into whole numbers and pence", () => {
    const result = returnFormSchema(ctx("final")).safeParse(filled());
    expect(result.data).toEqual({
      beneficiariesReached: 58,
      outcomes: [
        { bidOutcomeId: 7, achieved: 35 },
        { bidOutcomeId: 8, achieved: 0 },
      ],
      spend: [
        { budgetLineId: 21, spentPence: 550_000 },
        { budgetLineId: 22, spentPence: 200_000 },
      ],
      story: "Young people who came twice a week stayed out of trouble on those evenings.",
      underspendPence: 50_000,
    });
  });

  it("names the outcome or budget line in each error, so the summary makes sense on its own", () => {
    const errors = errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ "outcomes.8.achieved": "", "spend.22": "two thousand", beneficiariesReached: "-1" })));
    expect(errors).toEqual({
      beneficiariesReached: "How many people the project reached must be between 0 and 1,000,000",
      "outcomes.8.achieved": "Enter the number achieved for Offending",
      "spend.22": "The spend on Equipment must be an amount of money in pounds and pence, like 2500 or 2,500.00",
    });
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ "outcomes.7.achieved": "3.5" })))["outcomes.7.achieved"]).toBe("The number achieved for Being safe must be a whole number, like 25");
  });

  it("asks for the story and keeps it to 500 words", () => {
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ story: " " })))).toEqual({ story: "Enter the difference your project made" });
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ story: "word ".repeat(501) })))).toEqual({ story: "The difference your project made must be 500 words or fewer" });
    expect(returnFormSchema(ctx("interim")).safeParse(filled({ story: "word ".repeat(500) })).success).toBe(true);
  });

  it("on a final return, the underspend must be the award minus the total spend, and says both figures", () => {
    expect(errorsOf(returnFormSchema(ctx("final")).safeParse(filled({ underspend: "400" })))).toEqual({
      underspend: "The underspend must be £500.00: the award (£8,000.00) minus your total spend (£7,500.00). Check your spend and the underspend",
    });
    expect(errorsOf(returnFormSchema(ctx("final")).safeParse(filled({ underspend: "" })))).toEqual({ underspend: "Enter the underspend, or 0 if you spent all of the award" });
    expect(returnFormSchema(ctx("final")).safeParse(filled({ "spend.21": "6000", underspend: "0" })).data?.underspendPence).toBe(0);
  });

  it("on an interim return, the underspend is optional and no more than is left unspent", () => {
    expect(returnFormSchema(ctx("interim")).safeParse(filled({ underspend: "" })).data?.underspendPence).toBe(0);
    expect(returnFormSchema(ctx("interim")).safeParse(filled({ underspend: "500.00" })).success).toBe(true);
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ underspend: "500.01" })))).toEqual({
      underspend: "The underspend must be £500.00 or less: the award (£8,000.00) minus your spend so far (£7,500.00)",
    });
  });

  it("never lets spend or underspend go past the award, nor below £0", () => {
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ "spend.21": "6000.01", underspend: "0" })))).toEqual({
      "spend.21": "Your spend adds up to £8,000.01, which is more than the award (£8,000.00). Only report spend of this grant",
    });
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ "spend.21": "0", "spend.22": "0", underspend: "8000.01" })))).toEqual({
      underspend: "The underspend must be £8,000.00 or less, the amount of the award",
    });
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ underspend: "-5" })))).toHaveProperty("underspend");
    expect(errorsOf(returnFormSchema(ctx("interim")).safeParse(filled({ "spend.21": "-5" })))).toHaveProperty("spend.21");
  });
});

describe("settling an underspend", () => {
  it("asks back only what was paid and not spent; the unpaid part is released from the commitment", () => {
    expect(settleUnderspend({ underspendPence: 50_000, alreadySettledPence: 0, committedPence: 800_000, paidPence: 800_000 })).toEqual({ commitmentReducedPence: 0, repaymentDuePence: 50_000 });
    expect(settleUnderspend({ underspendPence: 50_000, alreadySettledPence: 0, committedPence: 800_000, paidPence: 0 })).toEqual({ commitmentReducedPence: 50_000, repaymentDuePence: 0 });
    expect(settleUnderspend({ underspendPence: 50_000, alreadySettledPence: 0, committedPence: 800_000, paidPence: 780_000 })).toEqual({ commitmentReducedPence: 20_000, repaymentDuePence: 30_000 });
  });

  it("does not count an earlier return's underspend twice", () => {
    expect(settleUnderspend({ underspendPence: 80_000, alreadySettledPence: 50_000, committedPence: 800_000, paidPence: 800_000 })).toEqual({ commitmentReducedPence: 0, repaymentDuePence: 30_000 });
    expect(settleUnderspend({ underspendPence: 30_000, alreadySettledPence: 50_000, committedPence: 800_000, paidPence: 800_000 })).toEqual({ commitmentReducedPence: 0, repaymentDuePence: 0 });
  });
});

describe("monitoring status and closing", () => {
  it("a return due today is due, not overdue; a sent return shows its own status", () => {
    expect(monitoringStatus("2027-10-31", null, "2027-10-31")).toBe("due");
    expect(monitoringStatus("2027-10-31", null, "2027-11-01")).toBe("overdue");
    expect(monitoringStatus("2027-10-31", "submitted", "2027-11-01")).toBe("submitted");
  });

  it("an award closes only with its final return accepted and nothing owed either way", () => {
    const ready = { status: "accepted", finalReturn: "accepted" as const, repaymentOutstandingPence: 0, paymentOutstandingPence: 0 };
    expect(whyNotClosable(ready)).toEqual([]);
    expect(whyNotClosable({ ...ready, finalReturn: "submitted" })).toEqual(["The final monitoring return has not been accepted"]);
    expect(whyNotClosable({ ...ready, repaymentOutstandingPence: 50_000 })).toEqual(["£500.00 of underspend has not been repaid"]);
    expect(whyNotClosable({ ...ready, paymentOutstandingPence: 1 })).toEqual(["£0.01 of the award has not been paid to the organisation"]);
    expect(whyNotClosable({ ...ready, status: "closed" })).toEqual(["This award is already closed"]);
  });
});

describe("the officer's review", () => {
  it("accepts with or without a note; asking for more needs one", () => {
    expect(reviewFormSchema.safeParse({ decision: "accept", note: "" }).data).toEqual({ decision: "accept", note: null });
    expect(errorsOf(reviewFormSchema.safeParse({ decision: "more_information", note: "" }))).toEqual({ note: "Enter what more information you need" });
    expect(reviewFormSchema.safeParse({ decision: "more_information", note: "Receipts for equipment, please" }).data).toEqual({ decision: "more_information", note: "Receipts for equipment, please" });
    expect(errorsOf(reviewFormSchema.safeParse({}))).toEqual({ decision: "Select whether to accept the return or ask for more information" });
  });
});

describe("recording a repayment", () => {
  const parse = (values: Record<string, string>, outstanding = 50_000) => repaymentFormSchema(outstanding, "2028-05-10").safeParse(values);
  const good = { amount: "500", receivedOnDay: "9", receivedOnMonth: "5", receivedOnYear: "2028", reference: "BACS 1234" };

  it("reads the amount, date and reference", () => {
    expect(parse(good).data).toEqual({ amountPence: 50_000, receivedOn: "2028-05-09", reference: "BACS 1234" });
  });

  it("never more than is still due, and never in the future", () => {
    expect(errorsOf(parse({ ...good, amount: "500.01" }))).toEqual({ amount: "The amount received must be £500.00 or less, the repayment still due" });
    expect(errorsOf(parse(good, 0))).toEqual({ amount: "Nothing is due to be repaid on this award" });
    expect(errorsOf(parse({ ...good, receivedOnDay: "11" }))).toEqual({ receivedOn: "The date received must be today or in the past" });
    expect(errorsOf(parse({ ...good, amount: "0", reference: "" }))).toEqual({ amount: "The amount received must be more than £0", reference: "Enter the payment reference" });
  });
});

describe("variations", () => {
  const award = { startsOn: "2027-04-01", endsOn: "2028-03-31" };
  const plan = [
    { budgetLineId: 21, item: "Coach fees", plannedPence: 600_000 },
    { budgetLineId: 22, item: "Equipment", plannedPence: 200_000 },
  ];

  it("a new end date must be after the start and different from the current one", () => {
    const parse = (day: string, month: string, year: string) => datesVariationSchema(award).safeParse({ endsOnDay: day, endsOnMonth: month, endsOnYear: year, reason: "The hall was closed for a month" });
    expect(parse("30", "6", "2028").data).toEqual({ kind: "dates", endsOn: "2028-06-30", reason: "The hall was closed for a month" });
    expect(errorsOf(parse("1", "4", "2027"))).toEqual({ endsOn: "The new end date must be after the start date, 1 April 2027" });
    expect(errorsOf(parse("31", "3", "2028"))).toEqual({ endsOn: "The new end date must be different from the current end date, 31 March 2028" });
    expect(errorsOf(parse("31", "2", "2028"))).toEqual({ endsOn: "The new end date must be a real date" });
  });

  it("budget moves must net to zero, leave no line below £0 and change something", () => {
    const parse = (coach: string, kit: string) => budgetVariationSchema(plan).safeParse({ "lines.21": coach, "lines.22": kit, reason: "Gloves cost more than we thought" });
    expect(parse("5,500", "2,500").data).toEqual({
      kind: "budget",
      lines: [
        { budgetLineId: 21, item: "Coach fees", fromPence: 600_000, toPence: 550_000 },
        { budgetLineId: 22, item: "Equipment", fromPence: 200_000, toPence: 250_000 },
      ],
      reason: "Gloves cost more than we thought",
    });
    expect(errorsOf(parse("5500", "2600"))).toEqual({ "lines.21": "The new amounts add up to £8,100.00, not £8,000.00. Moving money between lines must not change the total" });
    expect(errorsOf(parse("6000", "2000"))).toEqual({ "lines.21": "Change at least one line's amount to move money between lines" });
    expect(errorsOf(parse("-100", "2100"))).toHaveProperty("lines.21");
  });

  it("applies approved moves to the split as it is now, refusing any that would take a line below £0", () => {
    const asked = [
      { budgetLineId: 21, item: "Coach fees", fromPence: 600_000, toPence: 400_000 },
      { budgetLineId: 22, item: "Equipment", fromPence: 200_000, toPence: 400_000 },
    ];
    expect(applyBudgetMoves(plan, asked)).toEqual({
      ok: true,
      lines: [
        { budgetLineId: 21, item: "Coach fees", fromPence: 600_000, toPence: 400_000 },
        { budgetLineId: 22, item: "Equipment", fromPence: 200_000, toPence: 400_000 },
      ],
    });
    const since = [
      { budgetLineId: 21, item: "Coach fees", plannedPence: 100_000 },
      { budgetLineId: 22, item: "Equipment", plannedPence: 700_000 },
    ];
    expect(applyBudgetMoves(since, asked)).toEqual({ ok: false, message: "Coach fees cannot go below £0" });
  });

  it("refusing needs a note for the applicant", () => {
    expect(errorsOf(variationDecisionSchema.safeParse({ decision: "refuse", note: "" }))).toEqual({ note: "Enter why the change is refused" });
    expect(variationDecisionSchema.safeParse({ decision: "approve" }).data).toEqual({ decision: "approve", note: null });
  });

  it("moves a date by whole days across month and year ends", () => {
    expect(shiftIsoDate("2028-04-30", 91)).toBe("2028-07-30");
    expect(shiftIsoDate("2028-12-31", 1)).toBe("2029-01-01");
  });
});
