/**
 * Bank details for paying an award, one row per version, never edited (only finance's confirmation
 * is added to a row). Details given after the offer was accepted need finance to confirm them before
 * any payment: a changed account is the classic way grant money is stolen, and the check that
 * catches it is a call to the organisation on a number finance already holds.
 */
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { awardAcceptances, awards, bankDetails, bids, memberships, organisations, users } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { maskBankDetails, sameBankDetails, type BankDetailsInput } from "~/domain/awards/bank-details";
import type { AwardStatus } from "~/domain/awards/offer";
import { formatLondonDate } from "~/domain/time/london";
import { recordAudit } from "../audit.server";

/** The app's connection or a transaction on it: any handle that can read. */
type Reader = Pick<WriteTx, "select">;

/** The bank details a payment would use now: the latest version. */
export function currentBankDetails(awardId: number, q: Reader = getDb()) {
  return q.select().from(bankDetails).where(eq(bankDetails.awardId, awardId)).orderBy(desc(bankDetails.id)).limit(1).get();
}

// ---- The applicant gives them ----

export type BankDetailsResult =
  | { ok: true; bankDetailsId: number; needsConfirmation: boolean; unchanged: boolean }
  | { ok: false; code: "not_found" }
  | { ok: false; code: "refused"; message: string };

/**
 * Stores a new version. Before the offer is accepted nothing can be paid, and the signatory accepts
 * with the details on record, so no confirmation is needed; any version given after acceptance is
 * flagged for finance. Sending the same details again adds no version, so it cannot block payment.
 */
export function submitBankDetails(input: BankDetailsInput & { awardId: number; userId: number }, now: Date): BankDetailsResult {
  return writeTransaction((tx): BankDetailsResult => {
    const award = tx
      .select({ id: awards.id, status: awards.status })
      .from(awards)
      .innerJoin(memberships, and(eq(memberships.organisationId, awards.organisationId), eq(memberships.userId, input.userId)))
      .where(eq(awards.id, input.awardId))
      .get();
    if (!award) return { ok: false, code: "not_found" };
    if (award.status === "declined" || award.status === "closed") return { ok: false, code: "refused", message: `This award is ${award.status}, so no payment will be made and no bank details are needed` };
    const current = currentBankDetails(award.id, tx);
    if (current && sameBankDetails(current, input)) {
      return { ok: true, bankDetailsId: current.id, needsConfirmation: current.needsConfirmation && !current.confirmedAt, unchanged: true };
    }
    const accepted = Boolean(tx.select({ awardId: awardAcceptances.awardId }).from(awardAcceptances).where(eq(awardAcceptances.awardId, award.id)).get());
    const row = tx
      .insert(bankDetails)
      .values({ awardId: award.id, accountName: input.accountName, sortCode: input.sortCode, accountNumber: input.accountNumber, submittedBy: input.userId, submittedAt: now, needsConfirmation: accepted })
      .returning()
      .get();
    // The audit trail holds the details masked: the whole numbers stay in bank_details, which only finance reads.
    recordAudit(tx, {
      at: now,
      actorUserId: input.userId,
      action: current ? "award.bank_details_changed" : "award.bank_details_given",
      subjectType: "award",
      subjectId: award.id,
      before: current ? { bankDetailsId: current.id, ...maskBankDetails(current) } : null,
      after: { bankDetailsId: row.id, ...maskBankDetails(row), needsConfirmation: row.needsConfirmation },
    });
    return { ok: true, bankDetailsId: row.id, needsConfirmation: row.needsConfirmation, unchanged: false };
  });
}

// ---- Finance confirms them ----

export type ConfirmResult = { ok: true } | { ok: false; code: "not_found" } | { ok: false; code: "forbidden" | "refused"; message: string };

export function confirmBankDetails(bankDetailsId: number, financeUserId: number, now: Date): ConfirmResult {
  return writeTransaction((tx): ConfirmResult => {
    // Checked here as well as by the route: a confirmation is only worth something from finance.
    const role = tx.select({ role: users.role }).from(users).where(eq(users.id, financeUserId)).get()?.role;
    if (role !== "finance" && role !== "admin") return { ok: false, code: "forbidden", message: "Only finance can confirm bank details" };
    const row = tx.select().from(bankDetails).where(eq(bankDetails.id, bankDetailsId)).get();
    if (!row) return { ok: false, code: "not_found" };
    if (!row.needsConfirmation) return { ok: false, code: "refused", message: "These bank details were given before the offer was accepted and do not need confirming" };
    if (row.confirmedAt) return { ok: false, code: "refused", message: "These bank details have already been confirmed" };
    if (currentBankDetails(row.awardId, tx)?.id !== row.id) return { ok: false, code: "refused", message: "Newer bank details have been given since these. Check and confirm those instead" };
    tx.update(bankDetails).set({ confirmedBy: financeUserId, confirmedAt: now }).where(eq(bankDetails.id, row.id)).run();
    recordAudit(tx, {
      at: now,
      actorUserId: financeUserId,
      action: "award.bank_details_confirmed",
      subjectType: "award",
      subjectId: row.awardId,
      before: { bankDetailsId: row.id, confirmedAt: null },
      after: { bankDetailsId: row.id, ...maskBankDetails(row), confirmedBy: financeUserId, confirmedAt: now.toISOString() },
    });
    return { ok: true };
  });
}

// ---- The check before any payment ----

/**
 * Why no payment may be made on the award now, in words for finance; null when nothing stops it.
 * The payments code calls this before recording any payment (pass its transaction as `q`).
 */
export function paymentBlockedReason(awardId: number, q: Reader = getDb()): string | null {
  const award = q.select({ status: awards.status }).from(awards).where(eq(awards.id, awardId)).get();
  if (!award) return "No such award";
  if (award.status === "offered") return "Offer not accepted";
  if (award.status === "declined") return "Offer declined";
  if (award.status === "closed") return "Award closed";
  const bank = currentBankDetails(awardId, q);
  if (!bank) return "No bank details";
  if (bank.needsConfirmation && !bank.confirmedAt) {
    const earlier = q.select({ id: bankDetails.id }).from(bankDetails).where(and(eq(bankDetails.awardId, awardId), lt(bankDetails.id, bank.id))).get();
    const on = formatLondonDate(bank.submittedAt);
    return earlier ? `Bank details changed on ${on} and not yet confirmed by finance` : `Bank details given on ${on}, after the offer was accepted, and not yet confirmed by finance`;
  }
  return null;
}

// ---- Finance's pages ----

function personName(userId: number | null) {
  if (userId === null) return null;
  return getDb().select({ name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get() ?? null;
}

/** One version in full, with the one before it in full too: finance compares them before confirming. */
export function getBankDetailsForFinance(bankDetailsId: number) {
  const db = getDb();
  const row = db.select().from(bankDetails).where(eq(bankDetails.id, bankDetailsId)).get();
  if (!row) return undefined;
  const award = db
    .select({ id: awards.id, status: awards.status, amountPence: awards.amountPence, reference: bids.reference, projectTitle: bids.projectTitle, organisationName: organisations.name })
    .from(awards)
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(eq(awards.id, row.awardId))
    .get()!;
  const previous = db.select().from(bankDetails).where(and(eq(bankDetails.awardId, row.awardId), lt(bankDetails.id, row.id))).orderBy(desc(bankDetails.id)).limit(1).get() ?? null;
  const acceptance = db.select({ acceptedAt: awardAcceptances.acceptedAt }).from(awardAcceptances).where(eq(awardAcceptances.awardId, row.awardId)).get() ?? null;
  return {
    details: { ...row, submittedByPerson: personName(row.submittedBy), confirmedByPerson: personName(row.confirmedBy) },
    previous,
    award: { ...award, status: award.status as AwardStatus, acceptedAt: acceptance?.acceptedAt ?? null },
    isCurrent: currentBankDetails(row.awardId)?.id === row.id,
  };
}

/** Accepted awards whose latest bank details wait for finance, oldest first. */
export function listUnconfirmedBankDetails() {
  const db = getDb();
  const latest = db.select({ id: sql<number>`max(${bankDetails.id})` }).from(bankDetails).groupBy(bankDetails.awardId);
  return db
    .select({
      bankDetailsId: bankDetails.id,
      awardId: awards.id,
      submittedAt: bankDetails.submittedAt,
      organisationName: organisations.name,
      reference: bids.reference,
      projectTitle: bids.projectTitle,
      amountPence: awards.amountPence,
      earlierVersions: sql<number>`(select count(*) from bank_details earlier where earlier.award_id = ${bankDetails.awardId} and earlier.id < ${bankDetails.id})`,
    })
    .from(bankDetails)
    .innerJoin(awards, eq(awards.id, bankDetails.awardId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(and(inArray(bankDetails.id, latest), eq(bankDetails.needsConfirmation, true), isNull(bankDetails.confirmedAt), eq(awards.status, "accepted")))
    .orderBy(asc(bankDetails.submittedAt), asc(bankDetails.id))
    .all()
    .map((r) => ({ ...r, changed: Number(r.earlierVersions) > 0 }));
}

export type UnconfirmedBankDetailsRow = ReturnType<typeof listUnconfirmedBankDetails>[number];
