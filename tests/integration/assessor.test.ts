import { beforeAll, describe, expect, it } from "vitest";
import { action as declareAction, loader as declareLoader } from "~/routes/assess.$assessmentId._index";
import { action as scoreAction, loader as scoreLoader } from "~/routes/assess.$assessmentId.score";
import { loader as dashboardLoader } from "~/routes/assess._index";
import { action as reopenAction, loader as reopenLoader } from "~/routes/officer.assessments.$assessmentId.reopen";
import { getAssessmentForOfficer, listAssessmentsForAssessor, reopenAssessment, saveScores } from "~/models/assessment/assessor.server";
import { listAuditEvents } from "~/models/audit.server";
import { call, jsonOf } from "../setup/remix";
import { signedIn } from "../factories/accounts";
import { closeRound, eligibleAndAssigned, submittedBids } from "../factories/assessment";

type Failure = { errors: Record<string, string>; values: Record<string, string> };
type Criterion = { id: number; name: string; maxScore: number; weight: number };
type ScorePage = { locked: boolean; criteria: Criterion[]; values: Record<string, string>; weightedScore: string | null; sections: { key: string; rows: { key: string; value: string }[] }[] };

let pool: Awaited<ReturnType<typeof submittedBids>>;
let officer: Awaited<ReturnType<typeof signedIn>>;

// Bids can only be submitted while the round is open, so the file shares one closed round; each test brings its own assessors.
beforeAll(async () => {
  pool = await submittedBids(2);
  closeRound(pool.roundId);
  officer = await signedIn("grants_officer");
});

/** A fresh assessor assigned to one of the bids, and their assessment's id. */
async function assignedAssessor(bidIndex = 0) {
  const assessor = await signedIn("assessor");
  const bidId = pool.bids[bidIndex].bidId;
  eligibleAndAssigned([bidId], officer.user.id, [assessor.user.id]);
  const id = listAssessmentsForAssessor(assessor.user.id).find((a) => a.bidId === bidId)!.id;
  return { ...assessor, id, bidId, params: { assessmentId: String(id) } };
}

type Assessor = Awaited<ReturnType<typeof assignedAssessor>>;

const declare = (a: Assessor, form: Record<string, string>, cookie = a.cookie) => call(declareAction, `/assess/${a.id}`, { cookie, params: a.params, form });
const scorePage = async (a: Assessor) => jsonOf<ScorePage>(await call(scoreLoader, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params }));
const postScores = (a: Assessor, form: Record<string, string>) => call(scoreAction, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params, form });
const auditFor = (id: number) => listAuditEvents({ subjectType: "assessment", subjectId: String(id) });

/** A declared assessor and the round's criteria, in order. */
async function readyToScore(bidIndex = 0) {
  const a = await assignedAssessor(bidIndex);
  expect((await declare(a, { conflict: "no" })).status).toBe(302);
  return { a, criteria: (await scorePage(a)).criteria };
}

/** The form for the given scores, one per criterion in order, each with a comment. */
function fullForm(criteria: Criterion[], scores: number[], intent = "submit") {
  const form: Record<string, string> = { intent };
  criteria.forEach((c, i) => {
    form[`scores.${c.id}.score`] = String(scores[i]);
    form[`scores.${c.id}.comment`] = `Comment on ${c.name}`;
  });
  return form;
}

describe("declaring a conflict of interest comes first", () => {
  it("shows only who the bid is from until the assessor declares; the score page sends them back", async () => {
    const a = await assignedAssessor();
    const page = await jsonOf<Record<string, unknown>>(await call(declareLoader, `/assess/${a.id}`, { cookie: a.cookie, params: a.params }));
    expect(page).toMatchObject({ id: a.id, projectTitle: "Holbeck youth boxing nights", organisationName: "Community group 1" });
    expect(Object.keys(page)).not.toContain("sections");
    const early = await call(scoreLoader, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params });
    expect(early.status).toBe(302);
    expect(early.headers.get("Location")).toBe(`/assess/${a.id}`);
    const earlyPost = await postScores(a, { intent: "save" });
    expect(earlyPost.headers.get("Location")).toBe(`/assess/${a.id}`);
  });

  it("no conflict: recorded, audited, and the score page shows the bid's frozen answers and the criteria", async () => {
    const a = await assignedAssessor();
    const response = await declare(a, { conflict: "no" });
    expect(response.headers.get("Location")).toBe(`/assess/${a.id}/score`);
    expect(auditFor(a.id).map((e) => e.action)).toEqual(["assessment.no_conflict_declared"]);
    const page = await scorePage(a);
    expect(page.sections.find((s) => s.key === "project")!.rows).toContainEqual({ key: "Project title", value: "Holbeck youth boxing nights" });
    expect(page.criteria.map((c) => c.weight)).toEqual([25, 20, 20, 15, 10, 10]);
    // The question is asked once: the overview now goes straight to scoring.
    const again = await call(declareLoader, `/assess/${a.id}`, { cookie: a.cookie, params: a.params });
    expect(again.headers.get("Location")).toBe(`/assess/${a.id}/score`);
  });

  it("needs an answer, and a yes needs details (checked on the server, as the box shows without JavaScript)", async () => {
    const a = await assignedAssessor();
    const none = await declare(a, {});
    expect(none.status).toBe(400);
    expect((await jsonOf<Failure>(none)).errors).toEqual({ conflict: "Select yes if you have a conflict of interest with this bid or the organisation" });
    const bare = await declare(a, { conflict: "yes", conflictNote: " " });
    expect(bare.status).toBe(400);
    const body = await jsonOf<Failure>(bare);
    expect(body.errors).toEqual({ conflictNote: "Enter details of the conflict of interest" });
    expect(body.values.conflict).toBe("yes");
    expect(auditFor(a.id)).toEqual([]);
  });
});

describe("a declared conflict", () => {
  it("removes the assessor from the bid: every page and action for it is the same 404 as a missing id", async () => {
    const a = await assignedAssessor();
    const response = await declare(a, { conflict: "yes", conflictNote: "I am a trustee of this group" });
    expect(response.headers.get("Location")).toBe(`/assess?conflict=${a.id}`);
    const [event] = auditFor(a.id);
    expect(event).toMatchObject({ action: "assessment.conflict_declared", actorUserId: a.user.id, before: { status: "assigned" }, after: { bidId: a.bidId, status: "conflict", conflictNote: "I am a trustee of this group" } });

    const missing = await call(scoreLoader, "/assess/999999/score", { cookie: a.cookie, params: { assessmentId: "999999" } });
    expect(missing.status).toBe(404);
    const notFoundText = await missing.text();
    for (const response of [
      await call(declareLoader, `/assess/${a.id}`, { cookie: a.cookie, params: a.params }),
      await declare(a, { conflict: "no" }),
      await call(scoreLoader, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params }),
      await postScores(a, { intent: "save" }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(notFoundText);
    }
    expect(getAssessmentForOfficer(a.id)!.status).toBe("conflict");
    // Nor can the models be talked into it.
    expect(saveScores(a.id, a.user.id, [], new Date())).toEqual({ ok: false, reason: "not_found" });
  });

  it("stays listed on the dashboard as declared, with a confirmation, but without progress", async () => {
    const a = await assignedAssessor();
    await declare(a, { conflict: "yes", conflictNote: "My sister runs it" });
    const page = await jsonOf<{ toDo: unknown[]; conflicts: { id: number; stage: string; criteriaScored: number }[]; banner: { kind: string; reference: string } }>(
      await call(dashboardLoader, `/assess?conflict=${a.id}`, { cookie: a.cookie }),
    );
    expect(page.toDo).toEqual([]);
    expect(page.conflicts).toMatchObject([{ id: a.id, stage: "conflict", criteriaScored: 0 }]);
    expect(page.banner).toMatchObject({ kind: "conflict" });
    expect(page.banner.reference).toMatch(/^MSCF-GR8-\d{4}$/);
  });

  it("an assessor not assigned to a bid gets the same 404 for another assessor's assessment", async () => {
    const { a } = await readyToScore();
    const stranger = await assignedAssessor(1);
    const asStranger = { ...a, cookie: stranger.cookie };
    for (const response of [
      await call(declareLoader, `/assess/${a.id}`, { cookie: stranger.cookie, params: a.params }),
      await declare(a, { conflict: "no" }, stranger.cookie),
      await call(scoreLoader, `/assess/${a.id}/score`, { cookie: stranger.cookie, params: a.params }),
      await postScores(asStranger, { intent: "save" }),
    ]) {
      expect(response.status).toBe(404);
    }
  });
});

describe("scoring", () => {
  it("saves part way: blanks allowed, in progress, audited, and shown again", async () => {
    const { a, criteria } = await readyToScore();
    const form = { intent: "save", [`scores.${criteria[0].id}.score`]: "4", [`scores.${criteria[0].id}.comment`]: "Clear fit with the plan", [`scores.${criteria[1].id}.score`]: "2" };
    const response = await postScores(a, form);
    expect(response.headers.get("Location")).toBe(`/assess?saved=${a.id}`);
    expect(getAssessmentForOfficer(a.id)!.status).toBe("in_progress");
    const page = await scorePage(a);
    expect(page.values[`scores.${criteria[0].id}.comment`]).toBe("Clear fit with the plan");
    expect(page.values[`scores.${criteria[1].id}.score`]).toBe("2");
    const saved = auditFor(a.id)[0];
    expect(saved).toMatchObject({ action: "assessment.scores_saved", before: { status: "assigned", scores: [] }, after: { status: "in_progress" } });
    const dashboard = await jsonOf<{ toDo: { id: number; stage: string; criteriaScored: number; criteriaTotal: number }[] }>(await call(dashboardLoader, "/assess", { cookie: a.cookie }));
    expect(dashboard.toDo).toMatchObject([{ id: a.id, stage: "in_progress", criteriaScored: 2, criteriaTotal: 6 }]);
  });

  it("refuses a save with a score out of range, keeping what was typed", async () => {
    const { a, criteria } = await readyToScore();
    const response = await postScores(a, { intent: "save", [`scores.${criteria[1].id}.score`]: "6", [`scores.${criteria[1].id}.comment`]: "Strong data" });
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({ [`scores.${criteria[1].id}.score`]: "Score for Evidence of need must be a whole number from 0 to 5" });
    expect(body.values[`scores.${criteria[1].id}.comment`]).toBe("Strong data");
    expect(auditFor(a.id).map((e) => e.action)).toEqual(["assessment.no_conflict_declared"]);
  });

  it("refuses to submit with missing scores or comments (400, every problem listed, typed values kept, nothing saved)", async () => {
    const { a, criteria } = await readyToScore();
    const form = fullForm(criteria, [4, 3, 5, 2, 4, 3]);
    form[`scores.${criteria[1].id}.score`] = "";
    form[`scores.${criteria[5].id}.comment`] = "";
    const response = await postScores(a, form);
    expect(response.status).toBe(400);
    const body = await jsonOf<Failure>(response);
    expect(body.errors).toEqual({
      [`scores.${criteria[1].id}.score`]: "Enter a score for Evidence of need",
      [`scores.${criteria[5].id}.comment`]: "Enter a comment for Safeguarding and risk",
    });
    expect(body.values[`scores.${criteria[0].id}.comment`]).toBe(`Comment on ${criteria[0].name}`);
    expect(getAssessmentForOfficer(a.id)).toMatchObject({ status: "assigned", weightedScore: null });
  });

  it("submits: the weighted score comes from the criteria's weights and is shown as a percentage", async () => {
    const { a, criteria } = await readyToScore();
    // 4/5 x 25 + 3/5 x 20 + 5/5 x 20 + 2/5 x 15 + 4/5 x 10 + 3/5 x 10 = 20 + 12 + 20 + 6 + 8 + 6 = 72%
    const response = await postScores(a, fullForm(criteria, [4, 3, 5, 2, 4, 3]));
    expect(response.headers.get("Location")).toBe(`/assess/${a.id}/score?submitted=1`);
    expect(getAssessmentForOfficer(a.id)).toMatchObject({ status: "submitted", weightedScore: 7200 });
    const page = await scorePage(a);
    expect(page).toMatchObject({ locked: true, weightedScore: "72.0%" });
    const [submitted] = auditFor(a.id);
    expect(submitted).toMatchObject({ action: "assessment.submitted", actorUserId: a.user.id, before: { status: "assigned" }, after: { status: "submitted", weightedScore: 7200 } });
    expect((submitted.after as { scores: unknown[] }).scores).toHaveLength(6);
  });

  it("submits what was saved earlier together with what is on the form now", async () => {
    const { a, criteria } = await readyToScore();
    await postScores(a, fullForm(criteria, [5, 5, 5, 5, 5, 5], "save"));
    const response = await postScores(a, fullForm(criteria, [0, 0, 0, 0, 0, 5]));
    expect(response.status).toBe(302);
    expect(getAssessmentForOfficer(a.id)!.weightedScore).toBe(1000);
  });

  it("locks a submitted assessment: saving and submitting are refused, the read-only view still opens", async () => {
    const { a, criteria } = await readyToScore();
    await postScores(a, fullForm(criteria, [4, 3, 5, 2, 4, 3]));
    const eventsBefore = auditFor(a.id).length;
    for (const intent of ["save", "submit"]) {
      const response = await postScores(a, fullForm(criteria, [1, 1, 1, 1, 1, 1], intent));
      expect(response.status).toBe(400);
      expect((await jsonOf<Failure>(response)).errors.form).toMatch(/has been submitted and cannot be changed/);
    }
    expect(saveScores(a.id, a.user.id, [{ criterionId: criteria[0].id, score: 0, comment: "late" }], new Date())).toEqual({ ok: false, reason: "locked" });
    expect(getAssessmentForOfficer(a.id)!.weightedScore).toBe(7200);
    expect(auditFor(a.id)).toHaveLength(eventsBefore);
    const view = await call(scoreLoader, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params });
    expect(view.status).toBe(200);
    expect((await jsonOf<ScorePage>(view)).values[`scores.${criteria[0].id}.score`]).toBe("4");
  });
});

describe("reopening a submitted assessment", () => {
  async function submitted() {
    const { a, criteria } = await readyToScore();
    await postScores(a, fullForm(criteria, [4, 3, 5, 2, 4, 3]));
    return { a, criteria };
  }
  const reopen = (id: number, form: Record<string, string>, cookie = officer.cookie) =>
    call(reopenAction, `/officer/assessments/${id}/reopen`, { cookie, params: { assessmentId: String(id) }, form });

  it("shows the officer who assessed which bid", async () => {
    const { a } = await submitted();
    const page = await jsonOf<{ submitted: boolean; rows: { key: string; value: string }[] }>(
      await call(reopenLoader, `/officer/assessments/${a.id}/reopen`, { cookie: officer.cookie, params: a.params }),
    );
    expect(page.submitted).toBe(true);
    expect(page.rows).toContainEqual({ key: "Assessor", value: "Test assessor" });
    expect(page.rows).toContainEqual({ key: "Weighted score", value: "72.0%" });
  });

  it("needs a reason", async () => {
    const { a } = await submitted();
    const response = await reopen(a.id, { reason: "  " });
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors).toEqual({ reason: "Enter why you are reopening this assessment" });
    expect(getAssessmentForOfficer(a.id)!.status).toBe("submitted");
  });

  it("is audited with before and after, and lets the assessor change and resubmit", async () => {
    const { a, criteria } = await submitted();
    const response = await reopen(a.id, { reason: "Scored against last round's guidance" });
    expect(response.headers.get("Location")).toBe("/officer");
    const [event] = auditFor(a.id);
    expect(event).toMatchObject({
      action: "assessment.reopened",
      actorUserId: officer.user.id,
      before: { status: "submitted", weightedScore: 7200 },
      after: { status: "in_progress", weightedScore: null, reason: "Scored against last round's guidance", assessorId: a.user.id },
    });
    const page = await scorePage(a);
    expect(page.locked).toBe(false);
    expect(page.values[`scores.${criteria[2].id}.score`]).toBe("5");
    const resubmitted = await postScores(a, fullForm(criteria, [5, 5, 5, 5, 5, 5]));
    expect(resubmitted.status).toBe(302);
    expect(getAssessmentForOfficer(a.id)).toMatchObject({ status: "submitted", weightedScore: 10_000 });
  });

  it("refuses what is not submitted", async () => {
    const { a } = await readyToScore();
    const response = await reopen(a.id, { reason: "Just because" });
    expect(response.status).toBe(400);
    expect((await jsonOf<Failure>(response)).errors.form).toBe("This assessment is not submitted, so there is nothing to reopen");
    expect((await reopen(999_999, { reason: "Missing" })).status).toBe(404);
  });

  it("is for officers only: assessors and applicants get 403, and the model refuses them too", async () => {
    const { a } = await submitted();
    const applicant = await signedIn("applicant");
    for (const cookie of [a.cookie, applicant.cookie]) {
      expect((await reopen(a.id, { reason: "Let me change it" }, cookie)).status).toBe(403);
      expect((await call(reopenLoader, `/officer/assessments/${a.id}/reopen`, { cookie, params: a.params })).status).toBe(403);
    }
    expect(reopenAssessment(a.id, a.user.id, "Let me change it", new Date())).toEqual({ ok: false, reason: "not_allowed" });
    expect(getAssessmentForOfficer(a.id)!.status).toBe("submitted");
  });
});

describe("the dashboard", () => {
  it("groups the assessor's bids by what is left to do, with a tag and progress for each", async () => {
    const assessor = await signedIn("assessor");
    eligibleAndAssigned(
      pool.bids.map((b) => b.bidId),
      officer.user.id,
      [assessor.user.id],
    );
    const [first, second] = listAssessmentsForAssessor(assessor.user.id);
    const a = { ...assessor, id: first.id, bidId: first.bidId, params: { assessmentId: String(first.id) } };
    await declare(a, { conflict: "no" });
    const { criteria } = await scorePage(a);
    await postScores(a, fullForm(criteria, [1, 2, 3, 4, 5, 0]));
    const page = await jsonOf<{ toDo: { id: number; stage: string }[]; submitted: { id: number; stage: string; criteriaScored: number }[] }>(
      await call(dashboardLoader, "/assess", { cookie: assessor.cookie }),
    );
    expect(page.toDo).toMatchObject([{ id: second.id, stage: "declare" }]);
    expect(page.submitted).toMatchObject([{ id: first.id, stage: "submitted", criteriaScored: 6 }]);
  });
});

describe("a bid found ineligible after it was assigned", () => {
  it("leaves its assessors' dashboards and pages (the same 404 as a missing id)", async () => {
    const { recordEligibility } = await import("~/models/assessment/eligibility.server");
    const a = await assignedAssessor(1);
    expect((await declare(a, { conflict: "no" })).status).toBe(302);
    expect(recordEligibility({ bidId: a.bidId, eligible: false, reason: "Works outside West Yorkshire", officerId: officer.user.id }, new Date())).toBe(true);
    expect(listAssessmentsForAssessor(a.user.id)).toEqual([]);
    expect((await call(scoreLoader, `/assess/${a.id}/score`, { cookie: a.cookie, params: a.params })).status).toBe(404);
  });
});
