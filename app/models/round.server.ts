/** Grant rounds, as the public and staff see them. */
import { and, asc, eq, gt } from "drizzle-orm";
import { funds, planPriorities, planThemes, plans, roundCriteria, rounds } from "#db/schema";
import { getDb } from "#db/client";

const publicRoundColumns = {
  id: rounds.id,
  slug: rounds.slug,
  code: rounds.code,
  name: rounds.name,
  summary: rounds.summary,
  opensAt: rounds.opensAt,
  closesAt: rounds.closesAt,
  maxAwardPence: rounds.maxAwardPence,
  budgetPence: rounds.budgetPence,
  deliveryStartsOn: rounds.deliveryStartsOn,
  deliveryEndsOn: rounds.deliveryEndsOn,
  eligibility: rounds.eligibility,
  fundSlug: funds.slug,
  fundName: funds.name,
  fundCode: funds.code,
  planId: plans.id,
  planName: plans.name,
};

/** Rounds still to close (open now, or opening later), soonest deadline first. */
export function listOpenAndUpcomingRounds(now: Date) {
  return getDb()
    .select(publicRoundColumns)
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .where(gt(rounds.closesAt, now))
    .orderBy(asc(rounds.closesAt))
    .all();
}

export function listAllRounds() {
  return getDb()
    .select(publicRoundColumns)
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .orderBy(asc(funds.name), asc(rounds.opensAt))
    .all();
}

export function getRoundBySlugs(fundSlug: string, roundSlug: string) {
  return getDb()
    .select(publicRoundColumns)
    .from(rounds)
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(plans, eq(plans.id, rounds.planId))
    .where(and(eq(funds.slug, fundSlug), eq(rounds.slug, roundSlug)))
    .get();
}

/** What a round funds: its plan's priorities and themes, and how bids are scored. */
export function getRoundPlanDetail(roundId: number, planId: number) {
  const db = getDb();
  return {
    priorities: db.select().from(planPriorities).where(eq(planPriorities.planId, planId)).orderBy(asc(planPriorities.position)).all(),
    themes: db.select().from(planThemes).where(eq(planThemes.planId, planId)).orderBy(asc(planThemes.position)).all(),
    criteria: db.select().from(roundCriteria).where(eq(roundCriteria.roundId, roundId)).orderBy(asc(roundCriteria.position)).all(),
  };
}
