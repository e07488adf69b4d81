import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Input, SummaryList, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { formatPoints, moderationSchema, percentageInput } from "~/components/officer/forms";
import { formatScore } from "~/domain/assessment/scoring";
import { recordId } from "~/domain/config/fields";
import { MODERATION_REFUSALS, moderationRefusal, recordModeration } from "~/models/assessment/moderation.server";
import { getRoundBid, roundSettings } from "~/models/assessment/round-bids.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { bid?: { reference: string } } | undefined) => (data?.bid ? `Moderate the score of ${data.bid.reference}` : "Moderate a score") };

function loadBid(param: string | undefined) {
  const bid = getRoundBid(recordId(param) ?? 0) ?? notFound();
  const settings = roundSettings(bid.roundId);
  const refusal = moderationRefusal({ eligible: bid.eligible, scoredCount: bid.submittedScores.length }, Boolean(settings.decisionsReleasedAt));
  return { bid, settings, refusal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid, settings, refusal } = loadBid(params.bidId);
  return json({
    officer: user.name,
    bid: { id: bid.id, reference: bid.reference ?? "", projectTitle: bid.projectTitle ?? "", organisationName: bid.organisationName, roundId: bid.roundId },
    assessors: bid.assessments.filter((a) => a.status !== "conflict").map((a) => ({ id: a.id, name: a.assessorName, score: a.status === "submitted" ? a.weightedScore : null })),
    meanScore: bid.meanScore,
    spread: bid.spread,
    flagged: bid.flaggedForModeration,
    threshold: settings.moderationThreshold,
    moderated: { score: percentageInput(bid.moderatedScore), reason: bid.moderationReason ?? "" },
    refusal: refusal ? MODERATION_REFUSALS[refusal] : null,
  });
}

/** Records the moderated score and its reason; the score then ranks the bid. Audited with before and after. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { bid } = loadBid(params.bidId);
  const formData = await request.formData();
  const parsed = parseForm(moderationSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = recordModeration({ bidId: bid.id, officerId: user.id, ...parsed.data }, now());
  if (!result.ok) return json(formFailure({ form: MODERATION_REFUSALS[result.reason] }, formDataToValues(formData)), { status: 400 });
  return redirect(`/officer/rounds/${bid.roundId}/moderation?moderated=${bid.id}`);
}

export default function ModerateBid() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed, hasServerValues } = useValidatedForm(moderationSchema, failure);
  const value = (name: "score" | "reason") => (hasServerValues ? typed(name) : data.moderated[name]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/officer/rounds/${data.bid.roundId}/moderation`}>Compare scores and moderate</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {data.bid.reference}: {data.bid.projectTitle}
        </span>
        <h1 className="govuk-heading-l">Moderate the score</h1>
        <SummaryList
          rows={[
            ...data.assessors.map((a) => ({ key: a.name, value: a.score === null ? "Not submitted" : formatScore(a.score) })),
            { key: "Mean", value: formatScore(data.meanScore) },
            { key: "Spread", value: `${formatPoints(data.spread)}${data.flagged ? `, more than the ${formatPoints(data.threshold * 100)} threshold` : ""}` },
          ]}
        />
        {data.refusal ? (
          <p className="govuk-body">{data.refusal}.</p>
        ) : (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <Input
              name="score"
              label="Moderated score, as a percentage"
              labelClassName="govuk-label--m"
              hint="A percentage from 0 to 100, like 72.5. It replaces the assessors' mean when the bids are ranked."
              inputMode="decimal"
              widthClass="govuk-input--width-5"
              spellCheck={false}
              defaultValue={value("score")}
              error={errors?.score}
            />
            <Textarea name="reason" label="Reason for the moderated score" labelClassName="govuk-label--m" hint="For example, what the panel agreed when it discussed the assessors' scores." defaultValue={value("reason")} error={errors?.reason} />
            <Button>Save moderated score</Button>
          </Form>
        )}
      </div>
    </div>
  );
}
