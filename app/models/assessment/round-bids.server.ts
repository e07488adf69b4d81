/**
 * The bids of a round as staff work on them after it closes: eligibility, assessors, scores,
 * moderation and decisions, in one read. The ranking every later step uses is computed here.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import {
  assessments,
  assessmentScores,
  bidDistricts,
  bidPriorities,
  bids,
  bidTags,
  decisions,
  districts,
  eligibilityChecks,
  moderations,
  organisationProfiles,
  organisations,
  planPriorities,
  reportingTags,
  roundAssessmentSettings,
  roundCriteria,
  rounds,
  users,
} from "#db/schema";
import { getDb } from "#db/client";
import { mean, needsModeration, rankingScore, spread } from "~/domain/assessment/scoring";
import { combineFlags } from "~/domain/due-diligence/flags";
import { latestRegisterChecks } from "../register-check.server";

export const SUBMITTED_STATUSES = ["submitted", "under_assessment", "awarded", "not_funded"] as const;

export function roundSettings(roundId: number) {
  const row = getDb().select().from(roundAssessmentSettings).where(eq(roundAssessmentSettings.roundId, roundId)).get();
  return row ?? { roundId, assessorsPerBid: 2, moderationThreshold: 20, decisionsReleasedAt: null, releasedBy: null };
}

export function getRoundForStaff(roundId: number) {
  return getDb().select().from(rounds).where(eq(rounds.id, roundId)).get();
}

/** Every submitted (not withdrawn) bid of the round, with everything staff decide on, best first. */
export function listRoundBids(roundId: number) {
  return queryRoundBids(roundId);
}

/** One submitted bid with the same figures its round's list gives it; undefined for drafts, withdrawn and unknown bids. */
export function getRoundBid(bidId: number) {
  const bid = getDb().select({ roundId: bids.roundId }).from(bids).where(eq(bids.id, bidId)).get();
  return bid ? queryRoundBids(bid.roundId, bidId)[0] : undefined;
}

function queryRoundBids(roundId: number, onlyBidId?: number) {
  const db = getDb();
  const settings = roundSettings(roundId);
  const rows = db
    .select({
      id: bids.id,
      roundId: bids.roundId,
      reference: bids.reference,
      projectTitle: bids.projectTitle,
      amountRequestedPence: bids.amountRequestedPence,
      status: bids.status,
      organisationId: bids.organisationId,
      organisationName: organisations.name,
      organisationType: organisationProfiles.type,
      eligible: eligibilityChecks.eligible,
      eligibilityReason: eligibilityChecks.reason,
      moderatedScore: moderations.score,
      moderationReason: moderations.reason,
      decisionOutcome: decisions.outcome,
      decisionAmountPence: decisions.amountPence,
      decisionReasonCode: decisions.reasonCode,
      decisionReason: decisions.reason,
      decisionFeedback: decisions.feedback,
    })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .leftJoin(organisationProfiles, eq(organisationProfiles.organisationId, bids.organisationId))
    .leftJoin(eligibilityChecks, eq(eligibilityChecks.bidId, bids.id))
    .leftJoin(moderations, eq(moderations.bidId, bids.id))
    .leftJoin(decisions, eq(decisions.bidId, bids.id))
    .where(and(eq(bids.roundId, roundId), inArray(bids.status, [...SUBMITTED_STATUSES]), onlyBidId === undefined ? undefined : eq(bids.id, onlyBidId)))
    .orderBy(asc(bids.roundSequence))
    .all();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const assessmentRows = db
    .select({ bidId: assessments.bidId, id: assessments.id, assessorId: assessments.assessorId, assessorName: users.name, status: assessments.status, weightedScore: assessments.weightedScore })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .where(inArray(assessments.bidId, ids))
    .all();
  const priorityRows = db.select({ bidId: bidPriorities.bidId, name: planPriorities.name }).from(bidPriorities).innerJoin(planPriorities, eq(planPriorities.id, bidPriorities.priorityId)).where(inArray(bidPriorities.bidId, ids)).all();
  const districtRows = db.select({ bidId: bidDistricts.bidId, name: districts.name }).from(bidDistricts).innerJoin(districts, eq(districts.id, bidDistricts.districtId)).where(inArray(bidDistricts.bidId, ids)).all();
  const tagRows = db.select({ bidId: bidTags.bidId, name: reportingTags.name }).from(bidTags).innerJoin(reportingTags, eq(reportingTags.id, bidTags.tagId)).where(inArray(bidTags.bidId, ids)).all();
  const by = <T extends { bidId: number }>(list: T[], id: number) => list.filter((x) => x.bidId === id);

  return rows
    .map((row) => {
      const mine = by(assessmentRows, row.id);
      const submittedScores = mine.filter((a) => a.status === "submitted" && a.weightedScore !== null).map((a) => a.weightedScore!);
      return {
        ...row,
        assessments: mine,
        activeAssessorCount: mine.filter((a) => a.status !== "conflict").length,
        submittedScores,
        meanScore: mean(submittedScores),
        spread: spread(submittedScores),
        flaggedForModeration: needsModeration(submittedScores, settings.moderationThreshold),
        rankingScore: rankingScore(submittedScores, row.moderatedScore),
        priorities: by(priorityRows, row.id).map((p) => p.name),
        districts: by(districtRows, row.id).map((d) => d.name),
        tags: by(tagRows, row.id).map((t) => t.name),
      };
    })
    .sort((a, b) => (b.rankingScore ?? -1) - (a.rankingScore ?? -1) || (a.reference ?? "").localeCompare(b.reference ?? ""));
}

export type RoundBid = ReturnType<typeof listRoundBids>[number];

/** How many bids have been submitted to each round (withdrawn ones no longer count), for the officers' list of rounds. */
export function submittedBidCounts(): Map<number, number> {
  const rows = getDb().select({ roundId: bids.roundId, n: count() }).from(bids).where(inArray(bids.status, [...SUBMITTED_STATUSES])).groupBy(bids.roundId).all();
  return new Map(rows.map((r) => [r.roundId, r.n]));
}

/** A bid's assessments with each criterion's score and comment, for staff (assessors never see each other's). */
export function assessmentsWithScores(bidId: number) {
  const db = getDb();
  const rows = db
    .select({
      id: assessments.id,
      assessorName: users.name,
      status: assessments.status,
      assignedAt: assessments.assignedAt,
      submittedAt: assessments.submittedAt,
      conflictNote: assessments.conflictNote,
      weightedScore: assessments.weightedScore,
    })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .where(eq(assessments.bidId, bidId))
    .orderBy(asc(assessments.id))
    .all();
  if (rows.length === 0) return [];
  const scores = db
    .select({ assessmentId: assessmentScores.assessmentId, criterion: roundCriteria.name, maxScore: roundCriteria.maxScore, weight: roundCriteria.weight, score: assessmentScores.score, comment: assessmentScores.comment })
    .from(assessmentScores)
    .innerJoin(roundCriteria, eq(roundCriteria.id, assessmentScores.criterionId))
    .where(inArray(assessmentScores.assessmentId, rows.map((r) => r.id)))
    .orderBy(asc(roundCriteria.position))
    .all();
  return rows.map((row) => ({ ...row, scores: scores.filter((s) => s.assessmentId === row.id) }));
}

/**
 * The flags from each organisation's latest register checks; `checked` is false when no register
 * has been asked yet, which an officer must not mistake for "nothing found".
 */
export function registerFlagsByOrganisation(organisationIds: readonly number[]): Map<number, { checked: boolean; flags: string[] }> {
  return new Map(
    [...new Set(organisationIds)].map((id) => {
      const checks = latestRegisterChecks(id);
      return [id, { checked: checks.length > 0, flags: combineFlags(checks.map((c) => c.flags)) }];
    }),
  );
}
