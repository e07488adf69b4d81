/**
 * The configuration forms' schemas: funds, plans, reporting tags, districts, outcomes and rounds.
 * Used by the server (and safe in the browser). Money comes in as pounds text and leaves as pence.
 */
import { z } from "zod";
import { instantToLondonWallClock, londonWallClockToInstant } from "~/domain/time/london";
import { code, dateFromParts, isoDate, lines, pounds, requiredText, slug, time24, wholeNumber } from "./fields";

export const fundSchema = z.object({
  name: requiredText("the fund name"),
  slug: slug("the web address name"),
  code: code("the reference code"),
  moneySource: requiredText("where the money comes from"),
  description: requiredText("a description", 2000),
  allocationMethod: z.enum(["competitive", "passported"], { errorMap: () => ({ message: "Select how the fund is allocated" }) }),
  defaultMaxAward: pounds("the default maximum award", { allowZero: true }),
});
export type FundInput = z.output<typeof fundSchema>;

const THEME_SPOTLIGHT_PREFIX = /^spotlight:\s*/i;

const planFields = z.object({
  name: requiredText("the plan name"),
  slug: slug("the web address name"),
  area: requiredText("the area the plan covers"),
  priorities: lines("priorities", { min: 1, minMessage: "Enter at least one priority, one on each line" }),
  themes: lines("cross-cutting themes"),
});

export const planSchema = z.record(z.unknown()).transform((values, ctx) => {
  const base = planFields.safeParse(values);
  if (!base.success) for (const issue of base.error.issues) ctx.addIssue(issue);
  const dates = z
    .object({ startsOn: isoDate("the date the plan starts"), endsOn: isoDate("the date the plan ends") })
    .safeParse({ startsOn: dateFromParts(values, "startsOn"), endsOn: dateFromParts(values, "endsOn") });
  if (!dates.success) for (const issue of dates.error.issues) ctx.addIssue(issue);
  if (!base.success || !dates.success) return z.NEVER;
  if (dates.data.endsOn <= dates.data.startsOn) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The date the plan ends must be after the date it starts" });
    return z.NEVER;
  }
  return {
    ...base.data,
    startsOn: dates.data.startsOn,
    endsOn: dates.data.endsOn,
    // A theme written as "Spotlight: Serious Violence" is the plan's spotlight.
    themes: base.data.themes.map((t) =>
      THEME_SPOTLIGHT_PREFIX.test(t) ? { name: t.replace(THEME_SPOTLIGHT_PREFIX, ""), kind: "spotlight" as const } : { name: t, kind: "cross_cutting" as const },
    ),
  };
});
export type PlanInput = z.output<typeof planSchema>;

export const taxonomyNameSchema = z.object({ name: requiredText("a name", 120) });

export const outcomeSchema = z.object({
  name: requiredText("a name", 200),
  kind: z.enum(["outcome", "impact"], { errorMap: () => ({ message: "Select whether this is an outcome or an impact" }) }),
});

/** One scoring criterion; `n` (counting from 1) names the row in messages, as the error summary lists every row. */
export const criterionSchema = (n: number) =>
  z.object({
    name: requiredText(`the name of criterion ${n}`),
    guidance: requiredText(`guidance for assessors on criterion ${n}`, 1000),
    maxScore: wholeNumber(`the maximum score for criterion ${n}`, { min: 1, max: 100, example: 5 }),
    weight: wholeNumber(`the weight of criterion ${n}`, { min: 0, max: 100, example: 10 }),
  });
export type CriterionInput = z.output<ReturnType<typeof criterionSchema>>;

/** Rows the round form offers; blank rows are ignored, so this is the most criteria a round can have. */
export const MAX_CRITERIA = 20;

const roundFields = z.object({
  fundId: z.coerce.number({ invalid_type_error: "Select a fund" }).int("Select a fund").positive("Select a fund"),
  planId: z.coerce.number({ invalid_type_error: "Select a Police and Crime Plan" }).int("Select a Police and Crime Plan").positive("Select a Police and Crime Plan"),
  name: requiredText("the round name"),
  slug: slug("the web address name"),
  code: code("the reference code"),
  summary: requiredText("what the round funds", 1000),
  eligibility: requiredText("who can apply", 4000),
  budget: pounds("the round budget"),
  maxAward: pounds("the maximum award"),
});

const ROUND_DATES = {
  opensOn: "the opening date",
  closesOn: "the closing date",
  deliveryStartsOn: "the earliest project start date",
  deliveryEndsOn: "the latest project end date",
} as const;

const roundTimes = z.object({ opensTime: time24("the opening time"), closesTime: time24("the closing time") });

/** Criteria come in as rows criteria[0].name ... criteria[n].weight; a row left wholly blank is dropped. */
function criteriaRows(values: Record<string, unknown>) {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < MAX_CRITERIA; i++) {
    const row = {
      name: values[`criteria.${i}.name`],
      guidance: values[`criteria.${i}.guidance`],
      maxScore: values[`criteria.${i}.maxScore`],
      weight: values[`criteria.${i}.weight`],
    };
    const blank = Object.values(row).every((v) => v === undefined || String(v).trim() === "");
    if (!blank) rows.push({ index: i, ...row });
  }
  return rows;
}

export const roundSchema = z
  .record(z.unknown())
  .transform((values, ctx) => {
    const base = roundFields.safeParse(values);
    if (!base.success) for (const issue of base.error.issues) ctx.addIssue(issue);

    // Each date is parsed on its own, so one bad date does not hide the rules about the others.
    const dates: Partial<Record<keyof typeof ROUND_DATES, string>> = {};
    for (const [name, what] of Object.entries(ROUND_DATES) as [keyof typeof ROUND_DATES, string][]) {
      const parsed = isoDate(what).safeParse(dateFromParts(values, name));
      if (parsed.success) dates[name] = parsed.data;
      else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [name] });
    }
    const times = roundTimes.safeParse(values);
    if (!times.success) for (const issue of times.error.issues) ctx.addIssue(issue);

    const criteria: CriterionInput[] = [];
    let criteriaFailed = false;
    const rows = criteriaRows(values);
    // Whole-list errors point at the first row the person filled in, so the summary link lands on a box.
    const firstRow = (rows[0]?.index as number | undefined) ?? 0;
    for (const row of rows) {
      const parsed = criterionSchema((row.index as number) + 1).safeParse(row);
      if (parsed.success) criteria.push(parsed.data);
      else {
        criteriaFailed = true;
        for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["criteria", row.index as number, ...issue.path] });
      }
    }
    if (criteria.length === 0 && !criteriaFailed) {
      criteriaFailed = true;
      ctx.addIssue({ code: "custom", path: ["criteria", 0, "name"], message: "Enter at least one scoring criterion" });
    } else if (!criteriaFailed && criteria.reduce((sum, c) => sum + c.weight, 0) !== 100) {
      criteriaFailed = true;
      ctx.addIssue({ code: "custom", path: ["criteria", firstRow, "weight"], message: `The weights of the criteria must add up to 100 (they add up to ${criteria.reduce((s, c) => s + c.weight, 0)})` });
    }

    // Rules across fields run whenever their fields parsed, so one submission shows every problem.
    let crossFailed = false;
    const refuse = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      crossFailed = true;
    };
    const { opensOn, closesOn, deliveryStartsOn, deliveryEndsOn } = dates;
    const instants =
      times.success && opensOn && closesOn
        ? { opensAt: londonWallClockToInstant(opensOn, times.data.opensTime), closesAt: londonWallClockToInstant(closesOn, times.data.closesTime) }
        : undefined;
    if (instants && times.success) {
      // An hour is skipped when the clocks go forward; a time in it would silently move.
      if (instantToLondonWallClock(instants.opensAt).time !== times.data.opensTime) refuse("opensTime", "The opening time does not exist on that date because the clocks go forward: choose another time");
      if (instantToLondonWallClock(instants.closesAt).time !== times.data.closesTime) refuse("closesTime", "The closing time does not exist on that date because the clocks go forward: choose another time");
    }
    if (instants && instants.closesAt <= instants.opensAt) refuse("closesOn", "The closing date and time must be after the opening date and time");
    if (deliveryStartsOn && deliveryEndsOn && deliveryEndsOn < deliveryStartsOn) {
      refuse("deliveryEndsOn", "The latest project end date must be the same as or after the earliest project start date");
    }
    if (base.success && base.data.maxAward > base.data.budget) refuse("maxAward", "The maximum award must be the same as or less than the round budget");

    if (!base.success || !instants || !deliveryStartsOn || !deliveryEndsOn || criteriaFailed || crossFailed) return z.NEVER;
    const r = base.data;
    const { opensAt, closesAt } = instants;
    return {
      fundId: r.fundId,
      planId: r.planId,
      name: r.name,
      slug: r.slug,
      code: r.code,
      summary: r.summary,
      eligibility: r.eligibility,
      budgetPence: r.budget,
      maxAwardPence: r.maxAward,
      opensAt,
      closesAt,
      deliveryStartsOn,
      deliveryEndsOn,
      criteria,
    };
  });
export type RoundInput = z.output<typeof roundSchema>;
