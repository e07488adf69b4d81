import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, writeTransaction } from "#db/client";
import { assessments, eligibilityChecks, registerChecks, rounds } from "#db/schema";
import { loader as dashboardLoader } from "~/routes/officer._index";
import { action as roundAction, loader as roundLoader } from "~/routes/officer.rounds.$roundId._index";
import { action as assignAction, loader as assignLoader } from "~/routes/officer.rounds.$roundId.assign";
import { loader as moderationLoader } from "~/routes/officer.rounds.$roundId.moderation";
import { action as bidAction, loader as bidLoader } from "~/routes/officer.bids.$bidId._index";
import { action as moderateAction, loader as moderateLoader } from "~/routes/officer.bids.$bidId.moderate";
import { listAuditEvents } from "~/models/audit.server";
import { listRoundBids, roundSettings } from "~/models/assessment/round-bids.server";
import { recordEligibility } from "~/models/assessment/eligibility.server";
import { call, jsonOf } from "../setup/remix";
import { createUser, signedIn } from "../factories/accounts";
import { closeRound, eligibleAndAssigned, submittedBids } from "../factories/assessment";
import { completeDraft, openRound } from "../factories/bids";

type Failure = { errors: Record<string, string>; values: Record<string, string | string[]> };

/**
 * The demo round open for bids again: the tests share it, and an earlier test may have closed it.
 * Each test submits its own bids, then closes the round if it needs to.
 */
function reopenRound() {
  const round = openRound();
  writeTransaction((tx) => tx.update(rounds).set({ closesAt: new Date(Date.now() + 42 * 86_400_000) }).where(eq(rounds.id, round.id)).run());
}

/** `count` freshly submitted bids in a round that has just closed. */
async function closedRoundWith(count: number) {
  reopenRound();
  const made = await submittedBids(count);
  closeRound(made.roundId);
  return { roundId: made.roundId, bidIds: made.bids.map((b) => b.bidId), bids: made.bids };
}

/** As if the assessor had scored the bid: the assessor pages that do this are built elsewhere. */
function submitScore(bidId: number, assessorId: number, weightedScore: number) {
  writeTransaction((tx) =>
    tx
      .update(assessments)
      .set({ status: "submitted", weightedScore, submittedAt: new Date(), noConflictAt: new Date() })
      .where(and(eq(assessments.bidId, bidId), eq(assessments.assessorId, assessorId)))
      .run(),
  );
}

const postEligibility = (bidId: number, cookie: string, form: Record<string, string>) => call(bidAction, `/officer/bids/${bidId}`, { cookie, params: { bidId: String(bidId) }, form });
const postAssign = (roundId: number, cookie: string, form: Record<string, string | string[]>) => call(assignAction, `/officer/rounds/${roundId}/assign`, { cookie, params: { roundId: String(roundId) }, form });
const postModeration = (bidId: number, cookie: string, form: Record<string, string>) => call(moderateAction, `/officer/bids/${bidId}/moderate`, { cookie, params: { bidId: String(bidId) }, form });
const postSettings = (roundId: number, cookie: string, form: Record<string, string>) => call(roundAction, `/officer/rounds/${roundId}`, { cookie, params: { roundId: String(roundId) }, form });

describe("the officer's list of rounds", () => {
  it("links each round to its own page and counts its submitted bids", async () => {
    const officer = await signedIn("grants_officer");
    const { roundId } = await closedRoundWith(1);
    const data = await jsonOf<{ rounds: { id: number; submittedBids: number }[] }>(await call(dashboardLoader, "/officer", { cookie: officer.cookie }));
    expect(data.rounds.find((r) => r.id === roundId)!.submittedBids).toBe(listRoundBids(roundId).length);
  });
});

describe("a round's page", () => {
  it("before the close shows only how many bids have been submitted", async () => {
    const officer = await signedIn("grants_officer");
    reopenRound();
    const { roundId } = await submittedBids(2);
    const data = await jsonOf<{ status: string; submittedCount: number; bids: unknown }>(await call(roundLoader, `/officer/rounds/${roundId}`, { cookie: officer.cookie, params: { roundId: String(roundId) } }));
    expect(data.status).toBe("open");
    expect(data.submittedCount).toBe(listRoundBids(roundId).length);
    expect(data.bids).toBeNull();
  });

  it("after the close lists every submitted bid with its register flags, eligibility and assessors", async () => {
    const officer = await signedIn("grants_officer");
    const { roundId, bidIds, bids } = await closedRoundWith(2);
    writeTransaction((tx) =>
      tx.insert(registerChecks).values({ organisationId: bids[0].applicant.organisationId!, register: "charity_commission", query: "1000001", checkedAt: new Date(), status: "found", result: null, flags: ["charity_removed"] }).run(),
    );
    recordEligibility({ bidId: bidIds[1], eligible: true, reason: null, officerId: officer.user.id }, new Date());
    const data = await jsonOf<{ bids: { id: number; register: { checked: boolean; flags: string[] }; eligible: boolean | null; assessorsNeeded: number }[] }>(
      await call(roundLoader, `/officer/rounds/${roundId}`, { cookie: officer.cookie, params: { roundId: String(roundId) } }),
    );
    const [first, second] = bidIds.map((id) => data.bids.find((b) => b.id === id)!);
    expect(first.register).toEqual({ checked: true, flags: ["charity_removed"] });
    expect(first.eligible).toBeNull();
    expect(second.register).toEqual({ checked: false, flags: [] });
    expect(second.eligible).toBe(true);
    expect(second.assessorsNeeded).toBe(2);
  });
});

describe("eligibility", () => {
  it("cannot be recorded before the round closes", async () => {
    const officer = await signedIn("grants_officer");
    reopenRound();
    const { bids } = await submittedBids(1);
    const refused = await postEligibility(bids[0].bidId, officer.cookie, { eligibility: "eligible" });
    expect(refused.status).toBe(400);
    expect((await jsonOf<Failure>(refused)).errors.form).toMatch(/^Eligibility can be recorded once the round closes on /);
    expect(getDb().select().from(eligibilityChecks).where(eq(eligibilityChecks.bidId, bids[0].bidId)).get()).toBeUndefined();
  });

  it("after the close is recorded with its reason and audited with before and after", async () => {
    const officer = await signedIn("grants_officer");
    const { roundId, bidIds } = await closedRoundWith(1);
    const first = await postEligibility(bidIds[0], officer.cookie, { eligibility: "eligible", reason: "left over in the hidden box" });
    expect(first.headers.get("Location")).toBe(`/officer/rounds/${roundId}?eligibility=${bidIds[0]}`);
    const changed = await postEligibility(bidIds[0], officer.cookie, { eligibility: "not_eligible", reason: "The project is outside West Yorkshire" });
    expect(changed.status).toBe(302);
    const row = getDb().select().from(eligibilityChecks).where(eq(eligibilityChecks.bidId, bidIds[0])).get()!;
    expect(row).toMatchObject({ eligible: false, reason: "The project is outside West Yorkshire", decidedBy: officer.user.id });
    const events = listAuditEvents({ subjectType: "bid", subjectId: String(bidIds[0]) }).filter((e) => e.action === "bid.eligibility_recorded");
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actorUserId: officer.user.id, before: null, after: { eligible: true, reason: null } });
    expect(events[0]).toMatchObject({ before: { eligible: true, reason: null }, after: { eligible: false, reason: "The project is outside West Yorkshire" } });
    const page = await jsonOf<{ eligibility: { eligible: boolean; reason: string } }>(await call(bidLoader, `/officer/bids/${bidIds[0]}`, { cookie: officer.cookie, params: { bidId: String(bidIds[0]) } }));
    expect(page.eligibility).toMatchObject({ eligible: false, reason: "The project is outside West Yorkshire" });
  });

  it("needs a reason when the bid is not eligible, and keeps what was typed", async () => {
    const officer = await signedIn("grants_officer");
    const { bidIds } = await closedRoundWith(1);
    const noReason = await postEligibility(bidIds[0], officer.cookie, { eligibility: "not_eligible", reason: "  " });
    expect(noReason.status).toBe(400);
    const failure = await jsonOf<Failure>(noReason);
    expect(failure.errors).toEqual({ reason: "Enter why the bid is not eligible" });
    expect(failure.values).toMatchObject({ eligibility: "not_eligible", reason: "  " });
    const nothing = await postEligibility(bidIds[0], officer.cookie, {});
    expect((await jsonOf<Failure>(nothing)).errors).toEqual({ eligibility: "Select whether the bid is eligible" });
    expect(getDb().select().from(eligibilityChecks).where(eq(eligibilityChecks.bidId, bidIds[0])).get()).toBeUndefined();
  });

  it("shows the bid as submitted, with its sections and documents", async () => {
    const officer = await signedIn("grants_officer");
    const { bidIds } = await closedRoundWith(1);
    const page = await jsonOf<{ sections: { key: string; rows: { key: string; value: string }[] }[]; documents: unknown[]; canRecordEligibility: boolean }>(
      await call(bidLoader, `/officer/bids/${bidIds[0]}`, { cookie: officer.cookie, params: { bidId: String(bidIds[0]) } }),
    );
    expect(page.sections.find((s) => s.key === "project")!.rows[0]).toEqual({ key: "Project title", value: "Holbeck youth boxing nights" });
    expect(page.documents).toHaveLength(3);
    expect(page.canRecordEligibility).toBe(true);
  });

  it("an ineligible bid cannot be assigned to assessors", async () => {
    const officer = await signedIn("grants_officer");
    const assessor = await createUser("assessor");
    const { roundId, bidIds } = await closedRoundWith(1);
    await postEligibility(bidIds[0], officer.cookie, { eligibility: "not_eligible", reason: "Not a constituted group" });
    const page = await jsonOf<{ bids: { id: number }[] }>(await call(assignLoader, `/officer/rounds/${roundId}/assign`, { cookie: officer.cookie, params: { roundId: String(roundId) } }));
    expect(page.bids.map((b) => b.id)).not.toContain(bidIds[0]);
    const posted = await postAssign(roundId, officer.cookie, { bidIds: [String(bidIds[0])], assessorIds: [String(assessor.id)] });
    expect(posted.headers.get("Location")).toBe(`/officer/rounds/${roundId}/assign?assigned=0`);
    expect(getDb().select().from(assessments).where(eq(assessments.bidId, bidIds[0])).all()).toHaveLength(0);
  });
});

describe("bulk assignment", () => {
  it("assigns every chosen assessor to every chosen bid, once, ignoring people who are not assessors; each is audited", async () => {
    const officer = await signedIn("grants_officer");
    const [a, b] = [await createUser("assessor", { name: "Priya Assessor" }), await createUser("assessor", { name: "Tom Assessor" })];
    const finance = await createUser("finance");
    const { roundId, bidIds } = await closedRoundWith(2);
    for (const bidId of bidIds) recordEligibility({ bidId, eligible: true, reason: null, officerId: officer.user.id }, new Date());

    const form = { bidIds: bidIds.map(String), assessorIds: [String(a.id), String(b.id), String(finance.id), String(officer.user.id), "99999"] };
    const first = await postAssign(roundId, officer.cookie, form);
    expect(first.headers.get("Location")).toBe(`/officer/rounds/${roundId}/assign?assigned=4`);
    const again = await postAssign(roundId, officer.cookie, form);
    expect(again.headers.get("Location")).toBe(`/officer/rounds/${roundId}/assign?assigned=0`);

    for (const bidId of bidIds) {
      const rows = getDb().select().from(assessments).where(eq(assessments.bidId, bidId)).all();
      expect(rows.map((r) => r.assessorId).sort()).toEqual([a.id, b.id].sort());
      expect(rows.every((r) => r.status === "assigned" && r.assignedBy === officer.user.id)).toBe(true);
      const events = listAuditEvents({ subjectType: "bid", subjectId: String(bidId) }).filter((e) => e.action === "assessment.assigned");
      expect(events).toHaveLength(2);
      expect(events[0].actorUserId).toBe(officer.user.id);
    }
    const page = await jsonOf<{ bids: { id: number; activeAssessors: number }[]; assessors: { id: number; bidsInRound: number }[] }>(
      await call(assignLoader, `/officer/rounds/${roundId}/assign`, { cookie: officer.cookie, params: { roundId: String(roundId) } }),
    );
    expect(page.bids.filter((x) => bidIds.includes(x.id)).map((x) => x.activeAssessors)).toEqual([2, 2]);
    expect(page.assessors.find((x) => x.id === a.id)!.bidsInRound).toBe(2);
  });

  it("asks for at least one bid and one assessor", async () => {
    const officer = await signedIn("grants_officer");
    const { roundId } = await closedRoundWith(1);
    const empty = await postAssign(roundId, officer.cookie, {});
    expect(empty.status).toBe(400);
    expect((await jsonOf<Failure>(empty)).errors).toEqual({ bidIds: "Select at least one bid", assessorIds: "Select at least one assessor" });
  });
});

describe("moderation", () => {
  async function scoredPair(scores: [number, number][]) {
    const officer = await signedIn("grants_officer");
    const [a, b] = [await createUser("assessor"), await createUser("assessor")];
    const { roundId, bidIds } = await closedRoundWith(scores.length);
    eligibleAndAssigned(bidIds, officer.user.id, [a.id, b.id]);
    bidIds.forEach((bidId, i) => {
      submitScore(bidId, a.id, scores[i][0]);
      submitScore(bidId, b.id, scores[i][1]);
    });
    return { officer, roundId, bidIds };
  }

  it("flags a bid whose assessors differ by more than the threshold, not one exactly at it", async () => {
    const { officer, roundId, bidIds } = await scoredPair([
      [5000, 7000],
      [5000, 7001],
    ]);
    expect(roundSettings(roundId).moderationThreshold).toBe(20);
    const view = await jsonOf<{ threshold: number; rows: { id: number; spread: number; meanScore: number; flaggedForModeration: boolean }[] }>(
      await call(moderationLoader, `/officer/rounds/${roundId}/moderation`, { cookie: officer.cookie, params: { roundId: String(roundId) } }),
    );
    const [atThreshold, over] = bidIds.map((id) => view.rows.find((r) => r.id === id)!);
    expect(atThreshold).toMatchObject({ spread: 2000, meanScore: 6000, flaggedForModeration: false });
    expect(over).toMatchObject({ spread: 2001, flaggedForModeration: true });
  });

  it("a moderated score ranks the bid in place of the assessors' mean, and is audited with before and after", async () => {
    const { officer, roundId, bidIds } = await scoredPair([
      [6000, 6000],
      [6000, 6200],
    ]);
    const order = () => listRoundBids(roundId).map((b) => b.id).filter((id) => bidIds.includes(id));
    expect(order()).toEqual([bidIds[1], bidIds[0]]);

    const saved = await postModeration(bidIds[0], officer.cookie, { score: "72.5", reason: "The panel agreed the plan meets priority one in full" });
    expect(saved.headers.get("Location")).toBe(`/officer/rounds/${roundId}/moderation?moderated=${bidIds[0]}`);
    expect(order()).toEqual([bidIds[0], bidIds[1]]);
    expect(listRoundBids(roundId).find((b) => b.id === bidIds[0])).toMatchObject({ moderatedScore: 7250, rankingScore: 7250 });

    await postModeration(bidIds[0], officer.cookie, { score: "55", reason: "Revised after the second panel" });
    expect(order()).toEqual([bidIds[1], bidIds[0]]);
    const events = listAuditEvents({ subjectType: "bid", subjectId: String(bidIds[0]) }).filter((e) => e.action === "bid.moderated");
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actorUserId: officer.user.id, before: null, after: { score: 7250, reason: "The panel agreed the plan meets priority one in full" } });
    expect(events[0]).toMatchObject({ before: { score: 7250 }, after: { score: 5500, reason: "Revised after the second panel" } });

    const form = await jsonOf<{ moderated: { score: string; reason: string }; refusal: string | null }>(await call(moderateLoader, `/officer/bids/${bidIds[0]}/moderate`, { cookie: officer.cookie, params: { bidId: String(bidIds[0]) } }));
    expect(form).toMatchObject({ moderated: { score: "55", reason: "Revised after the second panel" }, refusal: null });
  });

  it("needs a reason and a percentage, and keeps what was typed", async () => {
    const { officer, roundId, bidIds } = await scoredPair([[4000, 8000]]);
    const noReason = await postModeration(bidIds[0], officer.cookie, { score: "60", reason: "" });
    expect(noReason.status).toBe(400);
    const failure = await jsonOf<Failure>(noReason);
    expect(failure.errors).toEqual({ reason: "Enter the reason for the moderated score" });
    expect(failure.values).toMatchObject({ score: "60" });
    for (const score of ["abc", "100.5", "-3", "72.555"]) {
      const bad = await postModeration(bidIds[0], officer.cookie, { score, reason: "Agreed" });
      expect((await jsonOf<Failure>(bad)).errors.score).toBe("Enter the moderated score as a percentage from 0 to 100, like 72.5");
    }
    expect(listRoundBids(roundId).find((b) => b.id === bidIds[0])!.moderatedScore).toBeNull();
  });

  it("is refused for a bid that is not eligible or has no submitted score", async () => {
    const officer = await signedIn("grants_officer");
    const { bidIds } = await closedRoundWith(2);
    recordEligibility({ bidId: bidIds[0], eligible: false, reason: "Out of area", officerId: officer.user.id }, new Date());
    recordEligibility({ bidId: bidIds[1], eligible: true, reason: null, officerId: officer.user.id }, new Date());
    const ineligible = await postModeration(bidIds[0], officer.cookie, { score: "50", reason: "Agreed" });
    expect((await jsonOf<Failure>(ineligible)).errors.form).toBe("Only bids recorded as eligible can be moderated");
    const unscored = await postModeration(bidIds[1], officer.cookie, { score: "50", reason: "Agreed" });
    expect(unscored.status).toBe(400);
    expect((await jsonOf<Failure>(unscored)).errors.form).toMatch(/at least one assessor has submitted a score/);
  });
});

describe("round settings", () => {
  it("are saved and audited with before and after, and change which bids are flagged", async () => {
    const officer = await signedIn("grants_officer");
    const [a, b] = [await createUser("assessor"), await createUser("assessor")];
    const { roundId, bidIds } = await closedRoundWith(1);
    eligibleAndAssigned(bidIds, officer.user.id, [a.id, b.id]);
    submitScore(bidIds[0], a.id, 5000);
    submitScore(bidIds[0], b.id, 6600);
    const flagged = () => listRoundBids(roundId).find((x) => x.id === bidIds[0])!.flaggedForModeration;
    expect(flagged()).toBe(false);

    const saved = await postSettings(roundId, officer.cookie, { assessorsPerBid: "3", moderationThreshold: "15" });
    expect(saved.headers.get("Location")).toBe(`/officer/rounds/${roundId}?settings=saved`);
    expect(roundSettings(roundId)).toMatchObject({ assessorsPerBid: 3, moderationThreshold: 15 });
    expect(flagged()).toBe(true);
    const event = listAuditEvents({ subjectType: "round", subjectId: String(roundId) }).find((e) => e.action === "round.assessment_settings_changed")!;
    expect(event).toMatchObject({ actorUserId: officer.user.id, before: { assessorsPerBid: 2, moderationThreshold: 20 }, after: { assessorsPerBid: 3, moderationThreshold: 15 } });

    const bad = await postSettings(roundId, officer.cookie, { assessorsPerBid: "6", moderationThreshold: "101" });
    expect(bad.status).toBe(400);
    expect((await jsonOf<Failure>(bad)).errors).toEqual({
      assessorsPerBid: "Assessors per bid must be a whole number from 1 to 5",
      moderationThreshold: "The moderation threshold must be a whole number of points from 0 to 100",
    });
    // Put the demo round back as the other tests expect it.
    await postSettings(roundId, officer.cookie, { assessorsPerBid: "2", moderationThreshold: "20" });
    expect(roundSettings(roundId)).toMatchObject({ assessorsPerBid: 2, moderationThreshold: 20 });
  });
});

describe("who may use the officer's pages", () => {
  const routes = [
    { name: "dashboard", loader: dashboardLoader, url: "/officer", params: {} },
    { name: "round", loader: roundLoader, action: roundAction, url: "/officer/rounds/ID", params: { roundId: "ID" } },
    { name: "assign", loader: assignLoader, action: assignAction, url: "/officer/rounds/ID/assign", params: { roundId: "ID" } },
    { name: "moderation", loader: moderationLoader, url: "/officer/rounds/ID/moderation", params: { roundId: "ID" } },
    { name: "bid", loader: bidLoader, action: bidAction, url: "/officer/bids/ID", params: { bidId: "ID" } },
    { name: "moderate", loader: moderateLoader, action: moderateAction, url: "/officer/bids/ID/moderate", params: { bidId: "ID" } },
  ];

  it("applicants, assessors and finance staff get 403 on every officer page", async () => {
    const { roundId, bidIds } = await closedRoundWith(1);
    for (const role of ["applicant", "assessor", "finance"] as const) {
      const { cookie } = await signedIn(role);
      for (const route of routes) {
        const ids: Record<string, string> = { roundId: String(roundId), bidId: String(bidIds[0]) };
        const params = Object.fromEntries(Object.keys(route.params).map((k) => [k, ids[k]]));
        const url = route.url.replace("ID", Object.values(params)[0] ?? "");
        expect((await call(route.loader, url, { cookie, params })).status, `${role} ${route.name} loader`).toBe(403);
        if (route.action) expect((await call(route.action, url, { cookie, params, form: {} })).status, `${role} ${route.name} action`).toBe(403);
      }
    }
  });

  it("unknown rounds and bids are 404, and so is a bid still in draft", async () => {
    const officer = await signedIn("grants_officer");
    const applicant = await createUser("applicant");
    reopenRound();
    const draft = completeDraft(applicant).bidId;
    for (const route of routes.filter((r) => Object.keys(r.params).length > 0)) {
      const key = Object.keys(route.params)[0];
      const ids = key === "bidId" ? ["99999", "abc", String(draft)] : ["99999", "abc"];
      for (const id of ids) {
        const url = route.url.replace("ID", id);
        expect((await call(route.loader, url, { cookie: officer.cookie, params: { [key]: id } })).status, `${route.name} loader ${id}`).toBe(404);
        if (route.action) expect((await call(route.action, url, { cookie: officer.cookie, params: { [key]: id }, form: {} })).status, `${route.name} action ${id}`).toBe(404);
      }
    }
  });
});
