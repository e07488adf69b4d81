/**
 * Moderation: where assessors disagree, a grants officer records the score the panel agreed, with
 * the reason. That score then ranks the bid instead of the assessors' mean (see `rankingScore`).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { assessments, bids, eligibilityChecks, moderations, roundAssessmentSettings } from "#db/schema";
import { writeTransaction } from "#db/client";
import { recordAudit } from "../audit.server";
import { listRoundBids, roundSettings } from "./round-bids.server";

/** Why a moderation was refused, in the words the form shows. */
export const MODERATION_REFUSALS = {
  not_found: "This bid cannot be found",
  not_eligible: "Only bids recorded as eligible can be moderated",
  no_scores: "This bid cannot be moderated until at least one assessor has submitted a score",
  released: "Decisions for this round have been released, so its scores can no longer be moderated",
} as const;

export type ModerationRefusal = keyof typeof MODERATION_REFUSALS;

/** The eligible bids of a round as the moderation view shows them, best first, with the round's threshold. */
export function moderationView(roundId: number) {
  const settings = roundSettings(roundId);
  const rows = listRoundBids(roundId)
    .filter((bid) => bid.eligible === true)
    .map((bid) => ({
      id: bid.id,
      reference: bid.reference,
      projectTitle: bid.projectTitle,
      organisationName: bid.organisationName,
      // A conflicted assessor takes no part in the bid, so their row would only confuse the comparison.
      assessors: bid.assessments.filter((a) => a.status !== "conflict").map((a) => ({ id: a.id, name: a.assessorName, status: a.status, weightedScore: a.status === "submitted" ? a.weightedScore : null })),
      submittedScores: bid.submittedScores,
      meanScore: bid.meanScore,
      spread: bid.spread,
      flaggedForModeration: bid.flaggedForModeration,
      moderatedScore: bid.moderatedScore,
      moderationReason: bid.moderationReason,
      rankingScore: bid.rankingScore,
    }));
  return { settings, rows };
}

/** Why a bid may not be moderated now, or null when it may: the page and the write ask the same question. */
export function moderationRefusal(bid: { eligible: boolean | null; scoredCount: number } | undefined, released: boolean): ModerationRefusal | null {
  if (!bid) return "not_found";
  if (released) return "released";
  if (bid.eligible !== true) return "not_eligible";
  if (bid.scoredCount === 0) return "no_scores";
  return null;
}

/**
 * Records (or replaces) a bid's moderated score, hundredths of a percentage point, with the reason,
 * and its audit event with the score before and after. Every rule is checked again inside the
 * transaction, whatever the page showed.
 */
export function recordModeration(
  input: { bidId: number; score: number; reason: string; officerId: number },
  now: Date,
): { ok: true } | { ok: false; reason: ModerationRefusal } {
  return writeTransaction((tx) => {
    const bid = tx
      .select({ roundId: bids.roundId, status: bids.status, eligible: eligibilityChecks.eligible, releasedAt: roundAssessmentSettings.decisionsReleasedAt })
      .from(bids)
      .leftJoin(eligibilityChecks, eq(eligibilityChecks.bidId, bids.id))
      .leftJoin(roundAssessmentSettings, eq(roundAssessmentSettings.roundId, bids.roundId))
      .where(eq(bids.id, input.bidId))
      .get();
    const scoredCount = tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.bidId, input.bidId), eq(assessments.status, "submitted"), isNotNull(assessments.weightedScore)))
      .all().length;
    const live = bid && bid.status !== "draft" && bid.status !== "withdrawn";
    const refusal = moderationRefusal(live ? { eligible: bid.eligible, scoredCount } : undefined, Boolean(bid?.releasedAt));
    if (refusal) return { ok: false, reason: refusal };
    const before = tx.select({ score: moderations.score, reason: moderations.reason }).from(moderations).where(eq(moderations.bidId, input.bidId)).get();
    const row = { score: input.score, reason: input.reason, moderatedBy: input.officerId, moderatedAt: now };
    tx.insert(moderations)
      .values({ bidId: input.bidId, ...row })
      .onConflictDoUpdate({ target: moderations.bidId, set: row })
      .run();
    recordAudit(tx, {
      at: now,
      actorUserId: input.officerId,
      action: "bid.moderated",
      subjectType: "bid",
      subjectId: input.bidId,
      before: before ?? null,
      after: { score: input.score, reason: input.reason },
    });
    return { ok: true };
  });
}
