/** Assigning assessors to eligible bids, one at a time or in bulk. */
import { and, eq, inArray } from "drizzle-orm";
import { assessments, eligibilityChecks, users } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { recordAudit } from "../audit.server";

export function listAssessors() {
  return getDb().select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.role, "assessor")).all();
}

/**
 * Assigns each assessor to each bid (pairs already assigned are left alone). Only eligible bids and
 * people with the assessor role; returns how many new assignments were made.
 */
export function assignAssessors(input: { bidIds: number[]; assessorIds: number[]; officerId: number }, now: Date): number {
  return writeTransaction((tx) => {
    const eligible = new Set(
      tx.select({ bidId: eligibilityChecks.bidId }).from(eligibilityChecks).where(and(inArray(eligibilityChecks.bidId, input.bidIds), eq(eligibilityChecks.eligible, true))).all().map((r) => r.bidId),
    );
    const assessorIds = new Set(tx.select({ id: users.id }).from(users).where(and(inArray(users.id, input.assessorIds), eq(users.role, "assessor"))).all().map((r) => r.id));
    let made = 0;
    for (const bidId of input.bidIds) {
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
