import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite, writeTransaction } from "#db/client";
import { auditEvents, awardMonitoringDates, awards, bidBudgetLines, monitoringReturns, variations } from "#db/schema";
import type { Role } from "~/domain/accounts/roles";
import { balances } from "~/domain/money/ledger";
import { awardsPastEndWithoutFinalReturn, recordRepayment, targetOutcomes } from "~/models/awards/monitoring.server";
import { currentBudgetSplit, decideVariation, requestVariation } from "~/models/awards/variations.server";
import { appendLedgerEntry, ledgerEntriesFor } from "~/models/ledger.server";
import * as returnRoute from "~/routes/awards.$awardId.returns.$kind";
import * as variationsRoute from "~/routes/awards.$awardId.variations";
import * as repaymentRoute from "~/routes/finance.repayments.$awardId";
import * as awardsIndex from "~/routes/officer.awards._index";
import * as closeRoute from "~/routes/officer.awards.$awardId.close";
import * as reviewRoute from "~/routes/officer.returns.$returnId";
import * as variationRoute from "~/routes/officer.variations.$variationId";
import { sessionCookieFor, signedIn } from "../factories/accounts";
import { submittedBids } from "../factories/assessment";
import { call, jsonOf } from "../setup/remix";

type Failure = { errors: Record<string, string>; values: Record<string, string | string[]> };

let officer: Awaited<ReturnType<typeof signedIn>>;
let finance: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  officer = await signedIn("grants_officer");
  finance = await signedIn("finance");
});

/**
 * An accepted £8,000 award on the demo bid (Coach fees £6,000, Equipment £2,000; one target
 * outcome of 40), committed in the ledger and, unless told otherwise, paid in full.
 */
async function anAward({ paid = true, endsOn = "2028-03-31" } = {}) {
  const { roundId, bids } = await submittedBids(1);
  const applicant = bids[0].applicant;
  const round = getSqlite().prepare("SELECT fund_id AS fundId FROM rounds WHERE id = ?").get(roundId) as { fundId: number };
  const award = writeTransaction((tx) => {
    const row = tx
      .insert(awards)
      .values({ bidId: bids[0].bidId, roundId, organisationId: applicant.organisationId!, amountPence: 800_000, status: "accepted", conditions: "Standard", startsOn: "2027-04-01", endsOn, createdAt: new Date(), createdBy: officer.user.id })
      .returning()
      .get();
    tx.insert(awardMonitoringDates)
      .values([
        { awardId: row.id, kind: "interim", dueOn: "2027-10-01" },
        { awardId: row.id, kind: "final", dueOn: "2028-04-30" },
      ])
      .run();
    const scope = { fundId: round.fundId, financialYear: 2026, roundId, awardId: row.id };
    appendLedgerEntry(tx, { ...scope, kind: "commitment", amountPence: 800_000 }, officer.user.id, new Date());
    if (paid) appendLedgerEntry(tx, { ...scope, kind: "payment", amountPence: 800_000, valueOn: "2027-04-02", reference: "BACS 1" }, finance.user.id, new Date());
    return row;
  });
  const outcomeIds = targetOutcomes(award.bidId).map((o) => o.id);
  const lineIds = currentBudgetSplit(award.id).map((l) => l.budgetLineId);
  return { award, applicant, cookie: await sessionCookieFor(applicant.id), fundId: round.fundId, outcomeIds, lineIds, params: { awardId: String(award.id) } };
}

type Made = Awaited<ReturnType<typeof anAward>>;

/** The return form as a person fills it in: spend per line in pounds, the underspend, a story. */
function returnForm(made: Made, { coach = "5500", kit = "2000", underspend = "500", achieved = "35" } = {}) {
  return {
    beneficiariesReached: "58",
    [`outcomes.${made.outcomeIds[0]}.achieved`]: achieved,
    [`spend.${made.lineIds[0]}`]: coach,
    [`spend.${made.lineIds[1]}`]: kit,
    story: "Young people who came twice a week stayed out of trouble on those evenings.",
    underspend,
  };
}

const sendReturn = (made: Made, kind: "interim" | "final", form: Record<string, string>, cookie = made.cookie) =>
  call(returnRoute.action, `/awards/${made.award.id}/returns/${kind}`, { cookie, params: { ...made.params, kind }, form });

const returnOf = (awardId: number, kind: "interim" | "final") => getDb().select().from(monitoringReturns).where(and(eq(monitoringReturns.awardId, awardId), eq(monitoringReturns.kind, kind))).get()!;

const review = (returnId: number, form: Record<string, string>, cookie = officer.cookie) => call(reviewRoute.action, `/officer/returns/${returnId}`, { cookie, params: { returnId: String(returnId) }, form });

const repay = (awardId: number, amount: string, cookie = finance.cookie) =>
  call(repaymentRoute.action, `/finance/repayments/${awardId}`, { cookie, params: { awardId: String(awardId) }, form: { amount, receivedOnDay: "1", receivedOnMonth: "5", receivedOnYear: "2025", reference: "BACS REPAY" } });

const auditActions = (subjectType: string, subjectId: number) =>
  getDb()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, subjectType), eq(auditEvents.subjectId, String(subjectId))))
    .orderBy(asc(auditEvents.id))
    .all()
    .map((e) => e.action);

const latest = (awardId: number) => getDb().select().from(variations).where(eq(variations.awardId, awardId)).all().at(-1)!;

const money = (awardId: number) => balances(ledgerEntriesFor({ awardId }));

describe("a final return with an underspend", () => {
  it("is accepted by the officer and becomes a repayment due on the ledger, in the commitment's fund and year, audited", async () => {
    const made = await anAward();
    const sent = await sendReturn(made, "final", returnForm(made));
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/awards/${made.award.id}/returns/final?sent=1`);
    const returned = returnOf(made.award.id, "final");
    expect(returned).toMatchObject({ status: "submitted", beneficiariesReached: 58, underspendPence: 50_000, submittedBy: made.applicant.id });

    const page = await jsonOf<{ outcomes: { achieved: number; target: number }[]; lines: { plannedPence: number; spentPence: number }[]; settlement: { repaymentDuePence: number } }>(
      await call(reviewRoute.loader, `/officer/returns/${returned.id}`, { cookie: officer.cookie, params: { returnId: String(returned.id) } }),
    );
    expect(page.outcomes).toMatchObject([{ target: 40, achieved: 35 }]);
    expect(page.lines.map((l) => [l.plannedPence, l.spentPence])).toEqual([
      [600_000, 550_000],
      [200_000, 200_000],
    ]);
    expect(page.settlement.repaymentDuePence).toBe(50_000);

    const accepted = await review(returned.id, { decision: "accept", note: "" });
    expect(accepted.status).toBe(302);
    expect(returnOf(made.award.id, "final")).toMatchObject({ status: "accepted", reviewedBy: officer.user.id });
    expect(money(made.award.id)).toMatchObject({ repaymentDuePence: 50_000, repaidPence: 0, repaymentOutstandingPence: 50_000, committedPence: 800_000 });
    const due = ledgerEntriesFor({ awardId: made.award.id }).find((e) => e.kind === "repayment_due")!;
    expect(due).toMatchObject({ fundId: made.fundId, financialYear: 2026, awardId: made.award.id, amountPence: 50_000, createdBy: officer.user.id });
    expect(auditActions("monitoring_return", returned.id)).toEqual(["monitoring_return.submitted", "monitoring_return.accepted"]);
    expect(auditActions("ledger_entry", due.id)).toEqual(["ledger.repayment_due"]);
    // Reviewed once only.
    expect((await review(returned.id, { decision: "accept" })).status).toBe(400);
    expect(ledgerEntriesFor({ awardId: made.award.id }).filter((e) => e.kind === "repayment_due")).toHaveLength(1);
  });

  it("must state an underspend equal to the award minus the spend, and says both figures", async () => {
    const made = await anAward();
    const response = await sendReturn(made, "final", returnForm(made, { underspend: "400" }));
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors).toEqual({ underspend: "The underspend must be £500.00: the award (£8,000.00) minus your total spend (£7,500.00). Check your spend and the underspend" });
    expect(getDb().select().from(monitoringReturns).where(eq(monitoringReturns.awardId, made.award.id)).all()).toEqual([]);
  });

  it("on an award not yet paid, releases the underspend from the commitment and asks nothing back", async () => {
    const made = await anAward({ paid: false });
    await sendReturn(made, "final", returnForm(made));
    await review(returnOf(made.award.id, "final").id, { decision: "accept" });
    expect(money(made.award.id)).toMatchObject({ committedPence: 750_000, repaymentDuePence: 0, repaymentOutstandingPence: 0 });
  });
});

describe("asking for more information", () => {
  it("needs a note, sends the return back, and the resubmission replaces it for review again", async () => {
    const made = await anAward();
    expect((await sendReturn(made, "interim", returnForm(made, { coach: "2000", kit: "500", underspend: "" }))).status).toBe(302);
    const first = returnOf(made.award.id, "interim");
    // Sent once: a second return of the same kind is refused while this one waits.
    expect((await sendReturn(made, "interim", returnForm(made, { coach: "2000", kit: "500", underspend: "" }))).status).toBe(400);

    const noNote = await review(first.id, { decision: "more_information", note: "" });
    expect((await jsonOf<Failure>(noNote)).errors).toEqual({ note: "Enter what more information you need" });
    expect((await review(first.id, { decision: "more_information", note: "Send the attendance figures for March" })).status).toBe(302);
    expect(returnOf(made.award.id, "interim")).toMatchObject({ status: "more_information_requested", reviewNote: "Send the attendance figures for March" });

    const page = await jsonOf<{ canSend: boolean; returned: { reviewNote: string; values: Record<string, string> } }>(
      await call(returnRoute.loader, `/awards/${made.award.id}/returns/interim`, { cookie: made.cookie, params: { ...made.params, kind: "interim" } }),
    );
    expect(page.canSend).toBe(true);
    expect(page.returned.reviewNote).toBe("Send the attendance figures for March");
    expect(page.returned.values[`spend.${made.lineIds[0]}`]).toBe("2000.00");

    expect((await sendReturn(made, "interim", returnForm(made, { coach: "2100", kit: "500", underspend: "", achieved: "20" }))).status).toBe(302);
    const again = returnOf(made.award.id, "interim");
    expect(again).toMatchObject({ id: first.id, status: "submitted" });
    const reviewPage = await jsonOf<{ outcomes: { achieved: number }[]; lines: { spentPence: number }[] }>(
      await call(reviewRoute.loader, `/officer/returns/${first.id}`, { cookie: officer.cookie, params: { returnId: String(first.id) } }),
    );
    expect(reviewPage.outcomes[0].achieved).toBe(20);
    expect(reviewPage.lines.map((l) => l.spentPence)).toEqual([210_000, 50_000]);
    expect(auditActions("monitoring_return", first.id)).toEqual(["monitoring_return.submitted", "monitoring_return.more_information_requested", "monitoring_return.resubmitted"]);
  });
});

describe("repaying and closing", () => {
  it("finance records repayments never above what is due; the award closes only once the final return is accepted and all is repaid", async () => {
    const made = await anAward();
    const closePage = async () =>
      jsonOf<{ reasons: string[] }>(await call(closeRoute.loader, `/officer/awards/${made.award.id}/close`, { cookie: officer.cookie, params: made.params }));
    const close = () => call(closeRoute.action, `/officer/awards/${made.award.id}/close`, { cookie: officer.cookie, params: made.params, form: {} });

    expect((await closePage()).reasons).toEqual(["The final monitoring return has not been accepted"]);
    expect((await close()).status).toBe(400);

    await sendReturn(made, "final", returnForm(made));
    await review(returnOf(made.award.id, "final").id, { decision: "accept" });
    expect((await closePage()).reasons).toEqual(["£500.00 of underspend has not been repaid"]);
    expect((await close()).status).toBe(400);

    const tooMuch = await repay(made.award.id, "500.01");
    expect((await jsonOf<Failure>(tooMuch)).errors).toEqual({ amount: "The amount received must be £500.00 or less, the repayment still due" });
    expect((await repay(made.award.id, "300")).status).toBe(302);
    expect(money(made.award.id)).toMatchObject({ repaidPence: 30_000, repaymentOutstandingPence: 20_000 });
    // The model refuses too, whatever the page allowed.
    expect(recordRepayment({ awardId: made.award.id, amountPence: 20_001, receivedOn: "2025-05-01", reference: "X", financeUserId: finance.user.id })).toMatchObject({ ok: false, code: "more_than_due" });
    expect((await repay(made.award.id, "200")).status).toBe(302);
    const repayments = ledgerEntriesFor({ awardId: made.award.id }).filter((e) => e.kind === "repayment");
    expect(repayments).toMatchObject([
      { amountPence: 30_000, valueOn: "2025-05-01", reference: "BACS REPAY", createdBy: finance.user.id, fundId: made.fundId, financialYear: 2026 },
      { amountPence: 20_000 },
    ]);
    expect(money(made.award.id).repaymentOutstandingPence).toBe(0);
    expect((await jsonOf<Failure>(await repay(made.award.id, "0.01"))).errors).toEqual({ amount: "Nothing is due to be repaid on this award" });

    expect((await closePage()).reasons).toEqual([]);
    const closed = await close();
    expect(closed.status).toBe(302);
    expect(closed.headers.get("Location")).toBe(`/officer/awards?closed=${made.award.id}`);
    expect(getDb().select().from(awards).where(eq(awards.id, made.award.id)).get()).toMatchObject({ status: "closed" });
    expect(auditActions("award", made.award.id)).toContain("award.closed");
    expect((await close()).status).toBe(400);
  });

  it("lists running awards past their end date with no final return, for reconciliation", async () => {
    const late = await anAward({ endsOn: "2020-03-31" });
    const running = await anAward({ endsOn: "2999-03-31" });
    const flagged = () => awardsPastEndWithoutFinalReturn(new Date()).map((a) => a.id);
    expect(flagged()).toContain(late.award.id);
    expect(flagged()).not.toContain(running.award.id);
    await sendReturn(late, "final", returnForm(late));
    expect(flagged()).not.toContain(late.award.id);
  });
});

describe("variations", () => {
  const datesForm = (day: string, month: string, year: string) => ({ kind: "dates", endsOnDay: day, endsOnMonth: month, endsOnYear: year, reason: "The hall was closed for a month" });
  const ask = (made: Made, form: Record<string, string>) => call(variationsRoute.action, `/awards/${made.award.id}/variations`, { cookie: made.cookie, params: made.params, form });
  const decide = (variationId: number, form: Record<string, string>) => call(variationRoute.action, `/officer/variations/${variationId}`, { cookie: officer.cookie, params: { variationId: String(variationId) }, form });

  it("a new end date, once approved, moves the award's end and its final return, audited", async () => {
    const made = await anAward();
    expect((await ask(made, datesForm("30", "6", "2028"))).status).toBe(302);
    const asked = latest(made.award.id);
    expect(asked).toMatchObject({ kind: "dates", status: "requested", details: { fromEndsOn: "2028-03-31", toEndsOn: "2028-06-30" } });
    expect((await ask(made, datesForm("31", "7", "2028"))).status).toBe(400);

    expect((await decide(asked.id, { decision: "approve" })).status).toBe(302);
    expect(getDb().select().from(awards).where(eq(awards.id, made.award.id)).get()!.endsOn).toBe("2028-06-30");
    const final = getDb().select().from(awardMonitoringDates).where(and(eq(awardMonitoringDates.awardId, made.award.id), eq(awardMonitoringDates.kind, "final"))).get()!;
    expect(final.dueOn).toBe("2028-07-30");
    expect(latest(made.award.id)).toMatchObject({ status: "approved", decidedBy: officer.user.id, details: { finalDueFrom: "2028-04-30", finalDueTo: "2028-07-30" } });
    expect(auditActions("variation", asked.id)).toEqual(["variation.requested", "variation.approved"]);
    expect(auditActions("award", made.award.id)).toContain("award.dates_varied");
    expect((await decide(asked.id, { decision: "refuse", note: "Too late" })).status).toBe(400);
  });

  it("a budget move that does not net to zero is refused; one that does is refused or approved by an officer", async () => {
    const made = await anAward();
    const [coach, kit] = made.lineIds;
    const uneven = await ask(made, { kind: "budget", [`lines.${coach}`]: "5500", [`lines.${kit}`]: "2600", reason: "Gloves cost more" });
    expect(uneven.status).toBe(400);
    expect((await jsonOf<Failure>(uneven)).errors).toEqual({ [`lines.${coach}`]: "The new amounts add up to £8,100.00, not £8,000.00. Moving money between lines must not change the total" });
    // The model refuses it too, whatever a browser posts.
    const direct = requestVariation({ awardId: made.award.id, userId: made.applicant.id, fields: { kind: "budget", reason: "x", lines: [{ budgetLineId: coach, item: "Coach fees", fromPence: 600_000, toPence: 700_000 }] } });
    expect(direct).toMatchObject({ ok: false, code: "invalid" });

    const even = { kind: "budget", [`lines.${coach}`]: "5,500.00", [`lines.${kit}`]: "2500", reason: "Gloves cost more than we thought" };
    expect((await ask(made, even)).status).toBe(302);
    const first = latest(made.award.id);
    expect((await jsonOf<Failure>(await decide(first.id, { decision: "refuse", note: "" }))).errors).toEqual({ note: "Enter why the change is refused" });
    expect((await decide(first.id, { decision: "refuse", note: "Keep coaching hours as agreed" })).status).toBe(302);
    expect(latest(made.award.id)).toMatchObject({ status: "refused", decisionNote: "Keep coaching hours as agreed" });
    expect(currentBudgetSplit(made.award.id).map((l) => l.plannedPence)).toEqual([600_000, 200_000]);

    expect((await ask(made, even)).status).toBe(302);
    const second = latest(made.award.id);
    expect((await decide(second.id, { decision: "approve" })).status).toBe(302);
    expect(currentBudgetSplit(made.award.id).map((l) => [l.plannedPence, l.originalPence])).toEqual([
      [550_000, 600_000],
      [250_000, 200_000],
    ]);
    // The bid as submitted is frozen; the return form plans with the varied split.
    expect(getDb().select().from(bidBudgetLines).where(eq(bidBudgetLines.bidId, made.award.bidId)).all().map((l) => l.costPence)).toEqual([600_000, 200_000]);
    const form = await jsonOf<{ budgetLines: { plannedPence: number }[] }>(await call(returnRoute.loader, `/awards/${made.award.id}/returns/final`, { cookie: made.cookie, params: { ...made.params, kind: "final" } }));
    expect(form.budgetLines.map((l) => l.plannedPence)).toEqual([550_000, 250_000]);
    expect(auditActions("variation", first.id)).toEqual(["variation.requested", "variation.refused"]);
    expect(auditActions("variation", second.id)).toEqual(["variation.requested", "variation.approved"]);

    const list = await jsonOf<{ variations: { status: string; description: string }[] }>(await call(variationsRoute.loader, `/awards/${made.award.id}/variations`, { cookie: made.cookie, params: made.params }));
    expect(list.variations.map((v) => v.status)).toEqual(["approved", "refused"]);
    expect(list.variations[0].description).toBe("Coach fees: £6,000.00 to £5,500.00; Equipment: £2,000.00 to £2,500.00");
  });

  it("approval re-checks the moves against the split in force, refusing any that would take a line below £0", async () => {
    const made = await anAward();
    const [coach, kit] = made.lineIds;
    const lines = (c: number, k: number) => [
      { budgetLineId: coach, item: "Coach fees", fromPence: 600_000, toPence: c },
      { budgetLineId: kit, item: "Equipment", fromPence: 200_000, toPence: k },
    ];
    const a = requestVariation({ awardId: made.award.id, userId: made.applicant.id, fields: { kind: "budget", reason: "One", lines: lines(100_000, 700_000) } });
    expect(a.ok).toBe(true);
    expect(decideVariation({ variationId: (a as { variationId: number }).variationId, decision: "approve", note: null, officerId: officer.user.id }).ok).toBe(true);
    // Asked against the old split (Equipment £2,000): moving £2,000 away from Coach fees now leaves it below £0.
    writeTransaction((tx) => tx.insert(variations).values({ awardId: made.award.id, kind: "budget", details: { lines: lines(400_000, 400_000) }, reason: "Stale", status: "requested", requestedBy: made.applicant.id, requestedAt: new Date() }).run());
    const stale = latest(made.award.id);
    const response = await decide(stale.id, { decision: "approve" });
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors.form).toBe("Coach fees cannot go below £0. Refuse the request instead");
    expect(currentBudgetSplit(made.award.id).map((l) => l.plannedPence)).toEqual([100_000, 700_000]);
  });
});

describe("the officers' list of awards", () => {
  it("shows each return as due, overdue, submitted or accepted, and the changes waiting", async () => {
    const made = await anAward();
    await sendReturn(made, "interim", returnForm(made, { coach: "1000", kit: "0", underspend: "" }));
    requestVariation({ awardId: made.award.id, userId: made.applicant.id, fields: { kind: "dates", endsOn: "2028-05-31", reason: "Hall closed" } });
    const page = await jsonOf<{ awards: { id: number; returns: { kind: string; status: string }[]; waitingVariationIds: number[]; repaymentOutstandingPence: number }[] }>(
      await call(awardsIndex.loader, "/officer/awards", { cookie: officer.cookie }),
    );
    const row = page.awards.find((a) => a.id === made.award.id)!;
    expect(row.returns).toEqual([
      { kind: "interim", dueOn: "2027-10-01", returnId: returnOf(made.award.id, "interim").id, status: "submitted" },
      { kind: "final", dueOn: "2028-04-30", returnId: null, status: new Date().toISOString().slice(0, 10) > "2028-04-30" ? "overdue" : "due" },
    ]);
    expect(row.waitingVariationIds).toHaveLength(1);
  });
});

describe("who may use these pages", () => {
  it("an applicant of another organisation gets 404 on every award route, loaders and actions, the same as a missing award", async () => {
    const made = await anAward();
    const other = await signedIn("applicant", { organisationName: "Another group" });
    const pages = [
      { route: returnRoute, url: `/awards/${made.award.id}/returns/final`, params: { ...made.params, kind: "final" } },
      { route: returnRoute, url: `/awards/${made.award.id}/returns/interim`, params: { ...made.params, kind: "interim" } },
      { route: variationsRoute, url: `/awards/${made.award.id}/variations`, params: made.params },
    ];
    for (const { route, url, params } of pages) {
      expect((await call(route.loader, url, { cookie: other.cookie, params })).status).toBe(404);
      expect((await call(route.action, url, { cookie: other.cookie, params, form: returnForm(made) })).status).toBe(404);
      expect((await call(route.loader, url, { cookie: made.cookie, params })).status).toBe(200);
    }
    expect((await sendReturn(made, "final", returnForm(made), other.cookie)).status).toBe(404);
    expect(getDb().select().from(monitoringReturns).where(eq(monitoringReturns.awardId, made.award.id)).all()).toEqual([]);
    expect((await call(returnRoute.loader, `/awards/${made.award.id}/returns/annual`, { cookie: made.cookie, params: { ...made.params, kind: "annual" } })).status).toBe(404);
  });

  it("officer pages are 403 to applicants, assessors and finance; the repayment page to everyone but finance and admins", async () => {
    const made = await anAward();
    await sendReturn(made, "final", returnForm(made));
    const returnId = returnOf(made.award.id, "final").id;
    requestVariation({ awardId: made.award.id, userId: made.applicant.id, fields: { kind: "dates", endsOn: "2028-05-31", reason: "Hall closed" } });
    const variationId = latest(made.award.id);
    const cookies: Partial<Record<Role, string>> = { grants_officer: officer.cookie, finance: finance.cookie, applicant: made.cookie };
    for (const role of ["assessor", "admin"] as const) cookies[role] = (await signedIn(role)).cookie;
    const officerPages: { route: object & { loader: Parameters<typeof call>[0] }; url: string; params: Record<string, string> }[] = [
      { route: awardsIndex, url: "/officer/awards", params: {} },
      { route: reviewRoute, url: `/officer/returns/${returnId}`, params: { returnId: String(returnId) } },
      { route: variationRoute, url: `/officer/variations/${variationId.id}`, params: { variationId: String(variationId.id) } },
      { route: closeRoute, url: `/officer/awards/${made.award.id}/close`, params: made.params },
    ];
    for (const { route, url, params } of officerPages) {
      for (const role of ["applicant", "assessor", "finance"] as const) {
        expect((await call(route.loader, url, { cookie: cookies[role], params })).status, `${role} ${url}`).toBe(403);
        const action = (route as { action?: Parameters<typeof call>[0] }).action;
        if (action) expect((await call(action, url, { cookie: cookies[role], params, form: {} })).status).toBe(403);
      }
      for (const role of ["grants_officer", "admin"] as const) expect((await call(route.loader, url, { cookie: cookies[role], params })).status).toBe(200);
    }
    const repaymentUrl = `/finance/repayments/${made.award.id}`;
    for (const role of ["applicant", "assessor", "grants_officer"] as const) {
      expect((await call(repaymentRoute.loader, repaymentUrl, { cookie: cookies[role], params: made.params })).status).toBe(403);
      expect((await call(repaymentRoute.action, repaymentUrl, { cookie: cookies[role], params: made.params, form: { amount: "1" } })).status).toBe(403);
    }
    for (const role of ["finance", "admin"] as const) expect((await call(repaymentRoute.loader, repaymentUrl, { cookie: cookies[role], params: made.params })).status).toBe(200);
  });
});
