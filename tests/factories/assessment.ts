/** Rounds with submitted bids, eligibility and assessors, for the assessment and decision tests. */
import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client";
import { rounds } from "#db/schema";
import { submitBid } from "~/models/bid.server";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { assignAssessors } from "~/models/assessment/assignment.server";
import { createUser } from "./accounts";
import { completeDraft } from "./bids";

/** `count` bids submitted to the open demo round by different organisations; amounts from `amounts` (pounds). */
export async function submittedBids(count: number, { amounts = [] as number[] } = {}) {
  const made: { bidId: number; applicant: Awaited<ReturnType<typeof createUser>> }[] = [];
  let roundId = 0;
  for (let i = 0; i < count; i++) {
    const applicant = await createUser("applicant", { organisationName: `Community group ${i + 1}` });
    const amount = amounts[i];
    const { bidId, round } = completeDraft(applicant, amount === undefined ? {} : { budget: { amountRequested: String(amount), "lines.0.item": "Project costs", "lines.0.cost": String(amount) } });
    roundId = round.id;
    const result = submitBid(bidId, applicant.id, new Date());
    if (!result.ok) throw new Error(`could not submit: ${JSON.stringify(result)}`);
    made.push({ bidId, applicant });
  }
  return { roundId, bids: made };
}

/** Moves the round's closing instant into the past, as if the deadline had passed. */
export function closeRound(roundId: number) {
  writeTransaction((tx) => tx.update(rounds).set({ closesAt: new Date(Date.now() - 60_000) }).where(eq(rounds.id, roundId)).run());
  return getDb().select().from(rounds).where(eq(rounds.id, roundId)).get()!;
}

/** Every bid marked eligible and assigned to the given assessors. */
export function eligibleAndAssigned(bidIds: number[], officerId: number, assessorIds: number[]) {
  for (const bidId of bidIds) recordEligibility({ bidId, eligible: true, reason: null, officerId }, new Date());
  assignAssessors({ bidIds, assessorIds, officerId }, new Date());
}
