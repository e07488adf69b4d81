import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { listFunds } from "~/models/fund.server";
import { listPlans } from "~/models/plan.server";
import { getRoundForEditing, listRoundsForStaff } from "~/models/round-config.server";
import { action as changeRound, loader as roundPage } from "~/routes/manage.rounds.$roundId";
import { loader as roundList } from "~/routes/manage.rounds._index";
import { action as addRound, loader as newRoundPage } from "~/routes/manage.rounds.new";
import { seedConfiguration } from "../../scripts/seed/seed";
import { DEFAULT_CRITERIA } from "../../scripts/seed/west-yorkshire";
import { signedIn } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";
import { criteriaFields, roundForm, type Failure } from "./manage-forms";

let cookie: string;
let officerId: number;
let ids: { fundId: number; planId: number };
let passportedFundId: number;

beforeAll(async () => {
  seedConfiguration(new Date("2026-05-01T12:00:00Z"));
  const officer = await signedIn("grants_officer");
  cookie = officer.cookie;
  officerId = officer.user.id;
  const funds = listFunds();
  ids = { fundId: funds.find((f) => f.code === "MSCF")!.id, planId: listPlans().find((p) => p.slug === "west-yorkshire-pcp-2024-28")!.id };
  passportedFundId = funds.find((f) => f.code === "CSF")!.id;
});

const roundByCode = (code: string) => listRoundsForStaff().find((r) => r.round.code === code)!.round;

async function add(form: Record<string, string>) {
  return call(addRound, "/manage/rounds/new", { cookie, form });
}

async function failureOf(form: Record<string, string>) {
  const response = await add(form);
  expect(response.status).toBe(400);
  return jsonOf<Failure>(response);
}

describe("creating a round", () => {
  it("starts from the six default criteria, the newest plan and the chosen fund's maximum award", async () => {
    const page = await jsonOf<{ values: Record<string, string>; funds: { id: number }[]; plans: { id: number }[] }>(await call(newRoundPage, `/manage/rounds/new?fund=${ids.fundId}`, { cookie }));
    expect(page.values).toMatchObject({ fundId: String(ids.fundId), planId: String(ids.planId), maxAward: "8000.00", opensTime: "09:00", closesTime: "17:00", ...criteriaFields() });
    expect(page.values["criteria.6.name"]).toBeUndefined();
    expect(page.funds).toHaveLength(2);

    const passported = await jsonOf<{ values: Record<string, string> }>(await call(newRoundPage, `/manage/rounds/new?fund=${passportedFundId}`, { cookie }));
    expect(passported.values.maxAward).toBeUndefined();
  });

  it("saves a round: £8,000.00 as 800000 pence, UK summer times as UTC instants, the criteria in order, and audits it", async () => {
    const response = await add(roundForm(ids));
    expect(response.status).toBe(302);
    const round = roundByCode("GR12");
    expect(response.headers.get("Location")).toBe(`/manage/rounds?added=${round.id}`);
    expect(round).toMatchObject({ budgetPence: 25_000_000, maxAwardPence: 800_000, deliveryStartsOn: "2026-09-01", deliveryEndsOn: "2027-08-31" });
    // 1 July 2026 is British Summer Time (UTC+1): 5pm in the UK is 4pm UTC.
    expect(round.closesAt.toISOString()).toBe("2026-07-01T16:00:00.000Z");
    expect(round.opensAt.toISOString()).toBe("2026-06-01T08:00:00.000Z");
    expect(getRoundForEditing(round.id)!.criteria.map(({ name, maxScore, weight }) => ({ name, maxScore, weight }))).toEqual(
      DEFAULT_CRITERIA.map(({ name, maxScore, weight }) => ({ name, maxScore, weight })),
    );
    expect(listAuditEvents({ subjectType: "round", subjectId: String(round.id) })[0]).toMatchObject({ action: "round.created", actorUserId: officerId });

    const list = await jsonOf<{ rounds: { id: number; closes: string; maxAward: string; budget: string }[] }>(await call(roundList, `/manage/rounds?added=${round.id}`, { cookie }));
    expect(list.rounds).toContainEqual(expect.objectContaining({ id: round.id, closes: "Wednesday 1 July 2026 at 5:00pm", maxAward: "£8,000.00", budget: "£250,000.00" }));
  });

  it("winter times are GMT: 30 January 2026 at 17:00 is stored as 17:00 UTC", async () => {
    const response = await add(roundForm(ids, { slug: "winter", code: "WIN", opensOnMonth: "1", opensOnDay: "2", closesOnMonth: "1", closesOnDay: "30" }));
    expect(response.status).toBe(302);
    expect(roundByCode("WIN").closesAt.toISOString()).toBe("2026-01-30T17:00:00.000Z");
  });

  it('refuses "8k" as an amount of money and keeps what was typed', async () => {
    const body = await failureOf(roundForm(ids, { slug: "gr13", code: "GR13", maxAward: "8k" }));
    expect(body.errors).toEqual({ maxAward: "The maximum award must be an amount of money, like 8000 or 8,000.00" });
    expect(body.values).toMatchObject({ maxAward: "8k", slug: "gr13", closesTime: "17:00", "criteria.5.name": "Safeguarding and risk" });
  });

  it("the maximum award can equal the budget, but not exceed it by a penny", async () => {
    expect((await add(roundForm(ids, { slug: "tiny", code: "TINY", budget: "8000", maxAward: "8,000.00" }))).status).toBe(302);
    const body = await failureOf(roundForm(ids, { slug: "tiny2", code: "TINY2", budget: "8000", maxAward: "8,000.01" }));
    expect(body.errors).toEqual({ maxAward: "The maximum award must be the same as or less than the round budget" });
  });

  it("the closing date and time must be after the opening date and time", async () => {
    const before = await failureOf(roundForm(ids, { slug: "gr14", code: "GR14", closesOnMonth: "5" }));
    expect(before.errors).toEqual({ closesOn: "The closing date and time must be after the opening date and time" });
    const sameInstant = await failureOf(roundForm(ids, { slug: "gr14", code: "GR14", closesOnMonth: "6", closesOnDay: "1", closesTime: "09:00" }));
    expect(sameInstant.errors).toEqual({ closesOn: "The closing date and time must be after the opening date and time" });
  });

  it("the weights must add up to 100, and every problem is reported in one go", async () => {
    const body = await failureOf(roundForm(ids, { slug: "gr15", code: "GR15", "criteria.0.weight": "15", closesOnYear: "2025", budget: "" }));
    expect(body.errors).toEqual({
      budget: "Enter the round budget",
      closesOn: "The closing date and time must be after the opening date and time",
      "criteria.0.weight": "The weights of the criteria must add up to 100 (they add up to 90)",
    });
  });

  it("a criterion cleared completely is dropped; a half-filled one is refused row by row", async () => {
    const cleared = { "criteria.5.name": "", "criteria.5.guidance": "", "criteria.5.maxScore": "", "criteria.5.weight": "", "criteria.4.weight": "20" };
    expect((await add(roundForm(ids, { slug: "five", code: "FIVE", ...cleared }))).status).toBe(302);
    expect(getRoundForEditing(roundByCode("FIVE").id)!.criteria).toHaveLength(5);

    const half = await failureOf(roundForm(ids, { slug: "half", code: "HALF", "criteria.6.name": "Partnership working", "criteria.6.weight": "x" }));
    expect(half.errors).toEqual({
      "criteria.6.guidance": "Enter guidance for assessors on criterion 7",
      "criteria.6.maxScore": "Enter the maximum score for criterion 7",
      "criteria.6.weight": "The weight of criterion 7 must be a whole number, like 10",
    });
  });

  it("refuses a web address name or code another round of the same fund uses, but another fund may reuse them", async () => {
    await add(roundForm(ids, { slug: "dup", code: "DUP" }));
    expect((await failureOf(roundForm(ids, { slug: "dup", code: "DUP2" }))).errors).toEqual({ slug: "Another round of this fund already uses this web address name" });
    expect((await failureOf(roundForm(ids, { slug: "dup-2", code: "dup" }))).errors).toEqual({ code: "Another round of this fund already uses this reference code" });
    expect((await add(roundForm({ ...ids, fundId: passportedFundId }, { slug: "dup", code: "DUP" }))).status).toBe(302);
  });

  it("refuses a fund or plan that does not exist", async () => {
    expect((await failureOf(roundForm({ ...ids, fundId: 9999 }, { slug: "ghost", code: "GHOST" }))).errors).toEqual({ fundId: "Select a fund" });
    expect((await failureOf(roundForm(ids, { slug: "ghost", code: "GHOST", planId: "" }))).errors).toEqual({ planId: "Select a Police and Crime Plan" });
  });
});

describe("changing a round", () => {
  it("shows stored instants as UK wall-clock times and pence as pounds, saves changes and audits them", async () => {
    await add(roundForm(ids, { slug: "edit-me", code: "EDIT" }));
    const { id } = roundByCode("EDIT");
    const page = await jsonOf<{ values: Record<string, string> }>(await call(roundPage, `/manage/rounds/${id}`, { cookie, params: { roundId: String(id) } }));
    expect(page.values).toMatchObject({ closesOnDay: "1", closesOnMonth: "7", closesOnYear: "2026", closesTime: "17:00", opensTime: "09:00", maxAward: "8000.00", budget: "250000.00", ...criteriaFields() });

    const response = await call(changeRound, `/manage/rounds/${id}`, { cookie, params: { roundId: String(id) }, form: { ...page.values, closesTime: "12:30", maxAward: "6,000", name: "Grant round 12 (extended)" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/manage/rounds?updated=${id}`);
    const round = getRoundForEditing(id)!;
    expect(round).toMatchObject({ name: "Grant round 12 (extended)", maxAwardPence: 600_000 });
    expect(round.closesAt.toISOString()).toBe("2026-07-01T11:30:00.000Z");
    expect(round.criteria).toHaveLength(6);
    const [event] = listAuditEvents({ subjectType: "round", subjectId: String(id) });
    expect(event).toMatchObject({ action: "round.updated", actorUserId: officerId });
    expect(event.before).toMatchObject({ maxAwardPence: 800_000 });
    expect(event.after).toMatchObject({ maxAwardPence: 600_000 });
  });

  it("a rejected change keeps what was typed and changes nothing", async () => {
    await add(roundForm(ids, { slug: "keep", code: "KEEP" }));
    const { id } = roundByCode("KEEP");
    const response = await call(changeRound, `/manage/rounds/${id}`, { cookie, params: { roundId: String(id) }, form: roundForm(ids, { slug: "keep", code: "KEEP", closesTime: "25:00", name: "Changed" }) });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ closesTime: "The closing time must be a time on the 24-hour clock, like 17:00" });
    expect(body.values).toMatchObject({ closesTime: "25:00", name: "Changed" });
    expect(getRoundForEditing(id)!.name).toBe("Grant round 12");
  });

  it.each(["999999", "gr8", "1.0"])("/manage/rounds/%s is not found", async (roundId) => {
    expect((await call(roundPage, `/manage/rounds/${roundId}`, { cookie, params: { roundId } })).status).toBe(404);
    expect((await call(changeRound, `/manage/rounds/${roundId}`, { cookie, params: { roundId }, form: roundForm(ids) })).status).toBe(404);
  });
});
