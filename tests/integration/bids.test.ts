import { afterEach, describe, expect, it, vi } from "vitest";
import { getSqlite } from "#db/client";
import { action as sectionAction, loader as sectionLoader } from "~/routes/applications.$bidId.$section";
import { loader as bidLoader } from "~/routes/applications.$bidId._index";
import { action as checkAction, loader as checkLoader } from "~/routes/applications.$bidId.check";
import { action as withdrawAction } from "~/routes/applications.$bidId.withdraw";
import { action as startAction } from "~/routes/applications._index";
import { loader as confirmationLoader } from "~/routes/applications.$bidId.confirmation";
import { listAuditEvents } from "~/models/audit.server";
import { latestRegisterChecks } from "~/models/register-check.server";
import { getBidForStaff, saveSection, BidRefused } from "~/models/bid.server";
import { call, jsonOf } from "../setup/remix";
import { outboxMessages } from "../setup/outbox";
import { sessionCookieFor, signedIn } from "../factories/accounts";
import { completeDraft, openRound, validAnswers } from "../factories/bids";

afterEach(() => vi.useRealTimers());

type Failure = { errors: Record<string, string>; values: Record<string, string> };

async function newDraft() {
  const applicant = await signedIn("applicant");
  const round = openRound();
  const started = await call(startAction, "/applications?index", { cookie: applicant.cookie, form: { roundId: String(round.id), organisationId: String(applicant.user.organisationId) } });
  expect(started.status).toBe(302);
  const bidId = Number(started.headers.get("Location")!.split("/").pop());
  return { ...applicant, round, bidId };
}

function post(bidId: number, section: string, cookie: string, form: Record<string, string | string[]>) {
  return call(sectionAction, `/applications/${bidId}/${section}`, { cookie, params: { bidId: String(bidId), section }, form });
}

describe("starting a bid", () => {
  it("starts a draft in an open round, and going again returns to the same draft", async () => {
    const { cookie, user, round, bidId } = await newDraft();
    const again = await call(startAction, "/applications?index", { cookie, form: { roundId: String(round.id), organisationId: String(user.organisationId) } });
    expect(again.headers.get("Location")).toBe(`/applications/${bidId}`);
    expect(getBidForStaff(bidId)!.status).toBe("draft");
  });

  it("cannot start a bid for another organisation (404) or in a round that is not open", async () => {
    const a = await signedIn("applicant");
    const b = await signedIn("applicant");
    const round = openRound();
    const forOther = await call(startAction, "/applications?index", { cookie: a.cookie, form: { roundId: String(round.id), organisationId: String(b.user.organisationId) } });
    expect(forOther.status).toBe(404);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(round.closesAt));
    const late = await call(startAction, "/applications?index", { cookie: await sessionCookieFor(a.user.id), form: { roundId: String(round.id), organisationId: String(a.user.organisationId) } });
    expect(late.status).toBe(400);
    expect((await jsonOf<Failure>(late)).errors.form).toBe("This round is not open for bids");
  });
});

describe("saving pages", () => {
  it("saves a page whose answers pass, and shows it as completed on the task list", async () => {
    const { cookie, bidId, round } = await newDraft();
    const saved = await post(bidId, "project", cookie, validAnswers(round.id).project as Record<string, string>);
    expect(saved.headers.get("Location")).toBe(`/applications/${bidId}`);
    const page = await jsonOf<{ tasks: { id: string; status: string }[] }>(await call(bidLoader, "/", { cookie, params: { bidId: String(bidId) } }));
    expect(page.tasks.find((t) => t.id === "project")!.status).toBe("completed");
    expect(page.tasks.find((t) => t.id === "budget")!.status).toBe("not_started");
    expect(page.tasks.find((t) => t.id === "check")!.status).toBe("cannot_start");
    const reloaded = await jsonOf<{ values: Record<string, string> }>(await call(sectionLoader, "/", { cookie, params: { bidId: String(bidId), section: "project" } }));
    expect(reloaded.values.title).toBe("Holbeck youth boxing nights");
    expect(listAuditEvents({ subjectType: "bid", subjectId: String(bidId) }).map((e) => e.action)).toContain("bid.section_saved");
  });

  it("refuses a page with problems, lists them and keeps what was typed", async () => {
    const { cookie, bidId } = await newDraft();
    const response = await post(bidId, "project", cookie, { title: "", summary: "word ".repeat(151) });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ title: "Enter a project title", summary: "Summary of your project must be 150 words or fewer" });
    expect(body.values.summary).toBe("word ".repeat(151));
    expect(getBidForStaff(bidId)!.answers).toEqual({});
  });

  it.each([
    ["8,000.00", "8000", null],
    ["8000.01", "8000.01", "Amount requested must be £8,000.00 or less, the most this round can award"],
    ["0", "0", "Amount requested must be more than £0"],
    ["-5", "-5", "The amount you are asking for must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
    ["8k", "8000", "The amount you are asking for must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
  ])("the amount requested %s is judged against the £8,000 cap", async (amount, line, error) => {
    const { cookie, bidId } = await newDraft();
    const response = await post(bidId, "budget", cookie, { amountRequested: amount, "lines.0.item": "Coaching", "lines.0.cost": line });
    if (error === null) expect(response.status).toBe(302);
    else {
      expect(response.status).toBe(400);
      expect((await jsonOf<Failure>(response)).errors.amountRequested).toBe(error);
    }
  });

  it("refuses budget lines that do not add up to the amount requested", async () => {
    const { cookie, bidId } = await newDraft();
    const response = await post(bidId, "budget", cookie, { amountRequested: "5000", "lines.0.item": "Coaching", "lines.0.cost": "3000", "lines.1.item": "Kit", "lines.1.cost": "1,999.99" });
    expect((await jsonOf<Failure>(response)).errors.amountRequested).toBe(
      "Your budget lines add up to £4,999.99, which is not the amount requested (£5,000.00). Change the amount or the lines so they match",
    );
  });

  it("refuses dates outside the round's delivery window and an end before the start", async () => {
    const { cookie, bidId, round } = await newDraft();
    const [y, m, d] = round.deliveryStartsOn.split("-").map(Number);
    const dayBefore = new Date(Date.UTC(y, m - 1, d - 1));
    const outside = await post(bidId, "dates", cookie, {
      startsOnDay: String(dayBefore.getUTCDate()),
      startsOnMonth: String(dayBefore.getUTCMonth() + 1),
      startsOnYear: String(dayBefore.getUTCFullYear()),
      endsOnDay: "31",
      endsOnMonth: "2",
      endsOnYear: String(y + 1),
    });
    const errors = (await jsonOf<Failure>(outside)).errors;
    expect(errors.startsOn).toMatch(/^The start date must be between /);
    expect(errors.endsOn).toBe("The end date must be a real date");
    const backwards = await post(bidId, "dates", cookie, { startsOnDay: String(d + 1), startsOnMonth: String(m), startsOnYear: String(y), endsOnDay: String(d), endsOnMonth: String(m), endsOnYear: String(y) });
    expect((await jsonOf<Failure>(backwards)).errors.endsOn).toBe("The end date must be the same as or after the start date");
  });

  it("requires at least one plan priority and one district, from the round's lists only", async () => {
    const { cookie, bidId } = await newDraft();
    const none = await post(bidId, "priorities", cookie, {});
    expect((await jsonOf<Failure>(none)).errors.priorityIds).toBe("Select at least one Police and Crime Plan priority");
    const forged = await post(bidId, "area", cookie, { districtIds: "99999" });
    expect((await jsonOf<Failure>(forged)).errors.districtIds).toBe("Select district from the list");
  });
});

describe("submitting", () => {
  it("lists every problem with a link to the page that fixes it", async () => {
    const { cookie, bidId } = await newDraft();
    const page = await jsonOf<{ problems: { message: string; href: string }[] }>(await call(checkLoader, "/", { cookie, params: { bidId: String(bidId) } }));
    expect(page.problems[0]).toMatchObject({ message: "Complete your organisation's details" });
    expect(page.problems).toContainEqual({ message: 'Complete "Budget"', href: `/applications/${bidId}/budget` });
    expect(page.problems).toContainEqual({ message: "Upload your latest accounts", href: `/applications/${bidId}/documents` });
    const refused = await call(checkAction, "/", { cookie, params: { bidId: String(bidId) }, form: {} });
    expect(refused.status).toBe(400);
    expect(getBidForStaff(bidId)!.status).toBe("draft");
  });

  it("a complete bid gets a reference, a confirmation email, and is frozen as submitted", async () => {
    const { user, cookie } = await signedIn("applicant");
    const { bidId } = completeDraft(user);
    const response = await call(checkAction, "/", { cookie, params: { bidId: String(bidId) }, form: {} });
    expect(response.headers.get("Location")).toBe(`/applications/${bidId}/confirmation`);
    const bid = getBidForStaff(bidId)!;
    expect(bid.status).toBe("submitted");
    expect(bid.reference).toMatch(/^MSCF-GR8-\d{4}$/);
    expect(bid.amountRequestedPence).toBe(800_000);
    const confirmation = await jsonOf<{ reference: string }>(await call(confirmationLoader, "/", { cookie, params: { bidId: String(bidId) } }));
    expect(confirmation.reference).toBe(bid.reference);
    const mail = outboxMessages().find((m) => m.includes(`Bid received: ${bid.reference}`))!;
    expect(mail).toContain(`To: ${user.email}, aisha@example.org`);
    expect(() => saveSection(bidId, user.id, "project", { title: "Changed", summary: "x" }, new Date())).toThrow(BidRefused);
    const changed = await post(bidId, "project", cookie, { title: "Changed", summary: "Changed" });
    expect(changed.status).toBe(302);
    expect((getBidForStaff(bidId)!.submitted as { typed: { project: { title: string } } }).typed.project.title).toBe("Holbeck youth boxing nights");
    const checks = latestRegisterChecks(user.organisationId!);
    expect(checks.map((c) => [c.register, c.query]).sort()).toEqual([
      ["charity_commission", "1000001"],
      ["postcodes_io", "LS1 1UR"],
    ]);
    expect(checks.find((c) => c.register === "postcodes_io")!.status).toBe("found");
    const rows = getSqlite().prepare("SELECT (SELECT count(*) FROM bid_tags WHERE bid_id = ?) AS tags, (SELECT sum(cost_pence) FROM bid_budget_lines WHERE bid_id = ?) AS budget").get(bidId, bidId);
    expect(rows).toEqual({ tags: 1, budget: 800_000 });
    expect(listAuditEvents({ subjectType: "bid", subjectId: String(bidId) })[0]).toMatchObject({ action: "bid.submitted", after: { reference: bid.reference } });
  });

  it("is refused one second after the round's closing instant, whatever the page showed", async () => {
    const { user, cookie } = await signedIn("applicant");
    const { bidId, round } = completeDraft(user);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(round.closesAt.getTime() + 1000));
    const late = await call(checkAction, "/", { cookie: await sessionCookieFor(user.id), params: { bidId: String(bidId) }, form: {} });
    expect(late.status).toBe(400);
    expect((await jsonOf<Failure>(late)).errors.form).toMatch(/^This round closed at .+\. Bids can no longer be submitted\.$/);
    expect(getBidForStaff(bidId)!.status).toBe("draft");
  });

  it("is accepted one millisecond before the closing instant", async () => {
    const { user, cookie } = await signedIn("applicant");
    const { bidId, round } = completeDraft(user);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(round.closesAt.getTime() - 1));
    const response = await call(checkAction, "/", { cookie: await sessionCookieFor(user.id), params: { bidId: String(bidId) }, form: {} });
    expect(response.status).toBe(302);
  });

  it("numbers bids in the order they are submitted within the round", async () => {
    const first = await signedIn("applicant");
    const second = await signedIn("applicant");
    const a = completeDraft(first.user);
    const b = completeDraft(second.user);
    await call(checkAction, "/", { cookie: second.cookie, params: { bidId: String(b.bidId) }, form: {} });
    await call(checkAction, "/", { cookie: first.cookie, params: { bidId: String(a.bidId) }, form: {} });
    const sequence = (bidId: number) => Number(/^MSCF-GR8-(\d{4})$/.exec(getBidForStaff(bidId)!.reference!)![1]);
    expect(sequence(a.bidId)).toBe(sequence(b.bidId) + 1);
  });

  it("refuses a second live bid from the same organisation in the same round", async () => {
    const { user, cookie } = await signedIn("applicant");
    const { bidId, round } = completeDraft(user);
    await call(checkAction, "/", { cookie, params: { bidId: String(bidId) }, form: {} });
    const again = await call(startAction, "/applications?index", { cookie, form: { roundId: String(round.id), organisationId: String(user.organisationId) } });
    expect(again.status).toBe(400);
    expect((await jsonOf<Failure>(again)).errors.form).toContain(`already submitted a bid in this round (${getBidForStaff(bidId)!.reference})`);
    // The database refuses it too, whatever the application does.
    expect(() =>
      getSqlite()
        .prepare("INSERT INTO bids (round_id, organisation_id, status, answers, created_by, created_at, updated_at) VALUES (?, ?, 'draft', '{}', ?, 0, 0)")
        .run(round.id, user.organisationId, user.id),
    ).toThrow(/UNIQUE constraint failed/);
  });
});

describe("withdrawing", () => {
  it("a submitted bid can be withdrawn, and the organisation can then start again", async () => {
    const { user, cookie } = await signedIn("applicant");
    const { bidId, round } = completeDraft(user);
    await call(checkAction, "/", { cookie, params: { bidId: String(bidId) }, form: {} });
    const withdrawn = await call(withdrawAction, "/", { cookie, params: { bidId: String(bidId) }, form: {} });
    expect(withdrawn.headers.get("Location")).toBe(`/applications/${bidId}`);
    expect(getBidForStaff(bidId)!.status).toBe("withdrawn");
    const restart = await call(startAction, "/applications?index", { cookie, form: { roundId: String(round.id), organisationId: String(user.organisationId) } });
    expect(restart.status).toBe(302);
    expect(restart.headers.get("Location")).not.toBe(`/applications/${bidId}`);
  });
});

describe("another organisation's bid", () => {
  it("is a 404 on every page and action, and nothing changes", async () => {
    const owner = await signedIn("applicant");
    const other = await signedIn("applicant");
    const { bidId } = completeDraft(owner.user);
    const params = { bidId: String(bidId), section: "project" };
    for (const [handler, form] of [
      [bidLoader, undefined],
      [sectionLoader, undefined],
      [sectionAction, { title: "Hijacked", summary: "x" }],
      [checkLoader, undefined],
      [checkAction, {}],
      [withdrawAction, {}],
    ] as const) {
      const response = await call(handler, "/", { cookie: other.cookie, params, form });
      expect(response.status).toBe(404);
    }
    const bid = getBidForStaff(bidId)!;
    expect(bid.status).toBe("draft");
    expect((bid.answers as { project: { title: string } }).project.title).toBe("Holbeck youth boxing nights");
  });
});
