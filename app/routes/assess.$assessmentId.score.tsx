import type { ActionFunctionArgs, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Fieldset, InsetText, NotificationBanner, SummaryList, Textarea } from "~/components/govuk";
import { commentField, scoreField, scoreFormSchema } from "~/domain/assessment/score-form";
import { formatScore } from "~/domain/assessment/scoring";
import { SECTIONS } from "~/domain/bids/sections";
import { summariseSection } from "~/domain/bids/summary";
import { getAssessmentForAssessor, saveScores, submitAssessment } from "~/models/assessment/assessor.server";
import { loadBidChoices } from "~/models/bid-context.server";
import { notFound, requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FormValues } from "~/utils/forms";

export const handle = { title: (data?: { locked?: boolean }) => (data?.locked ? "Your assessment" : "Score this bid") };

const LOCKED = "This assessment has been submitted and cannot be changed. Ask a grants officer to reopen it if it needs to change.";

/** Theirs and not conflicted, or the same 404 as a missing id; undeclared goes back to the declaration first. */
function declaredAssessment(user: SignedInUser, param: string | undefined) {
  const a = getAssessmentForAssessor(Number(param), user.id);
  if (!a) notFound();
  if (!a.declared) throw redirect(`/assess/${a.id}`);
  return a;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const a = declaredAssessment(user, params.assessmentId);
  const choices = loadBidChoices(a.roundId);
  const typed = a.typed ?? {};
  const totalWeight = a.criteria.reduce((sum, c) => sum + c.weight, 0);
  const values: FormValues = {};
  for (const s of a.scores) {
    values[scoreField(s.criterionId)] = s.score === null ? "" : String(s.score);
    values[commentField(s.criterionId)] = s.comment;
  }
  return json({
    id: a.id,
    locked: a.stage === "submitted",
    bid: { reference: a.reference, projectTitle: a.projectTitle, organisationName: a.organisationName, round: `${a.fundName}: ${a.roundName}` },
    sections: SECTIONS.filter((s) => typed[s.key]).map((s) => ({ key: s.key, title: s.title, rows: summariseSection(s.key, typed[s.key], choices) })),
    criteria: a.criteria.map((c) => ({ ...c, share: totalWeight > 0 ? Math.round((c.weight * 100) / totalWeight) : 0 })),
    values,
    weightedScore: a.stage === "submitted" ? formatScore(a.weightedScore) : null,
  });
}

/** "Save and come back later" keeps whatever is there; "Submit assessment" needs everything and locks it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["assessor"]);
  const a = declaredAssessment(user, params.assessmentId);
  const formData = await request.formData();
  if (a.stage === "submitted") return json(formFailure({ form: LOCKED }, formDataToValues(formData)), { status: 400 });
  const parsed = parseForm(scoreFormSchema(a.criteria), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { intent, scores } = parsed.data;
  const result = intent === "submit" ? submitAssessment(a.id, user.id, scores, now()) : saveScores(a.id, user.id, scores, now());
  if (result.ok) return redirect(intent === "submit" ? `/assess/${a.id}/score?submitted=1` : `/assess?saved=${a.id}`);
  const message =
    result.reason === "locked" ? LOCKED : result.reason === "incomplete" && a.criteria.length === 0 ? "This round has no scoring criteria yet. Ask a grants officer." : "Your scores could not be saved. Try again.";
  return json(formFailure({ form: message }, formDataToValues(formData)), { status: 400 });
}

type Data = SerializeFrom<typeof loader>;

function BidAnswers({ data }: { data: Data }) {
  return (
    <>
      <h2 className="govuk-heading-l">The bid</h2>
      {data.sections.map((s) => (
        <div key={s.key}>
          <h3 className="govuk-heading-m">{s.title}</h3>
          <SummaryList rows={s.rows} />
        </div>
      ))}
    </>
  );
}

/** Inline radios for 0 to the criterion's maximum; the first radio carries the id the error summary links to. */
function ScoreRadios({ criterion, value, error }: { criterion: Data["criteria"][number]; value?: string; error?: string }) {
  const name = scoreField(criterion.id);
  const id = name.replace(/[^A-Za-z0-9_-]/g, "-");
  const points = Array.from({ length: criterion.maxScore + 1 }, (_, i) => String(i));
  return (
    <Fieldset
      id={id}
      legend={
        <>
          Score from 0 to {criterion.maxScore}
          <span className="govuk-visually-hidden"> for {criterion.name}</span>
        </>
      }
      legendClassName="govuk-fieldset__legend--s"
      error={error}
    >
      <div className="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
        {points.map((p, i) => {
          const itemId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className="govuk-radios__item" key={p}>
              <input className="govuk-radios__input" id={itemId} name={name} type="radio" value={p} defaultChecked={value === p} />
              <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                {p}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

function ScoreForm({ data, values, errors }: { data: Data; values: FormValues; errors?: Record<string, string> }) {
  const value = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return (
    <Form method="post" noValidate>
      {data.criteria.map((c) => (
        <div key={c.id} className="govuk-!-margin-bottom-8">
          <h3 className="govuk-heading-m">{c.name}</h3>
          <p className="govuk-body">{c.guidance}</p>
          <p className="govuk-body-s">Counts for {c.share}% of the total score.</p>
          <ScoreRadios criterion={c} value={value(scoreField(c.id))} error={errors?.[scoreField(c.id)]} />
          <Textarea
            name={commentField(c.id)}
            label={
              <>
                Comment<span className="govuk-visually-hidden"> on {c.name}</span>
              </>
            }
            labelClassName="govuk-label--s"
            hint="Your comments may be fed back to the applicant."
            error={errors?.[commentField(c.id)]}
            defaultValue={value(commentField(c.id))}
          />
        </div>
      ))}
      <div className="govuk-button-group">
        <Button name="intent" value="submit">
          Submit assessment
        </Button>
        <Button name="intent" value="save" secondary>
          Save and come back later
        </Button>
      </div>
    </Form>
  );
}

function LockedScores({ data }: { data: Data }) {
  const value = (name: string) => String(data.values[name] ?? "");
  return (
    <>
      <InsetText>
        Your weighted score is <strong>{data.weightedScore}</strong>. This assessment is submitted and locked. A grants officer can reopen it if it needs to change.
      </InsetText>
      <SummaryList
        rows={data.criteria.map((c) => ({
          key: c.name,
          value: (
            <>
              <p className="govuk-body govuk-!-font-weight-bold">
                {value(scoreField(c.id))} out of {c.maxScore}
              </p>
              <p className="govuk-body">{value(commentField(c.id))}</p>
            </>
          ),
        }))}
      />
    </>
  );
}

export default function ScoreBid() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const values = failure && "values" in failure ? failure.values : data.values;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/assess">Back to your assessments</BackLink>
        <ErrorSummary errors={failure?.errors} />
        {data.locked && search.get("submitted") ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your assessment has been submitted.</p>
          </NotificationBanner>
        ) : null}
        <span className="govuk-caption-l">
          {data.bid.round}: {data.bid.reference}
        </span>
        <h1 className="govuk-heading-l">{data.bid.projectTitle}</h1>
        <p className="govuk-body">From {data.bid.organisationName}.</p>
        {/* Read the bid, then score it; once locked, the result comes first. */}
        {data.locked ? (
          <>
            <h2 className="govuk-heading-l">Your assessment</h2>
            <LockedScores data={data} />
            <BidAnswers data={data} />
          </>
        ) : (
          <>
            <BidAnswers data={data} />
            <h2 className="govuk-heading-l">Your scores</h2>
            <ScoreForm data={data} values={values} errors={failure?.errors} />
          </>
        )}
      </div>
    </div>
  );
}
