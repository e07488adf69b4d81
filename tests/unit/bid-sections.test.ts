import { describe, expect, it } from "vitest";
import type { BidContext } from "~/domain/bids/context";
import { countWords } from "~/domain/bids/fields";
import { beneficiariesSchema, budgetSchema, datesSchema, outcomesSchema, prioritiesSchema, projectSchema, safeguardingSchema } from "~/domain/bids/sections";
import { bidReference, canWithdraw } from "~/domain/bids/status";
import { submissionProblems } from "~/domain/bids/task-list";
import { zodErrorsToFields } from "~/utils/forms";

const ctx: BidContext = {
  maxAwardPence: 800_000,
  deliveryStartsOn: "2027-04-01",
  deliveryEndsOn: "2028-03-31",
  priorityIds: [1, 2, 3],
  themeIds: [10, 11],
  tagIds: [20, 21],
  districtIds: [30, 31],
  outcomeIds: [40, 41],
};

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: import("zod").ZodError } }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? {} : zodErrorsToFields(result.error!);
}

describe("budget", () => {
  const line = (amount: string) => ({ amountRequested: amount, "lines.0.item": "Coaching", "lines.0.cost": amount });
  it("accepts exactly the maximum award, £8,000.00", () => {
    expect(budgetSchema(ctx).parse(line("8000.00"))).toEqual({ amountRequestedPence: 800_000, lines: [{ item: "Coaching", costPence: 800_000 }], otherFunding: "" });
  });
  it.each([
    ["8000.01", "Amount requested must be £8,000.00 or less, the most this round can award"],
    ["0", "Amount requested must be more than £0"],
    ["0.00", "Amount requested must be more than £0"],
    ["-1", "The amount you are asking for must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["8k", "The amount you are asking for must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["12.345", "The amount you are asking for must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["", "Enter the amount you are asking for"],
  ])("refuses %j", (amount, message) => {
    expect(errorsOf(budgetSchema(ctx), line(amount)).amountRequested).toBe(message);
  });
  it("refuses lines that do not sum to the amount, naming both totals", () => {
    const errors = errorsOf(budgetSchema(ctx), { amountRequested: "100", "lines.0.item": "Hall hire", "lines.0.cost": "60", "lines.1.item": "Snacks", "lines.1.cost": "39.99" });
    expect(errors.amountRequested).toBe("Your budget lines add up to £99.99, which is not the amount requested (£100.00). Change the amount or the lines so they match");
  });
  it("needs at least one line, and each line needs an item and a cost", () => {
    expect(errorsOf(budgetSchema(ctx), { amountRequested: "100" })["lines.0.item"]).toMatch(/^Enter at least one budget line/);
    const errors = errorsOf(budgetSchema(ctx), { amountRequested: "100", "lines.2.item": "Hall hire", "lines.3.cost": "100" });
    expect(errors["lines.2.cost"]).toBe("Enter the cost");
    expect(errors["lines.3.item"]).toBe("Enter what the money is for");
  });
});

describe("dates", () => {
  const d = (start: [number, number, number], end: [number, number, number]) => ({
    startsOnDay: String(start[0]),
    startsOnMonth: String(start[1]),
    startsOnYear: String(start[2]),
    endsOnDay: String(end[0]),
    endsOnMonth: String(end[1]),
    endsOnYear: String(end[2]),
  });
  it("accepts the first and last days of the delivery window", () => {
    expect(datesSchema(ctx).parse(d([1, 4, 2027], [31, 3, 2028]))).toEqual({ startsOn: "2027-04-01", endsOn: "2028-03-31" });
  });
  it("refuses a day before the window opens and a day after it ends", () => {
    const errors = errorsOf(datesSchema(ctx), d([31, 3, 2027], [1, 4, 2028]));
    expect(errors.startsOn).toBe("The start date must be between 1 April 2027 and 31 March 2028");
    expect(errors.endsOn).toBe("The end date must be between 1 April 2027 and 31 March 2028");
  });
  it("refuses an end before the start, and impossible dates", () => {
    expect(errorsOf(datesSchema(ctx), d([2, 5, 2027], [1, 5, 2027])).endsOn).toBe("The end date must be the same as or after the start date");
    expect(errorsOf(datesSchema(ctx), d([30, 2, 2028], [1, 3, 2028])).startsOn).toBe("The start date must be a real date");
  });
});

describe("other pages", () => {
  it("counts words, not characters, for the summary limit", () => {
    expect(countWords("  one two\nthree  ")).toBe(3);
    expect(projectSchema().safeParse({ title: "T", summary: "word ".repeat(150) }).success).toBe(true);
    expect(projectSchema().safeParse({ title: "T", summary: "word ".repeat(151) }).success).toBe(false);
  });
  it("takes one or many checkbox values, refusing ids not on offer", () => {
    expect(prioritiesSchema(ctx).parse({ priorityIds: "2" })).toEqual({ priorityIds: [2], themeIds: [], tagIds: [] });
    expect(prioritiesSchema(ctx).parse({ priorityIds: ["1", "3"], tagIds: ["20"] }).priorityIds).toEqual([1, 3]);
    expect(errorsOf(prioritiesSchema(ctx), { priorityIds: ["1"], tagIds: ["99"] }).tagIds).toBe("Select reporting tags from the list");
  });
  it("needs a whole number of beneficiaries and an age group", () => {
    expect(errorsOf(beneficiariesSchema(), { beneficiaryCount: "2.5", ageGroups: "11_17" }).beneficiaryCount).toBe("How many people will benefit must be a whole number, like 25");
    expect(beneficiariesSchema().parse({ beneficiaryCount: "1,200", ageGroups: "65_plus" })).toEqual({ beneficiaryCount: 1200, ageGroups: ["65_plus"] });
  });
  it("needs different outcomes with targets", () => {
    const same = { "outcomes.0.outcomeId": "40", "outcomes.0.target": "5", "outcomes.0.measure": "Survey", "outcomes.1.outcomeId": "40", "outcomes.1.target": "3", "outcomes.1.measure": "Survey" };
    expect(errorsOf(outcomesSchema(ctx), same)["outcomes.0.outcomeId"]).toBe("Each target outcome must be different");
    expect(errorsOf(outcomesSchema(ctx), {})["outcomes.0.outcomeId"]).toBe("Enter at least one target outcome");
  });
  it("needs every declaration", () => {
    expect(errorsOf(safeguardingSchema(), { hasPolicy: "yes", leadName: "Jo", declarations: ["accurate", "purpose"] }).declarations).toBe("Confirm every declaration to continue");
  });
});

describe("bid rules", () => {
  it("makes references like MSCF-GR7-0042", () => {
    expect(bidReference("MSCF", "GR7", 42)).toBe("MSCF-GR7-0042");
  });
  it("allows withdrawal only until a decision", () => {
    expect(["draft", "submitted", "under_assessment", "awarded", "not_funded", "withdrawn"].filter((s) => canWithdraw(s as never))).toEqual(["draft", "submitted", "under_assessment"]);
  });
  it("lists what blocks submission, each with the page that fixes it", () => {
    const problems = submissionProblems({ bidId: 7, organisationId: 3, answers: {}, ctx, profileComplete: false, documentKinds: ["accounts"] });
    expect(problems[0]).toEqual({ message: "Complete your organisation's details", href: "/organisations/3/profile?bid=7" });
    expect(problems).toContainEqual({ message: 'Complete "Project dates"', href: "/applications/7/dates" });
    expect(problems.filter((p) => p.href === "/applications/7/documents").map((p) => p.message)).toEqual(["Upload your constitution or governing document", "Upload your safeguarding policy"]);
  });
});
