/**
 * GR1 after the release: offers accepted with bank details, payments on finance's fortnightly runs,
 * interim and final monitoring returns, underspend settled as `reviewReturn` settles it, repayments,
 * and awards closed. Written directly (see gr1.ts for why), money only through `appendLedgerEntry`.
 *
 * Every award is paid in full by the end, so none waits on finance's "due for payment" list; two
 * awards have no final return yet, so the monitoring pages and reconciliation have overdue work.
 */
import { asc, eq, inArray } from "drizzle-orm";
import { awardAcceptances, awardMonitoringDates, awards, bankDetails, monitoringReturns, returnOutcomes, returnSpend, rounds } from "#db/schema";
import { getDb, writeTransaction, type WriteTx } from "#db/client";
import { maskBankDetails } from "~/domain/awards/bank-details";
import { settleUnderspend } from "~/domain/awards/monitoring";
import { DECLARATIONS } from "~/domain/awards/offer";
import { formatPence } from "~/domain/money/money";
import { londonWallClockToInstant as at } from "~/domain/time/london";
import { recordAudit } from "~/models/audit.server";
import { financialYearOfDay } from "~/models/finance/payments.server";
import { appendLedgerEntry } from "~/models/ledger.server";
import { SIGNATORY_ROLES, WORDING } from "./gr1-data";
import type { Gr1Bid, Gr1Staff } from "./gr1";

export function addDaysIso(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Finance pays on a run every other Tuesday from 15 March 2022, at least two days after the go-ahead. */
export function nextPaymentRun(afterIso: string): string {
  const first = Date.UTC(2022, 2, 15);
  const [y, m, d] = addDaysIso(afterIso, 2).split("-").map(Number);
  const days = Math.max(0, Math.ceil((Date.UTC(y, m - 1, d) - first) / 86_400_000));
  return addDaysIso("2022-03-15", Math.ceil(days / 14) * 14);
}

/** Splits `totalPence` across budget lines in proportion to their cost; the last line takes the remainder. */
export function spreadOver(lines: readonly { costPence: number }[], totalPence: number): number[] {
  const planned = lines.reduce((s, l) => s + l.costPence, 0);
  const parts = lines.slice(0, -1).map((l) => Math.floor((l.costPence * totalPence) / planned));
  return [...parts, totalPence - parts.reduce((s, p) => s + p, 0)];
}

type AwardRow = { id: number; bidId: number; roundId: number; amountPence: number; fundId: number; interimDueOn: string; finalDueOn: string };
type Ledger = { paid: number; committed: number };

export function payAwardsAndTakeReturns(roundId: number, written: Gr1Bid[], staff: Gr1Staff): { count: number; totalPence: number } {
  const db = getDb();
  const rows = db.select({ id: awards.id, bidId: awards.bidId, roundId: awards.roundId, amountPence: awards.amountPence, fundId: rounds.fundId }).from(awards).innerJoin(rounds, eq(rounds.id, awards.roundId)).where(eq(awards.roundId, roundId)).orderBy(asc(awards.id)).all();
  const due = db.select().from(awardMonitoringDates).where(inArray(awardMonitoringDates.awardId, rows.map((r) => r.id))).all();
  const list: AwardRow[] = rows.map((r) => ({ ...r, interimDueOn: due.find((d) => d.awardId === r.id && d.kind === "interim")!.dueOn, finalDueOn: due.find((d) => d.awardId === r.id && d.kind === "final")!.dueOn }));
  const byBid = new Map(written.map((b) => [b.bidId, b]));
  // The commitments were made at release, in 2021-22: money settled later is booked against them.
  const commitmentYear = financialYearOfDay("2022-03-01");
  const ledger = new Map<number, Ledger>();

  writeTransaction((tx) => list.forEach((award, k) => acceptAndPay(tx, award, byBid.get(award.bidId)!, staff, k, ledger)));
  writeTransaction((tx) =>
    list.forEach((award, k) => {
      const bid = byBid.get(award.bidId)!;
      sendReturn(tx, award, bid, staff, k, "interim", ledger, commitmentYear);
      if (!bid.funded?.noFinalReturn) sendReturn(tx, award, bid, staff, k, "final", ledger, commitmentYear);
    }),
  );
  return { count: list.length, totalPence: list.reduce((s, a) => s + a.amountPence, 0) };
}

function pay(tx: WriteTx, award: AwardRow, staff: Gr1Staff, paidOn: string, amountPence: number, k: number, ledger: Ledger) {
  appendLedgerEntry(
    tx,
    { kind: "payment", fundId: award.fundId, financialYear: financialYearOfDay(paidOn), roundId: award.roundId, awardId: award.id, amountPence, reference: `BACS ${paidOn.replace(/-/g, "").slice(2)}-${String(k + 1).padStart(3, "0")}`, valueOn: paidOn },
    staff.financeId,
    at(paidOn, "14:00"),
  );
  ledger.paid += amountPence;
}

function acceptAndPay(tx: WriteTx, award: AwardRow, bid: Gr1Bid, staff: Gr1Staff, k: number, ledger: Map<number, Ledger>) {
  // Acceptances come in through March 2022; the latest are paid on April's first run, in 2022-23.
  const acceptedOn = addDaysIso("2022-03-02", (k * 7) % 29);
  const givenAt = at(acceptedOn, "10:30");
  const acceptedAt = at(acceptedOn, "11:00");
  // Sort codes beginning 00 belong to no bank: these accounts cannot be anybody's.
  const details = { accountName: bid.project.organisation, sortCode: `00${String(10 + k).padStart(2, "0")}${String((k * 37) % 100).padStart(2, "0")}`, accountNumber: String(20_000_000 + k * 104_729) };
  const bank = tx.insert(bankDetails).values({ awardId: award.id, ...details, submittedBy: bid.userId, submittedAt: givenAt, needsConfirmation: false }).returning({ id: bankDetails.id }).get();
  recordAudit(tx, { at: givenAt, actorUserId: bid.userId, action: "award.bank_details_given", subjectType: "award", subjectId: award.id, before: null, after: { bankDetailsId: bank.id, ...maskBankDetails(details), needsConfirmation: false } });
  const acceptance = { awardId: award.id, acceptedBy: bid.userId, signatoryName: bid.contactName, signatoryRole: SIGNATORY_ROLES[k % SIGNATORY_ROLES.length], acceptedOn, declarations: DECLARATIONS.map((d) => d.value), acceptedAt };
  tx.insert(awardAcceptances).values(acceptance).run();
  tx.update(awards).set({ status: "accepted" }).where(eq(awards.id, award.id)).run();
  recordAudit(tx, { at: acceptedAt, actorUserId: bid.userId, action: "award.accepted", subjectType: "award", subjectId: award.id, before: { status: "offered" }, after: { status: "accepted", ...acceptance, acceptedAt: acceptedAt.toISOString() } });
  const money: Ledger = { paid: 0, committed: award.amountPence };
  ledger.set(award.id, money);
  // Larger grants are paid 75% up front and the balance once the final return is accepted.
  pay(tx, award, staff, nextPaymentRun(acceptedOn), bid.funded?.instalments ? Math.floor((award.amountPence * 3) / 4) : award.amountPence, k, money);
}

function sendReturn(tx: WriteTx, award: AwardRow, bid: Gr1Bid, staff: Gr1Staff, k: number, kind: "interim" | "final", ledger: Map<number, Ledger>, commitmentYear: number) {
  const final = kind === "final";
  const dueOn = final ? award.finalDueOn : award.interimDueOn;
  const submittedOn = addDaysIso(dueOn, -(k % (final ? 9 : 5)));
  const submittedAt = at(submittedOn, final ? "18:40" : "20:15");
  const reviewedOn = addDaysIso(submittedOn, final ? 8 : 5);
  const reviewedAt = at(reviewedOn, "11:00");
  const underspendPence = final ? (bid.funded?.underspendPence ?? 0) : 0;
  const share = final ? [0.9, 1.05, 1.15, 0.85, 1.2, 1][k % 6] : 0.5;
  const reached = Math.max(1, Math.round(bid.project.people * share));
  const spent = spreadOver(bid.lines, final ? award.amountPence - underspendPence : Math.floor(award.amountPence / 2));
  const story = final ? WORDING[bid.project.focus].story(bid.project, reached) : `Half way through, ${reached} people have taken part in ${bid.project.title.toLowerCase()}, and the project is on track.`;
  const note = underspendPence > 0 ? `Underspend of ${formatPence(underspendPence)} agreed: costs came in lower than planned.` : null;
  const row = tx
    .insert(monitoringReturns)
    .values({ awardId: award.id, kind, status: "accepted", beneficiariesReached: reached, story, underspendPence, submittedBy: bid.userId, submittedAt, reviewedBy: staff.officerId, reviewedAt, reviewNote: note })
    .returning()
    .get();
  const achieved = bid.outcomes.map((o) => ({ bidOutcomeId: o.id, achieved: Math.round(o.target * share) }));
  const spend = bid.lines.map((l, n) => ({ budgetLineId: l.id, spentPence: spent[n] }));
  tx.insert(returnOutcomes).values(achieved.map((o) => ({ returnId: row.id, ...o }))).run();
  tx.insert(returnSpend).values(spend.map((s) => ({ returnId: row.id, ...s }))).run();
  const submittedRow = { ...row, status: "submitted", reviewedBy: null, reviewedAt: null, reviewNote: null };
  recordAudit(tx, { at: submittedAt, actorUserId: bid.userId, action: "monitoring_return.submitted", subjectType: "monitoring_return", subjectId: row.id, before: null, after: { ...submittedRow, outcomes: achieved, spend } });

  const money = ledger.get(award.id)!;
  const settlement = settleUnderspend({ underspendPence, alreadySettledPence: 0, committedPence: money.committed, paidPence: money.paid });
  const scope = { fundId: award.fundId, financialYear: commitmentYear, roundId: award.roundId, awardId: award.id };
  const what = `Underspend on the ${kind} return (${formatPence(underspendPence)})`;
  if (settlement.commitmentReducedPence > 0) appendLedgerEntry(tx, { ...scope, kind: "commitment_reduced", amountPence: settlement.commitmentReducedPence, note: `${what}: not paid out` }, staff.officerId, reviewedAt);
  if (settlement.repaymentDuePence > 0) appendLedgerEntry(tx, { ...scope, kind: "repayment_due", amountPence: settlement.repaymentDuePence, note: `${what}: paid and not spent` }, staff.officerId, reviewedAt);
  money.committed -= settlement.commitmentReducedPence;
  recordAudit(tx, { at: reviewedAt, actorUserId: staff.officerId, action: "monitoring_return.accepted", subjectType: "monitoring_return", subjectId: row.id, before: submittedRow, after: { ...row, ...settlement } });
  if (!final) return;

  let lastMoneyOn = reviewedOn;
  if (money.committed > money.paid) {
    lastMoneyOn = nextPaymentRun(reviewedOn);
    pay(tx, award, staff, lastMoneyOn, money.committed - money.paid, k, money);
  }
  if (settlement.repaymentDuePence > 0) {
    lastMoneyOn = addDaysIso(reviewedOn, 12 + (k % 5));
    appendLedgerEntry(tx, { ...scope, kind: "repayment", amountPence: settlement.repaymentDuePence, valueOn: lastMoneyOn, reference: `Repayment ${bid.reference}` }, staff.financeId, at(lastMoneyOn, "12:00"));
  }
  // Final return accepted and nothing owed either way: the officer closes the award.
  const closedAt = at(addDaysIso(lastMoneyOn, 3), "09:30");
  tx.update(awards).set({ status: "closed", closedAt }).where(eq(awards.id, award.id)).run();
  recordAudit(tx, { at: closedAt, actorUserId: staff.officerId, action: "award.closed", subjectType: "award", subjectId: award.id, before: { status: "accepted", closedAt: null }, after: { status: "closed", closedAt: closedAt.toISOString() } });
}
