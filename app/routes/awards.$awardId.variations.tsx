import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, DateInput, ErrorSummary, Input, InsetText, NotificationBanner, SummaryList, Table, Tag, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { budgetVariationSchema, datesVariationSchema, REASON_WORD_LIMIT, VARIATION_KIND_LABEL, VARIATION_STATUS_LABEL } from "~/domain/awards/monitoring";
import { formatPence, penceToInput } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate } from "~/domain/time/london";
import { requireMemberAward } from "~/models/awards/award.server";
import { currentBudgetSplit, listVariationsForAward, readBudgetDetails, readDatesDetails, requestVariation } from "~/models/awards/variations.server";
import { requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Changes to your grant" };

type Kind = "dates" | "budget";
const asKind = (value: unknown): Kind | null => (value === "dates" || value === "budget" ? value : null);

function load(user: SignedInUser, awardIdParam: string | undefined) {
  const award = requireMemberAward(user, awardIdParam);
  return { award, split: currentBudgetSplit(award.id) };
}

/** Past requests in words the applicant reads: what was asked for, and what was decided. */
function describe(variation: ReturnType<typeof listVariationsForAward>[number]) {
  if (variation.kind === "dates") {
    const d = readDatesDetails(variation.details);
    return `End date from ${formatIsoDate(d.fromEndsOn)} to ${formatIsoDate(d.toEndsOn)}`;
  }
  return readBudgetDetails(variation.details)
    .lines.filter((l) => l.toPence !== l.fromPence)
    .map((l) => `${l.item}: ${formatPence(l.fromPence)} to ${formatPence(l.toPence)}`)
    .join("; ");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { award, split } = load(user, params.awardId);
  const search = new URL(request.url).searchParams;
  const variations = listVariationsForAward(award.id);
  return json({
    award: { id: award.id, reference: award.reference, projectTitle: award.projectTitle, status: award.status, startsOn: award.startsOn, endsOn: award.endsOn },
    split,
    kind: asKind(search.get("kind")),
    sent: asKind(search.get("sent")),
    waiting: { dates: variations.some((v) => v.kind === "dates" && v.status === "requested"), budget: variations.some((v) => v.kind === "budget" && v.status === "requested") },
    variations: variations.map((v) => ({ id: v.id, kind: v.kind, status: v.status, reason: v.reason, requestedAt: v.requestedAt, decisionNote: v.decisionNote, description: describe(v) })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { award, split } = load(user, params.awardId);
  const formData = await request.formData();
  const kind = asKind(formData.get("kind"));
  if (!kind) return json({ kind: null, ...formFailure({ form: "Choose what you want to change" }) }, { status: 400 });
  const parsed = parseForm(kind === "dates" ? datesVariationSchema(award) : budgetVariationSchema(split), formData);
  if (!parsed.ok) return json({ kind, ...parsed }, { status: 400 });
  const result = requestVariation({ awardId: award.id, userId: user.id, fields: parsed.data }, now());
  if (result.ok) return redirect(`/awards/${award.id}/variations?sent=${kind}`);
  return json({ kind, ...formFailure({ form: result.message }, formDataToValues(formData)) }, { status: 400 });
}

export default function VariationsPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  // The form shown is the one asked for in the link, or the one whose answers just came back with errors.
  const kind = (failure && "kind" in failure ? failure.kind : null) ?? data.kind;
  const { award } = data;
  const running = award.status === "accepted";
  const shown = running ? kind : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={kind ? `/awards/${award.id}/variations` : `/awards/${award.id}`}>{kind ? "Back to changes" : "Back to your grant"}</BackLink>
        {data.sent ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your request has been sent. A grants officer will decide on it.</p>
          </NotificationBanner>
        ) : null}
        {/* A refusal the form on show cannot carry (no change chosen, or the grant stopped running
            while the form was open in another tab) is still said. */}
        {failure && failure.kind !== shown ? <ErrorSummary errors={failure.errors} /> : null}
        <span className="govuk-caption-l">
          {award.reference}: {award.projectTitle}
        </span>
        {shown === "dates" ? <DatesForm failure={failure} /> : shown === "budget" ? <BudgetForm failure={failure} /> : <Overview />}
      </div>
    </div>
  );
}

type Failure = ReturnType<typeof useActionData<typeof action>>;

function Overview() {
  const data = useLoaderData<typeof loader>();
  const { award } = data;
  return (
    <>
      <h1 className="govuk-heading-l">Changes to your grant</h1>
      <p className="govuk-body">If your project needs more time, or the money needs to be spent differently between your budget lines, ask us first. A grants officer will approve or refuse the change.</p>
      {award.status === "accepted" ? (
        <ul className="govuk-list">
          <li>{data.waiting.dates ? "You have asked for a new end date and are waiting for a decision." : <Link className="govuk-link" to={`/awards/${award.id}/variations?kind=dates`}>Ask for a new end date</Link>}</li>
          <li>{data.waiting.budget ? "You have asked to move money between budget lines and are waiting for a decision." : <Link className="govuk-link" to={`/awards/${award.id}/variations?kind=budget`}>Ask to move money between budget lines</Link>}</li>
        </ul>
      ) : (
        <InsetText>You can ask for changes while your grant is running.</InsetText>
      )}
      <h2 className="govuk-heading-m">Your requests</h2>
      {data.variations.length === 0 ? (
        <p className="govuk-body">You have not asked for any changes.</p>
      ) : (
        <Table
          rowKey={(v) => v.id}
          rows={data.variations}
          columns={[
            { header: "Asked on", cell: (v) => formatLondonDate(new Date(v.requestedAt)) },
            { header: "Change", cell: (v) => <>{VARIATION_KIND_LABEL[v.kind]}: {v.description}</> },
            { header: "Decision", cell: (v) => <><Tag colour={v.status === "approved" ? "green" : v.status === "refused" ? "red" : "blue"}>{VARIATION_STATUS_LABEL[v.status]}</Tag>{v.decisionNote ? <p className="govuk-body-s govuk-!-margin-top-2">{v.decisionNote}</p> : null}</> },
          ]}
        />
      )}
    </>
  );
}

function DatesForm({ failure }: { failure: Failure }) {
  const data = useLoaderData<typeof loader>();
  const { award } = data;
  const { errors, onSubmit, typed } = useValidatedForm(datesVariationSchema(award), failure?.kind === "dates" ? failure : undefined);
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ endsOn: "endsOnDay" }} />
      <h1 className="govuk-heading-l">Ask for a new end date</h1>
      <SummaryList rows={[{ key: "Project starts", value: formatIsoDate(award.startsOn) }, { key: "Project ends now", value: formatIsoDate(award.endsOn) }]} />
      <Form method="post" action={`/awards/${award.id}/variations?kind=dates`} noValidate onSubmit={onSubmit}>
        <input type="hidden" name="kind" value="dates" />
        <DateInput name="endsOn" legend="New end date" legendClassName="govuk-fieldset__legend--m" hint="Your final monitoring return will be due the same time after the new end date" value={{ day: typed("endsOnDay"), month: typed("endsOnMonth"), year: typed("endsOnYear") }} error={errors?.endsOn} />
        <Textarea name="reason" label="Why do you need this change?" labelClassName="govuk-label--m" hint={`${REASON_WORD_LIMIT} words or fewer`} defaultValue={typed("reason")} error={errors?.reason} />
        <Button>Send request</Button>
      </Form>
    </>
  );
}

function BudgetForm({ failure }: { failure: Failure }) {
  const data = useLoaderData<typeof loader>();
  const { award, split } = data;
  const { errors, onSubmit, typed, hasServerValues } = useValidatedForm(budgetVariationSchema(split), failure?.kind === "budget" ? failure : undefined);
  const total = split.reduce((sum, l) => sum + l.plannedPence, 0);
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Ask to move money between budget lines</h1>
      <p className="govuk-body">Enter the new amount for each line. The lines must still add up to {formatPence(total)}: money can move between them, but the total cannot change.</p>
      <Form method="post" action={`/awards/${award.id}/variations?kind=budget`} noValidate onSubmit={onSubmit}>
        <input type="hidden" name="kind" value="budget" />
        {split.map((l) => (
          <Input
            key={l.budgetLineId}
            name={`lines.${l.budgetLineId}`}
            label={l.item}
            hint={`Now ${formatPence(l.plannedPence)}`}
            prefix="£"
            inputMode="decimal"
            spellCheck={false}
            widthClass="govuk-input--width-10"
            defaultValue={hasServerValues ? typed(`lines.${l.budgetLineId}`) : penceToInput(l.plannedPence)}
            error={errors?.[`lines.${l.budgetLineId}`]}
          />
        ))}
        <Textarea name="reason" label="Why do you need this change?" labelClassName="govuk-label--m" hint={`${REASON_WORD_LIMIT} words or fewer`} defaultValue={typed("reason")} error={errors?.reason} />
        <Button>Send request</Button>
      </Form>
    </>
  );
}
