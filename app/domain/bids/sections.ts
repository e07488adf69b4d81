/**
 * The bid's pages: one topic each, one zod schema each, shared by the browser and the server. Every
 * schema reads the flat form values (strings, or lists for checkboxes) that `parseForm` produces.
 */
import { z } from "zod";
import { formatPence } from "~/domain/money/money";
import { AGE_GROUPS, LONG_ANSWER_WORD_LIMIT, MAX_BUDGET_LINES, MAX_OUTCOME_ROWS, SUMMARY_WORD_LIMIT, type BidContext } from "./context";
import { amountCapMessage, cap, dateInWindow, idList, money, valueList, wholeNumber, wordLimited } from "./fields";

const shortText = (what: string, max: number) =>
  z
    .string({ required_error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${cap(what)} must be ${max} characters or fewer`);

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${cap(what)} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v ?? "");

export const projectSchema = () =>
  z.object({
    title: shortText("a project title", 120),
    summary: wordLimited("a summary of your project", "Summary of your project", SUMMARY_WORD_LIMIT),
  });

export const needSchema = () =>
  z.object({
    need: wordLimited("why your project is needed", "Why your project is needed", LONG_ANSWER_WORD_LIMIT),
    activities: wordLimited("what your project will do", "What your project will do", LONG_ANSWER_WORD_LIMIT),
  });

export const prioritiesSchema = (ctx: BidContext) =>
  z.object({
    priorityIds: idList(ctx.priorityIds, { min: 1, what: "Police and Crime Plan priority" }),
    themeIds: idList(ctx.themeIds, { min: 0, what: "cross-cutting themes" }),
    tagIds: idList(ctx.tagIds, { min: 0, what: "reporting tags" }),
  });

export const areaSchema = (ctx: BidContext) =>
  z.object({
    districtIds: idList(ctx.districtIds, { min: 1, what: "district" }),
    wards: optionalText("the wards or neighbourhoods", 500),
  });

export const beneficiariesSchema = () =>
  z.object({
    beneficiaryCount: wholeNumber("how many people will benefit", { min: 1, max: 1_000_000 }),
    ageGroups: valueList(
      AGE_GROUPS.map((a) => a.value),
      { min: 1, what: "age group" },
    ),
  });

export const datesSchema = (ctx: BidContext) =>
  z.record(z.unknown()).transform((values, zctx) => {
    const startsOn = dateInWindow(values, "startsOn", "the start date", ctx.deliveryStartsOn, ctx.deliveryEndsOn, zctx);
    const endsOn = dateInWindow(values, "endsOn", "the end date", ctx.deliveryStartsOn, ctx.deliveryEndsOn, zctx);
    if (!startsOn || !endsOn) return z.NEVER;
    if (endsOn < startsOn) {
      zctx.addIssue({ code: "custom", path: ["endsOn"], message: "The end date must be the same as or after the start date" });
      return z.NEVER;
    }
    return { startsOn, endsOn };
  });

const budgetLine = z.object({ item: shortText("what the money is for", 120), cost: money("the cost") });

/** Budget rows come in as lines.0.item, lines.0.cost ...; a row left wholly blank is ignored. */
export const budgetSchema = (ctx: BidContext) =>
  z.record(z.unknown()).transform((values, zctx) => {
    const amount = money("the amount you are asking for").safeParse(values.amountRequested ?? "");
    if (!amount.success) for (const issue of amount.error.issues) zctx.addIssue({ ...issue, path: ["amountRequested"] });
    else if (amount.data <= 0) zctx.addIssue({ code: "custom", path: ["amountRequested"], message: "Amount requested must be more than £0" });
    else if (amount.data > ctx.maxAwardPence) zctx.addIssue({ code: "custom", path: ["amountRequested"], message: amountCapMessage(ctx.maxAwardPence) });

    const lines: { item: string; costPence: number }[] = [];
    let linesOk = true;
    for (let i = 0; i < MAX_BUDGET_LINES; i++) {
      const item = String(values[`lines.${i}.item`] ?? "");
      const cost = String(values[`lines.${i}.cost`] ?? "");
      if (item.trim() === "" && cost.trim() === "") continue;
      const parsed = budgetLine.safeParse({ item, cost });
      if (!parsed.success) {
        linesOk = false;
        for (const issue of parsed.error.issues) zctx.addIssue({ ...issue, path: [`lines.${i}.${issue.path[0]}`] });
      } else if (parsed.data.cost <= 0) {
        linesOk = false;
        zctx.addIssue({ code: "custom", path: [`lines.${i}.cost`], message: "The cost must be more than £0" });
      } else lines.push({ item: parsed.data.item, costPence: parsed.data.cost });
    }
    if (linesOk && lines.length === 0) {
      linesOk = false;
      zctx.addIssue({ code: "custom", path: ["lines.0.item"], message: "Enter at least one budget line: what the money is for and its cost" });
    }
    const otherFunding = optionalText("other funding", 1000).safeParse(values.otherFunding);
    if (!otherFunding.success) for (const issue of otherFunding.error.issues) zctx.addIssue({ ...issue, path: ["otherFunding"] });

    if (!amount.success || !linesOk || !otherFunding.success || amount.data <= 0 || amount.data > ctx.maxAwardPence) return z.NEVER;
    const total = lines.reduce((sum, l) => sum + l.costPence, 0);
    if (total !== amount.data) {
      zctx.addIssue({
        code: "custom",
        path: ["amountRequested"],
        message: `Your budget lines add up to ${formatPence(total)}, which is not the amount requested (${formatPence(amount.data)}). Change the amount or the lines so they match`,
      });
      return z.NEVER;
    }
    return { amountRequestedPence: amount.data, lines, otherFunding: otherFunding.data };
  });

const outcomeRow = (ctx: BidContext) =>
  z.object({
    outcomeId: z
      .string({ required_error: "Select an outcome" })
      .min(1, "Select an outcome")
      .refine((v) => /^\d+$/.test(v) && ctx.outcomeIds.includes(Number(v)), "Select an outcome from the list")
      .transform(Number),
    target: wholeNumber("the target number", { min: 1, max: 1_000_000 }),
    measure: shortText("how you will measure it", 300),
  });

/** Target outcomes come in as outcomes.0.outcomeId, outcomes.0.target, outcomes.0.measure ... */
export const outcomesSchema = (ctx: BidContext) =>
  z.record(z.unknown()).transform((values, zctx) => {
    const rows: { outcomeId: number; target: number; measure: string }[] = [];
    let ok = true;
    for (let i = 0; i < MAX_OUTCOME_ROWS; i++) {
      const raw = { outcomeId: values[`outcomes.${i}.outcomeId`] ?? "", target: values[`outcomes.${i}.target`] ?? "", measure: values[`outcomes.${i}.measure`] ?? "" };
      if (Object.values(raw).every((v) => String(v).trim() === "")) continue;
      const parsed = outcomeRow(ctx).safeParse(raw);
      if (!parsed.success) {
        ok = false;
        for (const issue of parsed.error.issues) zctx.addIssue({ ...issue, path: [`outcomes.${i}.${issue.path[0]}`] });
      } else rows.push(parsed.data);
    }
    if (ok && rows.length === 0) {
      zctx.addIssue({ code: "custom", path: ["outcomes.0.outcomeId"], message: "Enter at least one target outcome" });
      return z.NEVER;
    }
    if (ok && new Set(rows.map((r) => r.outcomeId)).size !== rows.length) {
      zctx.addIssue({ code: "custom", path: ["outcomes.0.outcomeId"], message: "Each target outcome must be different" });
      return z.NEVER;
    }
    return ok ? { outcomes: rows } : z.NEVER;
  });

export const DECLARATIONS = [
  { value: "accurate", text: "The information in this bid is true and complete to the best of my knowledge" },
  { value: "purpose", text: "If funded, we will spend the grant only on the project described and return any money not spent" },
  { value: "checks", text: "We agree to checks against public registers and to the publication of grant details (no personal data)" },
] as const;

export const safeguardingSchema = () =>
  z.object({
    hasPolicy: z.enum(["yes", "no"], { errorMap: () => ({ message: "Select yes if your organisation has a safeguarding policy" }) }),
    leadName: shortText("the name of your safeguarding lead", 120),
    declarations: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .refine((list) => DECLARATIONS.every((d) => list.includes(d.value)), "Confirm every declaration to continue"),
  });

export const SECTIONS = [
  { key: "project", title: "Project title and summary", schema: projectSchema },
  { key: "need", title: "Need and activities", schema: needSchema },
  { key: "priorities", title: "Police and Crime Plan priorities and reporting tags", schema: prioritiesSchema },
  { key: "area", title: "Where the project will work", schema: areaSchema },
  { key: "beneficiaries", title: "Who will benefit", schema: beneficiariesSchema },
  { key: "dates", title: "Project dates", schema: datesSchema },
  { key: "budget", title: "Budget", schema: budgetSchema },
  { key: "outcomes", title: "Target outcomes", schema: outcomesSchema },
  { key: "safeguarding", title: "Safeguarding and declarations", schema: safeguardingSchema },
] as const;

export type SectionKey = (typeof SECTIONS)[number]["key"];

export function findSection(key: string) {
  return SECTIONS.find((s) => s.key === key);
}

export function sectionSchema(key: SectionKey, ctx: BidContext): z.ZodTypeAny {
  return findSection(key)!.schema(ctx);
}
