import { beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { getFund, getFundBySlug } from "~/models/fund.server";
import { action as changeFund, loader as fundPage } from "~/routes/manage.funds.$fundId";
import { loader as fundList } from "~/routes/manage.funds._index";
import { action as addFund } from "~/routes/manage.funds.new";
import { signedIn } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";
import { fundForm, type Failure } from "./manage-forms";

let officer: Awaited<ReturnType<typeof signedIn>>;
let admin: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  officer = await signedIn("grants_officer");
  admin = await signedIn("admin");
});

async function add(form: Record<string, string>, cookie = officer.cookie) {
  return call(addFund, "/manage/funds/new", { cookie, form });
}

describe("adding a fund", () => {
  it("saves the fund with its maximum award in pence, audits it, and returns to the list with a banner", async () => {
    const response = await add(fundForm());
    expect(response.status).toBe(302);
    const fund = getFundBySlug("police-property-act-fund")!;
    expect(response.headers.get("Location")).toBe(`/manage/funds?added=${fund.id}`);
    expect(fund).toMatchObject({ name: "Police Property Act Fund", code: "PPAF", allocationMethod: "competitive", defaultMaxAwardPence: 1_000_000 });

    const [event] = listAuditEvents({ subjectType: "fund", subjectId: String(fund.id) });
    expect(event).toMatchObject({ action: "fund.created", actorUserId: officer.user.id });

    const list = await jsonOf<{ funds: { id: number; name: string; defaultMaxAward: string }[] }>(await call(fundList, "/manage/funds", { cookie: officer.cookie }));
    expect(list.funds).toContainEqual(expect.objectContaining({ id: fund.id, name: "Police Property Act Fund", defaultMaxAward: "£10,000.00" }));
  });

  it("a reference code typed in lower case is kept in capitals", async () => {
    await add(fundForm({ slug: "asb-fund", code: "asbf", name: "ASB Fund" }));
    expect(getFundBySlug("asb-fund")!.code).toBe("ASBF");
  });

  it("a passported fund can have no maximum award", async () => {
    expect((await add(fundForm({ slug: "csf-test", code: "CSFT", allocationMethod: "passported", defaultMaxAward: "0" }))).status).toBe(302);
    expect(getFundBySlug("csf-test")!.defaultMaxAwardPence).toBe(0);
  });

  it("refuses missing and malformed answers with GOV.UK messages and keeps what was typed", async () => {
    const response = await add(fundForm({ name: "  ", slug: "Not A Slug", defaultMaxAward: "8k", allocationMethod: "" }));
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({
      name: "Enter the fund name",
      slug: "The web address name must only include lowercase letters, numbers and hyphens, like safer-communities",
      allocationMethod: "Select how the fund is allocated",
      defaultMaxAward: "The default maximum award must be an amount of money, like 8000 or 8,000.00",
    });
    expect(body.values).toMatchObject({ slug: "Not A Slug", defaultMaxAward: "8k", code: "PPAF" });
  });

  it("refuses a web address name or reference code another fund already uses, on that field", async () => {
    await add(fundForm({ slug: "drug-confiscation", code: "DCF", name: "Drug Confiscation Funding" }));
    const sameSlug = await add(fundForm({ slug: "drug-confiscation", code: "DCF2" }));
    expect(sameSlug.status).toBe(400);
    expect((await jsonOf<Failure>(sameSlug)).errors).toEqual({ slug: "Another fund already uses this web address name" });
    const sameCode = await add(fundForm({ slug: "drug-confiscation-2", code: "dcf" }));
    const body = await jsonOf<Failure>(sameCode);
    expect(body.errors).toEqual({ code: "Another fund already uses this reference code" });
    expect(body.values.slug).toBe("drug-confiscation-2");
  });
});

describe("changing a fund", () => {
  it("shows the stored fund in pounds, saves the change, and audits before and after", async () => {
    await add(fundForm({ slug: "innovation", code: "PIF", name: "Police Innovation Fund", defaultMaxAward: "165156" }));
    const fund = getFundBySlug("innovation")!;
    const page = await jsonOf<{ values: Record<string, string> }>(await call(fundPage, `/manage/funds/${fund.id}`, { cookie: admin.cookie, params: { fundId: String(fund.id) } }));
    expect(page.values).toMatchObject({ name: "Police Innovation Fund", code: "PIF", defaultMaxAward: "165156.00" });

    const response = await call(changeFund, `/manage/funds/${fund.id}`, {
      cookie: admin.cookie,
      params: { fundId: String(fund.id) },
      form: { ...page.values, name: "Police Innovation Fund (pilot)", defaultMaxAward: "165,156.50" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/manage/funds?updated=${fund.id}`);
    expect(getFund(fund.id)).toMatchObject({ name: "Police Innovation Fund (pilot)", defaultMaxAwardPence: 16_515_650, slug: "innovation" });

    const [event] = listAuditEvents({ subjectType: "fund", subjectId: String(fund.id) });
    expect(event).toMatchObject({ action: "fund.updated", actorUserId: admin.user.id });
    expect(event.before).toMatchObject({ name: "Police Innovation Fund", defaultMaxAwardPence: 16_515_600 });
    expect(event.after).toMatchObject({ name: "Police Innovation Fund (pilot)", defaultMaxAwardPence: 16_515_650 });
  });

  it("a fund keeps its own web address name and code, but cannot take another fund's", async () => {
    await add(fundForm({ slug: "fund-a", code: "FA", name: "Fund A" }));
    await add(fundForm({ slug: "fund-b", code: "FB", name: "Fund B" }));
    const a = getFundBySlug("fund-a")!;
    const same = await call(changeFund, `/manage/funds/${a.id}`, { cookie: officer.cookie, params: { fundId: String(a.id) }, form: fundForm({ slug: "fund-a", code: "FA", name: "Fund A renamed" }) });
    expect(same.status).toBe(302);
    const clash = await call(changeFund, `/manage/funds/${a.id}`, { cookie: officer.cookie, params: { fundId: String(a.id) }, form: fundForm({ slug: "fund-b", code: "FA", name: "Fund A" }) });
    expect(clash.status).toBe(400);
    expect((await jsonOf<Failure>(clash)).errors).toEqual({ slug: "Another fund already uses this web address name" });
    expect(getFund(a.id)!.slug).toBe("fund-a");
  });

  it("validation errors on a change keep what was typed and save nothing", async () => {
    await add(fundForm({ slug: "fund-c", code: "FC", name: "Fund C" }));
    const c = getFundBySlug("fund-c")!;
    const response = await call(changeFund, `/manage/funds/${c.id}`, { cookie: officer.cookie, params: { fundId: String(c.id) }, form: fundForm({ slug: "fund-c", code: "TOOLONGCODE1", name: "Fund C2" }) });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ code: "The reference code must be 10 characters or fewer" });
    expect(body.values.name).toBe("Fund C2");
    expect(getFund(c.id)!.name).toBe("Fund C");
  });

  it.each(["999999", "abc", "1e3", "0", "-1"])("/manage/funds/%s is not found", async (fundId) => {
    expect((await call(fundPage, `/manage/funds/${fundId}`, { cookie: officer.cookie, params: { fundId } })).status).toBe(404);
    expect((await call(changeFund, `/manage/funds/${fundId}`, { cookie: officer.cookie, params: { fundId }, form: fundForm() })).status).toBe(404);
  });
});
