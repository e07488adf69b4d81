import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balances, financialYearLabel, financialYearOf, payableRemaining, type LedgerEntryLike } from "~/domain/money/ledger";

describe("ledger balances", () => {
  it("derives every balance from the entries", () => {
    const entries: LedgerEntryLike[] = [
      { kind: "budget_set", amountPence: 25_000_000 },
      { kind: "commitment", amountPence: 800_000 },
      { kind: "commitment", amountPence: 600_000 },
      { kind: "commitment_reduced", amountPence: 100_000 },
      { kind: "payment", amountPence: 800_000 },
      { kind: "repayment_due", amountPence: 12_345 },
      { kind: "repayment", amountPence: 10_000 },
    ];
    expect(balances(entries)).toEqual({
      budgetPence: 25_000_000,
      committedPence: 1_300_000,
      paidPence: 800_000,
      outstandingPence: 500_000,
      repaymentDuePence: 12_345,
      repaidPence: 10_000,
      repaymentOutstandingPence: 2_345,
      uncommittedPence: 23_700_000,
    });
  });

  it("keeps the reconciliation identities for any sequence of entries", () => {
    const kind = fc.constantFrom("budget_set", "commitment", "commitment_reduced", "payment", "repayment_due", "repayment") as fc.Arbitrary<LedgerEntryLike["kind"]>;
    fc.assert(
      fc.property(fc.array(fc.record({ kind, amountPence: fc.integer({ min: -1_000_000, max: 10_000_000 }) }), { maxLength: 80 }), (entries) => {
        const b = balances(entries);
        expect(b.outstandingPence).toBe(b.committedPence - b.paidPence);
        expect(b.uncommittedPence).toBe(b.budgetPence - b.committedPence);
        expect(b.repaymentOutstandingPence).toBe(b.repaymentDuePence - b.repaidPence);
        // Splitting the entries anywhere and adding the parts gives the whole: totals are sums of rows.
        const cut = Math.floor(entries.length / 2);
        const [x, y] = [balances(entries.slice(0, cut)), balances(entries.slice(cut))];
        expect(x.committedPence + y.committedPence).toBe(b.committedPence);
        expect(x.paidPence + y.paidPence).toBe(b.paidPence);
      }),
    );
  });

  it("says what may still be paid on an award", () => {
    expect(payableRemaining([{ kind: "commitment", amountPence: 800_000 }, { kind: "payment", amountPence: 300_000 }])).toBe(500_000);
  });
});

describe("financial years", () => {
  it("run from 1 April to 31 March in UK time", () => {
    expect(financialYearOf(new Date("2026-03-31T22:59:59Z"))).toBe(2025); // 23:59 BST on 31 March
    expect(financialYearOf(new Date("2026-03-31T23:00:00Z"))).toBe(2026); // midnight BST, 1 April
    expect(financialYearLabel(2026)).toBe("2026-27");
    expect(financialYearLabel(1999)).toBe("1999-00");
  });
});
