/**
 * The configuration forms' schemas: funds, plans, reporting tags, districts, outcomes and rounds.
 * Used by the server (and safe in the browser). Money comes in as pounds text and leaves as pence.
 */
import { z } from "zod";
import { londonWallClockToInstant } from "~/domain/time/london";
import { code, dateFromParts, isoDate, lines, pounds, requiredText, slug, time24 } from "./fields";

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
  priorities: lines("priorities", { min: 1 }),
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

export const criterionSchema = z.object({
  name: requiredText("the criterion name"),
  guidance: requiredText("guidance for assessors", 1000),
  maxScore: z.coerce.number({ invalid_type_error: "Maximum score must be a whole number" }).int("Maximum score must be a whole number").min(1, "Maximum score must be 1 or more").max(100, "Maximum score must be 100 or less"),
  weight: z.coerce.number({ invalid_type_error: "Weight must be a whole number" }).int("Weight must be a whole number").min(0, "Weight must be 0 or more").max(100, "Weight must be 100 or less"),
});

const roundFields = z.object({
  fundId: z.coerce.number({ invalid_type_error: "Select a fund" }).int().positive("Select a fund"),
  planId: z.coerce.number({ invalid_type_error: "Select a Police and Crime Plan" }).int().positive("Select a Police and Crime Plan"),
  name: requiredText("the round name"),
  slug: slug("the web address name"),
  code: code("the reference code"),
  summary: requiredText("what the round funds", 1000),
  eligibility: requiredText("who can apply", 4000),
  budget: pounds("the round budget"),
  maxAward: pounds("the maximum award"),
  opensTime: time24("the opening time"),
  closesTime: time24("the closing time"),
});

/** Criteria come in as rows criteria[0].name ... criteria[n].weight; a row left wholly blank is dropped. */
function criteriaRows(values: Record<string, unknown>) {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 20; i++) {
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

    const dates = {
      opensOn: dateFromParts(values, "opensOn"),
      closesOn: dateFromParts(values, "closesOn"),
      deliveryStartsOn: dateFromParts(values, "deliveryStartsOn"),
      deliveryEndsOn: dateFromParts(values, "deliveryEndsOn"),
    };
    const parsedDates = z
      .object({
        opensOn: isoDate("the opening date"),
        closesOn: isoDate("the closing date"),
        deliveryStartsOn: isoDate("the earliest project start date"),
        deliveryEndsOn: isoDate("the latest project end date"),
      })
      .safeParse(dates);
    if (!parsedDates.success) for (const issue of parsedDates.error.issues) ctx.addIssue(issue);

    const criteria: z.output<typeof criterionSchema>[] = [];
    let criteriaFailed = false;
    for (const row of criteriaRows(values)) {
      const parsed = criterionSchema.safeParse(row);
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
      ctx.addIssue({ code: "custom", path: ["criteria", 0, "weight"], message: `Criteria weights must add up to 100 (they add up to ${criteria.reduce((s, c) => s + c.weight, 0)})` });
    }

    if (!base.success || !parsedDates.success || criteriaFailed) return z.NEVER;
    const r = base.data;
    const d = parsedDates.data;
    const opensAt = londonWallClockToInstant(d.opensOn, r.opensTime);
    const closesAt = londonWallClockToInstant(d.closesOn, r.closesTime);
    let bad = false;
    if (closesAt <= opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesOn"], message: "The closing date must be after the opening date" });
      bad = true;
    }
    if (d.deliveryEndsOn < d.deliveryStartsOn) {
      ctx.addIssue({ code: "custom", path: ["deliveryEndsOn"], message: "The latest project end date must be on or after the earliest start date" });
      bad = true;
    }
    if (r.maxAward > r.budget) {
      ctx.addIssue({ code: "custom", path: ["maxAward"], message: "The maximum award must not be more than the round budget" });
      bad = true;
    }
    if (bad) return z.NEVER;
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
      deliveryStartsOn: d.deliveryStartsOn,
      deliveryEndsOn: d.deliveryEndsOn,
      criteria,
    };
  });
export type RoundInput = z.output<typeof roundSchema>;
