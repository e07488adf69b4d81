/**
 * Audit events: who did what, when, with the record before and after. Written inside the same
 * transaction as the change they describe, so neither can exist without the other.
 */
import { and, desc, eq } from "drizzle-orm";
import { auditEvents } from "#db/schema";
import { getDb, type WriteTx } from "#db/client";

export type AuditInput = {
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
  at: Date;
};

export function recordAudit(tx: WriteTx, event: AuditInput): void {
  tx.insert(auditEvents)
    .values({
      at: event.at,
      actorUserId: event.actorUserId,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: String(event.subjectId),
      before: event.before ?? null,
      after: event.after ?? null,
    })
    .run();
}

export function listAuditEvents(filter: { subjectType?: string; subjectId?: string; limit?: number } = {}) {
  const conditions = [];
  if (filter.subjectType) conditions.push(eq(auditEvents.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(auditEvents.subjectId, filter.subjectId));
  return getDb()
    .select()
    .from(auditEvents)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit ?? 100)
    .all();
}
