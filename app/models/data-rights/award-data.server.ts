/**
 * Grant offers in a personal data download: the awards of the person's organisations and any they
 * acted on, with the acceptance, bank details (the account's name in full; the sort code and
 * account number only in part, as everyone but finance sees them: they identify the organisation's
 * account, not the person, and a downloaded file is easily left on a shared computer), monitoring
 * returns and variations.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { awardAcceptances, awards, bankDetails, bids, monitoringReturns, organisations, variations } from "#db/schema";
import { getDb } from "#db/client";
import { maskBankDetails } from "~/domain/awards/bank-details";
import type { Subject } from "./account-data.server";

function awardIdsFor(userId: number, organisationIds: number[]): number[] {
  const db = getDb();
  const ids = new Set<number>();
  const orgs = organisationIds.length ? organisationIds : [-1];
  for (const row of db.select({ id: awards.id }).from(awards).where(inArray(awards.organisationId, orgs)).all()) ids.add(row.id);
  // Anything the person did on an award of an organisation they have since left.
  for (const row of db.select({ id: awardAcceptances.awardId }).from(awardAcceptances).where(eq(awardAcceptances.acceptedBy, userId)).all()) ids.add(row.id);
  for (const row of db.select({ id: bankDetails.awardId }).from(bankDetails).where(eq(bankDetails.submittedBy, userId)).all()) ids.add(row.id);
  for (const row of db.select({ id: monitoringReturns.awardId }).from(monitoringReturns).where(eq(monitoringReturns.submittedBy, userId)).all()) ids.add(row.id);
  for (const row of db.select({ id: variations.awardId }).from(variations).where(eq(variations.requestedBy, userId)).all()) ids.add(row.id);
  return [...ids].sort((a, b) => a - b);
}

export function awardRecords(subject: Subject, organisationIds: number[]) {
  if (subject.userId === null) return [];
  const userId = subject.userId;
  const ids = awardIdsFor(userId, organisationIds);
  if (ids.length === 0) return [];
  const db = getDb();
  const rows = db
    .select({ id: awards.id, bidReference: bids.reference, organisation: organisations.name, amountPence: awards.amountPence, status: awards.status, conditions: awards.conditions, startsOn: awards.startsOn, endsOn: awards.endsOn, offeredAt: awards.createdAt, closedAt: awards.closedAt })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(inArray(awards.id, ids))
    .orderBy(asc(awards.id))
    .all();
  const acceptances = db.select().from(awardAcceptances).where(inArray(awardAcceptances.awardId, ids)).all();
  const banks = db.select().from(bankDetails).where(inArray(bankDetails.awardId, ids)).orderBy(asc(bankDetails.id)).all();
  const returns = db.select().from(monitoringReturns).where(inArray(monitoringReturns.awardId, ids)).orderBy(asc(monitoringReturns.id)).all();
  const changes = db.select().from(variations).where(inArray(variations.awardId, ids)).orderBy(asc(variations.id)).all();
  return rows.map((award) => {
    const acceptance = acceptances.find((a) => a.awardId === award.id);
    return {
      ...award,
      acceptance: acceptance && {
        signatoryName: acceptance.signatoryName,
        signatoryRole: acceptance.signatoryRole,
        acceptedOn: acceptance.acceptedOn,
        declarations: acceptance.declarations,
        acceptedAt: acceptance.acceptedAt,
        acceptedByYou: acceptance.acceptedBy === userId,
      },
      bankDetails: banks
        .filter((b) => b.awardId === award.id)
        .map((b) => ({ ...maskBankDetails(b), submittedAt: b.submittedAt, submittedByYou: b.submittedBy === userId, neededConfirmation: b.needsConfirmation, confirmedAt: b.confirmedAt })),
      monitoringReturns: returns
        .filter((r) => r.awardId === award.id)
        .map((r) => ({ id: r.id, kind: r.kind, status: r.status, beneficiariesReached: r.beneficiariesReached, story: r.story, underspendPence: r.underspendPence, submittedAt: r.submittedAt, submittedByYou: r.submittedBy === userId, reviewedAt: r.reviewedAt, reviewNote: r.reviewNote })),
      variations: changes
        .filter((v) => v.awardId === award.id)
        .map((v) => ({ id: v.id, kind: v.kind, details: v.details, reason: v.reason, status: v.status, requestedAt: v.requestedAt, requestedByYou: v.requestedBy === userId, decidedAt: v.decidedAt, decisionNote: v.decisionNote })),
    };
  });
}

/** Ids of the awards, returns and variations in the download, for the audit trail's scope. */
export function awardScope(records: ReturnType<typeof awardRecords>) {
  return {
    awardIds: records.map((a) => a.id),
    returnIds: records.flatMap((a) => a.monitoringReturns.map((r) => r.id)),
    variationIds: records.flatMap((a) => a.variations.map((v) => v.id)),
  };
}
