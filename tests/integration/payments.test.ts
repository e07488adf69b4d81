import { parse } from "csv-parse/sync";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { auditEvents, ledgerEntries } from "#db/schema";
import { DECLARATIONS } from "~/domain/awards/offer";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { instantToLondonWallClock } from "~/domain/time/london";
import { acceptOffer, confirmBankDetails, submitBankDetails } from "~/models/awards/award.server";
import { bringRoundBudgetsIntoLedger, fundBudget, roundsOutOfStep, setFundBudget, setRoundBudget } from "~/models/finance/budgets.server";
import { awardsDueForPayment, correctPayment, paymentRun, recordPayment } from "~/models/finance/payments.server";
import { listFunds } from "~/models/fund.server";
import { ledgerEntriesFor } from "~/models/ledger.server";
import { listPlans } from "~/models/plan.server";
import { listRoundsForStaff } from "~/models/round-config.server";
import { action as awardAction, loader as awardLoader } from "~/routes/finance.awards.$awardId";
import { action as budgetsAction, loader as budgetsLoader } from "~/routes/finance.budgets";
import { loader as dashboardLoader } from "~/routes/finance._index";
import { loader as csvLoader } from "~/routes/finance.payment-run[.csv]";
import { action as addRound } from "~/routes/manage.rounds.new";
import { action as changeRound } from "~/routes/manage.rounds.$roundId";
import { signedIn } from "../factories/accounts";
import { anOffer } from "../factories/awards";
import { openRound } from "../factories/bids";
import { call, jsonOf } from "../setup/remix";
import { roundForm } from "./manage-forms";

type Failure = { errors: Record<string, string>; values: Record<string, string | string[]> };

let finance: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  openRound();
  finance = await signedIn("finance");
});

const today = () => instantToLondonWallClock(new Date()).date;
const DETAILS = { accountName: "Calder Valley Youth Boxing Club", sortCode: "309430", accountNumber: "12345678" };

/** An offer the organisation has accepted with bank details given first: ready to pay. */
async function payableAward(pounds = 8000, { bank = true, accept = true } = {}) {
  const offer = await anOffer(pounds);
  if (bank) expect(submitBankDetails({ ...DETAILS, awardId: offer.award.id, userId: offer.applicant.id }, new Date()).ok).toBe(true);
  if (accept) {
    const accepted = acceptOffer({ awardId: offer.award.id, userId: offer.applicant.id, signatoryName: "Aisha Khan", signatoryRole: "Chair", acceptedOn: today(), declarations: DECLARATIONS.map((d) => d.value) }, new Date());
    expect(accepted.ok).toBe(true);
  }
  return offer;
}

const pay = (awardId: number, amountPence: number, reference = "BACS 0001") => recordPayment({ awardId, amountPence, paidOn: today(), reference, financeUserId: finance.user.id }, new Date());
const paid = (awardId: number) => balances(ledgerEntriesFor({ awardId })).paidPence;
const writes = () => ({
  ledger: getDb().select({ n: count() }).from(ledgerEntries).get()!.n,
  audit: getDb().select({ n: count() }).from(auditEvents).get()!.n,
});

function paymentForm(amount: string, reference = "BACS 0001") {
  const [y, m, d] = today().split("-");
  return { intent: "pay", amount, paidOnDay: String(Number(d)), paidOnMonth: String(Number(m)), paidOnYear: y, reference };
}

const postPayment = (awardId: number, form: Record<string, string>, cookie = finance.cookie) => call(awardAction, `/finance/awards/${awardId}`, { cookie, params: { awardId: String(awardId) }, form });

describe("paying an award", () => {
  it("records a payment of the award's full amount from finance's page, audited, and the award leaves the list of those due", async () => {
    const { award } = await payableAward(8000);
    expect(awardsDueForPayment().find((a) => a.id === award.id)).toMatchObject({ remainingPence: 800_000, paidPence: 0, blockedReason: null });

    const page = await jsonOf<{ defaults: Record<string, string>; remainingPence: number; bankDetails: { accountNumber: string; sortCode: string } }>(
      await call(awardLoader, `/finance/awards/${award.id}`, { cookie: finance.cookie, params: { awardId: String(award.id) } }),
    );
    // One payment by default for a grant of up to £8,000; finance sees the bank details in full.
    expect(page.defaults.amount).toBe("8000.00");
    expect(page.bankDetails).toMatchObject({ accountNumber: "12345678", sortCode: "309430" });

    const response = await postPayment(award.id, paymentForm(page.defaults.amount, "MSCF 8000 FULL"));
    expect(response.status).toBe(302);
    const [payment] = ledgerEntriesFor({ awardId: award.id }).filter((e) => e.kind === "payment");
    expect(response.headers.get("Location")).toBe(`/finance/awards/${award.id}?paid=${payment.id}`);
    expect(payment).toMatchObject({ amountPence: 800_000, valueOn: today(), reference: "MSCF 8000 FULL", createdBy: finance.user.id, financialYear: financialYearOf(new Date()) });
    const audit = getDb().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "ledger_entry"), eq(auditEvents.subjectId, String(payment.id)))).all();
    expect(audit).toMatchObject([{ action: "ledger.payment", actorUserId: finance.user.id }]);
    expect(awardsDueForPayment().some((a) => a.id === award.id)).toBe(false);
  });

  it("refuses one penny more than the award, and writes nothing", async () => {
    const { award } = await payableAward(8000);
    const before = writes();
    expect(pay(award.id, 800_001)).toEqual({ ok: false, code: "over_remaining", remainingPence: 800_000, message: "The amount paid must be £8,000.00 or less: that is all that is left to pay on this award" });
    const page = await postPayment(award.id, paymentForm("8000.01"));
    expect(page.status).toBe(400);
    expect((await jsonOf<Failure>(page)).errors).toEqual({ amount: "The amount paid must be £8,000.00 or less: that is all that is left to pay on this award" });
    expect(writes()).toEqual(before);
    expect(paid(award.id)).toBe(0);
  });

  it("refuses one penny more than what is left as a second instalment", async () => {
    const { award } = await payableAward(8000);
    expect(pay(award.id, 500_000).ok).toBe(true);
    const before = writes();
    expect(pay(award.id, 300_001)).toMatchObject({ ok: false, code: "over_remaining", remainingPence: 300_000, message: expect.stringContaining("£3,000.00 or less") });
    const page = await postPayment(award.id, paymentForm("3,000.01"));
    expect((await jsonOf<Failure>(page)).errors.amount).toContain("£3,000.00 or less");
    expect(writes()).toEqual(before);
    expect(paid(award.id)).toBe(500_000);
  });

  it("adds instalments up to the award exactly, then refuses even a penny", async () => {
    const { award } = await payableAward(7500.5);
    for (const pence of [250_000, 250_000, 250_049]) expect(pay(award.id, pence).ok).toBe(true);
    const last = pay(award.id, 1);
    expect(last).toMatchObject({ ok: true, remainingPence: 0 });
    expect(paid(award.id)).toBe(750_050);
    expect(pay(award.id, 1)).toMatchObject({ ok: false, code: "over_remaining", message: "This award has been paid in full: nothing is left to pay" });
    expect(ledgerEntriesFor({ awardId: award.id }).filter((e) => e.kind === "payment").map((e) => e.amountPence)).toEqual([250_000, 250_000, 250_049, 1]);
  });

  it("refuses nothing, negative and fractional amounts before touching the ledger", async () => {
    const { award } = await payableAward(1000);
    for (const amountPence of [0, -1, 1.5]) expect(pay(award.id, amountPence)).toMatchObject({ ok: false, code: "invalid" });
    expect(pay(999_999, 1)).toEqual({ ok: false, code: "not_found" });
  });
});

describe("an award that cannot be paid", () => {
  it("is refused while the offer is not accepted", async () => {
    const { award } = await payableAward(4000, { accept: false });
    expect(pay(award.id, 100)).toEqual({ ok: false, code: "blocked", message: "Offer not accepted" });
    expect(paid(award.id)).toBe(0);
  });

  it("is refused without bank details, and shown as blocked on the dashboard", async () => {
    const { award } = await payableAward(4000, { bank: false });
    expect(pay(award.id, 100)).toEqual({ ok: false, code: "blocked", message: "No bank details" });
    const dashboard = await jsonOf<{ due: { id: number; blockedReason: string | null }[] }>(await call(dashboardLoader, "/finance", { cookie: finance.cookie }));
    expect(dashboard.due.find((a) => a.id === award.id)).toMatchObject({ blockedReason: "No bank details" });
  });

  it("is refused after a change of bank details until finance confirms it", async () => {
    const { award, applicant } = await payableAward(6000);
    expect(pay(award.id, 100_000).ok).toBe(true);
    const changed = submitBankDetails({ accountName: "Someone Else Ltd", sortCode: "401122", accountNumber: "87654321", awardId: award.id, userId: applicant.id }, new Date());
    expect(changed).toMatchObject({ ok: true, needsConfirmation: true });
    const before = writes();
    expect(pay(award.id, 100_000)).toMatchObject({ ok: false, code: "blocked", message: expect.stringMatching(/^Bank details changed on .* and not yet confirmed by finance$/) });
    const page = await postPayment(award.id, paymentForm("1000"));
    expect(page.status).toBe(400);
    expect((await jsonOf<Failure>(page)).errors).toEqual({ form: expect.stringContaining("This award cannot be paid: Bank details changed") });
    expect(writes()).toEqual(before);

    expect(confirmBankDetails((changed as { bankDetailsId: number }).bankDetailsId, finance.user.id, new Date()).ok).toBe(true);
    expect(pay(award.id, 100_000).ok).toBe(true);
    expect(paid(award.id)).toBe(200_000);
  });
});

describe("correcting a payment", () => {
  it("reverses it with a negative entry that points at it, once, and the money can be paid again", async () => {
    const { award } = await payableAward(8000);
    const wrong = pay(award.id, 800_000, "KEYED WRONG");
    if (!wrong.ok) throw new Error("payment refused");
    const page = await call(awardAction, `/finance/awards/${award.id}`, { cookie: finance.cookie, params: { awardId: String(award.id) }, form: { intent: "correct", entryId: String(wrong.entry.id), note: "Keyed against the wrong award" } });
    expect(page.status).toBe(302);
    const correction = ledgerEntriesFor({ awardId: award.id }).at(-1)!;
    expect(correction).toMatchObject({ kind: "payment", amountPence: -800_000, correctsEntryId: wrong.entry.id, reference: "KEYED WRONG", valueOn: wrong.entry.valueOn, note: "Keyed against the wrong award" });
    expect(paid(award.id)).toBe(0);
    // The original is still there for the auditors.
    expect(ledgerEntriesFor({ awardId: award.id }).find((e) => e.id === wrong.entry.id)?.amountPence).toBe(800_000);

    expect(correctPayment({ entryId: wrong.entry.id, note: "Again", financeUserId: finance.user.id }, new Date())).toMatchObject({ ok: false, message: "This payment has already been corrected" });
    expect(correctPayment({ entryId: correction.id, note: "Undo", financeUserId: finance.user.id }, new Date())).toMatchObject({ ok: false, code: "not_correctable" });
    const missingNote = await call(awardAction, `/finance/awards/${award.id}`, { cookie: finance.cookie, params: { awardId: String(award.id) }, form: { intent: "correct", entryId: String(wrong.entry.id), note: " " } });
    expect((await jsonOf<Failure>(missingNote)).errors).toEqual({ note: "Enter why the payment is being corrected" });
    expect(pay(award.id, 800_000).ok).toBe(true);
  });

  it("only corrects a payment of the award whose page it was asked from", async () => {
    const first = await payableAward(1000);
    const second = await payableAward(1000);
    const payment = pay(first.award.id, 1000);
    if (!payment.ok) throw new Error("payment refused");
    expect(correctPayment({ entryId: payment.entry.id, note: "x", financeUserId: finance.user.id, awardId: second.award.id }, new Date())).toEqual({ ok: false, code: "not_found" });
  });
});

describe("budgets", () => {
  it("sets a fund's budget by appending the difference, so the ledger sums to the new figure", async () => {
    const fund = listFunds().find((f) => f.code === "CSF")!;
    const year = 2027;
    const first = setFundBudget({ fundId: fund.id, financialYear: year, amountPence: 45_000_000, actorId: finance.user.id }, new Date());
    expect(first).toMatchObject({ ok: true, entry: { kind: "budget_set", amountPence: 45_000_000, correctsEntryId: null } });
    const lower = setFundBudget({ fundId: fund.id, financialYear: year, amountPence: 40_000_000, actorId: finance.user.id }, new Date());
    expect(lower).toMatchObject({ ok: true, entry: { amountPence: -5_000_000, correctsEntryId: (first as { entry: { id: number } }).entry.id, note: "£450,000.00 to £400,000.00" } });
    expect(setFundBudget({ fundId: fund.id, financialYear: year, amountPence: 40_000_000, actorId: finance.user.id }, new Date())).toEqual({ ok: true, entry: null });
    expect(fundBudget(fund.id, year)).toBe(40_000_000);
    expect(ledgerEntriesFor({ fundId: fund.id, financialYear: year }).map((e) => e.amountPence)).toEqual([45_000_000, -5_000_000]);

    const response = await call(budgetsAction, "/finance/budgets", { cookie: finance.cookie, form: { fundId: String(fund.id), financialYear: String(financialYearOf(new Date())), amount: "£123,456.78" } });
    expect(response.status).toBe(302);
    expect(fundBudget(fund.id, financialYearOf(new Date()))).toBe(12_345_678);
    const refused = await call(budgetsAction, "/finance/budgets", { cookie: finance.cookie, form: { fundId: String(fund.id), financialYear: "1999", amount: "ten" } });
    expect((await jsonOf<Failure>(refused)).errors).toEqual({ financialYear: "Select a financial year", amount: "The budget must be an amount of money, like 8000 or 8,000.00" });
  });

  it("shows each fund's budget, committed and uncommitted per year, summed from the ledger", async () => {
    const fund = listFunds().find((f) => f.code === "MSCF")!;
    const year = financialYearOf(new Date());
    setFundBudget({ fundId: fund.id, financialYear: year, amountPence: 90_000_000, actorId: finance.user.id }, new Date());
    const page = await jsonOf<{ budgets: { fundId: number; financialYear: number; budgetPence: number; committedPence: number; uncommittedPence: number; paidPence: number }[] }>(await call(budgetsLoader, "/finance/budgets", { cookie: finance.cookie }));
    const row = page.budgets.find((b) => b.fundId === fund.id && b.financialYear === year)!;
    const b = balances(ledgerEntriesFor({ fundId: fund.id, financialYear: year }));
    expect(row).toMatchObject({ budgetPence: 90_000_000, committedPence: b.committedPence, paidPence: b.paidPence, uncommittedPence: 90_000_000 - b.committedPence });
    expect(b.committedPence).toBeGreaterThan(0);
  });

  it("records a new round's budget in the ledger when the round is created, and the difference when it changes", async () => {
    const officer = await signedIn("grants_officer");
    const fundId = listFunds().find((f) => f.code === "MSCF")!.id;
    const planId = listPlans().find((p) => p.slug === "west-yorkshire-pcp-2024-28")!.id;
    const form = roundForm({ fundId, planId }, { name: "Payments test round", slug: "pay-test", code: "PAYT" });
    expect((await call(addRound, "/manage/rounds/new", { cookie: officer.cookie, form })).status).toBe(302);
    const round = listRoundsForStaff().find((r) => r.round.code === "PAYT")!.round;
    const entries = () => ledgerEntriesFor({ roundId: round.id });
    // Opens 1 June 2026: the 2026-27 financial year of its fund.
    expect(entries()).toMatchObject([{ kind: "round_budget_set", fundId, financialYear: 2026, amountPence: round.budgetPence, createdBy: officer.user.id }]);

    const changed = await call(changeRound, `/manage/rounds/${round.id}`, { cookie: officer.cookie, params: { roundId: String(round.id) }, form: { ...form, budget: "200,000.00" } });
    expect(changed.status).toBe(302);
    expect(entries().map((e) => e.amountPence)).toEqual([round.budgetPence, 20_000_000 - round.budgetPence]);
    expect(entries()[1].correctsEntryId).toBe(entries()[0].id);

    // Moved to open in April 2027: the money leaves 2026-27 and is drawn from 2027-28 instead.
    const moved = await call(changeRound, `/manage/rounds/${round.id}`, { cookie: officer.cookie, params: { roundId: String(round.id) }, form: { ...form, budget: "200,000.00", opensOnMonth: "4", opensOnYear: "2027", closesOnMonth: "5", closesOnYear: "2027" } });
    expect(moved.status).toBe(302);
    const byYear = (y: number) => balances(entries().filter((e) => e.financialYear === y), "round_budget_set").budgetPence;
    expect([byYear(2026), byYear(2027)]).toEqual([0, 20_000_000]);

    expect(setRoundBudget({ roundId: round.id, amountPence: 15_000_000, actorId: finance.user.id }, new Date())).toMatchObject({ ok: true, entry: { amountPence: -5_000_000 } });
    expect(byYear(2027)).toBe(15_000_000);
  });

  it("brings rounds loaded without a person (the seed) into the ledger when finance asks", async () => {
    const seeded = roundsOutOfStep();
    expect(seeded.map((r) => r.name)).toEqual(expect.arrayContaining(["Grant round 8", "Grant round 9"]));
    const page = await jsonOf<{ outOfStep: { name: string }[] }>(await call(budgetsLoader, "/finance/budgets", { cookie: finance.cookie }));
    expect(page.outOfStep.length).toBe(seeded.length);
    expect((await call(budgetsAction, "/finance/budgets", { cookie: finance.cookie, form: { intent: "sync-rounds" } })).status).toBe(302);
    expect(roundsOutOfStep()).toEqual([]);
    expect(bringRoundBudgetsIntoLedger(finance.user.id, new Date())).toBe(0);
    const gr8 = seeded.find((r) => r.name === "Grant round 8")!;
    expect(balances(ledgerEntriesFor({ roundId: gr8.id }), "round_budget_set").budgetPence).toBe(gr8.budgetPence);
  });
});

describe("the payment run", () => {
  it("exports a CSV that sums to the page's total and never lets a spreadsheet run a reference", async () => {
    const a = await payableAward(8000);
    const b = await payableAward(2500.25);
    const [y, m, d] = today().split("-");
    // A day with nothing else in it, so this test's rows are the whole run.
    const day = today();
    const before = paymentRun(day, day).rows.length;
    expect(pay(a.award.id, 400_000, "BACS A1").ok).toBe(true);
    expect(pay(b.award.id, 250_025, '=HYPERLINK("http://evil.example","Click")').ok).toBe(true);
    const wrong = pay(a.award.id, 1_234, "BACS A2");
    if (!wrong.ok) throw new Error("payment refused");
    correctPayment({ entryId: wrong.entry.id, note: "Duplicate", financeUserId: finance.user.id }, new Date());

    const query = `fromDay=${Number(d)}&fromMonth=${Number(m)}&fromYear=${y}&toDay=${Number(d)}&toMonth=${Number(m)}&toYear=${y}`;
    const dashboard = await jsonOf<{ run: { result: { from: string; to: string; totalPence: number; rows: unknown[] } } }>(await call(dashboardLoader, `/finance?${query}`, { cookie: finance.cookie }));
    expect(dashboard.run.result).toMatchObject({ from: day, to: day });
    expect(dashboard.run.result.rows).toHaveLength(before + 4);

    const response = await call(csvLoader, `/finance/payment-run.csv?from=${day}&to=${day}`, { cookie: finance.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="payment-run-${day}.csv"`);
    const [header, ...rows] = parse(await response.text()) as string[][];
    expect(header).toEqual(["Date paid", "Award", "Organisation", "Amount", "Reference"]);
    expect(rows).toHaveLength(dashboard.run.result.rows.length);
    const totalPence = rows.reduce((sum, r) => {
      expect(r[3]).toMatch(/^-?\d+\.\d{2}$/);
      const [pounds, pence] = r[3].replace("-", "").split(".").map(Number);
      return sum + (r[3].startsWith("-") ? -1 : 1) * (pounds * 100 + pence);
    }, 0);
    expect(totalPence).toBe(dashboard.run.result.totalPence);
    const hyperlink = rows.find((r) => r[4].includes("HYPERLINK"))!;
    expect(hyperlink[4]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(hyperlink[3]).toBe("2500.25");
    expect(rows.filter((r) => r[4] === "BACS A2").map((r) => r[3])).toEqual(["12.34", "-12.34"]);
  });

  it("shows GOV.UK errors for a period that cannot be, and the CSV route refuses one", async () => {
    const page = await jsonOf<{ run: { errors: Record<string, string> } }>(await call(dashboardLoader, "/finance?fromDay=31&fromMonth=2&fromYear=2026&toDay=&toMonth=&toYear=", { cookie: finance.cookie }));
    expect(page.run.errors).toEqual({ from: "The first day of the payment run must be a real date", to: "Enter the last day of the payment run" });
    expect((await call(csvLoader, "/finance/payment-run.csv?from=2026-05-02&to=2026-05-01", { cookie: finance.cookie })).status).toBe(400);
    expect((await call(csvLoader, "/finance/payment-run.csv", { cookie: finance.cookie })).status).toBe(400);
  });
});

describe("who may use finance's pages", () => {
  it.each(["applicant", "assessor", "grants_officer"] as const)("answers 403 to %s, for every page and form", async (role) => {
    const { cookie } = await signedIn(role);
    const awardParams = { params: { awardId: "1" } };
    for (const response of [
      await call(dashboardLoader, "/finance", { cookie }),
      await call(awardLoader, "/finance/awards/1", { cookie, ...awardParams }),
      await call(awardAction, "/finance/awards/1", { cookie, ...awardParams, form: paymentForm("1") }),
      await call(budgetsLoader, "/finance/budgets", { cookie }),
      await call(budgetsAction, "/finance/budgets", { cookie, form: { intent: "sync-rounds" } }),
      await call(csvLoader, "/finance/payment-run.csv?from=2026-04-01&to=2026-04-30", { cookie }),
    ]) {
      expect(response.status).toBe(403);
    }
  });

  it("lets an administrator in", async () => {
    const admin = await signedIn("admin");
    expect((await call(dashboardLoader, "/finance", { cookie: admin.cookie })).status).toBe(200);
  });
});
