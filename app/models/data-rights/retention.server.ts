/**
 * Retention: once an unsuccessful bid's retention period has passed, its personal data goes and its
 * figures stay. Due are bids not funded, withdrawn, left on the reserve list at release, or left as
 * drafts in a round that closed, whose decision (else closing) or withdrawal is older than the
 * period; never a bid with an award. For each, in one transaction per batch with its audit events:
 * the free text of its answers and frozen submission (contact details, addresses, the safeguarding
 * lead, people named in stories) becomes a marker, as do its budget lines' and outcomes' wording and
 * what staff wrote about it; its documents' rows go; the details of its audit events are redacted;
 * and `anonymised_at` is set so it is never picked again. Counts, amounts, statuses, references,
 * rounds, organisations, priorities, themes, tags, districts, eligibility, scores and decisions stay,
 * so every report adds up as before.
 *
 * The documents' files are deleted before their rows, outside the transaction (a file cannot be
 * rolled back): if the transaction then fails, a row points at a file that is gone, on a bid about
 * to be anonymised anyway, and the next run deletes the row. The other order could leave a file of
 * personal data on disk with nothing left pointing at it.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  assessments,
  assessmentScores,
  attachments,
  auditEvents,
  bidBudgetLines,
  bidOutcomes,
  bids,
  decisions,
  eligibilityChecks,
  moderations,
} from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { ANONYMISED_MARKER, REDACTED_AUDIT_DETAILS, anonymiseBidJson, anonymiseText } from "~/domain/data-rights/anonymise";
import { RETENTION_SETTING_KEY, retentionCutoff } from "~/domain/data-rights/retention";
import { deleteStoredFile } from "~/services/file-storage.server";
import { recordAudit } from "../audit.server";
import { retentionMonths } from "./retention-setting.server";

export const RETENTION_BATCH_SIZE = 50;

/** Audit events whose details hold only ids, statuses and amounts: kept whole. */
const PLAIN_AUDIT_ACTIONS = ["bid.started", "bid.submitted", "bid.withdrawn", "bid.decision_released", "assessment.assigned", "assessment.no_conflict_declared", "bid.anonymised"];

function dueCondition(cutoff: Date): SQL {
  const at = cutoff.getTime();
  return sql`b.anonymised_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM awards a WHERE a.bid_id = b.id)
    AND (
      (b.status = 'not_funded' AND coalesce(s.decisions_released_at, d.decided_at, r.closes_at) < ${at})
      OR (b.status = 'withdrawn' AND coalesce(b.withdrawn_at, b.updated_at) < ${at})
      OR (b.status = 'draft' AND r.closes_at < ${at})
      OR (b.status = 'under_assessment' AND d.outcome = 'reserve' AND s.decisions_released_at < ${at})
    )`;
}

const DUE_FROM = sql`FROM bids b
  JOIN rounds r ON r.id = b.round_id
  LEFT JOIN round_assessment_settings s ON s.round_id = b.round_id
  LEFT JOIN decisions d ON d.bid_id = b.id`;

/** Due bids in id order: among the ids given, or after an id (so a run always moves forward). */
function dueBidIds(db: Pick<WriteTx, "all">, cutoff: Date, limit: number, where: { among: number[] } | { afterId: number }): number[] {
  const only = "among" in where ? sql`AND b.id IN (${sql.join(where.among.map((id) => sql`${id}`), sql`, `)})` : sql`AND b.id > ${where.afterId}`;
  return db.all<{ id: number }>(sql`SELECT b.id AS id ${DUE_FROM} WHERE ${dueCondition(cutoff)} ${only} ORDER BY b.id LIMIT ${limit}`).map((r) => r.id);
}

export function countBidsDue(now: Date, months = retentionMonths()): number {
  return getDb().get<{ n: number }>(sql`SELECT count(*) AS n ${DUE_FROM} WHERE ${dueCondition(retentionCutoff(now, months))}`)?.n ?? 0;
}

/**
 * Which bid each document's audit events belong to (the bid id is only inside their details), read
 * once per run rather than once per batch: a first run over years of bids would otherwise read
 * every document event again for each batch.
 */
function attachmentEventsByBid(): Map<number, string[]> {
  const rows = getDb().all<{ id: string; bidId: number | null }>(sql`
    SELECT DISTINCT subject_id AS id, CAST(coalesce(json_extract("before", '$.bidId'), json_extract("after", '$.bidId')) AS INTEGER) AS "bidId"
    FROM audit_events WHERE subject_type = 'attachment'`);
  const byBid = new Map<number, string[]>();
  for (const row of rows) {
    if (row.bidId === null) continue;
    byBid.set(row.bidId, [...(byBid.get(row.bidId) ?? []), row.id]);
  }
  return byBid;
}

function redactAuditEvents(tx: WriteTx, subjects: { bidIds: number[]; assessmentIds: number[]; attachmentIds: string[] }) {
  const text = (list: string[]) => sql.join((list.length ? list : ["-1"]).map((id) => sql`${id}`), sql`, `);
  const marker = JSON.stringify(REDACTED_AUDIT_DETAILS);
  tx.run(sql`UPDATE audit_events
    SET "before" = CASE WHEN "before" IS NULL THEN NULL ELSE ${marker} END,
        "after" = CASE WHEN "after" IS NULL THEN NULL ELSE ${marker} END
    WHERE action NOT IN (${sql.join(PLAIN_AUDIT_ACTIONS.map((a) => sql`${a}`), sql`, `)})
      AND (
        (subject_type = 'bid' AND subject_id IN (${text(subjects.bidIds.map(String))}))
        OR (subject_type = 'assessment' AND subject_id IN (${text(subjects.assessmentIds.map(String))}))
        OR (subject_type = 'attachment' AND subject_id IN (${text(subjects.attachmentIds)}))
      )`);
}

/** Anonymises those of the bids given that are still due, with their audit events; returns which. */
type BatchContext = { cutoff: Date; months: number; now: Date; actorUserId: number | null; attachmentEvents: Map<number, string[]> };

function anonymiseBatch(tx: WriteTx, candidateIds: number[], context: BatchContext): { bidIds: number[]; documents: number } {
  const bidIds = dueBidIds(tx, context.cutoff, candidateIds.length, { among: candidateIds });
  if (bidIds.length === 0) return { bidIds, documents: 0 };
  const { now } = context;
  for (const bid of tx.select({ id: bids.id, answers: bids.answers, submitted: bids.submitted }).from(bids).where(inArray(bids.id, bidIds)).all()) {
    tx.update(bids)
      .set({ answers: anonymiseBidJson(bid.answers), submitted: bid.submitted === null ? null : anonymiseBidJson(bid.submitted), anonymisedAt: now })
      .where(eq(bids.id, bid.id))
      .run();
  }
  tx.update(bidBudgetLines).set({ item: ANONYMISED_MARKER }).where(inArray(bidBudgetLines.bidId, bidIds)).run();
  tx.update(bidOutcomes).set({ measure: ANONYMISED_MARKER }).where(inArray(bidOutcomes.bidId, bidIds)).run();
  // What staff wrote about the bid (reasons, feedback, comments); the outcomes and numbers stay.
  for (const row of tx.select().from(eligibilityChecks).where(inArray(eligibilityChecks.bidId, bidIds)).all()) {
    if (row.reason) tx.update(eligibilityChecks).set({ reason: anonymiseText(row.reason) }).where(eq(eligibilityChecks.bidId, row.bidId)).run();
  }
  for (const row of tx.select().from(decisions).where(inArray(decisions.bidId, bidIds)).all()) {
    if (row.reason || row.feedback) tx.update(decisions).set({ reason: anonymiseText(row.reason), feedback: anonymiseText(row.feedback) }).where(eq(decisions.bidId, row.bidId)).run();
  }
  tx.update(moderations).set({ reason: ANONYMISED_MARKER }).where(inArray(moderations.bidId, bidIds)).run();
  const assessmentIds = tx.select({ id: assessments.id }).from(assessments).where(inArray(assessments.bidId, bidIds)).all().map((a) => a.id);
  if (assessmentIds.length) {
    tx.update(assessments).set({ conflictNote: ANONYMISED_MARKER }).where(and(inArray(assessments.id, assessmentIds), sql`${assessments.conflictNote} IS NOT NULL AND ${assessments.conflictNote} <> ''`)).run();
    tx.update(assessmentScores).set({ comment: ANONYMISED_MARKER }).where(and(inArray(assessmentScores.assessmentId, assessmentIds), sql`${assessmentScores.comment} <> ''`)).run();
  }
  const current = tx.select({ id: attachments.id }).from(attachments).where(inArray(attachments.bidId, bidIds)).all().map((a) => String(a.id));
  const documents = tx.delete(attachments).where(inArray(attachments.bidId, bidIds)).run().changes;
  const attachmentIds = [...new Set([...current, ...bidIds.flatMap((id) => context.attachmentEvents.get(id) ?? [])])];
  redactAuditEvents(tx, { bidIds, assessmentIds, attachmentIds });
  const why = { reason: "retention", retentionMonths: context.months, cutoff: context.cutoff.toISOString() };
  for (const bidId of bidIds) recordAudit(tx, { at: now, actorUserId: context.actorUserId, action: "bid.anonymised", subjectType: "bid", subjectId: bidId, after: why });
  recordAudit(tx, { at: now, actorUserId: context.actorUserId, action: "retention.bids_anonymised", subjectType: "portal_setting", subjectId: RETENTION_SETTING_KEY, after: { ...why, bidIds, documentsDeleted: documents } });
  return { bidIds, documents };
}

export type RetentionRun = { anonymised: number; documentsDeleted: number; remaining: number; cutoff: Date; months: number };

/**
 * Anonymises every bid due, a batch at a time (each batch one short write transaction, so the
 * portal keeps answering in between), up to `maxBatches` batches; `remaining` says what is left.
 */
export async function anonymiseDueBids(options: { now: Date; actorUserId: number | null; months?: number; batchSize?: number; maxBatches?: number }): Promise<RetentionRun> {
  const months = options.months ?? retentionMonths();
  const cutoff = retentionCutoff(options.now, months);
  const batchSize = options.batchSize ?? RETENTION_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let anonymised = 0;
  let documentsDeleted = 0;
  let after = 0;
  let attachmentEvents: Map<number, string[]> | undefined;
  for (let batch = 0; batch < maxBatches; batch++) {
    // Walking forward by id: a bid the transaction found no longer due is not picked up again.
    const candidates = dueBidIds(getDb(), cutoff, batchSize, { afterId: after });
    if (candidates.length === 0) break;
    after = candidates[candidates.length - 1];
    const files = getDb().select({ storedName: attachments.storedName }).from(attachments).where(inArray(attachments.bidId, candidates)).all();
    for (const file of files) await deleteStoredFile(file.storedName);
    attachmentEvents ??= attachmentEventsByBid();
    const context = { cutoff, months, now: options.now, actorUserId: options.actorUserId, attachmentEvents };
    const done = writeTransaction((tx) => anonymiseBatch(tx, candidates, context));
    anonymised += done.bidIds.length;
    documentsDeleted += done.documents;
  }
  return { anonymised, documentsDeleted, remaining: countBidsDue(options.now, months), cutoff, months };
}

/** The latest retention run, for the settings page. */
export function lastRetentionRun() {
  const row = getDb()
    .select({ at: auditEvents.at, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "retention.bids_anonymised"), eq(auditEvents.subjectId, RETENTION_SETTING_KEY)))
    .orderBy(sql`${auditEvents.id} DESC`)
    .get();
  return row ? { at: row.at } : null;
}

