import { describe, expect, it } from "vitest";
import { recordId } from "~/domain/config/fields";
import { fundSchema, outcomeSchema, planSchema, roundSchema, taxonomyNameSchema } from "~/domain/config/schemas";
import { zodErrorsToFields } from "~/utils/forms";
import { fundForm, planForm, roundForm } from "../integration/manage-forms";

const ids = { fundId: 1, planId: 1 };

function errorsOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, values: Record<string, string>) {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return zodErrorsToFields(result.error as Parameters<typeof zodErrorsToFields>[0]);
}

describe("fund answers", () => {
  it.each([
    ["8000", 800_000],
    ["8,000.00", 800_000],
    ["£8,000", 800_000],
    [" 8000.5 ", 800_050],
    ["0.01", 1],
    ["0", 0],
  ])("a default maximum award of %j is %d pence", (typed, pence) => {
    expect(fundSchema.parse(fundForm({ defaultMaxAward: typed })).defaultMaxAward).toBe(pence);
  });

  it.each(["8k", "8,000.001", "-5", "£", "8 000", "1e3", "8.000,00"])("a default maximum award of %j is refused", (typed) => {
    expect(errorsOf(fundSchema, fundForm({ defaultMaxAward: typed }))).toEqual({ defaultMaxAward: "The default maximum award must be an amount of money, like 8000 or 8,000.00" });
  });

  it("trims answers and puts the reference code in capitals", () => {
    expect(fundSchema.parse(fundForm({ name: "  ASB Fund ", code: " asb1 " }))).toMatchObject({ name: "ASB Fund", code: "ASB1" });
  });

  it.each(["Upper", "two  words", "-leading", "trailing-", "double--hyphen", "under_score"])("the web address name %j is refused", (slug) => {
    expect(Object.keys(errorsOf(fundSchema, fundForm({ slug })))).toEqual(["slug"]);
  });

  it.each(["MS-CF", "MSCF MSCF", "ABCDEFGHIJK"])("the reference code %j is refused", (code) => {
    expect(Object.keys(errorsOf(fundSchema, fundForm({ code })))).toEqual(["code"]);
  });

  it("only competitive or passported allocation is accepted", () => {
    expect(errorsOf(fundSchema, fundForm({ allocationMethod: "lottery" }))).toEqual({ allocationMethod: "Select how the fund is allocated" });
  });
});

describe("plan answers", () => {
  it("reads dates from the three boxes, with or without leading zeros", () => {
    const plan = planSchema.parse(planForm({ startsOnDay: "01", startsOnMonth: "04" }));
    expect(plan).toMatchObject({ startsOn: "2028-04-01", endsOn: "2032-03-31" });
  });

  it.each([
    [{ startsOnDay: "29", startsOnMonth: "2", startsOnYear: "2027" }, "The date the plan starts must be a real date"],
    [{ startsOnDay: "", startsOnMonth: "", startsOnYear: "" }, "Enter the date the plan starts"],
    [{ startsOnYear: "28" }, "The date the plan starts must be a real date"],
    [{ startsOnMonth: "13" }, "The date the plan starts must be a real date"],
    [{ startsOnDay: "1st" }, "The date the plan starts must be a real date"],
  ])("the start date %j is refused", (parts, message) => {
    expect(errorsOf(planSchema, planForm(parts))).toEqual({ startsOn: message });
  });

  it("29 February is a real date in a leap year", () => {
    expect(planSchema.parse(planForm({ startsOnDay: "29", startsOnMonth: "2", startsOnYear: "2028" })).startsOn).toBe("2028-02-29");
  });

  it("a plan cannot end on the day it starts", () => {
    expect(errorsOf(planSchema, planForm({ endsOnDay: "1", endsOnMonth: "4", endsOnYear: "2028" }))).toEqual({ endsOn: "The date the plan ends must be after the date it starts" });
  });

  it("priorities and themes are one per line; blank lines are ignored; Spotlight: marks a spotlight theme", () => {
    const plan = planSchema.parse(planForm({ priorities: "\n  Keeping People Safe  \n\n", themes: "spotlight:Serious Violence\nChildren and Young People\n" }));
    expect(plan.priorities).toEqual(["Keeping People Safe"]);
    expect(plan.themes).toEqual([
      { name: "Serious Violence", kind: "spotlight" },
      { name: "Children and Young People", kind: "cross_cutting" },
    ]);
  });

  it("themes are optional, priorities are not, and neither may repeat", () => {
    expect(planSchema.parse(planForm({ themes: "" })).themes).toEqual([]);
    const { themes: _themes, ...withoutThemes } = planForm();
    expect(planSchema.parse(withoutThemes).themes).toEqual([]);
    expect(errorsOf(planSchema, planForm({ priorities: "" }))).toEqual({ priorities: "Enter at least one priority, one on each line" });
    expect(errorsOf(planSchema, planForm({ priorities: "Keeping People Safe\nkeeping people safe" }))).toEqual({ priorities: "Each of the priorities must be different" });
  });

  it("reports every problem at once: missing fields and impossible dates together", () => {
    expect(Object.keys(errorsOf(planSchema, planForm({ name: "", endsOnMonth: "14" })))).toEqual(["name", "endsOn"]);
  });
});

describe("tag, district and outcome names", () => {
  it("are trimmed and required, up to their length limit", () => {
    expect(taxonomyNameSchema.parse({ name: "  Youth Diversion " }).name).toBe("Youth Diversion");
    expect(errorsOf(taxonomyNameSchema, { name: "" })).toEqual({ name: "Enter a name" });
    expect(errorsOf(taxonomyNameSchema, { name: "x".repeat(121) })).toEqual({ name: "A name must be 120 characters or fewer" });
    expect(outcomeSchema.parse({ name: "x".repeat(200), kind: "impact" }).kind).toBe("impact");
    expect(errorsOf(outcomeSchema, { name: "Being safe", kind: "output" })).toEqual({ kind: "Select whether this is an outcome or an impact" });
  });
});

describe("round answers", () => {
  it("turns pounds into pence and UK wall-clock times into UTC instants across the clock change", () => {
    const summer = roundSchema.parse(roundForm(ids));
    expect(summer).toMatchObject({ budgetPence: 25_000_000, maxAwardPence: 800_000 });
    expect(summer.closesAt.toISOString()).toBe("2026-07-01T16:00:00.000Z");
    // Opens in GMT (before 29 March 2026), closes in BST.
    const across = roundSchema.parse(roundForm(ids, { opensOnDay: "2", opensOnMonth: "3", opensTime: "9:00", closesOnDay: "30", closesOnMonth: "3" }));
    expect(across.opensAt.toISOString()).toBe("2026-03-02T09:00:00.000Z");
    expect(across.closesAt.toISOString()).toBe("2026-03-30T16:00:00.000Z");
  });

  it("refuses a time that does not exist because the clocks go forward", () => {
    expect(errorsOf(roundSchema, roundForm(ids, { closesOnDay: "29", closesOnMonth: "3", closesTime: "01:30", opensOnMonth: "3", opensOnDay: "1" }))).toEqual({
      closesTime: "The closing time does not exist on that date because the clocks go forward: choose another time",
    });
  });

  it.each(["5pm", "17.00", "24:00", "17:60", "1700"])("refuses the closing time %j", (closesTime) => {
    expect(errorsOf(roundSchema, roundForm(ids, { closesTime }))).toEqual({ closesTime: "The closing time must be a time on the 24-hour clock, like 17:00" });
  });

  it("caps are inclusive: a maximum award equal to the budget is allowed, a penny more is not", () => {
    expect(roundSchema.parse(roundForm(ids, { budget: "8000", maxAward: "8000.00" })).maxAwardPence).toBe(800_000);
    expect(errorsOf(roundSchema, roundForm(ids, { budget: "8000", maxAward: "8000.01" }))).toEqual({ maxAward: "The maximum award must be the same as or less than the round budget" });
  });

  it("a round budget or maximum award of £0 is refused", () => {
    expect(errorsOf(roundSchema, roundForm(ids, { maxAward: "0.00" }))).toEqual({ maxAward: "The maximum award must be more than £0" });
  });

  it("projects may start and end on the same day, but not end before they start", () => {
    expect(roundSchema.parse(roundForm(ids, { deliveryEndsOnDay: "1", deliveryEndsOnMonth: "9", deliveryEndsOnYear: "2026" })).deliveryEndsOn).toBe("2026-09-01");
    expect(errorsOf(roundSchema, roundForm(ids, { deliveryEndsOnDay: "31", deliveryEndsOnMonth: "8", deliveryEndsOnYear: "2026" }))).toEqual({
      deliveryEndsOn: "The latest project end date must be the same as or after the earliest project start date",
    });
  });

  it("one impossible date does not hide a problem with the others", () => {
    expect(errorsOf(roundSchema, roundForm(ids, { deliveryEndsOnMonth: "13", closesOnMonth: "5" }))).toEqual({
      deliveryEndsOn: "The latest project end date must be a real date",
      closesOn: "The closing date and time must be after the opening date and time",
    });
  });

  it("needs at least one criterion, and points the weight total error at the first row filled in", () => {
    const blanks: Record<string, string> = {};
    for (let i = 0; i < 6; i++) for (const f of ["name", "guidance", "maxScore", "weight"]) blanks[`criteria.${i}.${f}`] = " ";
    expect(errorsOf(roundSchema, roundForm(ids, blanks))).toEqual({ "criteria.0.name": "Enter at least one scoring criterion" });

    const onlyRowThree = { ...blanks, "criteria.2.name": "Value for money", "criteria.2.guidance": "Costs are reasonable", "criteria.2.maxScore": "5", "criteria.2.weight": "60" };
    expect(errorsOf(roundSchema, roundForm(ids, onlyRowThree))).toEqual({ "criteria.2.weight": "The weights of the criteria must add up to 100 (they add up to 60)" });
    const parsed = roundSchema.parse(roundForm(ids, { ...onlyRowThree, "criteria.2.weight": "100" }));
    expect(parsed.criteria).toEqual([{ name: "Value for money", guidance: "Costs are reasonable", maxScore: 5, weight: 100 }]);
  });

  it.each([
    ["maxScore", "0", "The maximum score for criterion 2 must be 1 or more"],
    ["maxScore", "101", "The maximum score for criterion 2 must be 100 or less"],
    ["maxScore", "4.5", "The maximum score for criterion 2 must be a whole number, like 5"],
    ["weight", "-5", "The weight of criterion 2 must be a whole number, like 10"],
    ["weight", "", "Enter the weight of criterion 2"],
    ["name", "", "Enter the name of criterion 2"],
  ])("criterion 2 with %s %j is refused: %s", (field, typed, message) => {
    expect(errorsOf(roundSchema, roundForm(ids, { [`criteria.1.${field}`]: typed }))).toEqual({ [`criteria.1.${field}`]: message });
  });

  it("a criterion with weight 0 counts, as long as the total is 100", () => {
    const parsed = roundSchema.parse(roundForm(ids, { "criteria.6.name": "Partnership", "criteria.6.guidance": "Works with others", "criteria.6.maxScore": "3", "criteria.6.weight": "0" }));
    expect(parsed.criteria).toHaveLength(7);
  });

  it("refuses a missing fund or plan with a message saying what to do", () => {
    expect(errorsOf(roundSchema, roundForm(ids, { fundId: "", planId: "abc" }))).toEqual({ fundId: "Select a fund", planId: "Select a Police and Crime Plan" });
  });
});

describe("record ids in web addresses", () => {
  it.each([
    ["12", 12],
    ["0", undefined],
    ["-1", undefined],
    ["1e3", undefined],
    ["1.0", undefined],
    ["abc", undefined],
    ["", undefined],
    [undefined, undefined],
    ["9999999999999999", undefined],
  ])("%j is %s", (param, id) => {
    expect(recordId(param)).toBe(id);
  });
});
