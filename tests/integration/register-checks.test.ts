import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client";
import { bids, funds, organisationProfiles, organisations, plans, registerChecks, rounds } from "#db/schema";
import { listAuditEvents } from "~/models/audit.server";
import { areaForOrganisation, latestRegisterChecks, runRegisterChecks, type RegisterCheck } from "~/models/register-check.server";
import { action, loader } from "~/routes/organisations.$organisationId._index";
import { signedIn } from "../factories/accounts";
import { mockServer } from "../mocks/server";
import { charityFound, companyFound, postcodeFound, TEST_KEYS } from "../mocks/registers";
import { call, jsonOf } from "../setup/remix";

const ENV = {
  CHARITY_COMMISSION_API_KEY: TEST_KEYS.charityCommission,
  COMPANIES_HOUSE_API_KEY: TEST_KEYS.companiesHouse,
  // Low, so the "never answers" fixtures time out quickly.
  REGISTER_TIMEOUT_MS: "300",
};
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));

beforeAll(() => Object.assign(process.env, ENV));
beforeEach(() => Object.assign(process.env, ENV));
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

type ProfileInput = { name?: string; charityNumber?: string | null; companyNumber?: string | null; postcode?: string };

/** An organisation with a filled-in profile, written straight to the tables the profile form fills. */
function organisationWith({ name = "Leeds Community Safety Trust", charityNumber = null, companyNumber = null, postcode = "LS1 1UR" }: ProfileInput = {}): number {
  return writeTransaction((tx) => {
    const org = tx.insert(organisations).values({ name, createdAt: new Date() }).returning().get();
    tx.insert(organisationProfiles)
      .values({
        organisationId: org.id,
        type: charityNumber ? "registered_charity" : companyNumber ? "community_interest_company" : "constituted_group",
        charityNumber,
        companyNumber,
        addressLine1: "1 Park Row",
        town: "Leeds",
        postcode,
        annualIncomePence: 4_825_050,
        contactName: "Amira Khan",
        contactEmail: "amira@example.org",
        contactPhone: "0113 496 0000",
        updatedAt: new Date(),
      })
      .run();
    return org.id;
  });
}

const byRegister = (checks: RegisterCheck[]) => Object.fromEntries(checks.map((c) => [c.register, c]));

async function check(profile: ProfileInput, area = "West Yorkshire") {
  const organisationId = organisationWith(profile);
  const stored = await runRegisterChecks(organisationId, { area, actorUserId: null, now: new Date("2026-02-02T10:00:00Z") });
  return { organisationId, stored: stored!, checks: byRegister(stored!) };
}

describe("Charity Commission checks", () => {
  it("a registered charity is found with its name, dates and latest income in pence", async () => {
    const { checks } = await check({ charityNumber: "1000001" });
    expect(checks.charity_commission).toMatchObject({
      query: "1000001",
      status: "found",
      flags: [],
      result: { status: "found", number: "1000001", name: "Leeds Community Safety Trust", registered: true, registeredOn: "2005-04-12", removedOn: null, latestIncomePence: 4_825_050, companyNumber: "01000001" },
    });
    expect(checks.charity_commission.checkedAt).toEqual(new Date("2026-02-02T10:00:00Z"));
  });

  it("a charity removed from the register is found and flagged as removed", async () => {
    const { checks } = await check({ name: "Bradford Youth Boxing Club", charityNumber: "1000002" });
    expect(checks.charity_commission).toMatchObject({ status: "found", flags: ["charity_removed"], result: { registered: false, removedOn: "2023-09-30" } });
  });

  it("a charity whose registered name differs from the one given is flagged", async () => {
    const { checks } = await check({ name: "Leeds Safety Trust", charityNumber: "1000001" });
    expect(checks.charity_commission.flags).toEqual(["name_mismatch"]);
  });

  it.each(["1000404", "1000204"])("number %s, which the register does not know, is not found", async (number) => {
    const { checks } = await check({ charityNumber: number });
    expect(checks.charity_commission).toMatchObject({ status: "not_found", flags: ["charity_not_found"] });
  });

  it("a number that is not shaped like one is not found, without asking", async () => {
    const { checks } = await check({ charityNumber: "not-a-number" });
    expect(checks.charity_commission).toMatchObject({ status: "not_found", flags: ["charity_not_found"] });
  });

  it("a server error is recorded as unavailable", async () => {
    const { checks } = await check({ charityNumber: "1000500" });
    expect(checks.charity_commission).toMatchObject({ status: "unavailable", flags: ["register_unavailable"], result: { reason: "The register answered with an error (HTTP 500)" } });
  });

  it("a register that does not answer in time is recorded as unavailable", async () => {
    const started = Date.now();
    const { checks } = await check({ charityNumber: "1000999" });
    expect(checks.charity_commission).toMatchObject({ status: "unavailable", flags: ["register_unavailable"], result: { reason: "The register did not answer within 0.3 seconds" } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("without an API key the check is unavailable, and with a wrong one too", async () => {
    delete process.env.CHARITY_COMMISSION_API_KEY;
    const { checks: noKey } = await check({ charityNumber: "1000001" });
    expect(noKey.charity_commission).toMatchObject({ status: "unavailable", result: { reason: "No Charity Commission API key is configured" } });
    process.env.CHARITY_COMMISSION_API_KEY = "wrong-key";
    const { checks: wrongKey } = await check({ charityNumber: "1000001" });
    expect(wrongKey.charity_commission).toMatchObject({ status: "unavailable", result: { reason: "The register answered with an error (HTTP 401)" } });
  });
});

describe("Companies House checks", () => {
  it("an active company is found; its capitals and 'Limited' do not count as a different name", async () => {
    const { checks } = await check({ companyNumber: "01000001" });
    expect(checks.companies_house).toMatchObject({
      query: "01000001",
      status: "found",
      flags: [],
      result: { name: "LEEDS COMMUNITY SAFETY TRUST LIMITED", companyStatus: "active", companyType: "private-limited-guarant-nsc", incorporatedOn: "2005-03-01" },
    });
  });

  it("a number given without its leading zero is still found", async () => {
    const { checks } = await check({ companyNumber: "1000001" });
    expect(checks.companies_house).toMatchObject({ query: "01000001", status: "found" });
  });

  it("a community interest company is found with its type", async () => {
    const { checks } = await check({ name: "Wakefield Women's Centre CIC", companyNumber: "01000004" });
    expect(checks.companies_house).toMatchObject({ status: "found", flags: [], result: { companyType: "community-interest-company" } });
  });

  it("a dissolved company is flagged", async () => {
    const { checks } = await check({ name: "Kirklees Knife Crime Awareness", companyNumber: "01000002" });
    expect(checks.companies_house).toMatchObject({ status: "found", flags: ["company_dissolved"], result: { companyStatus: "dissolved", ceasedOn: "2024-03-31" } });
  });

  it("a company in liquidation is flagged as not active", async () => {
    const { checks } = await check({ name: "Calderdale Mentoring CIC", companyNumber: "01000003" });
    expect(checks.companies_house).toMatchObject({ status: "found", flags: ["company_dissolved"], result: { companyStatus: "liquidation" } });
  });

  it("an unknown company is not found", async () => {
    const { checks } = await check({ companyNumber: "01000404" });
    expect(checks.companies_house).toMatchObject({ status: "not_found", flags: ["company_not_found"] });
  });

  it("a server error and a timeout are recorded as unavailable", async () => {
    const { checks: error } = await check({ companyNumber: "01000500" });
    expect(error.companies_house).toMatchObject({ status: "unavailable", flags: ["register_unavailable"] });
    const { checks: slow } = await check({ companyNumber: "01000999" });
    expect(slow.companies_house).toMatchObject({ status: "unavailable", flags: ["register_unavailable"] });
  });

  it("without an API key, or with a wrong one, the check is unavailable", async () => {
    delete process.env.COMPANIES_HOUSE_API_KEY;
    const { checks: noKey } = await check({ companyNumber: "01000001" });
    expect(noKey.companies_house).toMatchObject({ status: "unavailable", result: { reason: "No Companies House API key is configured" } });
    process.env.COMPANIES_HOUSE_API_KEY = "wrong-key";
    const { checks: wrongKey } = await check({ companyNumber: "01000001" });
    expect(wrongKey.companies_house).toMatchObject({ status: "unavailable", result: { reason: "The register answered with an error (HTTP 401)" } });
  });
});

describe("postcode checks", () => {
  it("a postcode in the fund's area is found with its district, ward and police force area", async () => {
    const { checks } = await check({ postcode: " ls1 1ur" });
    expect(checks.postcodes_io).toMatchObject({
      query: "LS1 1UR",
      status: "found",
      flags: [],
      result: { postcode: "LS1 1UR", district: "Leeds", ward: "Little London & Woodhouse", policeForceArea: "West Yorkshire" },
    });
  });

  it("a postcode in another police force area is outside the fund's area", async () => {
    const { checks } = await check({ postcode: "M1 1AE" });
    expect(checks.postcodes_io).toMatchObject({ status: "found", flags: ["postcode_outside_area"], result: { policeForceArea: "Greater Manchester" } });
  });

  it("a postcode that does not exist is not found", async () => {
    const { checks } = await check({ postcode: "ZZ99 9ZZ" });
    expect(checks.postcodes_io).toMatchObject({ status: "not_found", flags: ["postcode_not_found"] });
  });

  it("a server error and a timeout are recorded as unavailable", async () => {
    const { checks: error } = await check({ postcode: "ER5 0RR" });
    expect(error.postcodes_io).toMatchObject({ status: "unavailable", flags: ["register_unavailable"] });
    const { checks: slow } = await check({ postcode: "TI1 0UT" });
    expect(slow.postcodes_io).toMatchObject({ status: "unavailable", flags: ["register_unavailable"] });
  });
});

describe("running the checks", () => {
  it("asks only the registers the organisation gave a number for, and always the postcode", async () => {
    const { stored } = await check({});
    expect(stored.map((c) => c.register)).toEqual(["postcodes_io"]);
    const { stored: all } = await check({ charityNumber: "1000001", companyNumber: "01000001" });
    expect(all.map((c) => c.register).sort()).toEqual(["charity_commission", "companies_house", "postcodes_io"]);
  });

  it("an organisation without a profile has nothing to check, and an unknown one answers null", async () => {
    const organisationId = writeTransaction((tx) => tx.insert(organisations).values({ name: "New group", createdAt: new Date() }).returning().get().id);
    expect(await runRegisterChecks(organisationId, { area: "West Yorkshire", actorUserId: null })).toEqual([]);
    expect(getDb().select().from(registerChecks).where(eq(registerChecks.organisationId, organisationId)).all()).toEqual([]);
    expect(await runRegisterChecks(999_999, { area: "West Yorkshire", actorUserId: null })).toBeNull();
  });

  it("every register down at once is stored as unavailable, then found when an officer re-runs after they recover", async () => {
    const { user: officer } = await signedIn("grants_officer");
    const organisationId = organisationWith({ charityNumber: "1000500", companyNumber: "01000999", postcode: "TI1 0UT" });
    const first = await runRegisterChecks(organisationId, { area: "West Yorkshire", actorUserId: officer.id, now: new Date("2026-02-02T10:00:00Z") });
    expect(first!.map((c) => c.status)).toEqual(["unavailable", "unavailable", "unavailable"]);
    expect(latestRegisterChecks(organisationId).map((c) => [c.register, c.status])).toEqual([
      ["charity_commission", "unavailable"],
      ["companies_house", "unavailable"],
      ["postcodes_io", "unavailable"],
    ]);

    mockServer.use(
      charityFound("1000500", { name: "Leeds Community Safety Trust" }),
      companyFound("01000999", { name: "LEEDS COMMUNITY SAFETY TRUST LTD" }),
      postcodeFound({ postcode: "TI1 0UT", district: "Leeds", ward: "Hunslet & Riverside", pfa: "West Yorkshire" }),
    );
    await runRegisterChecks(organisationId, { area: "West Yorkshire", actorUserId: officer.id, now: new Date("2026-02-02T11:00:00Z") });
    const latest = latestRegisterChecks(organisationId);
    expect(latest.map((c) => [c.register, c.status, c.flags])).toEqual([
      ["charity_commission", "found", []],
      ["companies_house", "found", []],
      ["postcodes_io", "found", []],
    ]);
    expect(latest.every((c) => c.checkedAt.getTime() === Date.parse("2026-02-02T11:00:00Z"))).toBe(true);
    // The unavailable answers stay on record: a check is history, not a status to overwrite.
    expect(getDb().select().from(registerChecks).where(eq(registerChecks.organisationId, organisationId)).all()).toHaveLength(6);
  });

  it("each run is audited with who ran it and what each register said", async () => {
    const { user: officer } = await signedIn("grants_officer");
    const { organisationId } = await check({ charityNumber: "1000002", postcode: "M1 1AE" });
    await runRegisterChecks(organisationId, { area: "West Yorkshire", actorUserId: officer.id, now: new Date("2026-02-03T09:00:00Z") });
    const [event] = listAuditEvents({ subjectType: "organisation", subjectId: String(organisationId) });
    expect(event).toMatchObject({
      action: "register_checks.run",
      actorUserId: officer.id,
      after: {
        area: "West Yorkshire",
        checks: [
          { register: "charity_commission", query: "1000002", status: "found", flags: ["charity_removed", "name_mismatch"] },
          { register: "postcodes_io", query: "M1 1AE", status: "found", flags: ["postcode_outside_area"] },
        ],
      },
    });
    expect(event.at).toEqual(new Date("2026-02-03T09:00:00Z"));
  });
});

describe("the area an organisation is checked against", () => {
  let fundId: number;
  beforeAll(() => {
    fundId = writeTransaction(
      (tx) =>
        tx
          .insert(funds)
          .values({ slug: "gm-fund", code: "GMF", name: "GM Fund", moneySource: "POCA", description: "Test", allocationMethod: "competitive", defaultMaxAwardPence: 800_000 })
          .returning()
          .get().id,
    );
  });

  function bidIn(organisationId: number, createdBy: number, area: string, createdAt: Date) {
    writeTransaction((tx) => {
      const plan = tx.insert(plans).values({ slug: `plan-${area}-${createdAt.getTime()}`, name: `${area} plan`, area, startsOn: "2024-04-01", endsOn: "2028-03-31" }).returning().get();
      const code = `R${createdAt.getTime()}`;
      const round = tx
        .insert(rounds)
        .values({
          fundId,
          planId: plan.id,
          slug: code.toLowerCase(),
          code,
          name: `Round ${code}`,
          summary: "Test",
          opensAt: new Date("2026-01-01T00:00:00Z"),
          closesAt: new Date("2026-03-01T00:00:00Z"),
          budgetPence: 10_000_000,
          maxAwardPence: 800_000,
          deliveryStartsOn: "2026-04-01",
          deliveryEndsOn: "2027-03-31",
          eligibility: "Test",
        })
        .returning()
        .get();
      tx.insert(bids).values({ roundId: round.id, organisationId, status: "draft", answers: {}, createdBy, createdAt, updatedAt: createdAt }).run();
    });
  }

  it("is West Yorkshire before the organisation has bid, then the area of its most recent bid's plan", async () => {
    const { user } = await signedIn("applicant");
    const organisationId = organisationWith({ postcode: "M1 1AE" });
    expect(areaForOrganisation(organisationId)).toBe("West Yorkshire");
    bidIn(organisationId, user.id, "West Yorkshire", new Date("2026-01-05T00:00:00Z"));
    bidIn(organisationId, user.id, "Greater Manchester", new Date("2026-01-10T00:00:00Z"));
    expect(areaForOrganisation(organisationId)).toBe("Greater Manchester");

    const { cookie } = await signedIn("grants_officer");
    await call(action, `/organisations/${organisationId}`, { cookie, params: { organisationId: String(organisationId) }, form: {} });
    expect(byRegister(latestRegisterChecks(organisationId)).postcodes_io).toMatchObject({ status: "found", flags: [] });
  });
});

describe("the organisation page for grants officers", () => {
  const url = (id: number) => `/organisations/${id}`;
  const params = (id: number) => ({ organisationId: String(id) });

  it("a signed-out person is sent to sign in", async () => {
    const organisationId = organisationWith({});
    const response = await call(action, url(organisationId), { params: params(organisationId), form: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=%2Forganisations%2F${organisationId}`);
  });

  it("an applicant cannot run the checks, even for their own organisation, and never sees flags", async () => {
    const applicant = await signedIn("applicant", { organisationName: "Leeds Community Safety Trust" });
    const organisationId = applicant.user.organisationId!;
    writeTransaction((tx) =>
      tx
        .insert(organisationProfiles)
        .values({ organisationId, type: "registered_charity", charityNumber: "1000002", addressLine1: "1 Park Row", town: "Leeds", postcode: "M1 1AE", annualIncomePence: 0, contactName: "A", contactEmail: "a@example.org", contactPhone: "0", updatedAt: new Date() })
        .run(),
    );
    await runRegisterChecks(organisationId, { area: "West Yorkshire", actorUserId: null });

    const refused = await call(action, url(organisationId), { cookie: applicant.cookie, params: params(organisationId), form: {} });
    expect(refused.status).toBe(403);
    expect(getDb().select().from(registerChecks).where(eq(registerChecks.organisationId, organisationId)).all()).toHaveLength(2);

    const page = await call(loader, url(organisationId), { cookie: applicant.cookie, params: params(organisationId) });
    expect(page.status).toBe(200);
    const body = await jsonOf<{ organisation: { name: string }; registerChecks: unknown }>(page);
    expect(body.organisation.name).toBe("Leeds Community Safety Trust");
    expect(body.registerChecks).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/charity_removed|postcode_outside_area|1000002/);
  });

  it("an applicant still cannot see another organisation", async () => {
    const applicant = await signedIn("applicant");
    const other = organisationWith({});
    expect((await call(loader, url(other), { cookie: applicant.cookie, params: params(other) })).status).toBe(404);
  });

  it("an officer re-runs the checks and comes back to the page, which lists them with their flags", async () => {
    const { user: officer, cookie } = await signedIn("grants_officer");
    const organisationId = organisationWith({ name: "Bradford Youth Boxing Club", charityNumber: "1000002", companyNumber: "01000500", postcode: "LS1 1UR" });

    const before = await jsonOf<{ registerChecks: { checks: unknown[]; flags: string[] } }>(await call(loader, url(organisationId), { cookie, params: params(organisationId) }));
    expect(before.registerChecks).toEqual({ area: "West Yorkshire", checks: [], flags: [] });

    const response = await call(action, url(organisationId), { cookie, params: params(organisationId), form: {} });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/organisations/${organisationId}#register-checks`);

    const page = await jsonOf<{ registerChecks: { area: string; flags: string[]; checks: { register: string; status: string; flags: string[] }[] } }>(
      await call(loader, url(organisationId), { cookie, params: params(organisationId) }),
    );
    expect(page.registerChecks.flags).toEqual(["charity_removed", "register_unavailable"]);
    expect(page.registerChecks.checks.map((c) => [c.register, c.status, c.flags])).toEqual([
      ["charity_commission", "found", ["charity_removed"]],
      ["companies_house", "unavailable", ["register_unavailable"]],
      ["postcodes_io", "found", []],
    ]);
    const [event] = listAuditEvents({ subjectType: "organisation", subjectId: String(organisationId) });
    expect(event).toMatchObject({ action: "register_checks.run", actorUserId: officer.id });
  });

  it("an admin may run the checks too", async () => {
    const { cookie } = await signedIn("admin");
    const organisationId = organisationWith({});
    const response = await call(action, url(organisationId), { cookie, params: params(organisationId), form: {} });
    expect(response.status).toBe(302);
    expect(latestRegisterChecks(organisationId)).toHaveLength(1);
  });

  it("an organisation that does not exist is a 404 and nothing is checked", async () => {
    const { cookie } = await signedIn("grants_officer");
    for (const id of ["999999", "abc", "0"]) {
      const response = await call(action, `/organisations/${id}`, { cookie, params: { organisationId: id }, form: {} });
      expect(response.status).toBe(404);
    }
    expect(listAuditEvents({ subjectType: "organisation", subjectId: "999999" })).toEqual([]);
  });

  it("other staff roles cannot run the checks", async () => {
    const organisationId = organisationWith({});
    for (const role of ["assessor", "finance"] as const) {
      const { cookie } = await signedIn(role);
      expect((await call(action, url(organisationId), { cookie, params: params(organisationId), form: {} })).status).toBe(403);
    }
  });
});
