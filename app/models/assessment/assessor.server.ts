/**
 * The assessor's side of assessment: their list, one assessment at a time, the conflict-of-interest
 * declaration, scores saved part way, submission (which locks) and an officer's reopening.
 *
 * Access rule: an assessor reaches an assessment only through these functions, which find nothing
 * when it is someone else's, when they declared a conflict, or when the bid was withdrawn. Routes
 * answer all three with the same 404 as a missing id, so a conflicted person learns nothing more.
 */
import { and, asc, count, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { assessments, assessmentScores, bids, funds, organisations, roundCriteria, rounds, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { weightedScore } from "~/domain/assessment/scoring";
import { missingForSubmission, type ScoreInput } from "~/domain/assessment/score-form";
import { recordAudit } from "../audit.server";


/** An officer may find a bid ineligible after assigning it: from then on its assessors no longer see it. */
const stillEligible = sql`exists (select 1 from eligibility_checks e where e.bid_id = ${bids.id} and e.eligible = 1)`;

/** Where an assessment stands for the person doing it; the dashboard's tags come from this. */
export type AssessorStage = "declare" | "not_started" | "in_progress" | "submitted" | "conflict";

function stageOf(a: { status: string; noConflictAt: Date | null }): AssessorStage {
  if (a.status === "conflict") return "conflict";
  if (a.status === "submitted") return "submitted";
  if (a.status === "in_progress") return "in_progress";
  return a.noConflictAt ? "not_started" : "declare";
}

type Reader = Pick<WriteTx, "select">;

const headerColumns = {
  id: assessments.id,
  bidId: assessments.bidId,
  assessorId: assessments.assessorId,
  status: assessments.status,
  noConflictAt: assessments.noConflictAt,
  submittedAt: assessments.submittedAt,
  weightedScore: assessments.weightedScore,
  reference: bids.reference,
  projectTitle: bids.projectTitle,
  organisationName: organisations.name,
  roundId: rounds.id,
  roundName: rounds.name,
  fundName: funds.name,
};

function headerQuery(db: Reader) {
  return db
    .select({ ...headerColumns, assessorName: users.name })
    .from(assessments)
    .innerJoin(users, eq(users.id, assessments.assessorId))
    .innerJoin(bids, eq(bids.id, assessments.bidId))
    .innerJoin(rounds, eq(rounds.id, bids.roundId))
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId));
}

/** The one door: nothing for another person's assessment, a declared conflict, or a withdrawn bid. */
function ownAssessment(db: Reader, assessmentId: number, assessorId: number) {
  if (!Number.isSafeInteger(assessmentId) || assessmentId <= 0) return undefined;
  return headerQuery(db)
    .where(and(eq(assessments.id, assessmentId), eq(assessments.assessorId, assessorId), ne(assessments.status, "conflict"), ne(bids.status, "withdrawn"), stillEligible))
    .get();
}

function criteriaOf(db: Reader, roundId: number) {
  return db
    .select({ id: roundCriteria.id, name: roundCriteria.name, guidance: roundCriteria.guidance, maxScore: roundCriteria.maxScore, weight: roundCriteria.weight })
    .from(roundCriteria)
    .where(eq(roundCriteria.roundId, roundId))
    .orderBy(asc(roundCriteria.position), asc(roundCriteria.id))
    .all();
}

function scoresOf(db: Reader, assessmentId: number) {
  return db
    .select({ criterionId: assessmentScores.criterionId, score: assessmentScores.score, comment: assessmentScores.comment })
    .from(assessmentScores)
    .where(eq(assessmentScores.assessmentId, assessmentId))
    .all();
}

/** Every bid assigned to the assessor, with how far they have got. Conflicts stay listed, without a way in. */
export function listAssessmentsForAssessor(assessorId: number) {
  const db = getDb();
  const rows = headerQuery(db)
    .where(and(eq(assessments.assessorId, assessorId), ne(bids.status, "withdrawn"), stillEligible))
    .orderBy(asc(rounds.closesAt), asc(bids.roundSequence))
    .all();
  if (rows.length === 0) return [];
  const roundIds = [...new Set(rows.map((r) => r.roundId))];
  const totals = new Map(
    db.select({ roundId: roundCriteria.roundId, n: count() }).from(roundCriteria).where(inArray(roundCriteria.roundId, roundIds)).groupBy(roundCriteria.roundId).all().map((r) => [r.roundId, r.n]),
  );
  const scored = new Map(
    db
      .select({ assessmentId: assessmentScores.assessmentId, n: count() })
      .from(assessmentScores)
      .where(and(inArray(assessmentScores.assessmentId, rows.map((r) => r.id)), isNotNull(assessmentScores.score)))
      .groupBy(assessmentScores.assessmentId)
      .all()
      .map((r) => [r.assessmentId, r.n]),
  );
  return rows.map(({ assessorId: _assessorId, ...row }) => ({
    ...row,
    stage: stageOf(row),
    criteriaScored: row.status === "conflict" ? 0 : (scored.get(row.id) ?? 0),
    criteriaTotal: totals.get(row.roundId) ?? 0,
  }));
}

export type AssessorListRow = ReturnType<typeof listAssessmentsForAssessor>[number];

/**
 * One assessment for the person assigned to it, or undefined (answered as 404). The bid's frozen
 * answers come back only once they have declared no conflict: the bid is not shown before that.
 */
export function getAssessmentForAssessor(assessmentId: number, assessorId: number) {
  const db = getDb();
  const header = ownAssessment(db, assessmentId, assessorId);
  if (!header) return undefined;
  const declared = header.noConflictAt !== null;
  const submitted = declared ? db.select({ submitted: bids.submitted }).from(bids).where(eq(bids.id, header.bidId)).get()?.submitted : null;
  return {
    ...header,
    stage: stageOf(header),
    declared,
    criteria: declared ? criteriaOf(db, header.roundId) : [],
    scores: declared ? scoresOf(db, header.id) : [],
    typed: (submitted?.typed ?? null) as Record<string, Record<string, unknown>> | null,
  };
}

export type AssessorAssessment = NonNullable<ReturnType<typeof getAssessmentForAssessor>>;

export type AssessorWriteResult =
  | { ok: true }
  | { ok: false; reason: "not_found" | "already_declared" | "undeclared" | "locked" }
  | { ok: false; reason: "incomplete"; missing: string[] };

/** Declaring a conflict or none is a one-time answer, given before the bid is seen. */
function undeclared(a: { status: string; noConflictAt: Date | null }) {
  return a.status === "assigned" && a.noConflictAt === null;
}

export function declareNoConflict(assessmentId: number, assessorId: number, now: Date): AssessorWriteResult {
  return writeTransaction((tx) => {
    const a = ownAssessment(tx, assessmentId, assessorId);
    if (!a) return { ok: false, reason: "not_found" };
    if (!undeclared(a)) return { ok: false, reason: "already_declared" };
    tx.update(assessments).set({ noConflictAt: now }).where(eq(assessments.id, a.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: assessorId,
      action: "assessment.no_conflict_declared",
      subjectType: "assessment",
      subjectId: a.id,
      before: { noConflictAt: null },
      after: { bidId: a.bidId, noConflictAt: now.toISOString() },
    });
    return { ok: true };
  });
}

/** A declared conflict removes the assessor from the bid for good: every later lookup finds nothing. */
export function declareConflict(assessmentId: number, assessorId: number, note: string, now: Date): AssessorWriteResult {
  return writeTransaction((tx) => {
    const a = ownAssessment(tx, assessmentId, assessorId);
    if (!a) return { ok: false, reason: "not_found" };
    if (!undeclared(a)) return { ok: false, reason: "already_declared" };
    tx.update(assessments).set({ status: "conflict", conflictDeclaredAt: now, conflictNote: note }).where(eq(assessments.id, a.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: assessorId,
      action: "assessment.conflict_declared",
      subjectType: "assessment",
      subjectId: a.id,
      before: { status: a.status },
      after: { bidId: a.bidId, status: "conflict", conflictNote: note },
    });
    return { ok: true };
  });
}

/** Writes the form's scores over the stored ones (a cleared box clears the score), only for the round's criteria. */
function writeScores(tx: WriteTx, assessmentId: number, criterionIds: Set<number>, input: readonly ScoreInput[]) {
  const rows = input.filter((s) => criterionIds.has(s.criterionId)).map((s) => ({ assessmentId, criterionId: s.criterionId, score: s.score, comment: s.comment }));
  if (rows.length === 0) return;
  tx.insert(assessmentScores)
    .values(rows)
    .onConflictDoUpdate({ target: [assessmentScores.assessmentId, assessmentScores.criterionId], set: { score: sql`excluded.score`, comment: sql`excluded.comment` } })
    .run();
}

/** Loads an assessment that may take scores now: theirs, declared free of conflict, not submitted. */
function openForScoring(tx: WriteTx, assessmentId: number, assessorId: number) {
  const a = ownAssessment(tx, assessmentId, assessorId);
  if (!a) return { ok: false as const, reason: "not_found" as const };
  if (a.noConflictAt === null) return { ok: false as const, reason: "undeclared" as const };
  if (a.status === "submitted") return { ok: false as const, reason: "locked" as const };
  return { ok: true as const, a, criteria: criteriaOf(tx, a.roundId), before: scoresOf(tx, a.id) };
}

export function saveScores(assessmentId: number, assessorId: number, input: readonly ScoreInput[], now: Date): AssessorWriteResult {
  return writeTransaction((tx) => {
    const open = openForScoring(tx, assessmentId, assessorId);
    if (!open.ok) return open;
    writeScores(tx, open.a.id, new Set(open.criteria.map((c) => c.id)), input);
    tx.update(assessments).set({ status: "in_progress" }).where(eq(assessments.id, open.a.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: assessorId,
      action: "assessment.scores_saved",
      subjectType: "assessment",
      subjectId: open.a.id,
      before: { status: open.a.status, scores: open.before },
      after: { status: "in_progress", scores: scoresOf(tx, open.a.id) },
    });
    return { ok: true };
  });
}

/**
 * Saves the final scores and locks the assessment, in one transaction. Completeness is checked here
 * against what is stored, whatever the form said, and the weighted score comes from the one domain
 * function. If anything is missing, nothing is written and the missing criteria are named.
 */
export function submitAssessment(assessmentId: number, assessorId: number, input: readonly ScoreInput[], now: Date): AssessorWriteResult {
  return writeTransaction((tx) => {
    const open = openForScoring(tx, assessmentId, assessorId);
    if (!open.ok) return open;
    const criterionIds = new Set(open.criteria.map((c) => c.id));
    const merged = new Map(open.before.map((s) => [s.criterionId, s]));
    for (const s of input) if (criterionIds.has(s.criterionId)) merged.set(s.criterionId, s);
    const missing = missingForSubmission(open.criteria, merged);
    if (missing.length > 0 || open.criteria.length === 0) return { ok: false, reason: "incomplete", missing: missing.map((c) => c.name) };
    writeScores(tx, open.a.id, criterionIds, input);
    const stored = scoresOf(tx, open.a.id);
    const score = weightedScore(open.criteria, new Map(stored.map((s) => [s.criterionId, s.score])));
    tx.update(assessments).set({ status: "submitted", submittedAt: now, weightedScore: score }).where(eq(assessments.id, open.a.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: assessorId,
      action: "assessment.submitted",
      subjectType: "assessment",
      subjectId: open.a.id,
      before: { status: open.a.status, scores: open.before },
      after: { bidId: open.a.bidId, status: "submitted", weightedScore: score, scores: stored },
    });
    return { ok: true };
  });
}

/** For the officer's reopen page: who assessed which bid, and where it stands. */
export function getAssessmentForOfficer(assessmentId: number) {
  if (!Number.isSafeInteger(assessmentId) || assessmentId <= 0) return undefined;
  return headerQuery(getDb()).where(eq(assessments.id, assessmentId)).get();
}

export type ReopenResult = { ok: true } | { ok: false; reason: "not_found" | "not_allowed" | "not_submitted" | "no_reason" };

const REOPENERS = ["grants_officer", "admin"] as const;

/** Unlocks a submitted assessment so its assessor can change it; the reason and the old score go into the audit trail. */
export function reopenAssessment(assessmentId: number, officerId: number, reason: string, now: Date): ReopenResult {
  const why = reason.trim();
  if (why === "") return { ok: false, reason: "no_reason" };
  return writeTransaction((tx) => {
    const officer = tx.select({ role: users.role }).from(users).where(eq(users.id, officerId)).get();
    if (!officer || !(REOPENERS as readonly string[]).includes(officer.role)) return { ok: false, reason: "not_allowed" };
    const a = tx.select().from(assessments).where(eq(assessments.id, assessmentId)).get();
    if (!a) return { ok: false, reason: "not_found" };
    if (a.status !== "submitted") return { ok: false, reason: "not_submitted" };
    tx.update(assessments).set({ status: "in_progress", submittedAt: null, weightedScore: null }).where(eq(assessments.id, a.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: officerId,
      action: "assessment.reopened",
      subjectType: "assessment",
      subjectId: a.id,
      before: { status: a.status, submittedAt: a.submittedAt?.toISOString() ?? null, weightedScore: a.weightedScore },
      after: { bidId: a.bidId, assessorId: a.assessorId, status: "in_progress", submittedAt: null, weightedScore: null, reason: why },
    });
    return { ok: true };
  });
}
