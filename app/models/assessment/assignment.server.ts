/** Assigning assessors to eligible bids, one at a time or in bulk. */
import { and, asc, eq, inArray } from "drizzle-orm";
import { assessments, bids, eligibilityChecks, users } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { recordAudit } from "../audit.server";

export function listAssessors() {
  return getDb().select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.role, "assessor")).orderBy(asc(users.name), asc(users.id)).all();
}

/**
 * Assigns each assessor to each bid (pairs already assigned are left alone). Only eligible bids and
 * people with the assessor role; returns how many new assignments were made. With `roundId`, bids of
 * other rounds are ignored too, so a page about one round cannot be posted ids from another.
 */
export function assignAssessors(input: { bidIds: number[]; assessorIds: number[]; officerId: number; roundId?: number }, now: Date): number {
  if (input.bidIds.length === 0 || input.assessorIds.length === 0) return 0;
  return writeTransaction((tx) => {
    const eligible = new Set(
      tx
        .select({ bidId: eligibilityChecks.bidId })
        .from(eligibilityChecks)
        .innerJoin(bids, eq(bids.id, eligibilityChecks.bidId))
        .where(and(inArray(eligibilityChecks.bidId, input.bidIds), eq(eligibilityChecks.eligible, true), eq(bids.status, "under_assessment"), input.roundId === undefined ? undefined : eq(bids.roundId, input.roundId)))
        .all()
        .map((r) => r.bidId),
    );
    const assessorIds = new Set(tx.select({ id: users.id }).from(users).where(and(inArray(users.id, input.assessorIds), eq(users.role, "assessor"))).all().map((r) => r.id));
    let made = 0;
    // A bid or person named twice in the post is still one assignment.
    for (const bidId of new Set(input.bidIds)) {
      if (!eligible.has(bidId)) continue;
      for (const assessorId of assessorIds) {
        const inserted = tx
          .insert(assessments)
          .values({ bidId, assessorId, status: "assigned", assignedBy: input.officerId, assignedAt: now })
          .onConflictDoNothing()
          .returning({ id: assessments.id })
          .get();
        if (!inserted) continue;
        made++;
        recordAudit(tx, { at: now, actorUserId: input.officerId, action: "assessment.assigned", subjectType: "bid", subjectId: bidId, after: { assessmentId: inserted.id, assessorId } });
      }
    }
    return made;
  });
}
