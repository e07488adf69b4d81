/**
 * Bid documents: their rows, and the files behind them. Rows and audit events change together in
 * one transaction; files are moved in before it and deleted after it commits, because a file
 * operation cannot be rolled back (a left-over file is harmless, a row without its file is not).
 * Applicants reach an attachment only through `getAttachmentForMember`, which returns nothing for
 * another organisation's document (answered as 404); assessors only through
 * `getAttachmentForAssessor`, which returns nothing unless they may see the bid itself.
 */
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { assessments, attachments, bids, memberships } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { canEdit, type BidStatus } from "~/domain/bids/status";
import type { AllowedMimeType } from "~/domain/attachments/rules";
import { deleteStoredFile, discardTemp, keepFile, type ReceivedFile } from "~/services/file-storage.server";
import { recordAudit } from "./audit.server";

export type AttachmentKind = (typeof attachments.$inferSelect)["kind"];
export type Attachment = typeof attachments.$inferSelect;

export class AttachmentRefused extends Error {}

function auditView(a: Pick<Attachment, "bidId" | "kind" | "originalName" | "mimeType" | "sizeBytes" | "sha256">) {
  return { bidId: a.bidId, kind: a.kind, originalName: a.originalName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, sha256: a.sha256 };
}

function requireDraft(tx: WriteTx, bidId: number) {
  const bid = tx.select({ status: bids.status }).from(bids).where(eq(bids.id, bidId)).get();
  if (!bid || !canEdit(bid.status as BidStatus)) throw new AttachmentRefused("This bid has been submitted and its documents can no longer be changed");
}

/**
 * Keeps a received, already-checked file as the bid's document of that kind. An earlier document
 * of the same kind is replaced: its row goes (audited) and its file is deleted after the commit.
 */
export async function saveAttachment(
  input: { bidId: number; organisationId: number; userId: number; kind: AttachmentKind; originalName: string; mimeType: AllowedMimeType; file: ReceivedFile },
  now: Date,
): Promise<number> {
  let storedName: string;
  try {
    storedName = await keepFile(input.file.tempPath);
  } catch (error) {
    await discardTemp(input.file.tempPath);
    throw error;
  }
  let replaced: string[];
  let id: number;
  try {
    ({ id, replaced } = writeTransaction((tx) => {
      requireDraft(tx, input.bidId);
      const earlier = tx.select().from(attachments).where(and(eq(attachments.bidId, input.bidId), eq(attachments.kind, input.kind))).all();
      for (const old of earlier) {
        tx.delete(attachments).where(eq(attachments.id, old.id)).run();
        recordAudit(tx, { at: now, actorUserId: input.userId, action: "attachment.removed", subjectType: "attachment", subjectId: old.id, before: auditView(old), after: { reason: "replaced" } });
      }
      const row = tx
        .insert(attachments)
        .values({
          organisationId: input.organisationId,
          bidId: input.bidId,
          kind: input.kind,
          originalName: input.originalName,
          storedName,
          mimeType: input.mimeType,
          sizeBytes: input.file.sizeBytes,
          sha256: input.file.sha256,
          uploadedBy: input.userId,
          uploadedAt: now,
        })
        .returning()
        .get();
      recordAudit(tx, { at: now, actorUserId: input.userId, action: "attachment.uploaded", subjectType: "attachment", subjectId: row.id, after: auditView(row) });
      return { id: row.id, replaced: earlier.map((old) => old.storedName) };
    }));
  } catch (error) {
    await deleteStoredFile(storedName);
    throw error;
  }
  for (const name of replaced) await deleteStoredFile(name);
  return id;
}

export function listAttachmentsForBid(bidId: number) {
  return getDb().select().from(attachments).where(eq(attachments.bidId, bidId)).orderBy(asc(attachments.uploadedAt), asc(attachments.id)).all();
}

/** An attachment, only if the person is a member of the organisation that uploaded it. */
export function getAttachmentForMember(attachmentId: number, userId: number): Attachment | undefined {
  return getDb()
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(memberships, and(eq(memberships.organisationId, attachments.organisationId), eq(memberships.userId, userId)))
    .where(eq(attachments.id, attachmentId))
    .get()?.attachment;
}

/**
 * An attachment, only for an assessor who may see its bid: assigned to it, declared free of any
 * conflict of interest, and the bid still withdrawn-free and eligible. The same door as the
 * assessment itself (assessment/assessor.server.ts), so a document never shows more than the bid.
 */
export function getAttachmentForAssessor(attachmentId: number, assessorId: number): Attachment | undefined {
  return getDb()
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(bids, eq(bids.id, attachments.bidId))
    .innerJoin(assessments, and(eq(assessments.bidId, bids.id), eq(assessments.assessorId, assessorId)))
    .where(
      and(
        eq(attachments.id, attachmentId),
        ne(assessments.status, "conflict"),
        isNotNull(assessments.noConflictAt),
        ne(bids.status, "withdrawn"),
        sql`exists (select 1 from eligibility_checks e where e.bid_id = ${bids.id} and e.eligible = 1)`,
      ),
    )
    .get()?.attachment;
}

/** For grants officers, finance and admins, who may see every bid. */
export function getAttachmentForStaff(attachmentId: number): Attachment | undefined {
  return getDb().select().from(attachments).where(eq(attachments.id, attachmentId)).get();
}

/** Removes a document from a draft bid; false if there is no such document on this bid. */
export async function removeAttachment(input: { attachmentId: number; bidId: number; userId: number }, now: Date): Promise<boolean> {
  const removed = writeTransaction((tx) => {
    requireDraft(tx, input.bidId);
    const row = tx.select().from(attachments).where(and(eq(attachments.id, input.attachmentId), eq(attachments.bidId, input.bidId))).get();
    if (!row) return undefined;
    tx.delete(attachments).where(eq(attachments.id, row.id)).run();
    recordAudit(tx, { at: now, actorUserId: input.userId, action: "attachment.removed", subjectType: "attachment", subjectId: row.id, before: auditView(row) });
    return row;
  });
  if (!removed) return false;
  await deleteStoredFile(removed.storedName);
  return true;
}
