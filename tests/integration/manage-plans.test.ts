import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { listFunds } from "~/models/fund.server";
import { getPlan, listPlans } from "~/models/plan.server";
import { action as addFund } from "~/routes/manage.funds.new";
import { action as changePlan, loader as planPage } from "~/routes/manage.plans.$planId";
import { loader as planList } from "~/routes/manage.plans._index";
import { action as addPlan, loader as newPlanPage } from "~/routes/manage.plans.new";
import { action as addRound } from "~/routes/manage.rounds.new";
import { signedIn } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";
import { fundForm, planForm, roundForm, type Failure } from "./manage-forms";

let officer: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  officer = await signedIn("grants_officer");
});

const planBySlug = (slug: string) => listPlans().find((p) => p.slug === slug)!;

async function add(form: Record<string, string>) {
  return call(addPlan, "/manage/plans/new", { cookie: officer.cookie, form });
}

async function change(planId: number, form: Record<string, string>) {
  return call(changePlan, `/manage/plans/${planId}`, { cookie: officer.cookie, params: { planId: String(planId) }, form });
}

describe("adding a Police and Crime Plan", () => {
  it("saves the plan with its priorities in order and its themes, one per line, and audits it", async () => {
    const response = await add(planForm());
    expect(response.status).toBe(302);
    const { id } = planBySlug("test-pcp-2028-32");
    expect(response.headers.get("Location")).toBe(`/manage/plans?added=${id}`);
    const plan = getPlan(id)!;
    expect(plan).toMatchObject({ name: "Test Police and Crime Plan 2028-32", startsOn: "2028-04-01", endsOn: "2032-03-31", inUse: false });
    expect(plan.priorities.map((p) => p.name)).toEqual(["Keeping People Safe", "Safer Places and Thriving Communities"]);
    expect(plan.themes.map((t) => [t.name, t.kind])).toEqual([
      ["Children and Young People", "cross_cutting"],
      ["Serious Violence", "spotlight"],
    ]);
    expect(listAuditEvents({ subjectType: "plan", subjectId: String(id) })[0]).toMatchObject({ action: "plan.created", actorUserId: officer.user.id });

    const list = await jsonOf<{ plans: { id: number; period: string; priorityCount: number }[] }>(await call(planList, "/manage/plans", { cookie: officer.cookie }));
    expect(list.plans).toContainEqual(expect.objectContaining({ id, period: "1 April 2028 to 31 March 2032", priorityCount: 2 }));
  });

  it("refuses an impossible date, an end before the start and no priorities, keeping what was typed", async () => {
    const impossible = await add(planForm({ slug: "bad-dates", startsOnDay: "31", startsOnMonth: "2", priorities: " \n " }));
    expect(impossible.status).toBe(400);
    const body = await jsonOf<Failure>(impossible);
    expect(body.errors).toEqual({ startsOn: "The date the plan starts must be a real date", priorities: "Enter at least one priority, one on each line" });
    expect(body.values).toMatchObject({ startsOnDay: "31", startsOnMonth: "2", startsOnYear: "2028", slug: "bad-dates" });

    const backwards = await add(planForm({ slug: "backwards", endsOnYear: "2027" }));
    expect((await jsonOf<Failure>(backwards)).errors).toEqual({ endsOn: "The date the plan ends must be after the date it starts" });
    expect(listPlans().some((p) => p.slug === "bad-dates" || p.slug === "backwards")).toBe(false);
  });

  it("refuses a web address name another plan already uses", async () => {
    await add(planForm({ slug: "taken" }));
    const response = await add(planForm({ slug: "taken", name: "Another plan" }));
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors).toEqual({ slug: "Another plan already uses this web address name" });
  });
});

describe("changing a plan", () => {
  it("a plan no round uses can be changed, and the change is audited with the old priorities", async () => {
    await add(planForm({ slug: "draft-plan" }));
    const { id } = planBySlug("draft-plan");
    const page = await jsonOf<{ plan: { inUse: boolean }; values: Record<string, string> }>(await call(planPage, `/manage/plans/${id}`, { cookie: officer.cookie, params: { planId: String(id) } }));
    expect(page.plan.inUse).toBe(false);
    expect(page.values).toMatchObject({ startsOnDay: "1", startsOnMonth: "4", startsOnYear: "2028", themes: "Children and Young People\nSpotlight: Serious Violence" });

    const response = await change(id, { ...page.values, priorities: "Keeping People Safe\nSupporting Victims and Witnesses\nSafer Places and Thriving Communities" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/manage/plans?updated=${id}`);
    expect(getPlan(id)!.priorities.map((p) => p.name)).toEqual(["Keeping People Safe", "Supporting Victims and Witnesses", "Safer Places and Thriving Communities"]);
    const [event] = listAuditEvents({ subjectType: "plan", subjectId: String(id) });
    expect(event).toMatchObject({ action: "plan.updated", actorUserId: officer.user.id });
    expect((event.before as { priorities: string[] }).priorities).toEqual(["Keeping People Safe", "Safer Places and Thriving Communities"]);
  });

  it("a plan used by a round cannot be changed: the page offers a new version instead", async () => {
    await add(planForm({ slug: "used-plan", name: "Used plan" }));
    const plan = planBySlug("used-plan");
    await call(addFund, "/manage/funds/new", { cookie: officer.cookie, form: fundForm({ slug: "plan-test-fund", code: "PTF" }) });
    const fundId = listFunds().find((f) => f.slug === "plan-test-fund")!.id;
    expect((await call(addRound, "/manage/rounds/new", { cookie: officer.cookie, form: roundForm({ fundId, planId: plan.id }) })).status).toBe(302);

    const page = await jsonOf<{ plan: { inUse: boolean } }>(await call(planPage, `/manage/plans/${plan.id}`, { cookie: officer.cookie, params: { planId: String(plan.id) } }));
    expect(page.plan.inUse).toBe(true);

    const response = await change(plan.id, planForm({ slug: "used-plan", name: "Sneakily changed", priorities: "Something else" }));
    expect(response.status).toBe(409);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ form: "This plan is used by a grant round, so it cannot be changed. Create a new version of the plan instead" });
    expect(getPlan(plan.id)).toMatchObject({ name: "Used plan" });
    expect(getPlan(plan.id)!.priorities.map((p) => p.name)).toEqual(["Keeping People Safe", "Safer Places and Thriving Communities"]);
    expect(listAuditEvents({ subjectType: "plan", subjectId: String(plan.id) }).map((e) => e.action)).toEqual(["plan.created"]);

    // "Create a new version" pre-fills a new plan from the old one, under a free web address name.
    const draft = await jsonOf<{ basedOn: string; values: Record<string, string> }>(await call(newPlanPage, `/manage/plans/new?from=${plan.id}`, { cookie: officer.cookie }));
    expect(draft.basedOn).toBe("Used plan");
    expect(draft.values).toMatchObject({ name: "Used plan", slug: "used-plan-v2", priorities: "Keeping People Safe\nSafer Places and Thriving Communities", endsOnYear: "2032" });
    const saved = await add({ ...draft.values, name: "Used plan (revised)" });
    expect(saved.status).toBe(302);
    expect(getPlan(planBySlug("used-plan-v2").id)!.themes.map((t) => t.kind)).toEqual(["cross_cutting", "spotlight"]);
    const again = await jsonOf<{ values: Record<string, string> }>(await call(newPlanPage, `/manage/plans/new?from=${plan.id}`, { cookie: officer.cookie }));
    expect(again.values.slug).toBe("used-plan-v3");
  });

  it.each(["999999", "abc", "2.5"])("/manage/plans/%s is not found", async (planId) => {
    expect((await call(planPage, `/manage/plans/${planId}`, { cookie: officer.cookie, params: { planId } })).status).toBe(404);
    expect((await call(changePlan, `/manage/plans/${planId}`, { cookie: officer.cookie, params: { planId }, form: planForm() })).status).toBe(404);
    expect((await call(newPlanPage, `/manage/plans/new?from=${planId}`, { cookie: officer.cookie })).status).toBe(404);
  });
});
