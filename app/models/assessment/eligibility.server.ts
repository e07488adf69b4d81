/** Grants officers record each submitted bid as eligible or not, with a reason kept for feedback. */
import { eq } from "drizzle-orm";
import { bids, eligibilityChecks, rounds, users } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { recordAudit } from "../audit.server";

export function recordEligibility(input: { bidId: number; eligible: boolean; reason: string | null; officerId: number }, now: Date): boolean {
  return writeTransaction((tx) => {
    const bid = tx.select({ status: bids.status, closesAt: rounds.closesAt }).from(bids).innerJoin(rounds, eq(rounds.id, bids.roundId)).where(eq(bids.id, input.bidId)).get();
    // Eligibility is judged once the round has closed, on bids that are still in play.
    if (!bid || bid.closesAt > now || !["submitted", "under_assessment"].includes(bid.status)) return false;
    const before = tx.select().from(eligibilityChecks).where(eq(eligibilityChecks.bidId, input.bidId)).get();
    const row = { bidId: input.bidId, eligible: input.eligible, reason: input.reason, decidedBy: input.officerId, decidedAt: now };
    if (before) tx.update(eligibilityChecks).set(row).where(eq(eligibilityChecks.bidId, input.bidId)).run();
    else tx.insert(eligibilityChecks).values(row).run();
    // Eligible bids go forward to assessment; ineligible ones leave it (their reason is released with the decisions).
    tx.update(bids).set({ status: input.eligible ? "under_assessment" : "submitted", updatedAt: now }).where(eq(bids.id, input.bidId)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.officerId,
      action: "bid.eligibility_recorded",
      subjectType: "bid",
      subjectId: input.bidId,
      before: before ? { eligible: before.eligible, reason: before.reason } : null,
      after: { eligible: input.eligible, reason: input.reason },
    });
    return true;
  });
}

/** The eligibility call on a bid, with who made it, for the officer's bid page. */
export function getEligibility(bidId: number) {
  return getDb()
    .select({ eligible: eligibilityChecks.eligible, reason: eligibilityChecks.reason, decidedAt: eligibilityChecks.decidedAt, decidedByName: users.name })
    .from(eligibilityChecks)
    .innerJoin(users, eq(users.id, eligibilityChecks.decidedBy))
    .where(eq(eligibilityChecks.bidId, bidId))
    .get();
}
