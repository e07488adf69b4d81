/**
 * Paying grants: what is due, recording a payment (whole or in instalments), reversing one keyed in
 * error, and the payment run for the finance system. Every figure comes from the ledger; the
 * database's own trigger refuses an overpayment even if a check here were ever wrong.
 */
import { and, asc, eq, gte, isNotNull, lte } from "drizzle-orm";
import { awards, bids, ledgerEntries, organisations } from "#db/schema";
import { getDb, writeTransaction } from "#db/client";
import { balances, financialYearOf, payableRemaining, type LedgerEntryLike } from "~/domain/money/ledger";
import { isIsoDate } from "~/domain/time/london";
import { formatPence } from "~/domain/money/money";
import type { PaymentRunRow } from "~/domain/finance/payment-run-csv";
import { getAwardForStaff, paymentBlockedReason, type AwardView } from "../awards/award.server";
import { currentBankDetails } from "../awards/bank-details.server";
import { appendLedgerEntry, ledgerEntriesFor, type LedgerEntry } from "../ledger.server";

export type AwardDue = AwardView & {
  committedPence: number;
  paidPence: number;
  remainingPence: number;
  blockedReason: string | null;
};

/** Accepted awards with money still to pay, oldest first, each with why it cannot be paid (if so). */
export function awardsDueForPayment(): AwardDue[] {
  const db = getDb();
  const accepted = db.select({ id: awards.id }).from(awards).where(eq(awards.status, "accepted")).orderBy(asc(awards.id)).all();
  if (accepted.length === 0) return [];
  const byAward = new Map<number, LedgerEntryLike[]>();
  for (const e of db.select({ awardId: ledgerEntries.awardId, kind: ledgerEntries.kind, amountPence: ledgerEntries.amountPence }).from(ledgerEntries).where(isNotNull(ledgerEntries.awardId)).all()) {
    byAward.set(e.awardId!, [...(byAward.get(e.awardId!) ?? []), e]);
  }
  const due: AwardDue[] = [];
  for (const { id } of accepted) {
    const b = balances(byAward.get(id) ?? []);
    const remainingPence = b.committedPence - b.paidPence;
    if (remainingPence <= 0) continue;
    due.push({ ...getAwardForStaff(id)!, committedPence: b.committedPence, paidPence: b.paidPence, remainingPence, blockedReason: paymentBlockedReason(id, db) });
  }
  return due;
}

/** "2026-05-01" (a day) in the April-to-March financial year it belongs to. */
export function financialYearOfDay(isoDate: string): number {
  return financialYearOf(new Date(`${isoDate}T12:00:00Z`));
}

export type PaymentInput = { awardId: number; amountPence: number; paidOn: string; reference: string; financeUserId: number };

export type PaymentRefusal =
  | { ok: false; code: "not_found" }
  | { ok: false; code: "invalid"; message: string }
  | { ok: false; code: "blocked"; message: string }
  | { ok: false; code: "over_remaining"; remainingPence: number; message: string };

export type PaymentResult = { ok: true; entry: LedgerEntry; remainingPence: number } | PaymentRefusal;

export function overRemainingMessage(remainingPence: number): string {
  return remainingPence > 0
    ? `The amount paid must be ${formatPence(remainingPence)} or less: that is all that is left to pay on this award`
    : "This award has been paid in full: nothing is left to pay";
}

function overRemaining(remainingPence: number): PaymentRefusal {
  return { ok: false, code: "over_remaining", remainingPence, message: overRemainingMessage(remainingPence) };
}

/**
 * Records a payment made from the bank, in one transaction with its audit event: refused when the
 * award cannot be paid (offer not accepted, bank details missing or changed and not confirmed) or
 * when it would take the award's payments above what it commits.
 */
export function recordPayment(input: PaymentInput, now: Date): PaymentResult {
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0) return { ok: false, code: "invalid", message: "The amount paid must be more than £0" };
  if (!isIsoDate(input.paidOn)) return { ok: false, code: "invalid", message: "The date the payment was made must be a real date" };
  if (!input.reference.trim()) return { ok: false, code: "invalid", message: "Enter the payment reference" };
  try {
    return writeTransaction((tx): PaymentResult => {
      const award = getAwardForStaff(input.awardId);
      if (!award) return { ok: false, code: "not_found" };
      const blocked = paymentBlockedReason(award.id, tx);
      if (blocked) return { ok: false, code: "blocked", message: blocked };
      const remaining = payableRemaining(ledgerEntriesFor({ awardId: award.id }, tx));
      if (input.amountPence > remaining) return overRemaining(remaining);
      const entry = appendLedgerEntry(
        tx,
        { kind: "payment", fundId: award.fundId, financialYear: financialYearOfDay(input.paidOn), roundId: award.roundId, awardId: award.id, amountPence: input.amountPence, reference: input.reference, valueOn: input.paidOn },
        input.financeUserId,
        now,
      );
      return { ok: true, entry, remainingPence: remaining - input.amountPence };
    });
  } catch (error) {
    // The database's trigger is the last line of defence (say, a payment recorded between our check
    // and our insert): it is the same refusal, so the person sees the same message.
    if (error instanceof Error && /payment exceeds award/.test(error.message)) return overRemaining(remainingToPay(input.awardId));
    throw error;
  }
}

export function remainingToPay(awardId: number): number {
  return payableRemaining(ledgerEntriesFor({ awardId }));
}

export type CorrectionResult = { ok: true; entry: LedgerEntry } | { ok: false; code: "not_found" } | { ok: false; code: "not_correctable"; message: string };

/**
 * Reverses a payment keyed in error: a negative payment that points at it, with the same day and
 * reference, so a payment run over that period nets to what really left the bank. The original
 * stays in the ledger for the auditors. `awardId`, when given, must be the payment's award.
 */
export function correctPayment(input: { entryId: number; note: string; financeUserId: number; awardId?: number }, now: Date): CorrectionResult {
  const note = input.note.trim();
  if (!note) return { ok: false, code: "not_correctable", message: "Enter why the payment is being corrected" };
  return writeTransaction((tx): CorrectionResult => {
    const original = tx.select().from(ledgerEntries).where(eq(ledgerEntries.id, input.entryId)).get();
    if (!original || original.kind !== "payment" || original.awardId === null || (input.awardId !== undefined && original.awardId !== input.awardId)) return { ok: false, code: "not_found" };
    if (original.correctsEntryId !== null || original.amountPence <= 0) return { ok: false, code: "not_correctable", message: "A correction cannot itself be corrected: record the payment again instead" };
    const already = tx
      .select({ id: ledgerEntries.id })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.correctsEntryId, original.id))
      .get();
    if (already) return { ok: false, code: "not_correctable", message: "This payment has already been corrected" };
    const entry = appendLedgerEntry(
      tx,
      {
        kind: "payment",
        fundId: original.fundId,
        financialYear: original.financialYear,
        roundId: original.roundId,
        awardId: original.awardId,
        amountPence: -original.amountPence,
        correctsEntryId: original.id,
        reference: original.reference,
        valueOn: original.valueOn,
        note,
      },
      input.financeUserId,
      now,
    );
    return { ok: true, entry };
  });
}

/**
 * One award's payment page: the award, its ledger and what is left, whether it can be paid, and the
 * bank details a payment would go to, in full: finance keys them into the bank.
 */
export function awardPaymentSummary(awardId: number) {
  const award = getAwardForStaff(awardId);
  if (!award) return undefined;
  const bank = currentBankDetails(awardId);
  const entries = ledgerEntriesFor({ awardId });
  const correctedIds = new Set(entries.map((e) => e.correctsEntryId).filter((id): id is number => id !== null));
  const b = balances(entries);
  return {
    award,
    entries: entries.map((e) => ({ ...e, corrected: correctedIds.has(e.id) })),
    committedPence: b.committedPence,
    paidPence: b.paidPence,
    remainingPence: b.committedPence - b.paidPence,
    blockedReason: paymentBlockedReason(award.id),
    bankDetails: bank ? { accountName: bank.accountName, sortCode: bank.sortCode, accountNumber: bank.accountNumber, submittedAt: bank.submittedAt, awaitingConfirmation: bank.needsConfirmation && !bank.confirmedAt, bankDetailsId: bank.id } : null,
  };
}

/**
 * Payments (and corrections of them) whose money moved between `from` and `to` inclusive, by day:
 * the rows of a payment run. The total is the sum of these rows, nothing else.
 */
export function paymentRun(from: string, to: string): { rows: PaymentRunRow[]; totalPence: number } {
  const rows = getDb()
    .select({
      entryId: ledgerEntries.id,
      paidOn: ledgerEntries.valueOn,
      awardId: awards.id,
      bidReference: bids.reference,
      organisationName: organisations.name,
      amountPence: ledgerEntries.amountPence,
      reference: ledgerEntries.reference,
    })
    .from(ledgerEntries)
    .innerJoin(awards, eq(awards.id, ledgerEntries.awardId))
    .innerJoin(bids, eq(bids.id, awards.bidId))
    .innerJoin(organisations, eq(organisations.id, awards.organisationId))
    .where(and(eq(ledgerEntries.kind, "payment"), gte(ledgerEntries.valueOn, from), lte(ledgerEntries.valueOn, to)))
    .orderBy(asc(ledgerEntries.valueOn), asc(ledgerEntries.id))
    .all()
    .map((r) => ({ ...r, paidOn: r.paidOn ?? "" }));
  return { rows, totalPence: rows.reduce((total, r) => total + r.amountPence, 0) };
}
