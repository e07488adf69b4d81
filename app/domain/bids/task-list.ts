/**
 * The bid's task list (GOV.UK "complete multiple tasks"): each page's status, and before submitting,
 * every problem with a link to the page that fixes it.
 */
import type { BidContext } from "./context";
import { SECTIONS, type SectionKey } from "./sections";

export type TaskStatus = "completed" | "incomplete" | "not_started" | "cannot_start";

export const TASK_STATUS_LABEL: Record<TaskStatus, string> = {
  completed: "Completed",
  incomplete: "Incomplete",
  not_started: "Not yet started",
  cannot_start: "Cannot start yet",
};

export type Answers = Partial<Record<SectionKey, Record<string, unknown>>>;

/** A page saved earlier can become incomplete if the round's rules change; so re-check every time. */
export function sectionStatus(answers: Answers, key: SectionKey, ctx: BidContext): TaskStatus {
  const saved = answers[key];
  if (!saved) return "not_started";
  const section = SECTIONS.find((s) => s.key === key)!;
  return section.schema(ctx).safeParse(saved).success ? "completed" : "incomplete";
}

export const REQUIRED_DOCUMENTS = [
  { kind: "governing_document", title: "Constitution or governing document" },
  { kind: "accounts", title: "Latest accounts" },
  { kind: "safeguarding_policy", title: "Safeguarding policy" },
] as const;

export type SubmissionProblem = { message: string; href: string };

export function submissionProblems(input: {
  bidId: number;
  organisationId: number;
  answers: Answers;
  ctx: BidContext;
  profileComplete: boolean;
  documentKinds: string[];
}): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const base = `/applications/${input.bidId}`;
  if (!input.profileComplete) {
    problems.push({ message: "Complete your organisation's details", href: `/organisations/${input.organisationId}/profile?bid=${input.bidId}` });
  }
  for (const section of SECTIONS) {
    const status = sectionStatus(input.answers, section.key, input.ctx);
    if (status === "not_started") problems.push({ message: `Complete "${section.title}"`, href: `${base}/${section.key}` });
    if (status === "incomplete") problems.push({ message: `Check your answers to "${section.title}": some are no longer valid`, href: `${base}/${section.key}` });
  }
  for (const doc of REQUIRED_DOCUMENTS) {
    if (!input.documentKinds.includes(doc.kind)) problems.push({ message: `Upload your ${doc.title.toLowerCase()}`, href: `${base}/documents` });
  }
  return problems;
}
