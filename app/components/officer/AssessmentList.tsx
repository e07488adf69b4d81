/** A bid's assessments for staff: who, where they have got to, their weighted score and each criterion's mark. */
import { Link } from "@remix-run/react";
import { Table, Tag } from "~/components/govuk";
import { formatScore } from "~/domain/assessment/scoring";
import { formatLondonDateTime } from "~/domain/time/london";

type Score = { criterion: string; maxScore: number; weight: number; score: number | null; comment: string };
export type AssessmentView = {
  id: number;
  assessorName: string;
  status: "assigned" | "conflict" | "in_progress" | "submitted";
  submittedAt: string | null;
  conflictNote: string | null;
  weightedScore: number | null;
  scores: Score[];
};

const STATUS = {
  assigned: { text: "Not started", colour: "grey" },
  in_progress: { text: "In progress", colour: "light-blue" },
  submitted: { text: "Submitted", colour: "green" },
  conflict: { text: "Conflict declared", colour: "orange" },
} as const;

export function AssessmentList({ assessments }: { assessments: AssessmentView[] }) {
  if (assessments.length === 0) return <p className="govuk-body">No assessors have been assigned to this bid.</p>;
  return (
    <>
      {assessments.map((a) => (
        <div key={a.id} className="govuk-!-margin-bottom-6">
          <h3 className="govuk-heading-s">
            {a.assessorName} <Tag colour={STATUS[a.status].colour}>{STATUS[a.status].text}</Tag>
          </h3>
          {a.status === "conflict" ? <p className="govuk-body">{a.conflictNote ? `Conflict of interest: ${a.conflictNote}` : "Declared a conflict of interest."}</p> : null}
          {a.status === "submitted" ? (
            <>
              <p className="govuk-body">
                Weighted score {formatScore(a.weightedScore)}
                {a.submittedAt ? `, submitted ${formatLondonDateTime(new Date(a.submittedAt))}` : ""}.{" "}
                <Link className="govuk-link" to={`/officer/assessments/${a.id}/reopen`}>
                  Reopen this assessment<span className="govuk-visually-hidden"> by {a.assessorName}</span>
                </Link>
              </p>
            </>
          ) : null}
          {a.scores.length > 0 && a.status !== "conflict" ? (
            <Table
              caption={<span className="govuk-visually-hidden">Scores given by {a.assessorName}</span>}
              rows={a.scores}
              rowKey={(s) => s.criterion}
              columns={[
                { header: "Criterion", cell: (s) => s.criterion },
                { header: "Weight", numeric: true, cell: (s) => String(s.weight) },
                { header: "Score", numeric: true, cell: (s) => (s.score === null ? "Not scored" : `${s.score} out of ${s.maxScore}`) },
                { header: "Comment", cell: (s) => s.comment || "None" },
              ]}
            />
          ) : null}
        </div>
      ))}
    </>
  );
}
