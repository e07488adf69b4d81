/**
 * Bids in a personal data download: every bid of the person's organisations (and any they started),
 * with the answers as typed, the frozen submission, the documents' names and, only once released,
 * the decision (the portal never tells an applicant an outcome before the round's release); and,
 * for anyone, the submitted bids whose frozen organisation details give their email as contact.
 */
import { asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { attachments, bids, funds, organisations, rounds } from "#db/schema";
import { getDb } from "#db/client";
import { releasedOutcomeForBid } from "../assessment/decision.server";
import type { Subject } from "./account-data.server";

function bidRows(where: SQL | undefined) {
  return getDb()
    .select({
      id: bids.id,
      reference: bids.reference,
      fund: funds.name,
      round: rounds.name,
      organisationId: bids.organisationId,
      organisation: organisations.name,
      status: bids.status,
      projectTitle: bids.projectTitle,
      amountRequestedPence: bids.amountRequestedPence,
      createdBy: bids.createdBy,
      createdAt: bids.createdAt,
      updatedAt: bids.updatedAt,
      submittedAt: bids.submittedAt,
      withdrawnAt: bids.withdrawnAt,
      anonymisedAt: bids.anonymisedAt,
      answers: bids.answers,
      submitted: bids.submitted,
    })
    .from(bids)
    .innerJoin(rounds, eq(rounds.id, bids.roundId))
    .innerJoin(funds, eq(funds.id, rounds.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(where)
    .orderBy(asc(bids.id))
    .all();
}

export function bidRecords(subject: Subject, organisationIds: number[]) {
  const mine = subject.userId === null ? [] : bidRows(or(inArray(bids.organisationId, organisationIds.length ? organisationIds : [-1]), eq(bids.createdBy, subject.userId)));
  const documents = mine.length
    ? getDb()
        .select({ bidId: attachments.bidId, kind: attachments.kind, originalName: attachments.originalName, mimeType: attachments.mimeType, sizeBytes: attachments.sizeBytes, uploadedBy: attachments.uploadedBy, uploadedAt: attachments.uploadedAt })
        .from(attachments)
        .where(inArray(attachments.bidId, mine.map((b) => b.id)))
        .orderBy(asc(attachments.id))
        .all()
    : [];
  const full = mine.map(({ createdBy, ...bid }) => {
    const decision = releasedOutcomeForBid(bid.id);
    return {
      ...bid,
      startedByYou: createdBy === subject.userId,
      documents: documents.filter((d) => d.bidId === bid.id).map(({ bidId: _bidId, uploadedBy, ...d }) => ({ ...d, uploadedByYou: uploadedBy === subject.userId })),
      decision: decision && { outcome: decision.label, amountPence: decision.amountPence, reason: decision.reason, reasonText: decision.reasonText, feedback: decision.feedback, releasedAt: decision.releasedAt },
    };
  });
  // Someone named as an organisation's contact in a bid they cannot otherwise see gets their own details from it, nothing more.
  const seen = new Set(mine.map((b) => b.id));
  const contactPath = sql`lower(json_extract(${bids.submitted}, '$.organisation.contactEmail'))`;
  const namingYou = bidRows(sql`${contactPath} = ${subject.email.toLowerCase()}`)
    .filter((b) => !seen.has(b.id))
    .map((b) => {
      const organisation = ((b.submitted ?? {}) as { organisation?: Record<string, unknown> }).organisation ?? {};
      return {
        reference: b.reference,
        fund: b.fund,
        round: b.round,
        organisation: b.organisation,
        submittedAt: b.submittedAt,
        contactName: organisation.contactName ?? null,
        contactEmail: organisation.contactEmail ?? null,
        contactPhone: organisation.contactPhone ?? null,
      };
    });
  return { yourOrganisations: full, namingYouAsContact: namingYou };
}

/** Ids of the bids in the bids part, so the audit trail can include what happened to them. */
export function bidIdsOf(records: ReturnType<typeof bidRecords>): number[] {
  return records.yourOrganisations.map((b) => b.id);
}
