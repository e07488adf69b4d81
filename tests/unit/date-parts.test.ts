import { describe, expect, it } from "vitest";
import { dateFromParts } from "~/domain/config/fields";
import { paymentFormSchema } from "~/domain/finance/payment-form";
import { planSchema } from "~/domain/config/schemas";

const parts = (day: string, month: string, year: string) => ({ whenDay: day, whenMonth: month, whenYear: year });

describe("a date from GOV.UK day, month and year boxes", () => {
  it.each([
    ["31", "2", "2026"],
    ["29", "2", "2027"],
    ["0", "1", "2026"],
    ["1", "13", "2026"],
    ["1", "1", "0"],
    ["1", "1", "0100"],
    ["1", "1", "1899"],
    ["1", "1", "2200"],
    ["1", "1", "9999"],
    ["1", "1", "99999"],
    ["1.5", "1", "2026"],
    ["-1", "1", "2026"],
    ["١", "1", "2026"],
  ])("%s/%s/%s is not a real date", (d, m, y) => {
    expect(dateFromParts(parts(d, m, y), "when")).toBe("invalid");
  });

  it.each([
    ["1", "1", "1900", "1900-01-01"],
    ["29", "2", "2028", "2028-02-29"],
    ["31", "12", "2199", "2199-12-31"],
    [" 7 ", "04", "2026", "2026-04-07"],
  ])("%s/%s/%s is %s", (d, m, y, iso) => {
    expect(dateFromParts(parts(d, m, y), "when")).toBe(iso);
  });

  // Found by fuzzing: a plan could run to 31 March 9999, and a payment be dated in the year 100.
  it("a plan ending in 9999 is refused on the page", () => {
    const result = planSchema.safeParse({ name: "Plan", slug: "plan", area: "West Yorkshire", priorities: "One", themes: "", startsOnDay: "1", startsOnMonth: "4", startsOnYear: "2028", endsOnDay: "31", endsOnMonth: "3", endsOnYear: "9999" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endsOn", "The date the plan ends must be a real date"]]);
  });

  it("a payment dated in the year 100 is refused", () => {
    const result = paymentFormSchema("2026-11-23").safeParse({ amount: "100", paidOnDay: "1", paidOnMonth: "5", paidOnYear: "0100", reference: "BACS 1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("The date the payment was made must be a real date");
  });
});
