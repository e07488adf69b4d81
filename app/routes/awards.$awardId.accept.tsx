import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, Checkboxes, DateInput, ErrorSummary, InsetText, Input, SummaryList, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { ACCEPTANCE_FIELD_IDS, acceptanceSchema, DECLARATIONS, declineSchema } from "~/domain/awards/offer";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, instantToLondonWallClock } from "~/domain/time/london";
import { acceptOffer, declineOffer, requireMemberAward, type AwardView, type OfferResult } from "~/models/awards/award.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data: { declining?: boolean } | undefined) => (data?.declining ? "Decline the offer" : "Accept the offer") };

/** The UK dates that bound the date accepted: not before the offer, not after today. */
function dateBounds(award: AwardView) {
  return { today: instantToLondonWallClock(now()).date, offeredOn: instantToLondonWallClock(new Date(award.createdAt)).date };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const award = requireMemberAward(user, params.awardId);
  if (award.status !== "offered") throw redirect(`/awards/${award.id}`);
  return json({
    award: { id: award.id, projectTitle: award.projectTitle, organisationName: award.organisationName, reference: award.reference, amountPence: award.amountPence, startsOn: award.startsOn, endsOn: award.endsOn, hasBankDetails: award.bankDetails !== null },
    bounds: dateBounds(award),
    declining: new URL(request.url).searchParams.has("decline"),
  });
}

function answer(result: OfferResult, awardId: number, done: "accepted" | "declined", values: Record<string, string | string[]>) {
  if (result.ok) return redirect(`/awards/${awardId}?done=${done}`);
  if (result.code === "not_found") notFound();
  return json(formFailure({ form: result.message }, values), { status: 400 });
}

/** Accepts (the default) or, from the decline page, declines. Either is final, so both are checked again by the model. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const award = requireMemberAward(user, params.awardId);
  const formData = await request.formData();
  const values = formDataToValues(formData);
  if (formData.get("intent") === "decline") {
    const parsed = parseForm(declineSchema, formData);
    if (!parsed.ok) return json(parsed, { status: 400 });
    return answer(declineOffer({ awardId: award.id, userId: user.id, reason: parsed.data.reason }, now()), award.id, "declined", values);
  }
  const parsed = parseForm(acceptanceSchema(dateBounds(award)), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  return answer(acceptOffer({ ...parsed.data, awardId: award.id, userId: user.id }, now()), award.id, "accepted", values);
}

export default function AcceptOffer() {
  const data = useLoaderData<typeof loader>();
  return data.declining ? <Decline /> : <Accept />;
}

/** "2026-03-27" as GOV.UK's hint writes it: "27 3 2026". */
function exampleDate(iso: string) {
  const [y, m, d] = iso.split("-");
  return `${Number(d)} ${Number(m)} ${y}`;
}

function Accept() {
  const { award, bounds } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed, typedAll } = useValidatedForm(acceptanceSchema(bounds), failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/awards/${award.id}`}>Back to the offer</BackLink>
        <ErrorSummary errors={errors} fieldIds={ACCEPTANCE_FIELD_IDS} />
        <span className="govuk-caption-l">{award.organisationName}</span>
        <h1 className="govuk-heading-l">Accept the offer</h1>
        <SummaryList
          rows={[
            { key: "Project", value: award.projectTitle ?? "Your project" },
            { key: "Bid reference", value: award.reference },
            { key: "Grant", value: formatPence(award.amountPence) },
            { key: "Project dates", value: `${formatIsoDate(award.startsOn)} to ${formatIsoDate(award.endsOn)}` },
          ]}
        />
        <p className="govuk-body">
          Read the <Link className="govuk-link" to={`/awards/${award.id}`}>conditions of the grant</Link> before you accept.
        </p>
        {award.hasBankDetails ? null : (
          <InsetText>
            You have not given bank details yet. If you give them after accepting, our finance team must confirm them with you before we can pay.{" "}
            <Link className="govuk-link" to={`/awards/${award.id}/bank-details`}>Give your bank details first</Link>
          </InsetText>
        )}
        <Form method="post" noValidate onSubmit={onSubmit}>
          <Input name="signatoryName" label="Full name of the person accepting the offer" autoComplete="name" spellCheck={false} defaultValue={typed("signatoryName")} error={errors?.signatoryName} />
          <Input name="signatoryRole" label="Their role in the organisation" hint="For example, Chair of trustees or Chief executive" defaultValue={typed("signatoryRole")} error={errors?.signatoryRole} />
          <DateInput
            name="acceptedOn"
            legend="Date accepted"
            hint={`For example, ${exampleDate(bounds.today)}`}
            error={errors?.acceptedOn}
            value={{ day: typed("acceptedOnDay"), month: typed("acceptedOnMonth"), year: typed("acceptedOnYear") }}
          />
          <Checkboxes name="declarations" legend="Declarations" hint="You must agree to all of these to accept the offer" items={DECLARATIONS.map((d) => ({ value: d.value, text: d.text }))} values={typedAll("declarations")} error={errors?.declarations} />
          <Button>Accept offer</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/awards/${award.id}/accept?decline`}>
            Decline the offer instead
          </Link>
        </p>
      </div>
    </div>
  );
}

/** A page of its own before declining: it cannot be undone, so it is never one click from the form. */
function Decline() {
  const { award } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const errors = failure && "errors" in failure ? failure.errors : undefined;
  const typed = failure && "values" in failure ? failure.values : {};
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/awards/${award.id}`}>Back to the offer</BackLink>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{award.organisationName}</span>
        <h1 className="govuk-heading-l">Are you sure you want to decline the grant of {formatPence(award.amountPence)}?</h1>
        <p className="govuk-body">If you decline, the money goes back to the fund and you cannot accept the offer later.</p>
        <Form method="post" action={`/awards/${award.id}/accept?decline`}>
          <input type="hidden" name="intent" value="decline" />
          <Textarea name="reason" label="Why are you declining the offer? (optional)" labelClassName="govuk-label--s" defaultValue={typeof typed.reason === "string" ? typed.reason : ""} error={errors?.reason} rows={3} />
          <Button warning>Decline offer</Button>
        </Form>
      </div>
    </div>
  );
}
