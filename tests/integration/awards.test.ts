import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { awardAcceptances, awardMonitoringDates, awards, bankDetails, bids } from "#db/schema";
import { DECLARATIONS } from "~/domain/awards/offer";
import { balances, financialYearOf } from "~/domain/money/ledger";
import { formatLondonDate } from "~/domain/time/london";
import { committedInRound } from "~/models/assessment/decision.server";
import { listAuditEvents } from "~/models/audit.server";
import { confirmBankDetails, getAwardForStaff, paymentBlockedReason, submitBankDetails } from "~/models/awards/award.server";
import { listUnconfirmedBankDetails } from "~/models/awards/bank-details.server";
import { ledgerEntriesFor } from "~/models/ledger.server";
import { loader as bidPageLoader } from "~/routes/applications.$bidId._index";
import { loader as applicationsLoader } from "~/routes/applications._index";
import { loader as awardLoader } from "~/routes/awards.$awardId._index";
import { action as acceptAction, loader as acceptLoader } from "~/routes/awards.$awardId.accept";
import { action as bankAction, loader as bankLoader } from "~/routes/awards.$awardId.bank-details";
import { action as confirmAction, loader as confirmLoader } from "~/routes/finance.bank-details.$bankDetailsId";
import { call, jsonOf } from "../setup/remix";
import { sessionCookieFor, signedIn } from "../factories/accounts";
import { anOffer, awardOfBid, releasedRound } from "../factories/awards";
import { useHttpServer } from "../setup/http";

const server = useHttpServer();

type Failure = { errors: Record<string, string>; values: Record<string, string | string[]> };
type AwardJson = { award: { id: number; status: string; amountPence: number; conditions: string; startsOn: string; endsOn: string; interimDueOn: string; finalDueOn: string; bankDetails: { accountName: string; sortCode: string; accountNumber: string; awaitingConfirmation: boolean } | null; acceptance: unknown } };

const ALL_DECLARATIONS = DECLARATIONS.map((d) => d.value);

function today() {
  const [day, month, year] = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" }).format(new Date()).split("/");
  return { acceptedOnDay: day, acceptedOnMonth: month, acceptedOnYear: year };
}

const ACCEPTANCE = () => ({ signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", ...today(), declarations: ALL_DECLARATIONS });
const DETAILS = { accountName: "Calder Valley Youth Boxing Club", sortCode: "30-94-30", accountNumber: "12345678" };
const CHANGED = { accountName: "Calder Valley Youth Boxing Club", sortCode: "40 11 22", accountNumber: "87654321" };

const p = (awardId: number) => ({ awardId: String(awardId) });
const accept = (cookie: string, awardId: number, form: Record<string, string | string[]> = ACCEPTANCE()) => call(acceptAction, `/awards/${awardId}/accept`, { cookie, params: p(awardId), form });
const giveBankDetails = (cookie: string, awardId: number, form: Record<string, string> = DETAILS) => call(bankAction, `/awards/${awardId}/bank-details`, { cookie, params: p(awardId), form });
const awardPage = async (cookie: string, awardId: number) => jsonOf<AwardJson>(await call(awardLoader, `/awards/${awardId}`, { cookie, params: p(awardId) }));
const versions = (awardId: number) => getDb().select().from(bankDetails).where(eq(bankDetails.awardId, awardId)).all();
const awardEvents = (awardId: number) => listAuditEvents({ subjectType: "award", subjectId: String(awardId) });

describe("releasing decisions", () => {
  it("makes an offer for each funded bid with a commitment in the ledger, all audited", async () => {
    const { round, bidIds, officer, applicants } = await releasedRound({ amounts: [8000, 5000, 4000, 3000], decide: ["fund_full", { part: 3500.5 }, "reserve", "not_funded"] });
    const [full, part, reserve, notFunded] = bidIds.map(awardOfBid);
    expect(reserve).toBeUndefined();
    expect(notFunded).toBeUndefined();
    expect(full).toMatchObject({ status: "offered", amountPence: 800_000, roundId: round.id, organisationId: applicants[0].organisationId, createdBy: officer.user.id });
    expect(part).toMatchObject({ status: "offered", amountPence: 350_050 });

    // Dates are the project dates the applicant submitted; monitoring falls halfway through and a month after the end.
    const submitted = getDb().select({ submitted: bids.submitted }).from(bids).where(eq(bids.id, bidIds[0])).get()!.submitted as { answers: { dates: { startsOn: string; endsOn: string } } };
    expect(full).toMatchObject(submitted.answers.dates);
    const due = getDb().select().from(awardMonitoringDates).where(eq(awardMonitoringDates.awardId, full!.id)).all();
    expect(due.map((d) => d.kind).sort()).toEqual(["final", "interim"]);
    expect(due.every((d) => d.dueOn > full!.startsOn)).toBe(true);
    expect(full!.conditions).toContain("must use this grant of £8,000.00 only for the project described in bid");
    expect(full!.conditions).toContain("return any part of the grant not spent");

    const entries = ledgerEntriesFor({ roundId: round.id });
    expect(entries.map((e) => [e.kind, e.awardId, e.amountPence])).toEqual([
      ["commitment", full!.id, 800_000],
      ["commitment", part!.id, 350_050],
    ]);
    expect(entries.every((e) => e.fundId === round.fundId && e.financialYear === financialYearOf(new Date()) && e.createdBy === officer.user.id)).toBe(true);
    // The ledger's commitment is the sum of the funded decisions, to the penny.
    expect(balances(entries).committedPence).toBe(committedInRound(round.id));

    expect(awardEvents(full!.id).map((e) => e.action)).toEqual(["award.created"]);
    expect(awardEvents(full!.id)[0]).toMatchObject({ actorUserId: officer.user.id, after: { amountPence: 800_000, status: "offered" } });
    const ledgerEvents = entries.map((e) => listAuditEvents({ subjectType: "ledger_entry", subjectId: String(e.id) })[0]?.action);
    expect(ledgerEvents).toEqual(["ledger.commitment", "ledger.commitment"]);
  });

  it("makes no award until the decisions are released", async () => {
    const { bidIds } = await releasedRound({ amounts: [1000], decide: ["fund_full"], release: false });
    expect(awardOfBid(bidIds[0])).toBeUndefined();
  });

  it("links the offer from the applicant's bid page and list of applications", async () => {
    const { award, applicant, bidIds } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    const bidPage = await jsonOf<{ award: { id: number; status: string } }>(await call(bidPageLoader, `/applications/${bidIds[0]}`, { cookie, params: { bidId: String(bidIds[0]) } }));
    expect(bidPage.award).toEqual({ id: award.id, status: "offered" });
    const list = await jsonOf<{ awards: { id: number; amountPence: number }[] }>(await call(applicationsLoader, "/applications", { cookie }));
    expect(list.awards).toEqual([expect.objectContaining({ id: award.id, amountPence: 800_000 })]);
  });
});

describe("the offer", () => {
  it("is shown to its organisation with amount, conditions, dates and status", async () => {
    const { award, applicant } = await anOffer();
    const page = await awardPage(await sessionCookieFor(applicant.id), award.id);
    expect(page.award).toMatchObject({ id: award.id, status: "offered", amountPence: 800_000, startsOn: award.startsOn, endsOn: award.endsOn, bankDetails: null, acceptance: null });
    expect(page.award.conditions).toBe(award.conditions);
    expect(page.award.interimDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(page.award.finalDueOn > award.endsOn).toBe(true);
  });

  it("is a 404 on every award page to another organisation's applicant, the same as a missing award", async () => {
    const { award } = await anOffer();
    const other = await signedIn("applicant", { organisationName: "Another group" });
    for (const awardId of [String(award.id), "99999", "abc"]) {
      const params = { awardId };
      const responses = [
        await call(awardLoader, "/", { cookie: other.cookie, params }),
        await call(acceptLoader, "/", { cookie: other.cookie, params }),
        await call(acceptAction, "/", { cookie: other.cookie, params, form: ACCEPTANCE() }),
        await call(acceptAction, "/", { cookie: other.cookie, params, form: { intent: "decline" } }),
        await call(bankLoader, "/", { cookie: other.cookie, params }),
        await call(bankAction, "/", { cookie: other.cookie, params, form: DETAILS }),
      ];
      expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    }
    expect(getDb().select().from(awards).where(eq(awards.id, award.id)).get()!.status).toBe("offered");
    expect(versions(award.id)).toEqual([]);
    expect(awardEvents(award.id).map((e) => e.action)).toEqual(["award.created"]);
  });
});

describe("accepting the offer", () => {
  it("records the name, role, date and declarations, and is audited", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    const response = await accept(cookie, award.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/awards/${award.id}?done=accepted`);
    const { acceptedOnYear, acceptedOnMonth, acceptedOnDay } = today();
    const acceptedOn = `${acceptedOnYear}-${acceptedOnMonth.padStart(2, "0")}-${acceptedOnDay.padStart(2, "0")}`;
    expect(getDb().select().from(awardAcceptances).where(eq(awardAcceptances.awardId, award.id)).get()).toMatchObject({
      acceptedBy: applicant.id,
      signatoryName: "Aisha Khan",
      signatoryRole: "Chair of trustees",
      acceptedOn,
      declarations: ALL_DECLARATIONS,
    });
    expect(getDb().select().from(awards).where(eq(awards.id, award.id)).get()!.status).toBe("accepted");
    expect(awardEvents(award.id)[0]).toMatchObject({ action: "award.accepted", actorUserId: applicant.id, before: { status: "offered" }, after: { status: "accepted", signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", acceptedOn, declarations: ALL_DECLARATIONS } });

    // Accepted once: the form is gone and a second post is refused.
    expect((await call(acceptLoader, "/", { cookie, params: p(award.id) })).headers.get("Location")).toBe(`/awards/${award.id}`);
    const again = await accept(cookie, award.id);
    expect(again.status).toBe(400);
    expect((await jsonOf<Failure>(again)).errors).toEqual({ form: "This offer has already been accepted" });
  });

  it("refuses an acceptance with a declaration unticked or a date in the future, keeping what was typed", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    const next = new Date(Date.now() + 3 * 86_400_000);
    const form = { ...ACCEPTANCE(), declarations: ALL_DECLARATIONS.slice(0, 2), acceptedOnDay: String(next.getUTCDate()), acceptedOnMonth: String(next.getUTCMonth() + 1), acceptedOnYear: String(next.getUTCFullYear()) };
    const response = await accept(cookie, award.id, form);
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ acceptedOn: "Date accepted must be today or in the past", declarations: "Confirm all the declarations to accept the offer" });
    expect(body.values).toMatchObject({ signatoryName: "Aisha Khan", signatoryRole: "Chair of trustees", declarations: ALL_DECLARATIONS.slice(0, 2) });
    expect(getDb().select().from(awardAcceptances).where(eq(awardAcceptances.awardId, award.id)).get()).toBeUndefined();
  });
});

describe("bank details", () => {
  it("refuses details in the wrong format with 400, keeping everything that was typed", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    const typed = { accountName: "Calder Valley Youth Boxing Club", sortCode: "30-94-3", accountNumber: "1234" };
    const response = await giveBankDetails(cookie, award.id, typed);
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ sortCode: "Sort code must be 6 digits", accountNumber: "Account number must be between 6 and 8 digits" });
    expect(body.values).toEqual(typed);
    expect(versions(award.id)).toEqual([]);
  });

  it("are shown masked to the applicant and to staff pages, never whole", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    const saved = await giveBankDetails(cookie, award.id);
    expect(saved.headers.get("Location")).toBe(`/awards/${award.id}?done=bank-details`);
    expect(versions(award.id)).toEqual([expect.objectContaining({ sortCode: "309430", accountNumber: "12345678", needsConfirmation: false, submittedBy: applicant.id })]);

    const pageResponse = await call(awardLoader, "/", { cookie, params: p(award.id) });
    const pageText = await pageResponse.text();
    expect(pageText).not.toContain("12345678");
    expect(pageText).not.toContain("309430");
    expect((JSON.parse(pageText) as AwardJson).award.bankDetails).toMatchObject({ accountName: DETAILS.accountName, sortCode: "**-**-30", accountNumber: "****5678", awaitingConfirmation: false });
    const formText = await (await call(bankLoader, "/", { cookie, params: p(award.id) })).text();
    expect(formText).toContain("****5678");
    expect(formText).not.toContain("12345678");
    expect(getAwardForStaff(award.id)!.bankDetails).toMatchObject({ sortCode: "**-**-30", accountNumber: "****5678" });
    // The audit trail keeps them masked too; the whole numbers are only in the bank details table.
    expect(JSON.stringify(awardEvents(award.id))).not.toContain("12345678");
    expect(awardEvents(award.id)[0]).toMatchObject({ action: "award.bank_details_given", after: { accountNumber: "****5678", needsConfirmation: false } });
  });

  it("given before acceptance need no confirmation: payment waits only for the offer to be accepted", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    expect(paymentBlockedReason(award.id)).toBe("Offer not accepted");
    await giveBankDetails(cookie, award.id);
    expect(paymentBlockedReason(award.id)).toBe("Offer not accepted");
    await accept(cookie, award.id);
    expect(paymentBlockedReason(award.id)).toBeNull();
    expect(listUnconfirmedBankDetails().some((r) => r.awardId === award.id)).toBe(false);
  });

  it("changed after acceptance hold every payment until finance confirms them", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    await giveBankDetails(cookie, award.id);
    await accept(cookie, award.id);
    expect((await jsonOf<{ accepted: boolean }>(await call(bankLoader, "/", { cookie, params: p(award.id) }))).accepted).toBe(true);

    expect((await giveBankDetails(cookie, award.id, CHANGED)).status).toBe(302);
    const [first, changed] = versions(award.id);
    expect(first).toMatchObject({ accountNumber: "12345678", needsConfirmation: false });
    expect(changed).toMatchObject({ sortCode: "401122", accountNumber: "87654321", needsConfirmation: true, confirmedAt: null });
    expect(paymentBlockedReason(award.id)).toBe(`Bank details changed on ${formatLondonDate(new Date())} and not yet confirmed by finance`);
    expect((await awardPage(cookie, award.id)).award.bankDetails).toMatchObject({ accountNumber: "****4321", awaitingConfirmation: true });
    expect(awardEvents(award.id)[0]).toMatchObject({ action: "award.bank_details_changed", actorUserId: applicant.id, before: { accountNumber: "****5678" }, after: { accountNumber: "****4321", needsConfirmation: true } });
    expect(listUnconfirmedBankDetails()).toContainEqual(expect.objectContaining({ bankDetailsId: changed.id, awardId: award.id, changed: true }));

    // Sending the same details again adds no version, so it cannot hold payment a second time.
    await giveBankDetails(cookie, award.id, { ...CHANGED, sortCode: "401122" });
    expect(versions(award.id)).toHaveLength(2);

    // Finance sees both versions whole.
    const finance = await signedIn("finance");
    const params = { bankDetailsId: String(changed.id) };
    const page = await jsonOf<{ details: { accountNumber: string; sortCode: string }; previous: { accountNumber: string } | null; needsConfirmation: boolean; isCurrent: boolean }>(await call(confirmLoader, "/", { cookie: finance.cookie, params }));
    expect(page).toMatchObject({ details: { accountNumber: "87654321", sortCode: "40-11-22" }, previous: { accountNumber: "12345678" }, needsConfirmation: true, isCurrent: true });

    // Nobody but finance and admins may confirm.
    for (const role of ["applicant", "grants_officer", "assessor"] as const) {
      const someone = role === "applicant" ? { cookie } : await signedIn(role);
      expect((await call(confirmAction, "/", { cookie: someone.cookie, params, form: {} })).status).toBe(403);
      expect((await call(confirmLoader, "/", { cookie: someone.cookie, params })).status).toBe(403);
    }
    const officer = await signedIn("grants_officer");
    expect(confirmBankDetails(changed.id, officer.user.id, new Date())).toMatchObject({ ok: false, code: "forbidden" });
    expect(paymentBlockedReason(award.id)).not.toBeNull();

    const confirmed = await call(confirmAction, "/", { cookie: finance.cookie, params, form: {} });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/finance/bank-details/${changed.id}?confirmed`);
    expect(versions(award.id)[1]).toMatchObject({ confirmedBy: finance.user.id, confirmedAt: expect.any(Date) });
    expect(paymentBlockedReason(award.id)).toBeNull();
    expect(awardEvents(award.id)[0]).toMatchObject({ action: "award.bank_details_confirmed", actorUserId: finance.user.id, after: { bankDetailsId: changed.id } });
    expect(listUnconfirmedBankDetails().some((r) => r.awardId === award.id)).toBe(false);
    const twice = await call(confirmAction, "/", { cookie: finance.cookie, params, form: {} });
    expect(twice.status).toBe(400);
    expect((await jsonOf<Failure>(twice)).errors.form).toBe("These bank details have already been confirmed");
  });

  it("cannot confirm details that newer ones have replaced", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    await accept(cookie, award.id);
    expect(paymentBlockedReason(award.id)).toBe("No bank details");
    await giveBankDetails(cookie, award.id);
    // The first details given after acceptance wait for finance too: nobody saw them when the offer was accepted.
    expect(paymentBlockedReason(award.id)).toBe(`Bank details given on ${formatLondonDate(new Date())}, after the offer was accepted, and not yet confirmed by finance`);
    await giveBankDetails(cookie, award.id, CHANGED);
    const [older, newer] = versions(award.id);
    const finance = await signedIn("finance");
    const refused = await call(confirmAction, "/", { cookie: finance.cookie, params: { bankDetailsId: String(older.id) }, form: {} });
    expect(refused.status).toBe(400);
    expect((await jsonOf<Failure>(refused)).errors.form).toBe("Newer bank details have been given since these. Check and confirm those instead");
    expect(confirmBankDetails(newer.id, finance.user.id, new Date())).toEqual({ ok: true });
    expect(paymentBlockedReason(award.id)).toBeNull();
  });
});

describe("declining the offer", () => {
  it("reduces the award's commitment to zero with a commitment_reduced entry, audited", async () => {
    const { award, applicant, round, officer } = await anOffer(6000);
    const cookie = await sessionCookieFor(applicant.id);
    const confirmPage = await jsonOf<{ declining: boolean }>(await call(acceptLoader, `/awards/${award.id}/accept?decline`, { cookie, params: p(award.id) }));
    expect(confirmPage.declining).toBe(true);
    const response = await accept(cookie, award.id, { intent: "decline", reason: "Our match funding fell through" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/awards/${award.id}?done=declined`);
    expect(getDb().select().from(awards).where(eq(awards.id, award.id)).get()!.status).toBe("declined");

    const entries = ledgerEntriesFor({ awardId: award.id });
    expect(entries.map((e) => [e.kind, e.amountPence, e.createdBy])).toEqual([
      ["commitment", 600_000, officer.user.id],
      ["commitment_reduced", 600_000, applicant.id],
    ]);
    expect(entries[1]).toMatchObject({ fundId: entries[0].fundId, financialYear: entries[0].financialYear, roundId: round.id });
    expect(balances(entries).committedPence).toBe(0);
    expect(balances(ledgerEntriesFor({ roundId: round.id })).committedPence).toBe(0);
    expect(awardEvents(award.id)[0]).toMatchObject({ action: "award.declined", actorUserId: applicant.id, before: { status: "offered" }, after: { status: "declined", reason: "Our match funding fell through" } });
    expect(listAuditEvents({ subjectType: "ledger_entry", subjectId: String(entries[1].id) })[0].action).toBe("ledger.commitment_reduced");

    // Declined is final: no acceptance, no bank details, no payment.
    expect((await call(acceptLoader, "/", { cookie, params: p(award.id) })).status).toBe(302);
    expect((await jsonOf<Failure>(await accept(cookie, award.id))).errors.form).toBe("This offer was declined, so it can no longer be accepted or declined");
    expect((await call(bankLoader, "/", { cookie, params: p(award.id) })).status).toBe(302);
    expect(submitBankDetails({ awardId: award.id, userId: applicant.id, accountName: "X", sortCode: "123456", accountNumber: "12345678" }, new Date())).toMatchObject({ ok: false, code: "refused" });
    expect(paymentBlockedReason(award.id)).toBe("Offer declined");
    expect(getDb().select().from(awardAcceptances).where(eq(awardAcceptances.awardId, award.id)).get()).toBeUndefined();
  });
});

describe("the pages, served as HTML with no JavaScript", () => {
  const page = async (path: string, cookie: string) => {
    // The production build names its cookie with the __Host- prefix; the session token is the same.
    const headers = { Cookie: cookie.replace(/^portal_session=/, "__Host-portal_session=") };
    const response = await fetch(`${server.baseUrl}${path}`, { headers, redirect: "manual" });
    expect(`${response.status} ${response.headers.get("Location") ?? ""}`, path).toBe("200 ");
    // React separates adjacent text with empty comments; they are not part of what a person reads.
    return (await response.text()).replaceAll("<!-- -->", "");
  };

  it("show the offer, the forms and finance's comparison, with the account number whole only to finance", async () => {
    const { award, applicant } = await anOffer();
    const cookie = await sessionCookieFor(applicant.id);
    await giveBankDetails(cookie, award.id);
    expect(await page(`/awards/${award.id}/accept`, cookie)).toContain("I am authorised to accept this grant on behalf of the organisation");
    expect(await page(`/awards/${award.id}/accept?decline`, cookie)).toContain("Are you sure you want to decline the grant of £8,000.00?");
    await accept(cookie, award.id);
    await giveBankDetails(cookie, award.id, CHANGED);

    const offer = await page(`/awards/${award.id}`, cookie);
    expect(offer).toContain("Grant offer for Holbeck youth boxing nights");
    expect(offer).toContain("Interim monitoring return due");
    expect(offer).toContain("****4321");
    expect(offer).toContain("We will not make any payment until they have confirmed them");
    const form = await page(`/awards/${award.id}/bank-details`, cookie);
    expect(form).toContain("govuk-warning-text");
    expect(form).toContain("we will not make any payment until our finance team has");
    for (const html of [offer, form]) expect(html).not.toMatch(/87654321|12345678/);

    const finance = await signedIn("finance");
    const [, changed] = versions(award.id);
    const check = await page(`/finance/bank-details/${changed.id}`, finance.cookie);
    expect(check).toContain("87654321");
    expect(check).toContain("12345678");
    expect(check).toContain("Confirm these bank details");
  });
});
