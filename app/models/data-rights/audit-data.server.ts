/**
 * The audit trail in a personal data download: every event the person caused; every event about
 * their account or naming their email address; and what they, their colleagues in their
 * organisations or the system did to those organisations' records (bids, documents, awards,
 * returns, changes). Staff's own steps on an organisation's bid (eligibility, scores, moderation,
 * draft decisions) are not the applicant's data and must not reach them before the round's
 * release, so they are left out; what was decided reaches the bids part once released. Details
 * are included when the event is about the person or their organisations' records; for an action
 * they took on anyone else's record (a grants officer's decision on another organisation's bid,
 * an administrator's invitation), only what was done, to which record and when: the details there
 * are someone else's.
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { auditEvents, memberships } from "#db/schema";
import { getDb } from "#db/client";
import type { Subject } from "./account-data.server";

export type AuditScope = {
  organisationIds: number[];
  bidIds: number[];
  awardIds: number[];
  returnIds: number[];
  variationIds: number[];
};

const ids = (list: number[]) => (list.length ? list.map(String) : ["-1"]);
const numbers = (list: number[]) => (list.length ? list : [-1]);

function aboutSubject(subject: Subject, scope: AuditScope): SQL {
  // The email as a whole JSON string, so jo@example.org does not match bojo@example.org.
  const quoted = JSON.stringify(subject.email.toLowerCase());
  const attachmentOfBids = (column: SQLWrapper) =>
    sql`CAST(json_extract(${column}, '$.bidId') AS INTEGER) IN (${sql.join(numbers(scope.bidIds).map((id) => sql`${id}`), sql`, `)})`;
  const organisationRecord = or(
    and(eq(auditEvents.subjectType, "organisation"), inArray(auditEvents.subjectId, ids(scope.organisationIds))),
    and(eq(auditEvents.subjectType, "bid"), inArray(auditEvents.subjectId, ids(scope.bidIds))),
    and(eq(auditEvents.subjectType, "attachment"), or(attachmentOfBids(auditEvents.before), attachmentOfBids(auditEvents.after))),
    and(eq(auditEvents.subjectType, "award"), inArray(auditEvents.subjectId, ids(scope.awardIds))),
    and(eq(auditEvents.subjectType, "monitoring_return"), inArray(auditEvents.subjectId, ids(scope.returnIds))),
    and(eq(auditEvents.subjectType, "variation"), inArray(auditEvents.subjectId, ids(scope.variationIds))),
  );
  return or(
    subject.userId === null ? undefined : and(eq(auditEvents.subjectType, "user"), eq(auditEvents.subjectId, String(subject.userId))),
    and(organisationRecord, or(isNull(auditEvents.actorUserId), inArray(auditEvents.actorUserId, numbers(colleagueIds(scope.organisationIds))))),
    sql`lower(${auditEvents.subjectId}) = ${subject.email.toLowerCase()}`,
    sql`instr(lower(coalesce(${auditEvents.before}, '')), ${quoted}) > 0`,
    sql`instr(lower(coalesce(${auditEvents.after}, '')), ${quoted}) > 0`,
  )!;
}

/** The person and everyone else who acts for their organisations. */
function colleagueIds(organisationIds: number[]): number[] {
  if (organisationIds.length === 0) return [];
  return getDb().selectDistinct({ id: memberships.userId }).from(memberships).where(inArray(memberships.organisationId, organisationIds)).all().map((m) => m.id);
}

export function auditRecords(subject: Subject, scope: AuditScope) {
  const about = aboutSubject(subject, scope);
  const rows = getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorUserId: auditEvents.actorUserId,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      before: auditEvents.before,
      after: auditEvents.after,
      aboutYou: sql<number>`CASE WHEN ${about} THEN 1 ELSE 0 END`,
    })
    .from(auditEvents)
    .where(subject.userId === null ? about : or(eq(auditEvents.actorUserId, subject.userId), about))
    .orderBy(asc(auditEvents.id))
    .all();
  return rows.map((e) => ({
    at: e.at,
    action: e.action,
    record: { type: e.subjectType, id: e.subjectId },
    byYou: subject.userId !== null && e.actorUserId === subject.userId,
    details: e.aboutYou ? { before: e.before, after: e.after } : "left out: this action was about someone else's record",
  }));
}
