/**
 * The scale data generator, run small (3 rounds of 50 bids) into this test's own database: every
 * bid is a complete submitted bid with its reporting rows, and no round decides beyond its budget.
 */
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { awards, bidDistricts, bidPriorities, bids, bidTags, decisions, eligibilityChecks, ledgerEntries, organisations, reportingTags, roundAssessmentSettings, rounds } from "#db/schema";
import { balances } from "~/domain/money/ledger";
import { fundBudgetsByYear } from "~/models/finance/budgets.server";
import { ledgerEntriesFor } from "~/models/ledger.server";
import { generateScaleData, type ScaleResult } from "../../scripts/generate-scale-data";

const NOW = new Date("2026-05-01T12:00:00Z");
let result: ScaleResult;

beforeAll(async () => {
  result = await generateScaleData({ rounds: 3, bidsPerRound: 50, now: NOW });
});

const db = () => getDb();
const count = (rows: unknown[]) => rows.length;

describe("generated scale data", () => {
  it("has the asked-for rounds and bids, each bid submitted, numbered and decided", () => {
    expect(result).toMatchObject({ bids: 150, organisations: 100 });
    expect(result.roundIds).toHaveLength(3);
    const scaleRounds = db().select().from(rounds).where(like(rounds.slug, "scale-%")).all();
    expect(scaleRounds).toHaveLength(3);
    for (const round of scaleRounds) {
      const roundBids = db().select().from(bids).where(eq(bids.roundId, round.id)).all();
      expect(roundBids).toHaveLength(50);
      expect(new Set(roundBids.map((b) => b.organisationId)).size).toBe(50);
      for (const bid of roundBids) {
        expect(["awarded", "not_funded"]).toContain(bid.status);
        expect(bid.reference).toMatch(new RegExp(`^MSCF-${round.code}-\\d{4}$`));
        expect(bid.submittedAt!.getTime()).toBeLessThanOrEqual(round.closesAt.getTime());
        expect(bid.amountRequestedPence).toBeGreaterThan(0);
        expect(bid.amountRequestedPence).toBeLessThanOrEqual(round.maxAwardPence);
        expect((bid.submitted as { organisation: { name: string } }).organisation.name).toBeTruthy();
      }
      expect(round.closesAt.getTime()).toBeLessThan(NOW.getTime());
      expect(db().select().from(roundAssessmentSettings).where(eq(roundAssessmentSettings.roundId, round.id)).get()?.decisionsReleasedAt).toBeTruthy();
    }
    expect(count(db().select().from(organisations).where(like(organisations.name, "% 0%")).all())).toBe(100);
  });

  it("gives every bid its priorities, district, eligibility call and decision, and some the Drugs and Alcohol tag", () => {
    const ids = db().select({ id: bids.id }).from(bids).where(inArray(bids.roundId, result.roundIds)).all().map((b) => b.id);
    const bidsWith = (table: typeof bidPriorities | typeof bidDistricts | typeof eligibilityChecks | typeof decisions) =>
      new Set(db().select({ id: table.bidId }).from(table).where(inArray(table.bidId, ids)).all().map((r) => r.id)).size;
    expect(bidsWith(bidPriorities)).toBe(150);
    expect(bidsWith(bidDistricts)).toBe(150);
    expect(bidsWith(eligibilityChecks)).toBe(150);
    expect(bidsWith(decisions)).toBe(150);
    const drugs = db().select({ id: bidTags.bidId }).from(bidTags).innerJoin(reportingTags, eq(reportingTags.id, bidTags.tagId)).where(and(inArray(bidTags.bidId, ids), eq(reportingTags.name, "Drugs and Alcohol"))).all();
    expect(drugs.length).toBeGreaterThan(0);
    const ineligible = db().select().from(eligibilityChecks).where(and(inArray(eligibilityChecks.bidId, ids), eq(eligibilityChecks.eligible, false))).all();
    for (const check of ineligible) expect(db().select().from(decisions).where(eq(decisions.bidId, check.bidId)).get()).toMatchObject({ outcome: "not_funded", amountPence: 0, reasonCode: "ineligible" });
  });

  it("decides within each round's budget and makes an award, with its commitment, for each funded bid", () => {
    let awarded = 0;
    for (const roundId of result.roundIds) {
      const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
      const decided = db().select({ total: sql<number>`coalesce(sum(${decisions.amountPence}), 0)` }).from(decisions).where(eq(decisions.roundId, roundId)).get()!.total;
      expect(decided).toBeGreaterThan(0);
      expect(decided).toBeLessThanOrEqual(round.budgetPence);
      const funded = db().select().from(decisions).where(and(eq(decisions.roundId, roundId), eq(decisions.outcome, "fund_full"))).all();
      const roundAwards = db().select().from(awards).where(eq(awards.roundId, roundId)).all();
      expect(roundAwards.map((a) => a.bidId).sort()).toEqual(funded.map((d) => d.bidId).sort());
      for (const award of roundAwards) {
        expect(award.amountPence).toBe(funded.find((d) => d.bidId === award.bidId)!.amountPence);
        expect(balances(ledgerEntriesFor({ awardId: award.id })).committedPence).toBe(award.amountPence);
      }
      expect(balances(ledgerEntriesFor({ roundId }), "round_budget_set").budgetPence).toBe(round.budgetPence);
      awarded += roundAwards.length;
    }
    expect(result.awards).toBe(awarded);
    expect(db().select({ n: sql<number>`count(*)` }).from(ledgerEntries).where(eq(ledgerEntries.kind, "payment")).get()!.n).toBe(0);
  });

  it("gives the fund a budget in every financial year that covers the rounds drawn from it", () => {
    for (const year of fundBudgetsByYear()) expect(year.budgetPence).toBeGreaterThanOrEqual(year.allocatedToRoundsPence);
  });
});
