/** Finance's form for a fund's budget in one financial year (1 April to 31 March). */
import { z } from "zod";
import { pounds } from "~/domain/config/fields";

/** The years finance can set a budget for: last year, this year and the next two. */
export function budgetYears(currentYear: number): number[] {
  return [currentYear - 1, currentYear, currentYear + 1, currentYear + 2];
}

export function budgetFormSchema(currentYear: number) {
  const years = budgetYears(currentYear).map(String);
  return z.object({
    fundId: z.string({ required_error: "Select a fund" }).regex(/^\d{1,12}$/, "Select a fund").transform(Number),
    financialYear: z
      .string({ required_error: "Select a financial year" })
      .refine((v) => years.includes(v), "Select a financial year")
      .transform(Number),
    amount: pounds("the budget", { allowZero: true }),
  });
}
