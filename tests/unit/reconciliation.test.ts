import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocationChange, allocationRefusal, csfReturnFormSchema, paymentRefusal } from "~/domain/finance/csf";
import { csvRecords, exportFileName, neutraliseCell, poundsNumber, poundsText } from "~/domain/finance/export";
import { FIGURES, figureSigns, figuresOf, reconciliationRows, type BudgetKind, type ReconEntry } from "~/domain/finance/reconciliation";
import { flagMessage, reconciliationFlags, type AwardFacts, type Names } from "~/domain/finance/reconciliation-flags";
import { ledgerHref, parseLedgerFilter, parseScope } from "~/domain/finance/scope";
import { barWidth, chartDescription } from "~/components/finance/CommittedPaidChart";
import type { LedgerKind } from "~/domain/money/ledger";

let nextId = 1;
function entry(kind: LedgerKind, amountPence: number, where: Partial<ReconEntry> = {}): ReconEntry {
  return { id: nextId++, kind, amountPence, fundId: 1, financialYear: 2026, roundId: null, awardId: null, districtId: null, ...where };
}

/** Two rounds of a competitive fund, and a passported fund's allocations to two partnerships. */
const scenario: ReconEntry[] = [
  entry("budget_set", 50_000_000),
  entry("round_budget_set", 25_000_000, { roundId: 10 }),
  entry("round_budget_set", 20_000_000, { roundId: 11 }),
  entry("commitment", 800_000, { roundId: 10, awardId: 100 }),
  entry("commitment", 600_000, { roundId: 10, awardId: 101 }),
  entry("commitment_reduced", 100_000, { roundId: 10, awardId: 101 }),
  entry("payment", 800_000, { roundId: 10, awardId: 100 }),
  entry("commitment", 750_050, { roundId: 11, awardId: 110 }),
  entry("payment", 750_050, { roundId: 11, awardId: 110 }),
  entry("repayment_due", 50_025, { roundId: 11, awardId: 110 }),
  entry("repayment", 50_025, { roundId: 11, awardId: 110 }),
  entry("budget_set", 200_000_000, { fundId: 2 }),
  entry("commitment", 40_000_000, { fundId: 2, districtId: 1 }),
  entry("commitment", 45_000_000, { fundId: 2, districtId: 4 }),
  entry("commitment_reduced", 5_000_000, { fundId: 2, districtId: 4 }),
  entry("payment", 10_000_000, { fundId: 2, districtId: 4 }),
];

const names: Names = { fund: (id) => `Fund ${id}`, round: (id) => `Round ${id}`, district: (id) => `District ${id}`, award: (id) => `MSCF-GR8-${id}` };

describe("reconciliation rows", () => {
  it("gives a row per round, per partnership and per fund, each column adding up to the totals", () => {
    const { rows, totals } = reconciliationRows(scenario, "budget_set");
    expect(rows.map((r) => r.key)).toEqual(["round:10", "round:11", "fund:1", "district:2:1", "district:2:4", "fund:2"]);
    for (const f of FIGURES) expect(rows.reduce((sum, r) => sum + r.figures[f], 0)).toBe(totals[f]);
    expect(totals).toEqual(figuresOf(scenario, "budget_set"));
  });

  it("carves the fund's budget between its rounds, its partnerships and what is left, counting no pound twice", () => {
    const { rows } = reconciliationRows(scenario, "budget_set");
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r.figures]));
    expect(byKey["round:10"]).toEqual({ budget: 25_000_000, committed: 1_300_000, paid: 800_000, outstanding: 500_000, repayment_due: 0, repaid: 0, uncommitted: 23_700_000 });
    expect(byKey["fund:1"].budget).toBe(50_000_000 - 25_000_000 - 20_000_000);
    // A partnership's allocation is its budget, so nothing of it is "uncommitted".
    expect(byKey["district:2:4"]).toMatchObject({ budget: 40_000_000, committed: 40_000_000, paid: 10_000_000, outstanding: 30_000_000, uncommitted: 0 });
    expect(byKey["fund:2"]).toMatchObject({ budget: 200_000_000 - 80_000_000, committed: 0, uncommitted: 120_000_000 });
  });

  it("uses the round's own budget when the scope is one round", () => {
    const round = scenario.filter((e) => e.roundId === 11);
    const { rows, totals } = reconciliationRows(round, "round_budget_set");
    expect(rows).toHaveLength(1);
    expect(totals).toEqual(figuresOf(round, "round_budget_set"));
    expect(totals.budget).toBe(20_000_000);
  });

  it("keeps totals equal to the ledger's own figures and to the sum of rows, whatever the entries", () => {
    const kind = fc.constantFrom<LedgerKind>("budget_set", "round_budget_set", "commitment", "commitment_reduced", "payment", "repayment_due", "repayment");
    const arbitraryEntry = fc.record({
      kind,
      amountPence: fc.integer({ min: -5_000_000, max: 50_000_000 }),
      fundId: fc.integer({ min: 1, max: 3 }),
      financialYear: fc.constant(2026),
      roundId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      awardId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      districtId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      id: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 60 }), fc.constantFrom<BudgetKind>("budget_set", "round_budget_set"), (entries, budgetKind) => {
        const { rows, totals } = reconciliationRows(entries, budgetKind);
        expect(totals).toEqual(figuresOf(entries, budgetKind));
        for (const f of FIGURES) expect(rows.reduce((sum, r) => sum + r.figures[f], 0)).toBe(totals[f]);
        for (const r of rows) {
          expect(r.figures.outstanding).toBe(r.figures.committed - r.figures.paid);
          expect(r.figures.uncommitted).toBe(r.figures.budget - r.figures.committed);
        }
      }),
    );
  });
});

describe("the entries behind a figure", () => {
  it("add up, with their signs, to the figure", () => {
    for (const budgetKind of ["budget_set", "round_budget_set"] as const) {
      const figures = figuresOf(scenario, budgetKind);
      for (const figure of FIGURES) {
        const signs = figureSigns(figure, budgetKind);
        const total = scenario.reduce((sum, e) => sum + (signs[e.kind] ?? 0) * e.amountPence, 0);
        expect(total, `${figure} with ${budgetKind}`).toBe(figures[figure]);
      }
    }
  });

  it("are reached by a link that carries the scope, and odd values are refused", () => {
    const href = ledgerHref({ fundId: 1, year: 2026, roundId: "none", districtId: 4, figure: "outstanding" });
    expect(href).toBe("/finance/ledger?fund=1&year=2026&round=none&district=4&figure=outstanding");
    expect(parseLedgerFilter(new URL(href, "http://x").searchParams)).toEqual({ fundId: 1, year: 2026, roundId: "none", districtId: 4, awardId: undefined, figure: "outstanding", kind: undefined });
    expect(parseLedgerFilter(new URLSearchParams("figure=everything"))).toBeNull();
    expect(parseLedgerFilter(new URLSearchParams("kind=gift"))).toBeNull();
    expect(parseScope(new URLSearchParams("fund=1e3"))).toBeNull();
    expect(parseScope(new URLSearchParams("year=26"))).toBeNull();
    expect(parseScope(new URLSearchParams(""))).toEqual({ fundId: undefined, roundId: undefined, year: undefined });
  });
});

const award = (id: number, over: Partial<AwardFacts> = {}): AwardFacts => ({ id, fundId: 1, roundId: 10, amountPence: 800_000, endsOn: "2027-03-31", hasAcceptedFinalReturn: false, live: true, ...over });

describe("reconciliation flags", () => {
  const today = "2027-06-01";

  it("raises nothing when everything is within its limits", () => {
    const awards = [award(100, { hasAcceptedFinalReturn: true }), award(101, { amountPence: 600_000, endsOn: "2027-09-30" }), award(110, { roundId: 11, amountPence: 750_050, endsOn: "2027-09-30" })];
    expect(reconciliationFlags(scenario, { roundScoped: false, awards, today })).toEqual([]);
  });

  it("flags each inconsistency, with the figures that make it one", () => {
    const broken = [
      entry("budget_set", 1_000, { fundId: 3 }),
      entry("round_budget_set", 1_000, { fundId: 3, roundId: 30 }),
      entry("round_budget_set", 500, { fundId: 3, roundId: 31 }),
      entry("commitment", 2_000, { fundId: 3, roundId: 30, awardId: 300 }),
      entry("payment", 2_000, { fundId: 3, roundId: 30, awardId: 300 }),
      entry("commitment_reduced", 500, { fundId: 3, roundId: 30, awardId: 300 }),
      entry("repayment_due", 700, { fundId: 3, roundId: 30, awardId: 300 }),
      entry("repayment", 200, { fundId: 3, roundId: 30, awardId: 300 }),
      entry("commitment", 10_000, { fundId: 3, districtId: 2 }),
      entry("payment", 15_000, { fundId: 3, districtId: 2 }),
    ];
    const flags = reconciliationFlags(broken, { roundScoped: false, awards: [award(300, { fundId: 3, roundId: 30, amountPence: 2_000, endsOn: "2027-05-31" })], today });
    expect(flags.map((f) => f.kind)).toEqual([
      "round_over_budget",
      "fund_year_over_budget",
      "round_budgets_above_fund_budget",
      "payments_above_award",
      "partnership_paid_above_allocation",
      "repayment_not_received",
      "past_end_without_final_return",
    ]);
    const text = flags.map((f) => flagMessage(f, names));
    expect(text[0]).toBe("Round 30 has committed £15.00 against a budget of £10.00 (over by £5.00).");
    expect(text[1]).toBe("Fund 3 2026-27 has committed £115.00 against a budget of £10.00 (over by £105.00).");
    expect(text[3]).toBe("MSCF-GR8-300 has been paid £20.00: the award is £20.00 and its net commitment £15.00.");
    expect(text[4]).toBe("District 2 partnership 2026-27 has been paid £150.00 against an allocation of £100.00 (over by £50.00).");
    expect(text[5]).toBe("MSCF-GR8-300: £7.00 repayment due, £2.00 received, £5.00 still to come.");
    expect(text[6]).toBe("MSCF-GR8-300 ended on 31 May 2027 and has no accepted final return.");
  });

  it("does not call an award overpaid because it was committed in one year and paid in the next", () => {
    const spread = [entry("round_budget_set", 800_000, { roundId: 10 }), entry("commitment", 800_000, { roundId: 10, awardId: 100 }), entry("payment", 800_000, { roundId: 10, awardId: 100, financialYear: 2027 })];
    expect(reconciliationFlags(spread, { year: 2027, roundScoped: true, awards: [award(100, { hasAcceptedFinalReturn: true })], today })).toEqual([]);
  });

  it("flags an award past its end only when its final return has not been accepted, and not before the end", () => {
    const entries = [entry("commitment", 1, { awardId: 1, roundId: 10 }), entry("commitment", 1, { awardId: 2, roundId: 10 }), entry("commitment", 1, { awardId: 3, roundId: 10 }), entry("round_budget_set", 3, { roundId: 10 })];
    const awards = [award(1, { endsOn: "2027-05-31" }), award(2, { endsOn: "2027-05-31", hasAcceptedFinalReturn: true }), award(3, { endsOn: "2027-06-01" })];
    expect(reconciliationFlags(entries, { roundScoped: true, awards, today }).map((f) => f.awardId)).toEqual([1]);
  });
});

describe("exports", () => {
  it("writes pounds from pence exactly, as text for CSV and as pence / 100 for spreadsheets", () => {
    expect(poundsText(750_050)).toBe("7500.50");
    expect(poundsText(-5)).toBe("-0.05");
    expect(poundsNumber(750_050)).toBe(7500.5);
    expect(poundsNumber(1)).toBe(0.01);
    expect(() => poundsNumber(0.5)).toThrow();
  });

  it("neutralises cells that a spreadsheet would run as a formula", () => {
    for (const bad of ["=HYPERLINK(\"http://x\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell("Leeds partnership")).toBe("Leeds partnership");
  });

  it("has a header, the rows, and a totals row equal to their sum", () => {
    const { rows, totals } = reconciliationRows(scenario, "budget_set");
    const records = csvRecords(
      rows.map((r) => ({ fundName: "=Fund", type: r.type, name: r.key, figures: r.figures })),
      totals,
    );
    expect(records[0][0]).toBe("Fund");
    expect(records[1][0]).toBe("'=Fund");
    const last = records[records.length - 1];
    expect(last[0]).toBe("Total");
    const committed = records.slice(1, -1).reduce((sum, r) => sum + Math.round(Number(r[4]) * 100), 0);
    expect(committed).toBe(totals.committed);
    expect(last[4]).toBe(poundsText(totals.committed));
    expect(exportFileName(["Mayor's Safer Communities Fund", "2026-27"], "xlsx")).toBe("reconciliation-mayor-s-safer-communities-fund-2026-27.xlsx");
  });
});

describe("the committed and paid chart", () => {
  it("scales bars to the largest amount, draws nothing for nothing, and describes every figure", () => {
    expect(barWidth(0, 100)).toBe(0);
    expect(barWidth(-5, 100)).toBe(0);
    expect(barWidth(100, 100)).toBe(330);
    expect(barWidth(1, 1_000_000)).toBe(1);
    expect(chartDescription([{ key: "a", name: "Grant round 8", committedPence: 1_300_000, paidPence: 800_000 }])).toBe("Grant round 8: committed £13,000.00, paid £8,000.00");
    expect(chartDescription([])).toBe("Nothing committed or paid in this scope");
  });
});

describe("Community Safety Fund rules", () => {
  it("records an allocation change as the difference", () => {
    expect(allocationChange(0, 40_000_000)).toEqual({ kind: "commitment", amountPence: 40_000_000 });
    expect(allocationChange(45_000_000, 40_000_000)).toEqual({ kind: "commitment_reduced", amountPence: 5_000_000 });
    expect(allocationChange(1, 1)).toBeNull();
  });

  it("never allocates below what is paid or beyond the fund's budget", () => {
    expect(allocationRefusal({ targetPence: 100, currentPence: 500, paidPence: 200, budgetPence: 10_000, allocatedPence: 500 })).toMatch(/at least £2.00/);
    expect(allocationRefusal({ targetPence: 3_000, currentPence: 1_000, paidPence: 0, budgetPence: 10_000, allocatedPence: 9_000 })).toMatch(/£20.00 or less/);
    expect(allocationRefusal({ targetPence: 2_000, currentPence: 1_000, paidPence: 0, budgetPence: 10_000, allocatedPence: 9_000 })).toBeNull();
    expect(allocationRefusal({ targetPence: 1, currentPence: 0, paidPence: 0, budgetPence: 0, allocatedPence: 0 })).toMatch(/No budget/);
  });

  it("never pays a partnership more than its allocation", () => {
    expect(paymentRefusal({ amountPence: 500, allocatedPence: 1_000, paidPence: 500 })).toBeNull();
    expect(paymentRefusal({ amountPence: 501, allocatedPence: 1_000, paidPence: 500 })).toMatch(/£5.00 or less/);
    expect(paymentRefusal({ amountPence: 1, allocatedPence: 1_000, paidPence: 1_000 })).toMatch(/whole allocation/);
  });

  it("takes a quarterly return only when the spend by priority adds up to the spend", () => {
    const schema = csfReturnFormSchema([7, 8, 9], [1, 2, 3, 4]);
    const good = schema.safeParse({ quarter: "2", spend: "1,000.00", "priority.7": "600", "priority.8": "400.00", "priority.9": "", outcomesSummary: "42 young people completed the programme" });
    expect(good.success && good.data).toEqual({ quarter: 2, spendPence: 100_000, spendByPriority: { "7": 60_000, "8": 40_000, "9": 0 }, outcomesSummary: "42 young people completed the programme" });
    const off = schema.safeParse({ quarter: "2", spend: "1,000.00", "priority.7": "600", "priority.8": "399.99", outcomesSummary: "x" });
    expect(off.success).toBe(false);
    expect(off.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["spendByPriority", "The spend by priority must add up to the total spend: it adds up to £999.99, £0.01 less than £1,000.00"]]);
    const taken = csfReturnFormSchema([7], [2, 3]).safeParse({ quarter: "1", spend: "0", "priority.7": "0", outcomesSummary: "x" });
    expect(taken.error?.issues[0]).toMatchObject({ path: ["quarter"], message: "A return for this quarter has already been recorded" });
  });
});
