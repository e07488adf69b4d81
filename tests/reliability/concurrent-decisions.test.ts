/**
 * Fifty funding decisions posted at the same moment against one round whose budget covers only
 * some of them, through two production server processes sharing the database file (as two
 * workers, or an old and a new server during a restart, would). Within one process
 * better-sqlite3 runs one statement at a time, so two processes are what make the writers really
 * race for SQLite's lock: BEGIN IMMEDIATE with busy_timeout must queue them, never fail one.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getSqlite, writeTransaction } from "#db/client";
import { rounds } from "#db/schema";
import { formatPence } from "~/domain/money/money";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { submitBid } from "~/models/bid.server";
import { closeRound } from "../factories/assessment";
import { integrityCheck, openReadOnly } from "./support/consistency";
import { postForm, type Answer } from "./support/http";
import { applicantsWithDrafts, freshFiles, staffMember } from "./support/people";
import { requireBuild, startPortal, type Portal } from "./support/portal-process";

const BIDS = 50;

/** Requests between £2,000 and £7,999, all different enough that which ones fit depends on order. */
const requestedPounds = (i: number) => 2_000 + ((i * 1_237) % 6_000);

type Planned = { bidId: number; requestedPence: number; fields: Record<string, string>; commitsPence: number };

/** Seven in ten fund in full, one in part, one to the reserve list, one not funded. */
function planDecision(i: number, bidId: number): Planned {
  const requestedPence = requestedPounds(i) * 100;
  switch (i % 10) {
    case 7: {
      const part = Math.floor(requestedPence / 2) + 50;
      return { bidId, requestedPence, commitsPence: part, fields: { outcome: "fund_part", amount: (part / 100).toFixed(2), partReason: "Only the coaching costs are funded this round" } };
    }
    case 8:
      return { bidId, requestedPence, commitsPence: 0, fields: { outcome: "reserve" } };
    case 9:
      return { bidId, requestedPence, commitsPence: 0, fields: { outcome: "not_funded", reasonCode: "value_for_money", feedback: "The costs were not clearly linked to the outcomes the project aims for." } };
    default:
      return { bidId, requestedPence, commitsPence: requestedPence, fields: { outcome: "fund_full" } };
  }
}

describe("50 concurrent funding decisions against one round's budget", () => {
  let files: ReturnType<typeof freshFiles>;
  let portals: Portal[] = [];
  let officerCookie: string;
  let roundId: number;
  let budgetPence: number;
  let plans: Planned[];

  beforeAll(async () => {
    requireBuild();
    files = freshFiles("decisions");
    const applicants = await applicantsWithDrafts(BIDS, "decide", (i) => ({ budget: { amountRequested: String(requestedPounds(i)), "lines.0.item": "Project costs", "lines.0.cost": String(requestedPounds(i)) } }));
    const officer = await staffMember("grants_officer", "decisions-officer");
    officerCookie = officer.cookie;
    getSqlite()
      .transaction(() => {
        for (const a of applicants) {
          const result = submitBid(a.bidId, a.userId, new Date());
          if (!result.ok) throw new Error(`could not submit bid ${a.bidId}: ${JSON.stringify(result)}`);
        }
      })
      .immediate();
    roundId = closeRound(getSqlite().prepare("SELECT round_id AS id FROM bids WHERE id = ?").pluck().get(applicants[0].bidId) as number).id;
    getSqlite()
      .transaction(() => {
        for (const a of applicants) recordEligibility({ bidId: a.bidId, eligible: true, reason: null, officerId: officer.userId }, new Date());
      })
      .immediate();
    plans = applicants.map((a, i) => planDecision(i, a.bidId));
    // About 40% of what the funding decisions would commit, and not a round number.
    budgetPence = Math.floor(plans.reduce((sum, p) => sum + p.commitsPence, 0) * 0.4) + 37;
    writeTransaction((tx) => tx.update(rounds).set({ budgetPence }).where(eq(rounds.id, roundId)).run());
    closeDatabase();
    // One after the other: the first applies any migrations, the second finds none to apply.
    portals = [await startPortal(files), await startPortal(files)];
  });

  afterAll(async () => {
    await Promise.all(portals.map((p) => p.stop()));
    closeDatabase();
    files?.remove();
  });

  it("never commits more than the budget, answers every officer clearly, raises no SQLITE_BUSY, and audits each decision once", async () => {
    const started = Date.now();
    const answers: (Answer & { plan: Planned; server: number })[] = await Promise.all(
      plans.map(async (plan, i) => {
        const server = i % portals.length;
        const answer = await postForm(portals[server].baseUrl, `/officer/bids/${plan.bidId}/decision`, officerCookie, plan.fields);
        return { ...answer, plan, server };
      }),
    );
    const ms = Date.now() - started;

    // Every request got a clear answer: recorded (back to the ranked list) or a GOV.UK refusal.
    const recorded = answers.filter((a) => a.status === 302 && a.location === `/officer/rounds/${roundId}/decisions`);
    const refused = answers.filter((a) => a.status === 400);
    expect(answers.filter((a) => !recorded.includes(a) && !refused.includes(a)).map((a) => `${a.status} ${a.location ?? a.body.slice(0, 200)}`)).toEqual([]);
    for (const r of refused) {
      expect(r.body).toContain("There is a problem");
      expect(r.body).toMatch(/This would take the round £[\d,]+\.\d\d over its budget of £[\d,]+\.\d\d/);
    }
    // Only money can be refused for money: the reserve list and not funded always fit.
    expect(refused.filter((r) => r.plan.commitsPence === 0)).toEqual([]);
    // The budget was really contested: some funding decisions fit, some did not.
    expect(recorded.filter((r) => r.plan.commitsPence > 0).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    const sqlite = openReadOnly(files.databasePath);
    try {
      expect(integrityCheck(sqlite)).toBe("ok");
      const rows = sqlite.prepare("SELECT bid_id AS bidId, outcome, amount_pence AS amountPence FROM decisions WHERE round_id = ?").all(roundId) as { bidId: number; outcome: string; amountPence: number }[];
      const committed = rows.reduce((sum, r) => sum + r.amountPence, 0);
      expect(committed).toBeLessThanOrEqual(budgetPence);
      // Exactly the recorded ones are in the table, each for what was asked.
      expect(rows.map((r) => r.bidId).sort((a, b) => a - b)).toEqual(recorded.map((r) => r.plan.bidId).sort((a, b) => a - b));
      for (const r of recorded) expect(rows.find((row) => row.bidId === r.plan.bidId)).toEqual({ bidId: r.plan.bidId, outcome: r.plan.fields.outcome, amountPence: r.plan.commitsPence });
      // No wrongful refusal: money committed only grows, so anything refused still does not fit at the end.
      for (const r of refused) expect(committed + r.plan.commitsPence).toBeGreaterThan(budgetPence);

      // One audit event per decision, saying the same thing; none for a refusal.
      const audits = sqlite
        .prepare("SELECT subject_id AS bidId, after FROM audit_events WHERE action = 'bid.decided' AND subject_type = 'bid'")
        .all()
        .map((a) => {
          const { bidId, after } = a as { bidId: string; after: string };
          const parsed = JSON.parse(after) as { outcome: string; amountPence: number };
          return { bidId: Number(bidId), outcome: parsed.outcome, amountPence: parsed.amountPence };
        });
      expect(audits.sort((a, b) => a.bidId - b.bidId)).toEqual([...rows].sort((a, b) => a.bidId - b.bidId));

      const outputs = portals.map((p) => p.output()).join("\n");
      expect(outputs).not.toMatch(/SQLITE_BUSY|database is locked/i);
      for (const a of answers) expect(a.body).not.toMatch(/SQLITE_BUSY|database is locked/i);
      expect(outputs).not.toMatch(/Error:/);

      console.log(
        `[decisions] ${BIDS} posted at once over 2 server processes in ${ms} ms: ${recorded.length} recorded (${recorded.filter((r) => r.plan.commitsPence > 0).length} funding), ` +
          `${refused.length} refused as over budget; committed ${formatPence(committed)} of a ${formatPence(budgetPence)} budget ` +
          `(${formatPence(budgetPence - committed)} left, smallest refused ask ${formatPence(Math.min(...refused.map((r) => r.plan.commitsPence)))}); ` +
          `answers per server: ${portals.map((_, s) => answers.filter((a) => a.server === s).length).join(" and ")}`,
      );
    } finally {
      sqlite.close();
    }
  });
});
