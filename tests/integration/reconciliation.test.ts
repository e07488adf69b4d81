import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite, writeTransaction } from "#db/client";
import { auditEvents, awards, csfReturns, districts, funds, ledgerEntries, monitoringReturns, rounds } from "#db/schema";
import { FIGURES, type Figure, type Figures } from "~/domain/finance/reconciliation";
import type { LedgerKind } from "~/domain/money/ledger";
import { instantToLondonWallClock } from "~/domain/time/london";
import { getFundBySlug } from "~/models/fund.server";
import { payPartnership } from "~/models/finance/csf.server";
import { appendLedgerEntry, type NewLedgerEntry } from "~/models/ledger.server";
import { loader as auditLoader } from "~/routes/finance.audit";
import { action as districtAction, loader as districtLoader } from "~/routes/finance.csf.$districtId";
import { action as csfAction, loader as csfLoader } from "~/routes/finance.csf._index";
import { loader as ledgerLoader } from "~/routes/finance.ledger";
import { loader as reconciliationLoader } from "~/routes/finance.reconciliation";
import { loader as csvLoader } from "~/routes/finance.reconciliation[.csv]";
import { loader as xlsxLoader } from "~/routes/finance.reconciliation[.xlsx]";
import { signedIn } from "../factories/accounts";
import { submittedBids } from "../factories/assessment";
import { call, jsonOf } from "../setup/remix";

type Page = {
  figures: { figure: Figure; pence: number; href: string }[];
  rows: { key: string; type: string; name: string; fundName: string; figures: Figures; links: Partial<Record<Figure, string>> }[];
  totals: Figures;
  flags: { kind: string; message: string; href: string }[];
};
type Failure = { errors: Record<string, string> };

const YEAR = 2026;
let finance: Awaited<ReturnType<typeof signedIn>>;
let bids: { bidId: number; organisationId: number }[] = [];
const ids = { mscf: 0, csf: 0, flagFund: 0, roundA: 0, roundB: 0, roundC: 0, roundD: 0, awards: {} as Record<string, number> };

function ledger(kind: LedgerKind, amountPence: number, where: Partial<NewLedgerEntry> & { fundId: number }) {
  return writeTransaction((tx) => appendLedgerEntry(tx, { kind, amountPence, financialYear: YEAR, ...where }, finance.user.id, new Date()));
}

/** A round copied from the demo round into `fundId`, for a scenario of its own. */
function newRound(demoRoundId: number, fundId: number, code: string) {
  return writeTransaction((tx) => {
    const { id: _id, createdAt: _c, ...demo } = tx.select().from(rounds).where(eq(rounds.id, demoRoundId)).get()!;
    return tx.insert(rounds).values({ ...demo, fundId, slug: code.toLowerCase(), code, name: `Round ${code}`, createdAt: new Date() }).returning().get().id;
  });
}

let nextBid = 0;
/** An accepted award with its commitment, made directly (the awards issue makes them at release). */
function anAward(name: string, roundId: number, fundId: number, amountPence: number, endsOn: string) {
  const bid = bids[nextBid++];
  const id = writeTransaction((tx) => {
    const award = tx
      .insert(awards)
      .values({ bidId: bid.bidId, roundId, organisationId: bid.organisationId, amountPence, status: "accepted", conditions: "Standard", startsOn: "2019-04-01", endsOn, createdAt: new Date(), createdBy: finance.user.id })
      .returning()
      .get();
    appendLedgerEntry(tx, { kind: "commitment", fundId, financialYear: YEAR, roundId, awardId: award.id, amountPence }, finance.user.id, new Date());
    return award.id;
  });
  ids.awards[name] = id;
  return id;
}

function finalReturn(awardId: number, status: "submitted" | "accepted") {
  writeTransaction((tx) =>
    tx.insert(monitoringReturns).values({ awardId, kind: "final", status, beneficiariesReached: 10, story: "Done", underspendPence: 0, submittedBy: finance.user.id, submittedAt: new Date() }).run(),
  );
}

async function page(query: string, cookie = finance.cookie): Promise<Page> {
  const response = await call(reconciliationLoader, `/finance/reconciliation?${query}`, { cookie });
  expect(response.status).toBe(200);
  return jsonOf<Page>(response);
}

const figureOf = (p: Page) => Object.fromEntries(p.figures.map((f) => [f.figure, f.pence])) as Figures;
const pounds = (text: string) => Math.round(Number(text) * 100);

function expectRowsAddUp(p: Page) {
  for (const f of FIGURES) expect(p.rows.reduce((sum, r) => sum + r.figures[f], 0), `${f} column`).toBe(p.totals[f]);
  expect(p.totals).toEqual(figureOf(p));
}

beforeAll(async () => {
  finance = await signedIn("finance", { name: "Gareth Lloyd" });
  const made = await submittedBids(10);
  bids = made.bids.map((b) => ({ bidId: b.bidId, organisationId: b.applicant.organisationId! }));
  ids.mscf = getFundBySlug("mayors-safer-communities-fund")!.id;
  ids.csf = getFundBySlug("community-safety-fund")!.id;
  ids.roundA = newRound(made.roundId, ids.mscf, "RA");
  ids.roundB = newRound(made.roundId, ids.mscf, "RB");

  // Two rounds of the Mayor's fund, awards, payments, an underspend, and repayments.
  ledger("budget_set", 50_000_000, { fundId: ids.mscf });
  ledger("round_budget_set", 25_000_000, { fundId: ids.mscf, roundId: ids.roundA });
  ledger("round_budget_set", 20_000_000, { fundId: ids.mscf, roundId: ids.roundB });
  const a1 = anAward("A1", ids.roundA, ids.mscf, 800_000, "2020-01-31");
  const a2 = anAward("A2", ids.roundA, ids.mscf, 600_000, "2099-03-31");
  const b1 = anAward("B1", ids.roundB, ids.mscf, 750_050, "2020-06-30");
  const b2 = anAward("B2", ids.roundB, ids.mscf, 500_000, "2020-06-30");
  ledger("payment", 800_000, { fundId: ids.mscf, roundId: ids.roundA, awardId: a1, valueOn: "2026-05-01", reference: "PAY A1" });
  ledger("payment", 300_000, { fundId: ids.mscf, roundId: ids.roundA, awardId: a2 });
  ledger("commitment_reduced", 100_000, { fundId: ids.mscf, roundId: ids.roundA, awardId: a2, note: "Underspend: not paid out" });
  ledger("payment", 750_050, { fundId: ids.mscf, roundId: ids.roundB, awardId: b1 });
  ledger("repayment_due", 50_025, { fundId: ids.mscf, roundId: ids.roundB, awardId: b1 });
  ledger("repayment", 50_025, { fundId: ids.mscf, roundId: ids.roundB, awardId: b1 });
  ledger("payment", 500_000, { fundId: ids.mscf, roundId: ids.roundB, awardId: b2 });
  ledger("repayment_due", 120_000, { fundId: ids.mscf, roundId: ids.roundB, awardId: b2 });
  finalReturn(b1, "submitted");
  finalReturn(b2, "accepted");
});

const EXPECTED_MSCF: Figures = {
  budget: 50_000_000,
  committed: 800_000 + 600_000 - 100_000 + 750_050 + 500_000,
  paid: 800_000 + 300_000 + 750_050 + 500_000,
  outstanding: 200_000,
  repayment_due: 170_025,
  repaid: 50_025,
  uncommitted: 50_000_000 - 2_550_050,
};

describe("the reconciliation of a fund and year", () => {
  it("shows budget, committed, paid, outstanding, repaid and uncommitted, each total the sum of its rows", async () => {
    const p = await page(`fund=${ids.mscf}&year=${YEAR}`);
    expect(figureOf(p)).toEqual(EXPECTED_MSCF);
    expectRowsAddUp(p);
    const byName = Object.fromEntries(p.rows.map((r) => [r.name, r.figures]));
    expect(Object.keys(byName)).toEqual(["Round RA", "Round RB", "Not given to a round or partnership"]);
    expect(byName["Round RA"]).toEqual({ budget: 25_000_000, committed: 1_300_000, paid: 1_100_000, outstanding: 200_000, repayment_due: 0, repaid: 0, uncommitted: 23_700_000 });
    expect(byName["Round RB"]).toEqual({ budget: 20_000_000, committed: 1_250_050, paid: 1_250_050, outstanding: 0, repayment_due: 170_025, repaid: 50_025, uncommitted: 18_749_950 });
    expect(byName["Not given to a round or partnership"].budget).toBe(5_000_000);
  });

  it("links every figure, and every row's figures, to ledger entries whose total is that figure", async () => {
    const p = await page(`fund=${ids.mscf}&year=${YEAR}`);
    const links = [...p.figures.map((f) => ({ href: f.href, pence: f.pence })), ...p.rows.flatMap((r) => Object.entries(r.links).map(([f, href]) => ({ href: href!, pence: r.figures[f as Figure] })))];
    expect(links.length).toBeGreaterThan(20);
    for (const { href, pence } of links) {
      expect(href).toMatch(/^\/finance\/ledger\?/);
      const listing = await jsonOf<{ totalPence: number; rows: { signedPence: number }[] }>(await call(ledgerLoader, href, { cookie: finance.cookie }));
      expect(listing.totalPence, href).toBe(pence);
      expect(listing.rows.reduce((sum, r) => sum + r.signedPence, 0), href).toBe(pence);
    }
  });

  it("for a single round, reconciles against the round's own budget", async () => {
    const p = await page(`round=${ids.roundA}`);
    expect(figureOf(p)).toMatchObject({ budget: 25_000_000, committed: 1_300_000, paid: 1_100_000, uncommitted: 23_700_000 });
    expectRowsAddUp(p);
    expect(p.figures.find((f) => f.figure === "budget")!.href).toBe(`/finance/ledger?fund=${ids.mscf}&round=${ids.roundA}&figure=budget`);
  });

  it("adds up across every fund and year too", async () => {
    expectRowsAddUp(await page(""));
  });

  it("answers 404 for a scope that is malformed or does not exist", async () => {
    expect((await call(reconciliationLoader, "/finance/reconciliation?fund=abc", { cookie: finance.cookie })).status).toBe(404);
    expect((await call(reconciliationLoader, "/finance/reconciliation?round=99999", { cookie: finance.cookie })).status).toBe(404);
  });
});

describe("flags", () => {
  it("flags repayments due but not received, and awards past their end without an accepted final return", async () => {
    const p = await page(`fund=${ids.mscf}&year=${YEAR}`);
    expect(p.flags.map((f) => f.kind).sort()).toEqual(["past_end_without_final_return", "past_end_without_final_return", "repayment_not_received"]);
    const text = p.flags.map((f) => f.message).join("\n");
    expect(text).toContain("£1,200.00 repayment due, £0.00 received, £1,200.00 still to come");
    expect(text).toMatch(/ended on 31 January 2020 and has no accepted final return/);
    // B1's final return was sent but not accepted: still a flag. B2's was accepted: not one.
    expect(p.flags.filter((f) => f.kind === "past_end_without_final_return").map((f) => f.href)).toEqual([`/finance/ledger?award=${ids.awards.A1}`, `/finance/ledger?award=${ids.awards.B1}`]);
  });

  it("flags every inconsistency when its condition is true, never hiding it", async () => {
    const demoRound = getDb().select({ id: rounds.id }).from(rounds).where(eq(rounds.slug, "gr8")).get()!.id;
    ids.flagFund = writeTransaction((tx) =>
      tx
        .insert(funds)
        .values({ slug: "flag-test-fund", code: "FTF", name: "=SUM(1+1) test fund", moneySource: "Test", description: "Test", allocationMethod: "competitive", defaultMaxAwardPence: 0, createdAt: new Date() })
        .returning()
        .get().id,
    );
    ids.roundC = newRound(demoRound, ids.flagFund, "RC");
    ids.roundD = newRound(demoRound, ids.flagFund, "RD");
    const fundId = ids.flagFund;
    // The app refuses each of these; the database is written directly, as a mistake or an old import might.
    ledger("budget_set", 100_000, { fundId });
    ledger("round_budget_set", 100_000, { fundId, roundId: ids.roundC });
    ledger("round_budget_set", 50_000, { fundId, roundId: ids.roundD });
    const c1 = anAward("C1", ids.roundC, fundId, 200_000, "2099-01-01");
    ledger("payment", 200_000, { fundId, roundId: ids.roundC, awardId: c1 });
    ledger("commitment_reduced", 50_000, { fundId, roundId: ids.roundC, awardId: c1 });
    const leeds = getDb().select({ id: districts.id }).from(districts).where(eq(districts.name, "Leeds")).get()!.id;
    ledger("commitment", 10_000, { fundId, districtId: leeds });
    ledger("payment", 15_000, { fundId, districtId: leeds });

    const p = await page(`fund=${fundId}&year=${YEAR}`);
    expectRowsAddUp(p);
    expect(new Set(p.flags.map((f) => f.kind))).toEqual(new Set(["round_over_budget", "fund_year_over_budget", "round_budgets_above_fund_budget", "payments_above_award", "partnership_paid_above_allocation"]));
    const text = p.flags.map((f) => f.message).join("\n");
    expect(text).toContain("Round RC has committed £1,500.00 against a budget of £1,000.00 (over by £500.00)");
    expect(text).toContain("=SUM(1+1) test fund 2026-27 has committed £1,600.00 against a budget of £1,000.00 (over by £600.00)");
    expect(text).toContain("its rounds' budgets total £1,500.00, more than the fund's budget of £1,000.00");
    expect(text).toContain("has been paid £2,000.00: the award is £2,000.00 and its net commitment £1,500.00");
    expect(text).toContain("Leeds partnership 2026-27 has been paid £150.00 against an allocation of £100.00 (over by £50.00)");
  });
});

describe("exports", () => {
  it("CSV re-read and summed equals the page's totals, with formula-like names neutralised", async () => {
    for (const query of [`fund=${ids.mscf}&year=${YEAR}`, `fund=${ids.flagFund}&year=${YEAR}`, ""]) {
      const p = await page(query);
      const response = await call(csvLoader, `/finance/reconciliation.csv?${query}`, { cookie: finance.cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="reconciliation-.*\.csv"$/);
      const records: string[][] = parse(await response.text(), { bom: true });
      const [header, ...body] = records;
      const totalsRow = body.pop()!;
      expect(header.slice(3)).toEqual(["Budget (£)", "Committed (£)", "Paid (£)", "Outstanding (£)", "Repayment due (£)", "Repaid (£)", "Uncommitted (£)"]);
      expect(totalsRow[0]).toBe("Total");
      expect(body).toHaveLength(p.rows.length);
      FIGURES.forEach((f, i) => {
        expect(body.reduce((sum, r) => sum + pounds(r[3 + i]), 0), `${query} ${f}`).toBe(p.totals[f]);
        expect(pounds(totalsRow[3 + i])).toBe(p.totals[f]);
      });
      for (const row of body) expect(row[0]).not.toMatch(/^[=+\-@]/);
    }
  });

  it("XLSX re-read and summed equals the page's totals: money in pounds, SUM formulas with cached totals", async () => {
    for (const query of [`fund=${ids.mscf}&year=${YEAR}`, `fund=${ids.flagFund}&year=${YEAR}`]) {
      const p = await page(query);
      const response = await call(xlsxLoader, `/finance/reconciliation.xlsx?${query}`, { cookie: finance.cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="reconciliation-.*\.xlsx"$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.getWorksheet("Reconciliation")!;
      expect(sheet.getRow(1).getCell(1).value).toBe("Fund");
      const last = sheet.rowCount;
      expect(sheet.getRow(last).getCell(1).value).toBe("Total");
      expect(last - 2).toBe(p.rows.length);
      FIGURES.forEach((f, i) => {
        const column = 4 + i;
        let sum = 0;
        for (let r = 2; r < last; r++) {
          const cell = sheet.getRow(r).getCell(column);
          expect(typeof cell.value).toBe("number");
          expect(cell.numFmt).toBe("£#,##0.00");
          sum += Math.round((cell.value as number) * 100);
        }
        expect(sum, `${query} ${f}`).toBe(p.totals[f]);
        const total = sheet.getRow(last).getCell(column);
        const { formula, result } = total.value as { formula: string; result: number };
        expect(formula).toBe(`SUM(${sheet.getColumn(column).letter}2:${sheet.getColumn(column).letter}${last - 1})`);
        // The file holds <v>0</v> for a zero total, but exceljs's reader drops a cached 0 on load.
        const cached = result ?? (p.totals[f] === 0 ? 0 : Number.NaN);
        expect(Math.round(cached * 100)).toBe(p.totals[f]);
      });
      if (query.includes(String(ids.flagFund))) {
        expect(sheet.getRow(2).getCell(1).value).toBe("'=SUM(1+1) test fund");
        expect(workbook.getWorksheet("Flags")!.rowCount).toBe(1 + p.flags.length);
      }
    }
  });
});

describe("the Community Safety Fund", () => {
  const allocate = (districtId: number, allocation: string) => call(csfAction, "/finance/csf", { cookie: finance.cookie, form: { intent: "allocate", fund: String(ids.csf), year: String(YEAR), allocationDistrictId: String(districtId), allocation } });
  const pay = (districtId: number, amount: string) =>
    call(csfAction, "/finance/csf", { cookie: finance.cookie, form: { intent: "pay", fund: String(ids.csf), year: String(YEAR), districtId: String(districtId), amount, paidOnDay: "1", paidOnMonth: "5", paidOnYear: "2026", reference: "CSF Q1" } });
  const district = (name: string) => getDb().select({ id: districts.id }).from(districts).where(eq(districts.name, name)).get()!.id;

  it("allocates to each of the five partnerships, records a change as the difference, and stays within the budget", async () => {
    ledger("budget_set", 200_000_000, { fundId: ids.csf });
    const amounts: Record<string, string> = { Bradford: "450,000", Calderdale: "250000", Kirklees: "400,000.00", Leeds: "500,000", Wakefield: "300,000" };
    for (const [name, amount] of Object.entries(amounts)) {
      const response = await allocate(district(name), amount);
      expect(response.status, name).toBe(302);
      expect(response.headers.get("Location")).toBe(`/finance/csf?fund=${ids.csf}&year=${YEAR}&done=allocated`);
    }
    expect((await allocate(district("Leeds"), "450,000")).status).toBe(302);
    const leedsEntries = getDb().select().from(ledgerEntries).where(and(eq(ledgerEntries.fundId, ids.csf), eq(ledgerEntries.districtId, district("Leeds")))).all();
    expect(leedsEntries.map((e) => [e.kind, e.amountPence, e.awardId, e.roundId])).toEqual([
      ["commitment", 50_000_000, null, null],
      ["commitment_reduced", 5_000_000, null, null],
    ]);
    const over = await allocate(district("Wakefield"), "500,000");
    expect(over.status).toBe(400);
    expect((await jsonOf<Failure>(over)).errors.allocation).toBe("The allocation must be £450,000.00 or less: the fund's budget for the year is £2,000,000.00 and the rest is allocated to other partnerships");

    const overview = await jsonOf<{ overview: { rows: { name: string; allocatedPence: number }[]; totals: { allocatedPence: number } } }>(await call(csfLoader, `/finance/csf?fund=${ids.csf}&year=${YEAR}`, { cookie: finance.cookie }));
    expect(overview.overview.rows.map((r) => [r.name, r.allocatedPence])).toEqual([
      ["Bradford", 45_000_000],
      ["Calderdale", 25_000_000],
      ["Kirklees", 40_000_000],
      ["Leeds", 45_000_000],
      ["Wakefield", 30_000_000],
    ]);
    expect(overview.overview.totals.allocatedPence).toBe(185_000_000);
  });

  it("never pays a partnership more than its allocation, nor allocates it less than it has been paid", async () => {
    const leeds = district("Leeds");
    expect((await pay(leeds, "200,000")).status).toBe(302);
    expect((await pay(leeds, "250,000.00")).status).toBe(302);
    const penny = await pay(leeds, "0.01");
    expect(penny.status).toBe(400);
    expect((await jsonOf<Failure>(penny)).errors.amount).toBe("Nothing is left to pay: the partnership has been paid its whole allocation");
    // The model refuses too, whoever calls it; the database's trigger only guards awards.
    expect(payPartnership({ fundId: ids.csf, districtId: leeds, financialYear: YEAR, amountPence: 1, paidOn: "2026-05-02", reference: "X", actorId: finance.user.id }, new Date())).toMatchObject({ ok: false, code: "refused" });
    const below = await allocate(leeds, "400,000");
    expect(below.status).toBe(400);
    expect((await jsonOf<Failure>(below)).errors.allocation).toMatch(/at least £450,000.00/);
    const bradford = await pay(district("Bradford"), "450,000.01");
    expect((await jsonOf<Failure>(bradford)).errors.amount).toBe("The amount paid must be £450,000.00 or less: that is all that is left of the partnership's allocation");

    const p = await page(`fund=${ids.csf}&year=${YEAR}`);
    expectRowsAddUp(p);
    expect(figureOf(p)).toMatchObject({ budget: 200_000_000, committed: 185_000_000, paid: 45_000_000, outstanding: 140_000_000, uncommitted: 15_000_000 });
    expect(p.rows.filter((r) => r.type === "district").map((r) => r.name)).toEqual(["Bradford partnership", "Calderdale partnership", "Kirklees partnership", "Leeds partnership", "Wakefield partnership"]);
    expect(p.flags).toEqual([]);
  });

  it("records a quarterly return whose spend by priority must add up to the spend, one per quarter", async () => {
    const leeds = district("Leeds");
    const url = `/finance/csf/${leeds}?fund=${ids.csf}&year=${YEAR}`;
    const loaded = await jsonOf<{ plan: { name: string; priorities: { id: number; name: string }[] }; openQuarters: number[] }>(await call(districtLoader, url, { cookie: finance.cookie, params: { districtId: String(leeds) } }));
    // The CSF has no rounds, so returns are split by the newest plan's priorities.
    expect(loaded.plan.name).toBe("West Yorkshire Police and Crime Plan 2024-28");
    expect(loaded.openQuarters).toEqual([1, 2, 3, 4]);
    const [p1, p2, p3] = loaded.plan.priorities;
    const form = (split: [string, string, string]) => ({ fund: String(ids.csf), year: String(YEAR), quarter: "1", spend: "100,000.00", [`priority.${p1.id}`]: split[0], [`priority.${p2.id}`]: split[1], [`priority.${p3.id}`]: split[2], outcomesSummary: "312 people supported; 41 repeat victims safeguarded" });
    const post = (split: [string, string, string]) => call(districtAction, url, { cookie: finance.cookie, params: { districtId: String(leeds) }, form: form(split) });

    const wrong = await post(["50,000", "30,000", "19,999.99"]);
    expect(wrong.status).toBe(400);
    expect((await jsonOf<Failure>(wrong)).errors.spendByPriority).toBe("The spend by priority must add up to the total spend: it adds up to £99,999.99, £0.01 less than £100,000.00");
    const right = await post(["50,000", "30,000", "20,000"]);
    expect(right.status).toBe(302);
    const saved = getDb().select().from(csfReturns).where(eq(csfReturns.districtId, leeds)).all();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ quarter: 1, financialYear: YEAR, spendPence: 10_000_000, spendByPriority: { [p1.id]: 5_000_000, [p2.id]: 3_000_000, [p3.id]: 2_000_000 }, submittedBy: finance.user.id });
    const again = await post(["50,000", "30,000", "20,000"]);
    expect(again.status).toBe(400);
    expect((await jsonOf<Failure>(again)).errors.quarter).toBe("A return for this quarter has already been recorded");

    const overview = await jsonOf<{ overview: { rows: { name: string; returns: { quarter: number; spendPence: number | null }[] }[]; totals: { returnsReceived: { count: number }[] } } }>(await call(csfLoader, `/finance/csf?fund=${ids.csf}&year=${YEAR}`, { cookie: finance.cookie }));
    expect(overview.overview.rows.find((r) => r.name === "Leeds")!.returns[0]).toEqual({ quarter: 1, spendPence: 10_000_000 });
    expect(overview.overview.totals.returnsReceived[0].count).toBe(1);
  });
});

describe("the audit log", () => {
  type Events = { total: number; events: { action: string; subjectType: string; subjectId: string; actorName: string | null }[] };
  const search = async (query: string, cookie = finance.cookie) => {
    const response = await call(auditLoader, `/finance/audit?${query}`, { cookie });
    expect(response.status).toBe(200);
    return jsonOf<Events>(response);
  };

  it("finds events by action, subject, who and date, newest first", async () => {
    const ledgerEvents = await search("action=ledger.");
    expect(ledgerEvents.total).toBe(getDb().select().from(ledgerEntries).all().length);
    expect(ledgerEvents.events.every((e) => e.action.startsWith("ledger."))).toBe(true);
    const ids = ledgerEvents.events.map((e) => Number(e.subjectId));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const csfReturn = await search("subjectType=csf_return");
    expect(csfReturn.events.map((e) => [e.action, e.actorName])).toEqual([["csf_return.recorded", "Gareth Lloyd"]]);
    const [first] = getDb().select().from(ledgerEntries).all();
    expect((await search(`subjectType=ledger_entry&subjectId=${first.id}`)).events).toHaveLength(1);
    expect((await search("who=gareth&action=ledger.payment")).total).toBeGreaterThan(0);
    expect((await search("who=nobody-of-that-name")).total).toBe(0);

    const [y, m, d] = instantToLondonWallClock(new Date()).date.split("-");
    const today = `fromDay=${d}&fromMonth=${m}&fromYear=${y}&toDay=${d}&toMonth=${m}&toYear=${y}`;
    expect((await search(`${today}&action=csf_return.`)).total).toBe(1);
    expect((await search(`fromDay=1&fromMonth=1&fromYear=2001&toDay=31&toMonth=12&toYear=2001`)).total).toBe(0);
    const badDate = await search("fromDay=31&fromMonth=2&fromYear=2026");
    expect((badDate as unknown as { errors: Record<string, string> }).errors.from).toBe("The date to search from must be a real date");
  });

  it("pages through events fifty at a time", async () => {
    const all = await search("action=ledger.");
    const second = await jsonOf<Events & { page: number; pages: number }>(await call(auditLoader, "/finance/audit?action=ledger.&page=2", { cookie: finance.cookie }));
    expect(second.pages).toBe(Math.ceil(all.total / 50));
    expect(second.page).toBe(Math.min(2, second.pages));
  });

  it("is refused to applicants, assessors and grants officers, and open to admins", async () => {
    for (const role of ["applicant", "assessor", "grants_officer"] as const) {
      const { cookie } = await signedIn(role);
      expect((await call(auditLoader, "/finance/audit", { cookie })).status, role).toBe(403);
    }
    expect((await call(auditLoader, "/finance/audit", { cookie: (await signedIn("admin")).cookie })).status).toBe(200);
  });

  it("cannot be changed or deleted, even by hand", () => {
    const sqlite = getSqlite();
    expect(() => sqlite.prepare("UPDATE audit_events SET action = 'tampered'").run()).toThrow();
    expect(() => sqlite.prepare("DELETE FROM audit_events").run()).toThrow();
    expect(getDb().select().from(auditEvents).all().some((e) => e.action === "tampered")).toBe(false);
  });
});
