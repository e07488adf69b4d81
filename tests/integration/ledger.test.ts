import { describe, expect, it } from "vitest";
import { getSqlite, writeTransaction } from "#db/client";
import { awards } from "#db/schema";
import { balances } from "~/domain/money/ledger";
import { appendLedgerEntry, ledgerEntriesFor } from "~/models/ledger.server";
import { createUser } from "../factories/accounts";
import { submittedBids } from "../factories/assessment";

async function anAward(amountPence: number) {
  const finance = await createUser("finance");
  const { roundId, bids } = await submittedBids(1);
  const round = getSqlite().prepare("SELECT fund_id AS fundId FROM rounds WHERE id = ?").get(roundId) as { fundId: number };
  const award = writeTransaction((tx) => {
    const row = tx
      .insert(awards)
      .values({ bidId: bids[0].bidId, roundId, organisationId: bids[0].applicant.organisationId!, amountPence, status: "accepted", conditions: "Standard", startsOn: "2027-04-01", endsOn: "2028-03-31", createdAt: new Date(), createdBy: finance.id })
      .returning()
      .get();
    appendLedgerEntry(tx, { kind: "commitment", fundId: round.fundId, financialYear: 2026, roundId, awardId: row.id, amountPence }, finance.id, new Date());
    return row;
  });
  return { award, finance, fundId: round.fundId, roundId };
}

describe("the ledger", () => {
  it("cannot be changed or deleted, even by hand", async () => {
    await anAward(500_000);
    const sqlite = getSqlite();
    expect(() => sqlite.prepare("UPDATE ledger_entries SET amount_pence = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare("DELETE FROM ledger_entries").run()).toThrow(/append-only/);
  });

  it("refuses a payment of one penny more than the award, whoever writes it", async () => {
    const { award, finance, fundId } = await anAward(800_000);
    writeTransaction((tx) => appendLedgerEntry(tx, { kind: "payment", fundId, financialYear: 2026, awardId: award.id, amountPence: 800_000 }, finance.id, new Date()));
    expect(() => writeTransaction((tx) => appendLedgerEntry(tx, { kind: "payment", fundId, financialYear: 2026, awardId: award.id, amountPence: 1 }, finance.id, new Date()))).toThrow(/payment exceeds award/);
    expect(balances(ledgerEntriesFor({ awardId: award.id })).paidPence).toBe(800_000);
  });

  it("corrects a mistake with a new entry that points at it, never by editing", async () => {
    const { award, finance, fundId } = await anAward(800_000);
    const wrong = writeTransaction((tx) => appendLedgerEntry(tx, { kind: "payment", fundId, financialYear: 2026, awardId: award.id, amountPence: 80_000 }, finance.id, new Date()));
    writeTransaction((tx) => appendLedgerEntry(tx, { kind: "payment", fundId, financialYear: 2026, awardId: award.id, amountPence: -80_000, correctsEntryId: wrong.id, note: "Keyed in error" }, finance.id, new Date()));
    expect(balances(ledgerEntriesFor({ awardId: award.id })).paidPence).toBe(0);
    expect(ledgerEntriesFor({ awardId: award.id })).toHaveLength(3);
    expect(() => writeTransaction((tx) => appendLedgerEntry(tx, { kind: "payment", fundId, financialYear: 2026, awardId: award.id, amountPence: -5 }, finance.id, new Date()))).toThrow(/Only a correction/);
  });
});
