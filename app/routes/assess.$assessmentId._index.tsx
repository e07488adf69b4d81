import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Fieldset, SummaryList, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { CONFLICT_QUESTION, declarationSchema } from "~/domain/assessment/score-form";
import { declareConflict, declareNoConflict, getAssessmentForAssessor } from "~/models/assessment/assessor.server";
import { notFound, requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Conflict of interest" };

/** Theirs and not conflicted, or the same 404 as a missing id. */
function ownAssessment(user: SignedInUser, param: string | undefined) {
  const assessment = getAssessmentForAssessor(Number(param), user.id);
  if (!assessment) notFound();
  return assessment;
}

/**
 * The declaration comes before anything else: until it is made, this page shows only who the bid
 * is from (needed to answer) and never its answers. Once made, the assessment lives on its score page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const a = ownAssessment(user, params.assessmentId);
  if (a.declared) throw redirect(`/assess/${a.id}/score`);
  return json({ id: a.id, reference: a.reference, projectTitle: a.projectTitle, organisationName: a.organisationName, round: `${a.fundName}: ${a.roundName}` });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const a = ownAssessment(user, params.assessmentId);
  if (a.declared) throw redirect(`/assess/${a.id}/score`);
  const parsed = parseForm(declarationSchema, await request.formData());
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = parsed.data.conflict ? declareConflict(a.id, user.id, parsed.data.note, now()) : declareNoConflict(a.id, user.id, now());
  if (!result.ok) {
    // Another tab got there first: the answer already given stands.
    if (result.reason === "already_declared") throw redirect(`/assess/${a.id}`);
    return json(formFailure({ form: "Your answer could not be saved. Try again." }), { status: 400 });
  }
  return redirect(parsed.data.conflict ? `/assess?conflict=${a.id}` : `/assess/${a.id}/score`);
}

export default function DeclareConflict() {
  const a = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(declarationSchema, failure);
  const answer = typed("conflict");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/assess">Back to your assessments</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{a.round}</span>
        <h1 className="govuk-heading-l">Conflict of interest</h1>
        <SummaryList
          rows={[
            { key: "Bid", value: a.reference ?? "" },
            { key: "Project", value: a.projectTitle ?? "" },
            { key: "Organisation", value: a.organisationName },
          ]}
        />
        <p className="govuk-body">
          You have a conflict of interest if you, a family member or a close friend work for, volunteer with, are a trustee of, or would gain from this organisation or project. You will see
          the bid after you answer.
        </p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Fieldset id="conflict" legend={CONFLICT_QUESTION} legendClassName="govuk-fieldset__legend--m" error={errors?.conflict}>
            <div className="govuk-radios" data-module="govuk-radios">
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="conflict" name="conflict" type="radio" value="yes" defaultChecked={answer === "yes"} data-aria-controls="conditional-conflict" />
                <label className="govuk-label govuk-radios__label" htmlFor="conflict">
                  Yes
                </label>
              </div>
              {/* Without JavaScript this is always on show; the server asks for it only when the answer is yes. */}
              <div className={`govuk-radios__conditional ${answer === "yes" ? "" : "govuk-radios__conditional--hidden"}`.trim()} id="conditional-conflict">
                <Textarea name="conflictNote" label="Tell us about the conflict" hint="Grants officers will see this." error={errors?.conflictNote} defaultValue={typed("conflictNote")} />
              </div>
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="conflict-2" name="conflict" type="radio" value="no" defaultChecked={answer === "no"} />
                <label className="govuk-label govuk-radios__label" htmlFor="conflict-2">
                  No
                </label>
              </div>
            </div>
          </Fieldset>
          <Button>Continue</Button>
        </Form>
      </div>
    </div>
  );
}
