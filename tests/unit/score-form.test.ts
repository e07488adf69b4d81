import { describe, expect, it } from "vitest";
import { declarationSchema, missingForSubmission, reopenSchema, scoreFormSchema, type ScoredCriterion } from "~/domain/assessment/score-form";
import { zodErrorsToFields } from "~/utils/forms";

const criteria: ScoredCriterion[] = [
  { id: 11, name: "Alignment with the Police and Crime Plan priorities", maxScore: 5 },
  { id: 12, name: "Evidence of need", maxScore: 5 },
];

function errorsOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, values: Record<string, unknown>) {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return zodErrorsToFields(result.error as never);
}

const complete = { "scores.11.score": "4", "scores.11.comment": "Delivers two priorities.", "scores.12.score": "3", "scores.12.comment": "Some local data." };

describe("the scoring form", () => {
  it("reads every criterion's score and comment from the flat form names", () => {
    expect(scoreFormSchema(criteria).parse({ ...complete, intent: "submit" })).toEqual({
      intent: "submit",
      scores: [
        { criterionId: 11, score: 4, comment: "Delivers two priorities." },
        { criterionId: 12, score: 3, comment: "Some local data." },
      ],
    });
  });

  it("lets an assessor save part way with blanks", () => {
    const parsed = scoreFormSchema(criteria).parse({ intent: "save", "scores.11.score": "2", "scores.11.comment": "", "scores.12.comment": "  Half a thought  " });
    expect(parsed.scores).toEqual([
      { criterionId: 11, score: 2, comment: "" },
      { criterionId: 12, score: null, comment: "Half a thought" },
    ]);
  });

  it("treats a missing or unknown intent as a save, because submitting locks", () => {
    expect(scoreFormSchema(criteria).parse({}).intent).toBe("save");
    expect(scoreFormSchema(criteria).parse({ intent: "delete" }).intent).toBe("save");
  });

  it("needs a score and a comment for every criterion to submit, in form order", () => {
    expect(errorsOf(scoreFormSchema(criteria), { intent: "submit", "scores.11.score": "4" })).toEqual({
      "scores.11.comment": "Enter a comment for Alignment with the Police and Crime Plan priorities",
      "scores.12.score": "Enter a score for Evidence of need",
      "scores.12.comment": "Enter a comment for Evidence of need",
    });
  });

  it("a comment of only spaces is no comment", () => {
    expect(errorsOf(scoreFormSchema(criteria), { ...complete, "scores.12.comment": "   ", intent: "submit" })).toEqual({ "scores.12.comment": "Enter a comment for Evidence of need" });
  });

  it.each(["6", "-1", "4.5", "four", "1e1", "99999"])("refuses the score %s, even when only saving", (score) => {
    for (const intent of ["save", "submit"]) {
      expect(errorsOf(scoreFormSchema(criteria), { ...complete, "scores.12.score": score, intent })).toEqual({
        "scores.12.score": "Score for Evidence of need must be a whole number from 0 to 5",
      });
    }
  });

  it.each(["0", "5", " 3 "])("accepts the score %s (the range is inclusive)", (score) => {
    expect(scoreFormSchema(criteria).parse({ ...complete, "scores.12.score": score, intent: "submit" }).scores[1].score).toBe(Number(score));
  });

  it("uses each criterion's own maximum", () => {
    const ten = [{ id: 1, name: "Value for money", maxScore: 10 }];
    expect(scoreFormSchema(ten).parse({ "scores.1.score": "10", "scores.1.comment": "Good", intent: "submit" }).scores[0].score).toBe(10);
    expect(errorsOf(scoreFormSchema(ten), { "scores.1.score": "11" })).toEqual({ "scores.1.score": "Score for Value for money must be a whole number from 0 to 10" });
  });

  it("limits comments to 5,000 characters", () => {
    expect(errorsOf(scoreFormSchema(criteria), { ...complete, "scores.11.comment": "x".repeat(5_001) })).toEqual({
      "scores.11.comment": "Comment for Alignment with the Police and Crime Plan priorities must be 5,000 characters or fewer",
    });
    expect(errorsOf(scoreFormSchema(criteria), { ...complete, "scores.11.comment": "x".repeat(5_000) })).toEqual({});
  });
});

describe("completeness on submission", () => {
  it("names the criteria without a score in range or a comment", () => {
    const stored = new Map([
      [11, { score: 5, comment: "Fine" }],
      [12, { score: 3, comment: "" }],
    ]);
    expect(missingForSubmission(criteria, stored).map((c) => c.id)).toEqual([12]);
    expect(missingForSubmission(criteria, new Map()).map((c) => c.id)).toEqual([11, 12]);
    expect(missingForSubmission(criteria, new Map([[11, { score: 6, comment: "Too high" }], [12, { score: 0, comment: "None" }]])).map((c) => c.id)).toEqual([11]);
  });
});

describe("the conflict-of-interest declaration", () => {
  it("needs an answer", () => {
    expect(errorsOf(declarationSchema, {})).toEqual({ conflict: "Select yes if you have a conflict of interest with this bid or the organisation" });
  });

  it("no needs nothing more, and ignores a note typed before changing the answer", () => {
    expect(declarationSchema.parse({ conflict: "no", conflictNote: "typed then changed my mind" })).toEqual({ conflict: false });
  });

  it("yes needs details, because without JavaScript the note box is always on show", () => {
    expect(errorsOf(declarationSchema, { conflict: "yes", conflictNote: "  " })).toEqual({ conflictNote: "Enter details of the conflict of interest" });
    expect(declarationSchema.parse({ conflict: "yes", conflictNote: " I am a trustee " })).toEqual({ conflict: true, note: "I am a trustee" });
  });

  it("limits the note to 2,000 characters", () => {
    expect(errorsOf(declarationSchema, { conflict: "yes", conflictNote: "x".repeat(2_001) })).toEqual({ conflictNote: "Details of the conflict must be 2,000 characters or fewer" });
  });
});

describe("reopening", () => {
  it("needs a reason", () => {
    expect(errorsOf(reopenSchema, { reason: "  " })).toEqual({ reason: "Enter why you are reopening this assessment" });
    expect(errorsOf(reopenSchema, {})).toEqual({ reason: "Enter why you are reopening this assessment" });
    expect(reopenSchema.parse({ reason: " Scored the wrong bid " })).toEqual({ reason: "Scored the wrong bid" });
  });
});
