/**
 * The forms an assessor (and, to reopen, an officer) fills in: the conflict-of-interest question,
 * the scoring form and the reason for reopening. Each reads the flat values `parseForm` produces,
 * so field names like `scores.12.score` mean the same thing in the browser and on the server.
 */
import { z } from "zod";

export const COMMENT_MAX_LENGTH = 5_000;
export const NOTE_MAX_LENGTH = 2_000;

/** What the scoring form needs to know about each criterion to check it and word its messages. */
export type ScoredCriterion = { id: number; name: string; maxScore: number };

export type ScoreInput = { criterionId: number; score: number | null; comment: string };
export type ScoreIntent = "save" | "submit";

export const scoreField = (criterionId: number) => `scores.${criterionId}.score`;
export const commentField = (criterionId: number) => `scores.${criterionId}.comment`;

const text = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? "") : v === undefined || v === null ? "" : String(v));

/**
 * Saving part way allows blanks (a half-finished assessment is normal); submitting needs a score
 * and a comment for every criterion. A score that is there must be valid either way, so nothing
 * out of range is ever stored. A missing or unknown intent counts as a save: the
 * cautious reading, as submitting locks the assessment.
 */
export function scoreFormSchema(criteria: readonly ScoredCriterion[]) {
  return z.record(z.unknown()).transform((values, ctx) => {
    const intent: ScoreIntent = text(values.intent) === "submit" ? "submit" : "save";
    const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    const scores: ScoreInput[] = criteria.map((c) => {
      const rawScore = text(values[scoreField(c.id)]).trim();
      const comment = text(values[commentField(c.id)]).trim();
      let score: number | null = null;
      if (rawScore === "") {
        if (intent === "submit") problem(scoreField(c.id), `Enter a score for ${c.name}`);
      } else if (!/^\d{1,4}$/.test(rawScore) || Number(rawScore) > c.maxScore) {
        problem(scoreField(c.id), `Score for ${c.name} must be a whole number from 0 to ${c.maxScore}`);
      } else {
        score = Number(rawScore);
      }
      if (comment === "") {
        if (intent === "submit") problem(commentField(c.id), `Enter a comment for ${c.name}`);
      } else if (comment.length > COMMENT_MAX_LENGTH) {
        problem(commentField(c.id), `Comment for ${c.name} must be ${COMMENT_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`);
      }
      return { criterionId: c.id, score, comment };
    });
    return { intent, scores };
  });
}

/** A complete assessment: every criterion scored within range and commented. The model re-checks this on submission. */
export function missingForSubmission(criteria: readonly ScoredCriterion[], scores: ReadonlyMap<number, { score: number | null; comment: string }>): ScoredCriterion[] {
  return criteria.filter((c) => {
    const s = scores.get(c.id);
    return !s || s.score === null || s.score < 0 || s.score > c.maxScore || s.comment.trim() === "";
  });
}

export const CONFLICT_QUESTION = "Do you have a conflict of interest with this bid or the organisation?";

/**
 * The declaration before an assessor sees a bid. The note is asked for in a conditional reveal,
 * which without JavaScript is always on show, so the rule "yes needs a note" lives here, not in the page.
 */
export const declarationSchema = z.record(z.unknown()).transform((values, ctx) => {
  const answer = text(values.conflict);
  const note = text(values.conflictNote).trim();
  if (answer !== "yes" && answer !== "no") {
    ctx.addIssue({ code: "custom", path: ["conflict"], message: "Select yes if you have a conflict of interest with this bid or the organisation" });
    return z.NEVER;
  }
  if (answer === "no") return { conflict: false as const };
  if (note === "") {
    ctx.addIssue({ code: "custom", path: ["conflictNote"], message: "Enter details of the conflict of interest" });
    return z.NEVER;
  }
  if (note.length > NOTE_MAX_LENGTH) {
    ctx.addIssue({ code: "custom", path: ["conflictNote"], message: `Details of the conflict must be ${NOTE_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer` });
    return z.NEVER;
  }
  return { conflict: true as const, note };
});

/** An officer reopening a submitted assessment says why; the reason goes into the audit trail. */
export const reopenSchema = z.object({
  reason: z
    .string({ required_error: "Enter why you are reopening this assessment" })
    .trim()
    .min(1, "Enter why you are reopening this assessment")
    .max(NOTE_MAX_LENGTH, `Reason must be ${NOTE_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`),
});
