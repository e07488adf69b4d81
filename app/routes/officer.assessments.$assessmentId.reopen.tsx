import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, SummaryList, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { reopenSchema } from "~/domain/assessment/score-form";
import { formatScore } from "~/domain/assessment/scoring";
import { formatLondonDateTime } from "~/domain/time/london";
import { getAssessmentForOfficer, reopenAssessment } from "~/models/assessment/assessor.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Reopen an assessment" };

function assessmentOr404(param: string | undefined) {
  const a = getAssessmentForOfficer(Number(param));
  if (!a) notFound();
  return a;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "admin"]);
  const a = assessmentOr404(params.assessmentId);
  return json({
    id: a.id,
    submitted: a.status === "submitted",
    rows: [
      { key: "Assessor", value: a.assessorName },
      { key: "Bid", value: `${a.reference ?? ""}: ${a.projectTitle ?? ""}` },
      { key: "Organisation", value: a.organisationName },
      { key: "Round", value: `${a.fundName}: ${a.roundName}` },
      { key: "Weighted score", value: formatScore(a.weightedScore) },
      { key: "Submitted", value: a.submittedAt ? formatLondonDateTime(a.submittedAt) : "Not submitted" },
    ],
  });
}

/** Reopening unlocks the assessor's scores; the reason is required because it is the audit trail's explanation. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const a = assessmentOr404(params.assessmentId);
  const parsed = parseForm(reopenSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = reopenAssessment(a.id, user.id, parsed.data.reason, now());
  if (result.ok) return redirect("/officer");
  if (result.reason === "not_found") notFound();
  const message = result.reason === "not_submitted" ? "This assessment is not submitted, so there is nothing to reopen" : "You cannot reopen this assessment";
  return json(formFailure({ form: message }, { reason: parsed.data.reason }), { status: 400 });
}

export default function ReopenAssessment() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(reopenSchema, failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/officer">Back to your dashboard</BackLink>
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">Reopen an assessment</h1>
        <SummaryList rows={data.rows} />
        {data.submitted ? (
          <>
            <p className="govuk-body">The assessor will be able to change their scores and comments, and must submit again. Their weighted score is removed until they do.</p>
            <Form method="post" noValidate onSubmit={onSubmit}>
              <Textarea name="reason" label="Why are you reopening this assessment?" hint="This is kept in the audit trail." error={errors?.reason} defaultValue={typed("reason")} />
              <Button warning>Reopen assessment</Button>
            </Form>
          </>
        ) : (
          <InsetText>This assessment is not submitted, so there is nothing to reopen.</InsetText>
        )}
      </div>
    </div>
  );
}
