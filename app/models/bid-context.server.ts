/** Everything a bid's pages offer and check against, read from its round and the vocabularies. */
import { asc, eq } from "drizzle-orm";
import { districts, outcomes, planPriorities, planThemes, reportingTags, rounds } from "#db/schema";
import { getDb } from "#db/client";
import type { BidContext } from "~/domain/bids/context";

export function loadBidChoices(roundId: number) {
  const db = getDb();
  const round = db.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) throw new Error(`No round ${roundId}`);
  return {
    round,
    priorities: db.select({ id: planPriorities.id, name: planPriorities.name }).from(planPriorities).where(eq(planPriorities.planId, round.planId)).orderBy(asc(planPriorities.position)).all(),
    themes: db.select({ id: planThemes.id, name: planThemes.name, kind: planThemes.kind }).from(planThemes).where(eq(planThemes.planId, round.planId)).orderBy(asc(planThemes.position)).all(),
    tags: db.select({ id: reportingTags.id, name: reportingTags.name }).from(reportingTags).orderBy(asc(reportingTags.name)).all(),
    districts: db.select({ id: districts.id, name: districts.name }).from(districts).orderBy(asc(districts.name)).all(),
    outcomes: db.select({ id: outcomes.id, name: outcomes.name, kind: outcomes.kind }).from(outcomes).orderBy(asc(outcomes.kind), asc(outcomes.id)).all(),
  };
}

export type BidChoices = ReturnType<typeof loadBidChoices>;

export function bidContextFrom(choices: BidChoices): BidContext {
  return {
    maxAwardPence: choices.round.maxAwardPence,
    deliveryStartsOn: choices.round.deliveryStartsOn,
    deliveryEndsOn: choices.round.deliveryEndsOn,
    priorityIds: choices.priorities.map((p) => p.id),
    themeIds: choices.themes.map((t) => t.id),
    tagIds: choices.tags.map((t) => t.id),
    districtIds: choices.districts.map((d) => d.id),
    outcomeIds: choices.outcomes.map((o) => o.id),
  };
}
