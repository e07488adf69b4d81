import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse } from "csv-parse/sync";
import { and, eq, inArray, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#db/client";
import { awards, bidDistricts, bidPriorities, bids, bidTags, districts, organisationProfiles, organisations, planPriorities, users } from "#db/schema";
import { parsePounds } from "~/domain/money/money";
import { declineOffer, submitBankDetails } from "~/models/awards/award.server";
import { getFundBySlug } from "~/models/fund.server";
import { listFundedProjects, parseFundedFilters } from "~/models/publishing/funded.server";
import { threeSixtyJsonStream } from "~/models/publishing/threesixty.server";
import { loader as fundedLoader } from "~/routes/funded";
import { loader as csvLoader } from "~/routes/funds.$fund.360giving[.csv]";
import { loader as jsonLoader } from "~/routes/funds.$fund.360giving[.json]";
import { releasedRound } from "../factories/awards";
import { VALID_PROFILE } from "../factories/bids";
import { useHttpServer } from "../setup/http";
import { call, jsonOf } from "../setup/remix";

const server = useHttpServer();

const FUND = "mayors-safer-communities-fund";
const PREFIX = "360G-wypcc";

type Grant = { id: string; title: string; amountAwarded: number; awardDate: string; recipientOrganization: { id: string; name: string }[]; beneficiaryLocation?: { name: string }[]; classifications?: { vocabulary: string; code: string; title: string }[] };
type Funded = { count: number; totalPence: number; projects: { id: number; organisation: string; title: string; amountPence: number; districts: string[]; priorities: string[] }[]; options: Record<string, { value: string; text: string }[]> };

/** The 360Giving package schema and the grant schema it refers to, offline, in a real JSON Schema validator. */
function packageValidator() {
  const dir = path.resolve("../shared/360giving");
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  const grantSchema = read("360-giving-schema.json");
  const packageSchema = read("360-giving-package-schema.json");
  const ajv = new Ajv2020({ validateSchema: false, strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(grantSchema);
  // The package refers to the grant schema by another version's URL; register the same schema there.
  const referredTo: string = packageSchema.properties.grants.items.$ref;
  if (referredTo !== grantSchema.$id) ajv.addSchema({ ...grantSchema, $id: referredTo });
  return ajv.compile(packageSchema);
}

const seen = {
  published: [] as number[],
  unreleased: [] as number[],
  declined: [] as number[],
  people: [] as string[],
};

const bidOf = (bidId: number) => getDb().select().from(bids).where(eq(bids.id, bidId)).get()!;
const awardOf = (bidId: number) => getDb().select().from(awards).where(eq(awards.bidId, bidId)).get()!;

function rename(bidId: number, title: string, organisation: string) {
  writeTransaction((tx) => {
    const bid = tx.update(bids).set({ projectTitle: title }).where(eq(bids.id, bidId)).returning().get();
    tx.update(organisations).set({ name: organisation }).where(eq(organisations.id, bid.organisationId)).run();
  });
}

beforeAll(async () => {
  // Funded in full, in part, held in reserve and not funded: only the first two are grants.
  const first = await releasedRound({ amounts: [8000, 5000, 4000, 3000], decide: ["fund_full", { part: 3500.5 }, "reserve", "not_funded"] });
  // A later round: one funded, one whose offer is declined.
  const second = await releasedRound({ amounts: [2000, 1234.56], decide: ["fund_full", "fund_full"] });
  // Funded but not yet released: must appear nowhere.
  const unreleased = await releasedRound({ amounts: [6000], decide: ["fund_full"], release: false });

  rename(first.bidIds[0], "=HYPERLINK(\"http://evil.example\",\"Boxing nights\")", "Calder Valley Youth Boxing Club");
  rename(first.bidIds[1], "Safer streets after dark", "Safe Streets CIC");
  rename(first.bidIds[2], "Reserve list project", "Reserve Organisation");
  rename(first.bidIds[3], "Not funded project", "Unfunded Organisation");
  rename(second.bidIds[0], "Knife crime workshops in schools", "Bradford Youth Trust");
  rename(second.bidIds[1], "Declined project", "Declining Organisation");
  rename(unreleased.bidIds[0], "Secret unreleased project", "Unreleased Organisation");

  const db = getDb();
  const applicants = [...first.applicants, ...second.applicants, ...unreleased.applicants];
  const names = ["Priya Sharma", "Marcus Webb", "Grace Okafor", "Tomasz Nowak", "Eleanor Briggs", "Samir Haddad", "Hannah Lowe"];
  writeTransaction((tx) => {
    applicants.forEach((a, i) => tx.update(users).set({ name: names[i] }).where(eq(users.id, a.id)).run());
    // Safe Streets is a company, not a charity.
    const safeStreets = bidOf(first.bidIds[1]).organisationId;
    tx.update(organisationProfiles).set({ charityNumber: null, companyNumber: "01234567", type: "community_interest_company" }).where(eq(organisationProfiles.organisationId, safeStreets)).run();
    // Bradford Youth Trust works in Bradford on the plan's second priority, with no reporting tag.
    const bradford = tx.select().from(districts).where(eq(districts.name, "Bradford")).get()!;
    const byt = second.bidIds[0];
    tx.update(bidDistricts).set({ districtId: bradford.id }).where(eq(bidDistricts.bidId, byt)).run();
    const [current] = tx.select().from(bidPriorities).where(eq(bidPriorities.bidId, byt)).all();
    const planId = tx.select({ planId: planPriorities.planId }).from(planPriorities).where(eq(planPriorities.id, current.priorityId)).get()!.planId;
    const other = tx.select().from(planPriorities).where(and(eq(planPriorities.planId, planId), ne(planPriorities.id, current.priorityId))).all()[0];
    tx.update(bidPriorities).set({ priorityId: other.id }).where(eq(bidPriorities.bidId, byt)).run();
    tx.delete(bidTags).where(eq(bidTags.bidId, byt)).run();
  });
  const declined = declineOffer({ awardId: awardOf(second.bidIds[1]).id, userId: second.applicants[1].id, reason: "Match funding fell through" }, new Date());
  expect(declined.ok).toBe(true);
  const bank = submitBankDetails({ awardId: awardOf(first.bidIds[0]).id, userId: first.applicants[0].id, accountName: "Priya Sharma Treasurer", sortCode: "309430", accountNumber: "12345678" }, new Date());
  expect(bank.ok).toBe(true);

  seen.published = [first.bidIds[0], first.bidIds[1], second.bidIds[0]];
  seen.unreleased = [unreleased.bidIds[0]];
  seen.declined = [second.bidIds[1]];
  const emails = applicants.map((a) => a.email);
  seen.people = [...names, ...emails, first.officer.user.email, first.officer.user.name, VALID_PROFILE.contactName, VALID_PROFILE.contactEmail, VALID_PROFILE.contactPhone, VALID_PROFILE.postcode, VALID_PROFILE.addressLine1, "Jo Bloggs", "12345678", "309430", "30-94-30", "Priya Sharma Treasurer"];
  expect(db.select().from(awards).where(inArray(awards.bidId, seen.unreleased)).all()).toEqual([]);
}, 60_000);

/** What the database says was awarded, in pence, to the bids that should be published. */
const awardedPence = () =>
  getDb()
    .select({ amountPence: awards.amountPence })
    .from(awards)
    .where(inArray(awards.bidId, seen.published))
    .all()
    .reduce((sum, a) => sum + a.amountPence, 0);

const referenceOf = (bidId: number) => bidOf(bidId).reference!;
const fundParams = { params: { fund: FUND } };

async function jsonPackage() {
  const response = await call(jsonLoader, `/funds/${FUND}/360giving.json`, fundParams);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  return JSON.parse(await response.text()) as { grants: Grant[] } & Record<string, unknown>;
}

describe("the 360Giving data package", () => {
  it("is valid against the 360Giving schema, one grant per published award, amounts summing to the total awarded", async () => {
    const data = await jsonPackage();
    const validate = packageValidator();
    expect(validate(data), JSON.stringify(validate.errors, null, 2)).toBe(true);

    expect(data.grants.map((g) => g.id).sort()).toEqual(seen.published.map((b) => `${PREFIX}-${referenceOf(b)}`).sort());
    for (const g of data.grants) expect(g.id.startsWith(`${PREFIX}-`)).toBe(true);
    const totalPence = data.grants.reduce((sum, g) => sum + Math.round(g.amountAwarded * 100), 0);
    expect(totalPence).toBe(awardedPence());
    expect(totalPence).toBe(800_000 + 350_050 + 200_000);
    expect(data.publisher).toEqual({ identifier: PREFIX, name: "Mayor of West Yorkshire" });
  });

  it("identifies charities by charity number and companies by company number", async () => {
    const { grants } = await jsonPackage();
    const byName = (name: string) => grants.find((g) => g.recipientOrganization[0].name === name)!;
    expect(byName("Calder Valley Youth Boxing Club").recipientOrganization[0].id).toBe(`GB-CHC-${VALID_PROFILE.charityNumber}`);
    expect(byName("Safe Streets CIC").recipientOrganization[0].id).toBe("GB-COH-01234567");
    expect(byName("Safe Streets CIC").amountAwarded).toBe(3500.5);
    expect(byName("Bradford Youth Trust").beneficiaryLocation).toEqual([{ name: "Bradford", countryCode: "GB" }]);
    expect(byName("Calder Valley Youth Boxing Club").classifications?.map((c) => c.vocabulary)).toEqual([`${PREFIX}-plan-priority`, `${PREFIX}-reporting-tag`]);
  });

  it("leaves out unreleased, reserve, not funded and declined bids, and every person", async () => {
    const text = JSON.stringify(await jsonPackage());
    for (const title of ["Secret unreleased project", "Unreleased Organisation", "Declined project", "Reserve list project", "Not funded project"]) expect(text).not.toContain(title);
    for (const personal of seen.people) expect(text).not.toContain(personal);
  });

  it("is a 404 for a fund that does not exist", async () => {
    expect((await call(jsonLoader, "/funds/no-such-fund/360giving.json", { params: { fund: "no-such-fund" } })).status).toBe(404);
    expect((await call(csvLoader, "/funds/no-such-fund/360giving.csv", { params: { fund: "no-such-fund" } })).status).toBe(404);
  });

  it("is an empty list, not an error, for a fund with nothing published yet", async () => {
    const response = await call(jsonLoader, "/funds/community-safety-fund/360giving.json", { params: { fund: "community-safety-fund" } });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text()).grants).toEqual([]);
  });

  it("streams a batch at a time, leaving the database free for writes between batches", async () => {
    const reader = threeSixtyJsonStream(getFundBySlug(FUND)!, { batchSize: 1 }).getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let i = 0; i < 2; i++) chunks.push(decoder.decode((await reader.read()).value));
    // Halfway through a download, someone else's change must still go through.
    writeTransaction((tx) => tx.update(organisations).set({ name: "Safe Streets CIC" }).where(eq(organisations.name, "Safe Streets CIC")).run());
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
    // The package head, one chunk per award, then the closing brackets.
    expect(chunks).toHaveLength(1 + seen.published.length + 1);
    expect(JSON.parse(chunks.join("")).grants).toHaveLength(seen.published.length);
  });

  it("is served as JSON by the real server, to anyone", async () => {
    const response = await fetch(`${server.baseUrl}/funds/${FUND}/360giving.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect((await response.json()).grants).toHaveLength(seen.published.length);
  });
});

describe("the 360Giving spreadsheet (CSV)", () => {
  async function csvRows() {
    const response = await call(csvLoader, `/funds/${FUND}/360giving.csv`, fundParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    return parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
  }

  it("has the standard's columns and amounts summing to the total awarded", async () => {
    const rows = await csvRows();
    expect(rows.map((r) => r.Identifier).sort()).toEqual(seen.published.map((b) => `${PREFIX}-${referenceOf(b)}`).sort());
    expect(rows.reduce((sum, r) => sum + parsePounds(r["Amount Awarded"])!, 0)).toBe(awardedPence());
    const boxing = rows.find((r) => r["Recipient Org:Name"] === "Calder Valley Youth Boxing Club")!;
    expect(boxing).toMatchObject({ Currency: "GBP", "Amount Awarded": "8000.00", "Recipient Org:Identifier": `GB-CHC-${VALID_PROFILE.charityNumber}`, "Funding Org:Identifier": PREFIX, "Funding Org:Name": "Mayor of West Yorkshire", "Beneficiary Location:Name": "Leeds" });
  });

  it("turns a title that starts with = into text, so no spreadsheet runs it", async () => {
    const boxing = (await csvRows()).find((r) => r["Recipient Org:Name"] === "Calder Valley Youth Boxing Club")!;
    expect(boxing.Title).toBe("'=HYPERLINK(\"http://evil.example\",\"Boxing nights\")");
  });

  it("leaves out unreleased and declined awards, and every person", async () => {
    const response = await call(csvLoader, `/funds/${FUND}/360giving.csv`, fundParams);
    const text = await response.text();
    for (const title of ["Secret unreleased project", "Declined project"]) expect(text).not.toContain(title);
    for (const personal of seen.people) expect(text).not.toContain(personal);
  });
});

describe("the public page of funded projects", () => {
  const funded = async (query = "") => jsonOf<Funded>(await call(fundedLoader, `/funded${query}`));

  it("lists each published project with its organisation, amount, districts and priorities, and the totals", async () => {
    const data = await funded();
    expect(data.projects.map((p) => p.title).sort()).toEqual(["=HYPERLINK(\"http://evil.example\",\"Boxing nights\")", "Knife crime workshops in schools", "Safer streets after dark"]);
    expect(data.count).toBe(3);
    expect(data.totalPence).toBe(awardedPence());
    expect(data.projects.find((p) => p.organisation === "Bradford Youth Trust")).toMatchObject({ amountPence: 200_000, districts: ["Bradford"] });
  });

  it("searches by organisation or title, and filters by fund, round, district, priority and tag", async () => {
    const titles = async (query: string) => (await funded(query)).projects.map((p) => p.title).sort();
    expect(await titles("?q=safe+streets")).toEqual(["Safer streets after dark"]);
    expect(await titles("?q=BRADFORD+youth")).toEqual(["Knife crime workshops in schools"]);
    expect(await titles("?q=100%25")).toEqual([]);
    expect(await titles(`?fund=${FUND}`)).toHaveLength(3);
    expect(await titles("?fund=community-safety-fund")).toEqual([]);
    const round = awardOf(seen.published[2]).roundId;
    expect(await titles(`?round=${round}`)).toEqual(["Knife crime workshops in schools"]);
    expect(await titles("?district=bradford")).toEqual(["Knife crime workshops in schools"]);
    expect(await titles("?district=leeds")).toHaveLength(2);
    const byt = getDb().select().from(bidPriorities).where(eq(bidPriorities.bidId, seen.published[2])).get()!;
    expect(await titles(`?priority=${byt.priorityId}`)).toEqual(["Knife crime workshops in schools"]);
    expect(await titles("?tag=drugs-and-alcohol")).toHaveLength(2);
    expect((await funded("?district=leeds&q=streets")).totalPence).toBe(350_050);
    // A value that is not a filter is ignored rather than an error.
    expect(await titles("?round=not-a-number")).toHaveLength(3);
  });

  it("pages through the projects, with the totals of everything that matches on every page", () => {
    const page = (n: number) => listFundedProjects(parseFundedFilters(new URLSearchParams({ page: String(n) })), 2);
    expect(page(1)).toMatchObject({ count: 3, pages: 2, page: 1, totalPence: awardedPence() });
    expect(page(1).awards).toHaveLength(2);
    expect(page(2).awards.map((a) => a.awardId)).not.toContain(page(1).awards[0].awardId);
    expect(page(2).awards).toHaveLength(1);
    // A page past the end shows the last one.
    expect(page(9)).toMatchObject({ page: 2 });
  });

  it("offers only what has been funded as filters", async () => {
    const { options } = await funded();
    expect(options.funds.map((f) => f.value)).toEqual([FUND]);
    expect(options.districts.map((d) => d.text)).toEqual(["Bradford", "Leeds"]);
    expect(options.rounds).toHaveLength(2);
  });

  it("is a public HTML page with the projects and downloads but no personal data, and is linked from the home page", async () => {
    const response = await fetch(`${server.baseUrl}/funded`);
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Funded projects");
    expect(html).toContain("Safe Streets CIC");
    expect(html).toContain("Knife crime workshops in schools");
    expect(html).toContain("£3,500.50");
    expect(html).toContain(`/funds/${FUND}/360giving.json`);
    expect(html).toContain(`/funds/${FUND}/360giving.csv`);
    for (const absent of ["Secret unreleased project", "Unreleased Organisation", "Declined project", "Reserve list project"]) expect(html).not.toContain(absent);
    for (const personal of seen.people) expect(html, personal).not.toContain(personal);
    expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);

    const search = (await (await fetch(`${server.baseUrl}/funded?q=bradford`)).text()).replaceAll("<!-- -->", "");
    expect(search).toContain("Knife crime workshops in schools");
    expect(search).not.toContain("Safer streets after dark");

    const home = await (await fetch(`${server.baseUrl}/`)).text();
    expect(home).toContain('href="/funded"');
  });
});
