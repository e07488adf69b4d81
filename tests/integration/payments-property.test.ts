/**
 * Random sequences of awards, payments (many of them attempts to overpay), corrections, bank-detail
 * changes and repayments, run against a real SQLite file through the real payment functions. After
 * every step the ledger must agree with a plain model of what happened, its reconciliation
 * identities must hold, and no award may ever have been paid more than it commits.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, writeTransaction } from "#db/client";
import { awardAcceptances, awards, bankDetails, bids, organisations, rounds } from "#db/schema";
import { balances, type LedgerEntryLike } from "~/domain/money/ledger";
import { confirmBankDetails } from "~/models/awards/award.server";
import { recordRepayment } from "~/models/awards/monitoring.server";
import { awardsDueForPayment, correctPayment, recordPayment } from "~/models/finance/payments.server";
import { appendLedgerEntry, ledgerEntriesFor } from "~/models/ledger.server";
import { createUser } from "../factories/accounts";
import { openRound } from "../factories/bids";

type Actor = Awaited<ReturnType<typeof createUser>>;
let finance: Actor;
let round: { id: number; fundId: number };

beforeAll(async () => {
  const open = openRound();
  round = { id: open.id, fundId: getDb().select({ fundId: rounds.fundId }).from(rounds).where(eq(rounds.id, open.id)).get()!.fundId };
  finance = await createUser("finance");
});

/** The model: what each award should show, kept by the test alone. */
type Expected = { id: number; committed: number; paid: number; repaymentDue: number; repaid: number; blockedBankDetailsId: number | null; payments: { id: number; amount: number; corrected: boolean }[] };

let made = 0;

/**
 * An accepted award with a commitment and bank details, written straight to the tables (the full
 * release journey is tested elsewhere and would make a hundred runs take minutes).
 */
function anAcceptedAward(amountPence: number, financialYear: number): Expected {
  const now = new Date();
  return writeTransaction((tx) => {
    const org = tx.insert(organisations).values({ name: `Property group ${++made}`, createdAt: now }).returning().get();
    const bid = tx.insert(bids).values({ roundId: round.id, organisationId: org.id, status: "awarded", answers: {}, createdBy: finance.id, createdAt: now, updatedAt: now }).returning().get();
    const award = tx
      .insert(awards)
      .values({ bidId: bid.id, roundId: round.id, organisationId: org.id, amountPence, status: "accepted", conditions: "Standard", startsOn: "2026-09-01", endsOn: "2027-08-31", createdAt: now, createdBy: finance.id })
      .returning()
      .get();
    tx.insert(awardAcceptances).values({ awardId: award.id, acceptedBy: finance.id, signatoryName: "A Signatory", signatoryRole: "Chair", acceptedOn: "2026-05-01", declarations: [], acceptedAt: now }).run();
    tx.insert(bankDetails).values({ awardId: award.id, accountName: "Group", sortCode: "309430", accountNumber: "12345678", submittedBy: finance.id, submittedAt: now, needsConfirmation: false }).run();
    appendLedgerEntry(tx, { kind: "commitment", fundId: round.fundId, financialYear, roundId: round.id, awardId: award.id, amountPence }, finance.id, now);
    return { id: award.id, committed: amountPence, paid: 0, repaymentDue: 0, repaid: 0, blockedBankDetailsId: null, payments: [] };
  });
}

type Step =
  | { kind: "award"; pence: number; year: number }
  | { kind: "pay"; which: number; mode: "exact" | "over" | "part" | "any"; pence: number; day: string }
  | { kind: "correct"; which: number; nth: number }
  | { kind: "changeBank"; which: number }
  | { kind: "confirmBank"; which: number }
  | { kind: "repaymentDue"; which: number; pence: number }
  | { kind: "repay"; which: number; pence: number };

const day = fc.constantFrom("2026-04-01", "2026-09-30", "2027-03-31", "2027-04-01");
const which = fc.nat({ max: 1_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("award" as const), pence: fc.integer({ min: 1, max: 2_000_000 }), year: fc.constantFrom(2026, 2027) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("pay" as const), which, mode: fc.constantFrom("exact" as const, "over" as const, "part" as const, "any" as const), pence: fc.integer({ min: 1, max: 2_100_000 }), day }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("correct" as const), which, nth: fc.nat({ max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("changeBank" as const), which }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("confirmBank" as const), which }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("repaymentDue" as const), which, pence: fc.integer({ min: 1, max: 1_000_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("repay" as const), which, pence: fc.integer({ min: 1, max: 1_000_000 }) }) },
);

function run(steps: Step[]) {
  const mine: Expected[] = [anAcceptedAward(800_000, 2026)];
  const at = new Date();
  for (const s of steps) {
    const award = mine[("which" in s ? s.which : 0) % mine.length];
    const remaining = award.committed - award.paid;
    switch (s.kind) {
      case "award":
        mine.push(anAcceptedAward(s.pence, s.year));
        break;
      case "pay": {
        const amount = s.mode === "exact" ? remaining : s.mode === "over" ? remaining + 1 : s.mode === "part" ? Math.max(1, Math.floor(remaining / 3)) : s.pence;
        const result = recordPayment({ awardId: award.id, amountPence: amount, paidOn: s.day, reference: "PROP", financeUserId: finance.id }, at);
        if (amount <= 0) expect(result).toMatchObject({ ok: false, code: "invalid" });
        else if (award.blockedBankDetailsId !== null) expect(result).toMatchObject({ ok: false, code: "blocked" });
        else if (amount > remaining) expect(result).toMatchObject({ ok: false, code: "over_remaining", remainingPence: remaining });
        else {
          expect(result).toMatchObject({ ok: true, remainingPence: remaining - amount });
          if (result.ok) award.payments.push({ id: result.entry.id, amount, corrected: false });
          award.paid += amount;
        }
        break;
      }
      case "correct": {
        const payment = award.payments[s.nth % Math.max(1, award.payments.length)];
        if (!payment) break;
        const result = correctPayment({ entryId: payment.id, note: "Property correction", financeUserId: finance.id }, at);
        if (payment.corrected) expect(result).toMatchObject({ ok: false, code: "not_correctable" });
        else {
          expect(result.ok).toBe(true);
          payment.corrected = true;
          award.paid -= payment.amount;
        }
        break;
      }
      case "changeBank":
        award.blockedBankDetailsId = writeTransaction((tx) => tx.insert(bankDetails).values({ awardId: award.id, accountName: "Changed", sortCode: "401122", accountNumber: "87654321", submittedBy: finance.id, submittedAt: at, needsConfirmation: true }).returning().get().id);
        break;
      case "confirmBank":
        if (award.blockedBankDetailsId === null) break;
        expect(confirmBankDetails(award.blockedBankDetailsId, finance.id, at).ok).toBe(true);
        award.blockedBankDetailsId = null;
        break;
      case "repaymentDue": {
        // Only money paid and not yet asked back can become due (as an underspend settlement does).
        const amount = Math.min(s.pence, award.paid - award.repaymentDue);
        if (amount <= 0) break;
        writeTransaction((tx) => appendLedgerEntry(tx, { kind: "repayment_due", fundId: round.fundId, financialYear: 2026, roundId: round.id, awardId: award.id, amountPence: amount }, finance.id, at));
        award.repaymentDue += amount;
        break;
      }
      case "repay": {
        const result = recordRepayment({ awardId: award.id, amountPence: s.pence, receivedOn: "2027-01-15", reference: "RETURN", financeUserId: finance.id }, at);
        if (s.pence > award.repaymentDue - award.repaid) expect(result.ok).toBe(false);
        else {
          expect(result.ok).toBe(true);
          award.repaid += s.pence;
        }
        break;
      }
    }
    checkAward(award);
  }
  for (const award of mine) checkAward(award);
  checkWholeLedger();
  checkDueList(mine);
}

function checkAward(award: Expected) {
  const b = balances(ledgerEntriesFor({ awardId: award.id }));
  expect(b).toMatchObject({ committedPence: award.committed, paidPence: award.paid, repaymentDuePence: award.repaymentDue, repaidPence: award.repaid });
  expect(b.paidPence).toBeGreaterThanOrEqual(0);
  expect(b.paidPence).toBeLessThanOrEqual(b.committedPence);
  expect(b.repaidPence).toBeLessThanOrEqual(b.repaymentDuePence);
}

/** Every balance of the whole ledger is the sum of the same balance per fund and year, and per award. */
function checkWholeLedger() {
  const all = ledgerEntriesFor({});
  const whole = balances(all);
  expect(whole.outstandingPence).toBe(whole.committedPence - whole.paidPence);
  expect(whole.uncommittedPence).toBe(whole.budgetPence - whole.committedPence);
  expect(whole.repaymentOutstandingPence).toBe(whole.repaymentDuePence - whole.repaidPence);

  const groups = (key: (e: (typeof all)[number]) => string) => {
    const map = new Map<string, LedgerEntryLike[]>();
    for (const e of all) map.set(key(e), [...(map.get(key(e)) ?? []), e]);
    return [...map.values()].map((entries) => balances(entries));
  };
  for (const parts of [groups((e) => `${e.fundId}:${e.financialYear}`), groups((e) => String(e.awardId ?? "none"))]) {
    for (const field of ["budgetPence", "committedPence", "paidPence", "repaymentDuePence", "repaidPence", "outstandingPence"] as const) {
      expect(parts.reduce((sum, b) => sum + b[field], 0)).toBe(whole[field]);
    }
  }
  for (const award of groups((e) => String(e.awardId ?? "none")).filter((b) => b.committedPence > 0 || b.paidPence > 0)) {
    expect(award.paidPence).toBeLessThanOrEqual(award.committedPence);
  }
}

function checkDueList(mine: Expected[]) {
  const due = new Map(awardsDueForPayment().map((a) => [a.id, a]));
  for (const award of mine) {
    const remaining = award.committed - award.paid;
    if (remaining > 0) expect(due.get(award.id)).toMatchObject({ remainingPence: remaining, paidPence: award.paid, blockedReason: award.blockedBankDetailsId === null ? null : expect.stringContaining("not yet confirmed") });
    else expect(due.has(award.id)).toBe(false);
  }
}

describe("payments, at random", () => {
  it("keep the ledger's identities and never pay an award more than it commits", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 20 }), (steps) => run(steps)),
      { numRuns: 30 },
    );
  });
});
