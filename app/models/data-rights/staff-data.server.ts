/**
 * A member of staff's own work in a personal data download: what they were given to assess and
 * what they wrote (conflict declarations, scores, comments), and the checks, moderations, decisions,
 * reviews, confirmations, money and settings they recorded. Their words and the times are theirs;
 * each record is named by its bid reference or award, and other people's details stay out.
 */
import { asc, eq, inArray } from "drizzle-orm";
import {
  assessments,
  assessmentScores,
  awards,
  bankDetails,
  bids,
  csfReturns,
  decisions,
  districts,
  eligibilityChecks,
  ledgerEntries,
  moderations,
  monitoringReturns,
  organisations,
  portalSettings,
  roundAssessmentSettings,
  roundCriteria,
  rounds,
  variations,
} from "#db/schema";
import { getDb } from "#db/client";

function assessmentRecords(userId: number) {
  const db = getDb();
  const rows = db
    .select({
      id: assessments.id,
      bidReference: bids.reference,
      organisation: organisations.name,
      status: assessments.status,
      assignedAt: assessments.assignedAt,
      noConflictAt: assessments.noConflictAt,
      conflictDeclaredAt: assessments.conflictDeclaredAt,
      conflictNote: assessments.conflictNote,
      submittedAt: assessments.submittedAt,
      weightedScore: assessments.weightedScore,
    })
    .from(assessments)
    .innerJoin(bids, eq(bids.id, assessments.bidId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(eq(assessments.assessorId, userId))
    .orderBy(asc(assessments.id))
    .all();
  if (rows.length === 0) return [];
  const scores = db
    .select({ assessmentId: assessmentScores.assessmentId, criterion: roundCriteria.name, score: assessmentScores.score, comment: assessmentScores.comment })
    .from(assessmentScores)
    .innerJoin(roundCriteria, eq(roundCriteria.id, assessmentScores.criterionId))
    .where(inArray(assessmentScores.assessmentId, rows.map((r) => r.id)))
    .orderBy(asc(roundCriteria.position))
    .all();
  return rows.map(({ id, ...a }) => ({ ...a, scores: scores.filter((s) => s.assessmentId === id).map(({ assessmentId: _a, ...s }) => s) }));
}

export function staffWorkRecords(userId: number | null) {
  if (userId === null) return null;
  const db = getDb();
  const work = {
    assessments: assessmentRecords(userId),
    eligibilityChecks: db
      .select({ bidReference: bids.reference, eligible: eligibilityChecks.eligible, reason: eligibilityChecks.reason, decidedAt: eligibilityChecks.decidedAt })
      .from(eligibilityChecks)
      .innerJoin(bids, eq(bids.id, eligibilityChecks.bidId))
      .where(eq(eligibilityChecks.decidedBy, userId))
      .all(),
    moderations: db
      .select({ bidReference: bids.reference, score: moderations.score, reason: moderations.reason, moderatedAt: moderations.moderatedAt })
      .from(moderations)
      .innerJoin(bids, eq(bids.id, moderations.bidId))
      .where(eq(moderations.moderatedBy, userId))
      .all(),
    decisions: db
      .select({ bidReference: bids.reference, outcome: decisions.outcome, amountPence: decisions.amountPence, reasonCode: decisions.reasonCode, reason: decisions.reason, feedback: decisions.feedback, decidedAt: decisions.decidedAt })
      .from(decisions)
      .innerJoin(bids, eq(bids.id, decisions.bidId))
      .where(eq(decisions.decidedBy, userId))
      .all(),
    decisionsReleased: db
      .select({ round: rounds.name, releasedAt: roundAssessmentSettings.decisionsReleasedAt })
      .from(roundAssessmentSettings)
      .innerJoin(rounds, eq(rounds.id, roundAssessmentSettings.roundId))
      .where(eq(roundAssessmentSettings.releasedBy, userId))
      .all(),
    offersMade: db.select({ awardId: awards.id, bidReference: bids.reference, offeredAt: awards.createdAt }).from(awards).innerJoin(bids, eq(bids.id, awards.bidId)).where(eq(awards.createdBy, userId)).all(),
    bankDetailsConfirmed: db.select({ awardId: bankDetails.awardId, confirmedAt: bankDetails.confirmedAt }).from(bankDetails).where(eq(bankDetails.confirmedBy, userId)).all(),
    monitoringReturnsReviewed: db
      .select({ awardId: monitoringReturns.awardId, kind: monitoringReturns.kind, status: monitoringReturns.status, reviewedAt: monitoringReturns.reviewedAt, reviewNote: monitoringReturns.reviewNote })
      .from(monitoringReturns)
      .where(eq(monitoringReturns.reviewedBy, userId))
      .all(),
    variationsDecided: db
      .select({ awardId: variations.awardId, kind: variations.kind, status: variations.status, decidedAt: variations.decidedAt, decisionNote: variations.decisionNote })
      .from(variations)
      .where(eq(variations.decidedBy, userId))
      .all(),
    moneyRecorded: db
      .select({ at: ledgerEntries.at, kind: ledgerEntries.kind, amountPence: ledgerEntries.amountPence, awardId: ledgerEntries.awardId, roundId: ledgerEntries.roundId, reference: ledgerEntries.reference, note: ledgerEntries.note, valueOn: ledgerEntries.valueOn })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.createdBy, userId))
      .orderBy(asc(ledgerEntries.id))
      .all(),
    communitySafetyFundReturns: db
      .select({ district: districts.name, financialYear: csfReturns.financialYear, quarter: csfReturns.quarter, outcomesSummary: csfReturns.outcomesSummary, submittedAt: csfReturns.submittedAt })
      .from(csfReturns)
      .innerJoin(districts, eq(districts.id, csfReturns.districtId))
      .where(eq(csfReturns.submittedBy, userId))
      .all(),
    settingsChanged: db.select({ key: portalSettings.key, updatedAt: portalSettings.updatedAt }).from(portalSettings).where(eq(portalSettings.updatedBy, userId)).all(),
  };
  return work;
}
