/**
 * The demo's history, GR1, as the Police and Crime Panel and the auditors would read it from the
 * database: the published figures to the penny, money that reconciles award by award, nothing
 * about real people, and bids the portal's own pages can show.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { awards, bankDetails, bidTags, bids, decisions, ledgerEntries, memberships, organisationProfiles, reportingTags, rounds, users } from "#db/schema";
import { sectionSchema, SECTIONS } from "~/domain/bids/sections";
import { balances } from "~/domain/money/ledger";
import { listRoundBids } from "~/models/assessment/round-bids.server";
import { releaseCheck } from "~/models/assessment/decision.server";
import { bidContextFrom, loadBidChoices } from "~/models/bid-context.server";
import { awardsDueForPayment } from "~/models/finance/payments.server";
import { ledgerEntriesFor } from "~/models/ledger.server";
import { findUserByEmail } from "~/models/user.server";
import { loader as applicantBidLoader } from "~/routes/applications.$bidId._index";
import { loader as awardLoader } from "~/routes/awards.$awardId._index";
import { loader as officerBidLoader } from "~/routes/officer.bids.$bidId._index";
import { verifyPassword } from "~/utils/password.server";
import { isConfigured, seedConfiguration, seedDemoAccounts, seedDemoBudgets } from "../../scripts/seed/seed";
import { DEMO_PASSWORD } from "../../scripts/seed/west-yorkshire";
import { GR1, GR1_DATES, seedGr1 } from "../../scripts/seed/gr1";
import { sessionCookieFor } from "../factories/accounts";
import { call, jsonOf } from "../setup/remix";

let roundId: number;
let seededInMs: number;

beforeAll(async () => {
  const now = new Date();
  seedConfiguration(now);
  await seedDemoAccounts(now);
  const started = Date.now();
  // The demo's own path: a database configured in this run gets GR1 with the demo budgets.
  const { history } = seedDemoBudgets(now);
  seededInMs = Date.now() - started;
  roundId = history!.roundId;
});

const db = () => getDb();

function funded() {
  return db()
    .select({ awardId: awards.id, bidId: awards.bidId, amountPence: awards.amountPence, status: awards.status, decided: decisions.amountPence, outcome: decisions.outcome, requested: bids.amountRequestedPence })
    .from(awards)
    .innerJoin(decisions, eq(decisions.bidId, awards.bidId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .where(eq(awards.roundId, roundId))
    .all();
}

const sum = (list: readonly number[]) => list.reduce((total, n) => total + n, 0);

describe("GR1 in the demo database", () => {
  it("is the fund's round gr1, awarded on 1 March 2022, seeded in well under the demo's time budget", () => {
    const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
    expect(round.slug).toBe(GR1.slug);
    expect(round.code).toBe("GR1");
    expect(round.closesAt.toISOString()).toBe("2021-11-05T17:00:00.000Z");
    expect(GR1_DATES.released.toISOString()).toBe("2022-03-01T10:00:00.000Z");
    expect(releaseCheck(roundId).releasedAt?.toISOString()).toBe("2022-03-01T10:00:00.000Z");
    expect(seededInMs).toBeLessThan(10_000);
  });

  it("awarded 39 projects a total of £208,254.93, each within £8,000.00 and no more than asked for", () => {
    const rows = funded();
    expect(rows).toHaveLength(39);
    expect(sum(rows.map((r) => r.amountPence))).toBe(20_825_493);
    for (const r of rows) {
      expect(r.amountPence).toBe(r.decided);
      expect(["fund_full", "fund_part"]).toContain(r.outcome);
      expect(r.amountPence).toBeLessThanOrEqual(800_000);
      expect(r.amountPence).toBeLessThanOrEqual(r.requested!);
    }
    const decided = db().select({ total: sql<number>`sum(${decisions.amountPence})`, n: sql<number>`count(*)` }).from(decisions).where(eq(decisions.roundId, roundId)).get()!;
    expect(decided.total).toBe(20_825_493);
    expect(decided.total).toBeLessThanOrEqual(db().select().from(rounds).where(eq(rounds.id, roundId)).get()!.budgetPence);
  });

  it("funded 11 Drugs and Alcohol projects totalling £62,468.41", () => {
    const tagged = db()
      .select({ amountPence: awards.amountPence })
      .from(awards)
      .innerJoin(bidTags, eq(bidTags.bidId, awards.bidId))
      .innerJoin(reportingTags, eq(reportingTags.id, bidTags.tagId))
      .where(and(eq(awards.roundId, roundId), eq(reportingTags.name, "Drugs and Alcohol")))
      .all();
    expect(tagged).toHaveLength(11);
    expect(sum(tagged.map((t) => t.amountPence))).toBe(6_246_841);
  });

  it("turned down the other bids with a reason and feedback, ineligible ones included", () => {
    const refused = db().select().from(decisions).where(and(eq(decisions.roundId, roundId), eq(decisions.outcome, "not_funded"))).all();
    expect(refused.length).toBeGreaterThanOrEqual(15);
    for (const d of refused) {
      expect(d.amountPence).toBe(0);
      expect(d.reasonCode).toBeTruthy();
      expect(d.feedback?.trim()).toBeTruthy();
    }
    expect(refused.some((d) => d.reasonCode === "ineligible")).toBe(true);
    expect(releaseCheck(roundId)).toMatchObject({ undecided: [], unchecked: [] });
  });

  it("ranks every funded bid above every unsuccessful one, with no disagreement left unmoderated", () => {
    const ranked = listRoundBids(roundId).filter((b) => b.eligible === true);
    const firstRefused = ranked.findIndex((b) => b.decisionOutcome === "not_funded");
    expect(ranked.slice(firstRefused).every((b) => b.decisionOutcome === "not_funded")).toBe(true);
    expect(firstRefused).toBe(39);
    for (const b of ranked) {
      expect(b.submittedScores).toHaveLength(2);
      if (b.flaggedForModeration) expect(b.moderatedScore).not.toBeNull();
    }
  });
});

describe("GR1's money", () => {
  it("has one commitment per award, equal to the award, in 2021-22", () => {
    for (const award of funded()) {
      const commitments = ledgerEntriesFor({ awardId: award.awardId }).filter((e) => e.kind === "commitment");
      expect(commitments).toHaveLength(1);
      expect(commitments[0].amountPence).toBe(award.amountPence);
      expect(commitments[0].financialYear).toBe(2021);
    }
  });

  it("never pays an award more than it commits, pays each in full, and asks back only what was paid and not spent", () => {
    for (const award of funded()) {
      const b = balances(ledgerEntriesFor({ awardId: award.awardId }));
      expect(b.paidPence).toBeLessThanOrEqual(award.amountPence);
      expect(b.paidPence).toBe(b.committedPence);
      expect(b.repaidPence).toBeLessThanOrEqual(b.repaymentDuePence);
      expect(b.repaymentDuePence).toBeLessThanOrEqual(b.paidPence);
    }
    expect(awardsDueForPayment().filter((a) => a.roundId === roundId)).toEqual([]);
  });

  it("stays within the fund's 2021-22 budget and the round's budget", () => {
    const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
    const year = balances(ledgerEntriesFor({ fundId: round.fundId, financialYear: 2021 }));
    expect(year.budgetPence).toBeGreaterThanOrEqual(year.committedPence);
    const roundBudget = balances(ledgerEntriesFor({ roundId }), "round_budget_set");
    expect(roundBudget.budgetPence).toBe(round.budgetPence);
    expect(roundBudget.committedPence).toBeLessThanOrEqual(round.budgetPence);
  });

  it("closes the awards whose final return is in and money settled, and leaves two overdue", () => {
    const statuses = funded().map((a) => a.status);
    expect(statuses.filter((s) => s === "closed").length).toBe(37);
    expect(statuses.filter((s) => s === "accepted").length).toBe(2);
    expect(db().select({ n: sql<number>`count(*)` }).from(ledgerEntries).where(and(eq(ledgerEntries.roundId, roundId), eq(ledgerEntries.kind, "repayment"))).get()!.n).toBeGreaterThan(0);
  });
});

describe("GR1's people", () => {
  function gr1People() {
    const orgIds = db().select({ id: bids.organisationId }).from(bids).where(eq(bids.roundId, roundId)).all().map((r) => r.id);
    const profiles = db().select().from(organisationProfiles).where(inArray(organisationProfiles.organisationId, orgIds)).all();
    const members = db().select({ email: users.email, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(inArray(memberships.organisationId, orgIds)).all();
    return { profiles, members };
  }

  it("are made up: reserved e-mail domains, drama phone numbers, registration and bank numbers no real body has", () => {
    const { profiles, members } = gr1People();
    expect(profiles).toHaveLength(60);
    for (const p of profiles) {
      expect(p.contactEmail).toMatch(/\.example\.org$/);
      expect(p.contactPhone).toMatch(/^07700 900\d{3}$/);
      if (p.charityNumber) expect(p.charityNumber).toMatch(/^9\d{7}$/);
      if (p.companyNumber) expect(p.companyNumber).toMatch(/^99\d{6}$/);
    }
    for (const m of members) expect(m.email).toMatch(/\.example\.org$/);
    const accounts = db().select({ sortCode: bankDetails.sortCode }).from(bankDetails).innerJoin(awards, eq(awards.id, bankDetails.awardId)).where(eq(awards.roundId, roundId)).all();
    expect(accounts).toHaveLength(39);
    for (const a of accounts) expect(a.sortCode).toMatch(/^00\d{4}$/);
    const assessors = db().select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(sql`${users.email} like '%@panel.example.org'`).all();
    expect(assessors).toHaveLength(2);
  });

  it("who hold grants can sign in with the demo password; the historical assessors cannot sign in at all", async () => {
    const { members } = gr1People();
    const holder = findUserByEmail(members[0].email)!;
    expect(await verifyPassword(holder.passwordHash, DEMO_PASSWORD)).toBe(true);
    const assessor = db().select().from(users).where(sql`${users.email} like '%@panel.example.org'`).get()!;
    expect(await verifyPassword(assessor.passwordHash, DEMO_PASSWORD)).toBe(false);
  });
});

describe("GR1's bids in the portal's pages", () => {
  it("were frozen as the bid pages' own schemas read them", () => {
    const ctx = bidContextFrom(loadBidChoices(roundId));
    for (const bid of db().select().from(bids).where(eq(bids.roundId, roundId)).all()) {
      const submitted = bid.submitted as { answers: Record<string, unknown>; typed: Record<string, Record<string, unknown>>; organisation: { name: string }; submittedAt: string };
      for (const s of SECTIONS) expect(sectionSchema(s.key, ctx).parse(submitted.typed[s.key])).toEqual(submitted.answers[s.key]);
      expect(submitted.organisation.name).toBeTruthy();
      expect(new Date(submitted.submittedAt).getTime()).toBe(bid.submittedAt!.getTime());
      expect(bid.reference).toMatch(/^MSCF-GR1-\d{4}$/);
    }
  });

  it("show to the officer with every section, and to the grant holder with the decision and the award", async () => {
    const award = funded()[0];
    const officer = findUserByEmail("officer@example.org")!;
    const officerPage = await jsonOf<{ sections: { rows: unknown[] }[]; assessments: unknown[] }>(await call(officerBidLoader, `/officer/bids/${award.bidId}`, { cookie: await sessionCookieFor(officer.id), params: { bidId: String(award.bidId) } }));
    expect(officerPage.sections.every((s) => s.rows.length > 0)).toBe(true);
    expect(officerPage.assessments).toHaveLength(2);

    const holder = db().select({ userId: memberships.userId }).from(bids).innerJoin(memberships, eq(memberships.organisationId, bids.organisationId)).where(eq(bids.id, award.bidId)).get()!;
    const cookie = await sessionCookieFor(holder.userId);
    const bidPage = await jsonOf<{ bid: { status: string }; outcome: { amountPence: number }; award: { id: number } }>(await call(applicantBidLoader, `/applications/${award.bidId}`, { cookie, params: { bidId: String(award.bidId) } }));
    expect(bidPage.bid.status).toBe("awarded");
    expect(bidPage.outcome.amountPence).toBe(award.amountPence);
    expect(bidPage.award.id).toBe(award.awardId);
    const awardPage = await jsonOf<{ award: { status: string; acceptance: unknown; bankDetails: unknown } }>(await call(awardLoader, `/awards/${award.awardId}`, { cookie, params: { awardId: String(award.awardId) } }));
    expect(awardPage.award.acceptance).not.toBeNull();
    expect(awardPage.award.bankDetails).not.toBeNull();
  });

  it("is added once: seeding the demo again leaves GR1 as it is", () => {
    expect(isConfigured()).toBe(true);
    const again = seedDemoBudgets(new Date());
    expect(again.history).toBeNull();
    expect(db().select({ n: sql<number>`count(*)` }).from(rounds).where(eq(rounds.slug, GR1.slug)).get()!.n).toBe(1);
  });

  it("refuses to write history that has not happened yet", () => {
    expect(() => seedGr1(findUserByEmail("admin@example.org")!.id, new Date("2022-06-01T00:00:00Z"))).toThrow(/history/);
  });
});
