import { Worker } from "node:worker_threads";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getSqlite, writeTransaction } from "#db/client";
import { bids, decisions, moderations, rounds } from "#db/schema";
import { loader as bidPageLoader } from "~/routes/applications.$bidId._index";
import { action as decisionAction, loader as decisionLoader } from "~/routes/officer.bids.$bidId.decision";
import { action as decisionsAction, loader as decisionsLoader } from "~/routes/officer.rounds.$roundId.decisions";
import { action as releaseAction, loader as releaseLoader } from "~/routes/officer.rounds.$roundId.release";
import { listAuditEvents } from "~/models/audit.server";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { committedInRound, recordDecision, releasedOutcomeForBid } from "~/models/assessment/decision.server";
import { call, jsonOf } from "../setup/remix";
import { outboxMessages } from "../setup/outbox";
import { sessionCookieFor, signedIn } from "../factories/accounts";
import { submittedBids } from "../factories/assessment";

type Failure = { errors: Record<string, string>; values: Record<string, string> };
let rounds_made = 0;

/**
 * Bids in a closed round of their own with the given budget, all eligible, ranked in the order of
 * `amounts` (first is best). The factory submits to the shared demo round, so each test moves its
 * bids to a copy of it: tests in this file then never share a budget.
 */
async function decidedRound({ amounts, budget, eligible = amounts.map(() => true) }: { amounts: number[]; budget: number; eligible?: boolean[] }) {
  const officer = await signedIn("grants_officer");
  const made = await submittedBids(amounts.length, { amounts });
  const bidIds = made.bids.map((b) => b.bidId);
  const roundId = writeTransaction((tx) => {
    const { id: _id, createdAt: _c, ...demo } = tx.select().from(rounds).where(eq(rounds.id, made.roundId)).get()!;
    const n = ++rounds_made;
    const round = tx
      .insert(rounds)
      .values({ ...demo, slug: `decisions-${n}`, code: `DT${n}`, name: `Decisions test round ${n}`, budgetPence: budget * 100, opensAt: new Date(Date.now() - 30 * 86_400_000), closesAt: new Date(Date.now() - 60_000) })
      .returning()
      .get();
    // Renumbered too: the demo round numbers its next bids from 1 again once these have left it.
    tx.update(bids).set({ roundId: round.id, reference: sql`replace(${bids.reference}, ${`-${demo.code}-`}, ${`-${round.code}-`})` }).where(inArray(bids.id, bidIds)).run();
    bidIds.forEach((bidId, i) => tx.insert(moderations).values({ bidId, score: 9_000 - i * 100, reason: "Panel score", moderatedBy: officer.user.id, moderatedAt: new Date() }).run());
    return round.id;
  });
  bidIds.forEach((bidId, i) => recordEligibility({ bidId, eligible: eligible[i], reason: eligible[i] ? null : "Your organisation is outside West Yorkshire", officerId: officer.user.id }, new Date()));
  return { roundId, officer, bidIds, applicants: made.bids.map((b) => b.applicant) };
}

function decide(cookie: string, bidId: number, form: Record<string, string>) {
  return call(decisionAction, `/officer/bids/${bidId}/decision`, { cookie, params: { bidId: String(bidId) }, form });
}

const decisionOf = (bidId: number) => getDb().select().from(decisions).where(eq(decisions.bidId, bidId)).get();
const decidedEvents = (bidId: number) => listAuditEvents({ subjectType: "bid", subjectId: String(bidId) }).filter((e) => e.action === "bid.decided");
const decisionCount = () => getDb().select().from(decisions).all().length;

describe("recording decisions", () => {
  it("records fund in full, in part, reserve and not funded, each an audit event with before and after", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [8000, 5000, 4000, 3000], budget: 50_000 });
    const [full, part, reserve, notFunded] = bidIds;
    expect((await decide(officer.cookie, full, { outcome: "fund_full" })).headers.get("Location")).toBe(`/officer/rounds/${roundId}/decisions`);
    expect((await decide(officer.cookie, part, { outcome: "fund_part", amount: "3,500.50", partReason: "Venue hire is already paid for" })).status).toBe(302);
    expect((await decide(officer.cookie, reserve, { outcome: "reserve" })).status).toBe(302);
    expect((await decide(officer.cookie, notFunded, { outcome: "not_funded", reasonCode: "weak_alignment", feedback: "Say which priority the project serves" })).status).toBe(302);

    expect(decisionOf(full)).toMatchObject({ outcome: "fund_full", amountPence: 800_000, decidedBy: officer.user.id });
    expect(decisionOf(part)).toMatchObject({ outcome: "fund_part", amountPence: 350_050, reason: "Venue hire is already paid for" });
    expect(decisionOf(reserve)).toMatchObject({ outcome: "reserve", amountPence: 0 });
    expect(decisionOf(notFunded)).toMatchObject({ outcome: "not_funded", amountPence: 0, reasonCode: "weak_alignment", feedback: "Say which priority the project serves" });
    expect(committedInRound(roundId)).toBe(1_150_050);

    const [event] = decidedEvents(part);
    expect(event).toMatchObject({ actorUserId: officer.user.id, before: null, after: { outcome: "fund_part", amountPence: 350_050, reason: "Venue hire is already paid for" } });
    expect(event.at).toBeInstanceOf(Date);

    // Changing a decision keeps what it was.
    await decide(officer.cookie, part, { outcome: "fund_full" });
    expect(decidedEvents(part)[0]).toMatchObject({ before: { outcome: "fund_part", amountPence: 350_050 }, after: { outcome: "fund_full", amountPence: 500_000 } });

    const list = await jsonOf<{ rows: { id: number; runningTotalPence: number; remainingPence: number }[]; summary: { committedPence: number; remainingPence: number } }>(
      await call(decisionsLoader, `/officer/rounds/${roundId}/decisions`, { cookie: officer.cookie, params: { roundId: String(roundId) } }),
    );
    expect(list.rows.map((r) => r.id)).toEqual(bidIds);
    expect(list.rows.map((r) => r.runningTotalPence)).toEqual([800_000, 1_300_000, 1_300_000, 1_300_000]);
    expect(list.summary).toMatchObject({ committedPence: 1_300_000, remainingPence: 3_700_000 });
    expect(list.rows.at(-1)!.remainingPence).toBe(3_700_000);
  });

  it.each([
    ["8000", "The amount to fund must be less than the amount requested (£8,000.00). To fund all of it, choose Fund in full"],
    ["8,000.01", "The amount to fund must be less than the amount requested (£8,000.00). To fund all of it, choose Fund in full"],
    ["0", "The amount to fund must be more than £0"],
    ["8k", "The amount to fund must be an amount of money in pounds and pence, like 2500 or 2,500.00"],
  ])("refuses a part award of %s, keeping what was typed", async (amount, message) => {
    const { officer, bidIds } = await decidedRound({ amounts: [8000], budget: 50_000 });
    const response = await decide(officer.cookie, bidIds[0], { outcome: "fund_part", amount, partReason: "Half the sessions" });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ amount: message });
    expect(body.values).toMatchObject({ amount, partReason: "Half the sessions" });
    expect(decisionOf(bidIds[0])).toBeUndefined();
  });

  it("decides only eligible bids of a closed round", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [1000, 1000], budget: 50_000, eligible: [true, false] });
    const ineligible = await decide(officer.cookie, bidIds[1], { outcome: "fund_full" });
    expect(ineligible.status).toBe(400);
    expect((await jsonOf<Failure>(ineligible)).errors.form).toBe("Only bids found eligible can be given a decision");
    writeTransaction((tx) => tx.update(rounds).set({ closesAt: new Date(Date.now() + 86_400_000) }).where(eq(rounds.id, roundId)).run());
    const open = recordDecision({ bidId: bidIds[0], outcome: "reserve", amountPence: 0, reasonCode: null, reason: null, feedback: null, officerId: officer.user.id }, new Date());
    expect(open).toEqual({ ok: false, code: "not_decidable", message: "Decisions can be recorded once the round has closed" });
    expect(decisionOf(bidIds[0])).toBeUndefined();
  });
});

describe("the round's budget", () => {
  it("refuses a decision that would take the round over budget, and nothing changes", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [6000, 6000], budget: 10_000 });
    await decide(officer.cookie, bidIds[0], { outcome: "fund_full" });
    const eventsBefore = listAuditEvents({ limit: 1000 }).length;
    const refused = await decide(officer.cookie, bidIds[1], { outcome: "fund_full" });
    expect(refused.status).toBe(400);
    expect((await jsonOf<Failure>(refused)).errors).toEqual({ outcome: "This would take the round £2,000.00 over its budget of £10,000.00" });
    const part = await decide(officer.cookie, bidIds[1], { outcome: "fund_part", amount: "4000.01", partReason: "What is left" });
    expect((await jsonOf<Failure>(part)).errors).toEqual({ amount: "This would take the round £0.01 over its budget of £10,000.00" });
    expect(decisionOf(bidIds[1])).toBeUndefined();
    expect(listAuditEvents({ limit: 1000 }).length).toBe(eventsBefore);
    expect(committedInRound(roundId)).toBe(600_000);
    // The budget is inclusive: exactly what is left is allowed.
    expect((await decide(officer.cookie, bidIds[1], { outcome: "fund_part", amount: "4000", partReason: "What is left" })).status).toBe(302);
    expect(committedInRound(roundId)).toBe(1_000_000);
  });

  it("is enforced by the database too: a direct SQL insert or update over budget is refused", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [6000, 6000], budget: 10_000 });
    await decide(officer.cookie, bidIds[0], { outcome: "fund_full" });
    const insert = getSqlite().prepare("INSERT INTO decisions (bid_id, round_id, outcome, amount_pence, decided_by, decided_at) VALUES (?, ?, 'fund_full', ?, ?, ?)");
    expect(() => insert.run(bidIds[1], roundId, 600_000, officer.user.id, Date.now())).toThrow("round budget exceeded");
    expect(() => getSqlite().prepare("UPDATE decisions SET amount_pence = 1000001 WHERE bid_id = ?").run(bidIds[0])).toThrow("round budget exceeded");
    expect(committedInRound(roundId)).toBe(600_000);
  });
});

/**
 * A second writer on its own connection in a worker thread (raw SQL, as another server process
 * would write). It takes the write lock, writes a decision that fits on its own, holds the lock for
 * a moment, then commits. Resolves with what happened once the worker has the lock.
 */
function otherWriter(sqlStatement: { bidId: number; roundId: number; amountPence: number; officerId: number }, holdMs: number) {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require("node:worker_threads");
    const Database = require("better-sqlite3");
    const db = new Database(workerData.file);
    db.pragma("busy_timeout = 5000");
    try {
      db.exec("BEGIN IMMEDIATE");
      db.prepare("INSERT INTO decisions (bid_id, round_id, outcome, amount_pence, decided_by, decided_at) VALUES (?, ?, 'fund_full', ?, ?, ?)")
        .run(workerData.bidId, workerData.roundId, workerData.amountPence, workerData.officerId, Date.now());
      parentPort.postMessage("locked");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
      db.exec("COMMIT");
      parentPort.postMessage("committed");
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      parentPort.postMessage("error: " + error.code + " " + error.message);
    } finally {
      db.close();
    }
    `,
    { eval: true, workerData: { file: process.env.DATABASE_PATH, holdMs, ...sqlStatement } },
  );
  const messages: string[] = [];
  const done = new Promise<string[]>((resolve, reject) => {
    worker.on("message", (m: string) => messages.push(m));
    worker.on("error", reject);
    worker.on("exit", () => resolve(messages));
  });
  const first = new Promise<string>((resolve) => worker.once("message", resolve));
  return { first, done };
}

describe("two officers deciding at the same moment", () => {
  it("lets exactly one of two decisions that together exceed the budget through, with no SQLITE_BUSY", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [6000, 6000], budget: 10_000 });
    const other = otherWriter({ bidId: bidIds[1], roundId, amountPence: 600_000, officerId: officer.user.id }, 300);
    expect(await other.first).toBe("locked");
    // The worker holds the write lock: BEGIN IMMEDIATE waits on busy_timeout, then sees its money.
    const started = Date.now();
    const mine = recordDecision({ bidId: bidIds[0], outcome: "fund_full", amountPence: 600_000, reasonCode: null, reason: null, feedback: null, officerId: officer.user.id }, new Date());
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await other.done).toEqual(["locked", "committed"]);
    expect(mine).toMatchObject({ ok: false, code: "over_budget", overByPence: 200_000, message: "This would take the round £2,000.00 over its budget of £10,000.00" });
    expect(decisionOf(bidIds[0])).toBeUndefined();
    expect(committedInRound(roundId)).toBe(600_000);
  });

  it("refuses the other connection's write when the app's decision committed first", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [6000, 6000], budget: 10_000 });
    expect(recordDecision({ bidId: bidIds[0], outcome: "fund_full", amountPence: 600_000, reasonCode: null, reason: null, feedback: null, officerId: officer.user.id }, new Date()).ok).toBe(true);
    const other = otherWriter({ bidId: bidIds[1], roundId, amountPence: 600_000, officerId: officer.user.id }, 0);
    const messages = await other.done;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^error: SQLITE_CONSTRAINT_TRIGGER round budget exceeded$/);
    expect(committedInRound(roundId)).toBe(600_000);
  });
});

type Scenario = {
  proposals: { bidId: number; outcome: string; amountPence: number; encoded: string }[];
  breakdown: { funded: { count: number; totalPence: number }; drugsAndAlcohol: { count: number; totalPence: number }; byDistrict: { rows: { name: string; count: number; totalPence: number }[] } };
};

describe("fill by rank", () => {
  async function preview(cookie: string, roundId: number) {
    const response = await call(decisionsLoader, `/officer/rounds/${roundId}/decisions?scenario=fill`, { cookie, params: { roundId: String(roundId) } });
    expect(response.status).toBe(200);
    return (await jsonOf<{ scenario: Scenario }>(response)).scenario;
  }

  it("previews decisions down the ranking and what they would fund, without writing anything", async () => {
    const { officer, bidIds, roundId } = await decidedRound({ amounts: [8000, 7000, 6000, 1000], budget: 16_000 });
    await decide(officer.cookie, bidIds[1], { outcome: "not_funded", reasonCode: "duplication", feedback: "Already provided by the council" });
    const events = listAuditEvents({ limit: 1000 }).length;
    const count = decisionCount();
    const scenario = await preview(officer.cookie, roundId);
    // The second-ranked bid already has a decision, so the scenario fills the others: £8,000 + £6,000 + £1,000 fits £16,000.
    expect(scenario.proposals.map((p) => [p.bidId, p.outcome, p.amountPence])).toEqual([
      [bidIds[0], "fund_full", 800_000],
      [bidIds[2], "fund_full", 600_000],
      [bidIds[3], "fund_full", 100_000],
    ]);
    expect(scenario.breakdown.funded).toEqual({ count: 3, totalPence: 1_500_000 });
    expect(scenario.breakdown.drugsAndAlcohol).toEqual({ count: 3, totalPence: 1_500_000 });
    expect(scenario.breakdown.byDistrict.rows).toEqual([{ name: "Leeds", count: 3, totalPence: 1_500_000 }]);
    expect(decisionCount()).toBe(count);
    expect(listAuditEvents({ limit: 1000 }).length).toBe(events);
  });

  it("puts the first bid that does not fit, and all below it, on the reserve list", async () => {
    const { officer, roundId, bidIds } = await decidedRound({ amounts: [8000, 7000, 1000], budget: 10_000 });
    const scenario = await preview(officer.cookie, roundId);
    expect(scenario.proposals.map((p) => p.outcome)).toEqual(["fund_full", "reserve", "reserve"]);
    const applied = await call(decisionsAction, `/officer/rounds/${roundId}/decisions?scenario=fill`, { cookie: officer.cookie, params: { roundId: String(roundId) }, form: { intent: "apply", proposal: scenario.proposals.map((p) => p.encoded) } });
    expect(applied.headers.get("Location")).toBe(`/officer/rounds/${roundId}/decisions?applied=3`);
    expect(bidIds.map((id) => decisionOf(id)?.outcome)).toEqual(["fund_full", "reserve", "reserve"]);
    expect(decidedEvents(bidIds[0])[0]).toMatchObject({ actorUserId: officer.user.id, before: null, after: { outcome: "fund_full", amountPence: 800_000, scenario: "fill_by_rank" } });
  });

  it("commits all of the scenario or none of it", async () => {
    const { officer, roundId, bidIds } = await decidedRound({ amounts: [3000, 3000, 3000], budget: 10_000 });
    const scenario = await preview(officer.cookie, roundId);
    expect(scenario.proposals.every((p) => p.outcome === "fund_full")).toBe(true);
    // Someone decides the last bid between the preview and the commit.
    await decide(officer.cookie, bidIds[2], { outcome: "reserve" });
    const count = decisionCount();
    const stale = await call(decisionsAction, `/officer/rounds/${roundId}/decisions`, { cookie: officer.cookie, params: { roundId: String(roundId) }, form: { intent: "apply", proposal: scenario.proposals.map((p) => p.encoded) } });
    expect(stale.status).toBe(400);
    expect((await jsonOf<Failure>(stale)).errors.form).toBe("Decisions have changed since you previewed this scenario. Preview it again before committing it");
    expect(decisionCount()).toBe(count);
    expect(decisionOf(bidIds[0])).toBeUndefined();

    expect(committedInRound(roundId)).toBe(0);
  });

  it("refuses a posted scenario over budget, writing nothing", async () => {
    const { officer, roundId, bidIds } = await decidedRound({ amounts: [6000, 6000], budget: 10_000 });
    const response = await call(decisionsAction, `/officer/rounds/${roundId}/decisions`, {
      cookie: officer.cookie,
      params: { roundId: String(roundId) },
      form: { intent: "apply", proposal: bidIds.map((id) => `${id}:fund_full:600000`) },
    });
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors.form).toBe("This would take the round £2,000.00 over its budget of £10,000.00");
    expect(bidIds.map(decisionOf)).toEqual([undefined, undefined]);
  });
});

describe("releasing decisions", () => {
  it("is refused while an eligible bid has no decision, and applicants see nothing before release", async () => {
    const { officer, roundId, bidIds, applicants } = await decidedRound({ amounts: [5000, 4000], budget: 10_000 });
    await decide(officer.cookie, bidIds[0], { outcome: "not_funded", reasonCode: "value_for_money", feedback: "Secret panel feedback" });
    const refused = await call(releaseAction, `/officer/rounds/${roundId}/release`, { cookie: officer.cookie, params: { roundId: String(roundId) }, form: {} });
    expect(refused.status).toBe(400);
    expect((await jsonOf<Failure>(refused)).errors.form).toBe("Decisions cannot be released yet: 1 bid still needs an eligibility check or a decision");
    const check = await jsonOf<{ undecided: { bidId: number }[] }>(await call(releaseLoader, "/", { cookie: officer.cookie, params: { roundId: String(roundId) } }));
    expect(check.undecided.map((b) => b.bidId)).toEqual([bidIds[1]]);

    const cookie = await sessionCookieFor(applicants[0].id);
    const page = await call(bidPageLoader, `/applications/${bidIds[0]}`, { cookie, params: { bidId: String(bidIds[0]) } });
    const text = await page.text();
    expect(JSON.parse(text).outcome).toBeNull();
    expect(JSON.parse(text).bid.status).toBe("under_assessment");
    expect(text).not.toContain("Secret panel feedback");
    expect(releasedOutcomeForBid(bidIds[0])).toBeNull();
  });

  it("releases every outcome at once: statuses, outcomes on the bid page, one email per bid, audited", async () => {
    const { officer, roundId, bidIds, applicants } = await decidedRound({ amounts: [5000, 4000, 3000, 2000, 1000], budget: 10_000, eligible: [true, true, true, true, false] });
    const [full, part, reserve, notFunded, ineligible] = bidIds;
    await decide(officer.cookie, full, { outcome: "fund_full" });
    await decide(officer.cookie, part, { outcome: "fund_part", amount: "2500", partReason: "Equipment is not covered" });
    await decide(officer.cookie, reserve, { outcome: "reserve" });
    await decide(officer.cookie, notFunded, { outcome: "not_funded", reasonCode: "score_below_threshold", feedback: "Give more evidence of local need" });
    // The ineligible bid's applicant must not learn it is ineligible before release.
    const ineligibleCookie = await sessionCookieFor(applicants[4].id);
    const early = await jsonOf<{ bid: { status: string }; outcome: unknown }>(await call(bidPageLoader, "/", { cookie: ineligibleCookie, params: { bidId: String(ineligible) } }));
    expect(early).toMatchObject({ bid: { status: "under_assessment" }, outcome: null });

    const mailBefore = outboxMessages().length;
    const released = await call(releaseAction, `/officer/rounds/${roundId}/release`, { cookie: officer.cookie, params: { roundId: String(roundId) }, form: {} });
    expect(released.status).toBe(302);
    expect(released.headers.get("Location")).toBe(`/officer/rounds/${roundId}/release?sent=5&failed=0`);

    const statuses = getDb().select({ id: bids.id, status: bids.status }).from(bids).where(inArray(bids.id, bidIds)).all();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [full]: "awarded", [part]: "awarded", [reserve]: "under_assessment", [notFunded]: "not_funded", [ineligible]: "not_funded" });

    const pageOf = async (i: number) => jsonOf<{ bid: { status: string }; outcome: Record<string, unknown> | null }>(await call(bidPageLoader, "/", { cookie: await sessionCookieFor(applicants[i].id), params: { bidId: String(bidIds[i]) } }));
    expect((await pageOf(0)).outcome).toMatchObject({ outcome: "fund_full", amountPence: 500_000 });
    expect((await pageOf(1)).outcome).toMatchObject({ outcome: "fund_part", amountPence: 250_000, amountRequestedPence: 400_000, reason: "Equipment is not covered" });
    expect((await pageOf(2)).outcome).toMatchObject({ outcome: "reserve" });
    expect(await pageOf(3)).toMatchObject({ bid: { status: "not_funded" }, outcome: { outcome: "not_funded", reasonText: "Scored below the level needed for funding", feedback: "Give more evidence of local need" } });
    expect((await pageOf(4)).outcome).toMatchObject({ outcome: "not_funded", reasonText: "Not eligible for this round", feedback: "Your organisation is outside West Yorkshire" });

    const mail = outboxMessages().slice(mailBefore);
    expect(mail).toHaveLength(5);
    const reference = (bidId: number) => getDb().select({ r: bids.reference }).from(bids).where(eq(bids.id, bidId)).get()!.r!;
    for (const [i, bidId] of bidIds.entries()) {
      const message = mail.filter((m) => m.includes(`Subject: Decision on your bid: ${reference(bidId)}`));
      expect(message).toHaveLength(1);
      expect(message[0]).toContain(applicants[i].email);
      expect(message[0]).toContain("aisha@example.org");
    }
    // Quoted-printable: soft line breaks joined and =XX bytes decoded as UTF-8 (the £ sign is two bytes).
    const unfolded = (m: string) => Buffer.from(m.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8").replace(/\r?\n/g, " ");
    expect(unfolded(mail.find((m) => m.includes(reference(notFunded)))!)).toContain("Give more evidence of local need");
    expect(unfolded(mail.find((m) => m.includes(reference(part)))!)).toContain("£2,500.00");

    expect(listAuditEvents({ subjectType: "round", subjectId: String(roundId) })[0]).toMatchObject({ action: "round.decisions_released", actorUserId: officer.user.id, after: { fundFull: 1, fundPart: 1, reserve: 1, notFunded: 2, committedPence: 750_000 } });
    expect(listAuditEvents({ subjectType: "bid", subjectId: String(full) })[0]).toMatchObject({ action: "bid.decision_released", before: { status: "under_assessment" }, after: { status: "awarded" } });

    // Released decisions stand: no changes, no second release.
    expect(recordDecision({ bidId: reserve, outcome: "fund_full", amountPence: 0, reasonCode: null, reason: null, feedback: null, officerId: officer.user.id }, new Date())).toMatchObject({ ok: false, code: "not_decidable" });
    const again = await call(releaseAction, "/", { cookie: officer.cookie, params: { roundId: String(roundId) }, form: {} });
    expect((await jsonOf<Failure>(again)).errors.form).toBe("Decisions for this round have already been released");
    expect(outboxMessages().length).toBe(mailBefore + 5);
  });
});

describe("who may decide", () => {
  it("answers 403 to applicants, assessors and finance on every decision page, and 404 for unknown ids", async () => {
    const { officer, roundId, bidIds } = await decidedRound({ amounts: [1000], budget: 10_000 });
    const pages: { loader: typeof decisionsLoader | typeof decisionLoader | typeof releaseLoader; action: typeof decisionsAction | typeof decisionAction | typeof releaseAction; params: Record<string, string> }[] = [
      { loader: decisionsLoader, action: decisionsAction, params: { roundId: String(roundId) } },
      { loader: decisionLoader, action: decisionAction, params: { bidId: String(bidIds[0]) } },
      { loader: releaseLoader, action: releaseAction, params: { roundId: String(roundId) } },
    ];
    for (const role of ["applicant", "assessor", "finance"] as const) {
      const { cookie } = await signedIn(role);
      for (const page of pages) {
        expect((await call(page.loader, "/", { cookie, params: page.params })).status).toBe(403);
        expect((await call(page.action, "/", { cookie, params: page.params, form: { outcome: "fund_full", intent: "apply" } })).status).toBe(403);
      }
    }
    for (const page of pages) {
      expect((await call(page.loader, "/", { cookie: officer.cookie, params: page.params })).status).toBe(200);
      const unknown = Object.fromEntries(Object.keys(page.params).map((k) => [k, "999999"]));
      expect((await call(page.loader, "/", { cookie: officer.cookie, params: unknown })).status).toBe(404);
      expect((await call(page.action, "/", { cookie: officer.cookie, params: unknown, form: {} })).status).toBe(404);
    }
    expect(decisionOf(bidIds[0])).toBeUndefined();
  });

  it("shows a bid's page, outcome and all, only to its own organisation", async () => {
    const { bidIds } = await decidedRound({ amounts: [1000], budget: 10_000 });
    const stranger = await signedIn("applicant");
    expect((await call(bidPageLoader, "/", { cookie: stranger.cookie, params: { bidId: String(bidIds[0]) } })).status).toBe(404);
  });
});

describe("a bid withdrawn after an unreleased decision", () => {
  it("no longer keeps its money committed against the round's budget", async () => {
    const { withdrawBid } = await import("~/models/bid.server");
    const { roundId, officer, bidIds, applicants } = await decidedRound({ amounts: [8000, 5000], budget: 13_000 });
    expect(recordDecision({ bidId: bidIds[0], outcome: "fund_full", amountPence: 800_000, reasonCode: null, reason: null, feedback: null, officerId: officer.user.id }, new Date()).ok).toBe(true);
    expect(committedInRound(roundId)).toBe(800_000);
    expect(withdrawBid(bidIds[0], applicants[0].id, new Date())).toBe(true);
    expect(decisionOf(bidIds[0])).toBeUndefined();
    expect(committedInRound(roundId)).toBe(0);
    expect(listAuditEvents({ subjectType: "bid", subjectId: String(bidIds[0]) }).map((e) => e.action)).toContain("bid.decision_removed");
  });
});
