/**
 * Awards for tests, made the way the portal makes them: bids submitted, decided in a closed round of
 * their own, then released (which makes the awards and their commitments).
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client";
import { awards, bids, moderations, rounds } from "#db/schema";
import type { DecisionOutcome } from "~/domain/decisions/budget";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { recordDecision, releaseDecisions } from "~/models/assessment/decision.server";
import { signedIn } from "./accounts";
import { submittedBids } from "./assessment";

let roundsMade = 0;

/** A decision for one bid: an outcome, or a part award in pounds. */
export type Decided = Exclude<DecisionOutcome, "fund_part"> | { part: number };

/**
 * Bids of `amounts` pounds, moved to a closed round of their own (budget: their total), all eligible
 * and moderated in order, decided as `decide` says. Released unless `release` is false.
 */
export async function releasedRound({ amounts, decide, release = true }: { amounts: number[]; decide: Decided[]; release?: boolean }) {
  const officer = await signedIn("grants_officer");
  const made = await submittedBids(amounts.length, { amounts });
  const bidIds = made.bids.map((b) => b.bidId);
  const round = writeTransaction((tx) => {
    const { id: _id, createdAt: _c, ...demo } = tx.select().from(rounds).where(eq(rounds.id, made.roundId)).get()!;
    const n = ++roundsMade;
    const copy = tx
      .insert(rounds)
      .values({ ...demo, slug: `awards-${n}`, code: `AW${n}`, name: `Awards test round ${n}`, budgetPence: amounts.reduce((s, a) => s + a, 0) * 100, opensAt: new Date(Date.now() - 30 * 86_400_000), closesAt: new Date(Date.now() - 60_000) })
      .returning()
      .get();
    tx.update(bids).set({ roundId: copy.id, reference: sql`replace(${bids.reference}, ${`-${demo.code}-`}, ${`-${copy.code}-`})` }).where(inArray(bids.id, bidIds)).run();
    bidIds.forEach((bidId, i) => tx.insert(moderations).values({ bidId, score: 9_000 - i * 100, reason: "Panel score", moderatedBy: officer.user.id, moderatedAt: new Date() }).run());
    return copy;
  });
  for (const bidId of bidIds) recordEligibility({ bidId, eligible: true, reason: null, officerId: officer.user.id }, new Date());
  decide.forEach((d, i) => {
    const common = { bidId: bidIds[i], officerId: officer.user.id, reasonCode: null, reason: null, feedback: null };
    const fields =
      typeof d === "object"
        ? { ...common, outcome: "fund_part" as const, amountPence: d.part * 100, reason: "Some costs are covered elsewhere" }
        : d === "not_funded"
          ? { ...common, outcome: d, amountPence: 0, reasonCode: "weak_alignment", feedback: "Say which priority the project serves" }
          : { ...common, outcome: d, amountPence: d === "fund_full" ? amounts[i] * 100 : 0 };
    const result = recordDecision(fields, new Date());
    if (!result.ok) throw new Error(`could not decide: ${JSON.stringify(result)}`);
  });
  if (release) {
    const released = releaseDecisions(round.id, officer.user.id, new Date());
    if (!released.ok) throw new Error(`could not release: ${JSON.stringify(released)}`);
  }
  return { round, officer, bidIds, applicants: made.bids.map((b) => b.applicant) };
}

export function awardOfBid(bidId: number) {
  return getDb().select().from(awards).where(eq(awards.bidId, bidId)).get();
}

/** One award offered to one applicant: the quickest start for the acceptance and bank-details tests. */
export async function anOffer(pounds = 8000) {
  const made = await releasedRound({ amounts: [pounds], decide: ["fund_full"] });
  const award = awardOfBid(made.bidIds[0])!;
  const applicant = made.applicants[0];
  return { ...made, award, applicant };
}
