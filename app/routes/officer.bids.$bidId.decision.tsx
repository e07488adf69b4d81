import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment, useState, type ReactNode } from "react";
import { BackLink, Button, ErrorSummary, InsetText, Input, Select, SummaryList, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { formatScore } from "~/domain/assessment/scoring";
import { DECISION_LABEL, NOT_FUNDED_REASONS, type DecisionOutcome } from "~/domain/decisions/budget";
import { decisionFormSchema } from "~/domain/decisions/decision-form";
import { formatPence, penceToInput } from "~/domain/money/money";
import { getBidForDecision, idFromParam, recordDecision, whyNotDecidable } from "~/models/assessment/decision.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, parseForm, formFailure, type FormValues } from "~/utils/forms";

export const handle = { title: "Record a funding decision" };

function load(bidIdParam: string | undefined) {
  const id = idFromParam(bidIdParam);
  const found = id === null ? undefined : getBidForDecision(id);
  if (!found) notFound();
  const { bid, round, releasedAt } = found;
  const why = whyNotDecidable({ opensAt: round.opensAt, closesAt: round.closesAt, released: releasedAt !== null, eligible: bid.eligible, status: bid.status }, now());
  return { ...found, why, requestedPence: bid.amountRequestedPence ?? 0 };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid, round, rank, committedElsewherePence, why, requestedPence } = load(params.bidId);
  const values: FormValues = {};
  if (bid.decisionOutcome) values.outcome = bid.decisionOutcome;
  if (bid.decisionOutcome === "fund_part") {
    values.amount = penceToInput(bid.decisionAmountPence ?? 0);
    values.partReason = bid.decisionReason ?? "";
  }
  if (bid.decisionOutcome === "not_funded") {
    values.reasonCode = bid.decisionReasonCode ?? "";
    values.feedback = bid.decisionFeedback ?? "";
  }
  return json({
    user: { name: user.name },
    bid: {
      id: bid.id,
      reference: bid.reference,
      organisationName: bid.organisationName,
      projectTitle: bid.projectTitle,
      score: formatScore(bid.rankingScore),
      rank,
      requestedPence,
      districts: bid.districts,
      priorities: bid.priorities,
      tags: bid.tags,
      outcome: bid.decisionOutcome,
      decisionAmountPence: bid.decisionAmountPence,
    },
    round: { id: round.id, name: round.name, budgetPence: round.budgetPence },
    committedElsewherePence,
    why,
    values,
  });
}

/** Validates on the server whatever the browser did, then asks the model, which checks the budget. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid, round, why, requestedPence } = load(params.bidId);
  const formData = await request.formData();
  if (why) return json(formFailure({ form: why }, formDataToValues(formData)), { status: 400 });
  const parsed = parseForm(decisionFormSchema(requestedPence), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = recordDecision({ ...parsed.data, bidId: bid.id, officerId: user.id }, now());
  if (result.ok) return redirect(`/officer/rounds/${round.id}/decisions`);
  if (result.code === "not_found") notFound();
  // Over budget: point at the answer that would change it, the part amount or the choice itself.
  const field = result.code === "over_budget" ? (parsed.data.outcome === "fund_part" ? "amount" : "outcome") : "form";
  return json(formFailure({ [field]: result.message }, formDataToValues(formData)), { status: 400 });
}

export default function DecisionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { bid, round } = data;
  const { errors, onSubmit, hasServerValues, typed } = useValidatedForm(decisionFormSchema(bid.requestedPence), failure);
  const value = (name: string) => (hasServerValues ? typed(name) : (data.values[name] as string | undefined)) ?? "";
  const [outcome, setOutcome] = useState(value("outcome"));
  const leftPence = round.budgetPence - data.committedElsewherePence;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/officer/rounds/${round.id}/decisions`}>Back to the ranked list</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{round.name}</span>
        <h1 className="govuk-heading-l">Decision on {bid.reference}</h1>
        <SummaryList
          rows={[
            { key: "Organisation", value: bid.organisationName },
            { key: "Project", value: bid.projectTitle },
            { key: "Score", value: bid.rank ? `${bid.score} (ranked ${bid.rank})` : bid.score },
            { key: "Amount requested", value: formatPence(bid.requestedPence) },
            { key: "Districts", value: bid.districts.join(", ") || "None given" },
            { key: "Priorities", value: bid.priorities.join(", ") || "None given" },
            { key: "Reporting tags", value: bid.tags.join(", ") || "None" },
            { key: "Current decision", value: bid.outcome ? `${DECISION_LABEL[bid.outcome]}${bid.decisionAmountPence ? `: ${formatPence(bid.decisionAmountPence)}` : ""}` : "No decision yet" },
            { key: "Budget left for this bid", value: `${formatPence(leftPence)} of the round's ${formatPence(round.budgetPence)}` },
          ]}
        />
        {data.why ? (
          <InsetText>{data.why}.</InsetText>
        ) : (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <OutcomeRadios outcome={outcome} onChange={setOutcome} error={errors?.outcome} requestedPence={bid.requestedPence}>
              {{
                fund_part: (
                  <>
                    <Input name="amount" label="Amount to fund" hint={`More than £0 and less than ${formatPence(bid.requestedPence)}`} prefix="£" widthClass="govuk-input--width-10" inputMode="decimal" spellCheck={false} defaultValue={value("amount")} error={errors?.amount} />
                    <Textarea name="partReason" label="Why is the bid funded in part?" hint="The applicant will see this" defaultValue={value("partReason")} error={errors?.partReason} rows={3} />
                  </>
                ),
                not_funded: (
                  <>
                    <Select name="reasonCode" label="Reason" defaultValue={value("reasonCode")} error={errors?.reasonCode} options={[{ value: "", text: "Choose a reason" }, ...NOT_FUNDED_REASONS.map((r) => ({ value: r.code, text: r.text }))]} />
                    <Textarea name="feedback" label="Feedback for the applicant" hint="The applicant will see this when decisions are released. Say what would make a future bid stronger" defaultValue={value("feedback")} error={errors?.feedback} />
                  </>
                ),
              }}
            </OutcomeRadios>
            <Button>Save decision</Button>
          </Form>
        )}
      </div>
    </div>
  );
}

/**
 * GOV.UK radios with conditional questions. React shows and hides them (rather than govuk-frontend's
 * script, which React would undo on re-render); without JavaScript, govuk-frontend's CSS leaves every
 * conditional question visible and the server ignores the ones that do not apply.
 */
function OutcomeRadios({ outcome, onChange, error, requestedPence, children }: { outcome: string; onChange: (o: string) => void; error?: string; requestedPence: number; children: Partial<Record<DecisionOutcome, ReactNode>> }) {
  const hints: Record<DecisionOutcome, string> = {
    fund_full: `Award the ${formatPence(requestedPence)} requested`,
    fund_part: "Award a smaller amount, with the reason",
    reserve: "Not funded now; may be offered money that comes back to the round",
    not_funded: "With a reason and feedback for the applicant",
  };
  return (
    <div className={`govuk-form-group ${error ? "govuk-form-group--error" : ""}`.trim()}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? "outcome-error" : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 className="govuk-fieldset__heading">What is your decision?</h2>
        </legend>
        {error ? (
          <p id="outcome-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-radios">
          {(Object.keys(DECISION_LABEL) as DecisionOutcome[]).map((o, i) => {
            const id = i === 0 ? "outcome" : `outcome-${i + 1}`;
            const conditional = children[o];
            return (
              <Fragment key={o}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name="outcome"
                    type="radio"
                    value={o}
                    defaultChecked={outcome === o}
                    onChange={() => onChange(o)}
                    aria-describedby={`${id}-item-hint`}
                    aria-controls={conditional ? `conditional-${id}` : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {DECISION_LABEL[o]}
                  </label>
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {hints[o]}
                  </div>
                </div>
                {conditional ? (
                  <div className={`govuk-radios__conditional ${outcome === o ? "" : "govuk-radios__conditional--hidden"}`.trim()} id={`conditional-${id}`}>
                    {conditional}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
