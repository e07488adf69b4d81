import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Fieldset, InsetText, Input, NotificationBanner, SummaryList, Table, Tag, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { isMonitoringKind, MONITORING_KIND_LABEL, MONITORING_STATUS_LABEL, returnFormSchema, STORY_WORD_LIMIT, type ReturnFormContext } from "~/domain/awards/monitoring";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate } from "~/domain/time/london";
import { requireMemberAward } from "~/models/awards/award.server";
import { returnFormFor, submitReturn } from "~/models/awards/monitoring.server";
import { notFound, requireRole, type SignedInUser } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: (data?: { kind?: "interim" | "final" }) => (data?.kind ? MONITORING_KIND_LABEL[data.kind] : "Monitoring return") };

/** The award (404 unless it is the person's organisation's) and the return page's figures. */
function load(user: SignedInUser, awardIdParam: string | undefined, kindParam: string | undefined) {
  const award = requireMemberAward(user, awardIdParam);
  if (!isMonitoringKind(kindParam)) notFound();
  const page = returnFormFor(award.id, kindParam) ?? notFound();
  const ctx: ReturnFormContext = {
    kind: kindParam,
    awardPence: award.amountPence,
    outcomes: page.outcomes.map((o) => ({ id: o.id, name: o.name })),
    budgetLines: page.budgetLines.map((l) => ({ id: l.budgetLineId, item: l.item })),
  };
  // A return can be sent (or sent again) only while the award runs and no return is waiting or accepted.
  const canSend = award.status === "accepted" && (!page.returned || page.returned.status === "more_information_requested");
  return { award, kind: kindParam, page, ctx, canSend };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { award, kind, page, ctx, canSend } = load(user, params.awardId, params.kind);
  const returned = page.returned;
  return json({
    award: { id: award.id, projectTitle: award.projectTitle, reference: award.reference, amountPence: award.amountPence, status: award.status, fundName: award.fundName, roundName: award.roundName },
    kind,
    ctx,
    canSend,
    dueOn: page.dueOn,
    outcomes: page.outcomes,
    budgetLines: page.budgetLines,
    returned: returned && {
      status: returned.status,
      submittedAt: returned.submittedAt,
      reviewNote: returned.reviewNote,
      beneficiariesReached: returned.beneficiariesReached,
      underspendPence: returned.underspendPence,
      story: returned.story,
      achieved: returned.achieved,
      spent: returned.spent,
      values: returned.values,
    },
    sent: new URL(request.url).searchParams.get("sent") === "1",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["applicant"]);
  const { award, kind, ctx, canSend } = load(user, params.awardId, params.kind);
  const formData = await request.formData();
  if (!canSend) return json(formFailure({ form: "This return cannot be sent now" }, formDataToValues(formData)), { status: 400 });
  const parsed = parseForm(returnFormSchema(ctx), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = submitReturn({ awardId: award.id, userId: user.id, kind, fields: parsed.data }, now());
  if (result.ok) return redirect(`/awards/${award.id}/returns/${kind}?sent=1`);
  if (result.code === "not_found") notFound();
  return json(formFailure({ form: result.message }, formDataToValues(formData)), { status: 400 });
}

export default function ReturnPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed, hasServerValues } = useValidatedForm(returnFormSchema(data.ctx), failure);
  const value = (name: string) => (hasServerValues ? typed(name) : data.returned?.values[name]) ?? "";
  const { award, kind } = data;
  const plannedTotal = data.budgetLines.reduce((sum, l) => sum + l.plannedPence, 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/awards/${award.id}`}>Back to your grant</BackLink>
        {data.sent ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">Your {kind} return has been sent. A grants officer will review it.</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {award.reference}: {award.projectTitle}
        </span>
        <h1 className="govuk-heading-l">{MONITORING_KIND_LABEL[kind]}</h1>
        <SummaryList
          rows={[
            { key: "Grant", value: formatPence(award.amountPence) },
            { key: "Due", value: data.dueOn ? formatIsoDate(data.dueOn) : "No date set" },
            { key: "Status", value: data.returned ? <Tag>{MONITORING_STATUS_LABEL[data.returned.status]}</Tag> : <Tag colour="grey">Not sent</Tag> },
          ]}
        />
        {data.returned?.status === "more_information_requested" ? (
          <InsetText>
            <p className="govuk-body govuk-!-font-weight-bold">The grants officer asked for more information:</p>
            <p className="govuk-body">{data.returned.reviewNote}</p>
            <p className="govuk-body">Change your return below and send it again.</p>
          </InsetText>
        ) : null}
        {data.canSend ? (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <Input name="beneficiariesReached" label="How many people did the project reach?" labelClassName="govuk-label--m" hint="Count each person once, even if they came many times" inputMode="numeric" widthClass="govuk-input--width-5" defaultValue={value("beneficiariesReached")} error={errors?.beneficiariesReached} />
            <Fieldset id="outcomes" legend="What did the project achieve against each target outcome?" legendClassName="govuk-fieldset__legend--m">
              {data.outcomes.map((o) => (
                <Input key={o.id} name={`outcomes.${o.id}.achieved`} label={o.name} hint={`Target: ${o.target.toLocaleString("en-GB")}. Measured by: ${o.measure}`} inputMode="numeric" widthClass="govuk-input--width-5" defaultValue={value(`outcomes.${o.id}.achieved`)} error={errors?.[`outcomes.${o.id}.achieved`]} />
              ))}
            </Fieldset>
            <Fieldset id="spend" legend={kind === "final" ? "How much of the grant did you spend on each budget line?" : "How much of the grant have you spent so far on each budget line?"} legendClassName="govuk-fieldset__legend--m" hint={`Your budget plans ${formatPence(plannedTotal)} in all`}>
              {data.budgetLines.map((l) => (
                <Input
                  key={l.budgetLineId}
                  name={`spend.${l.budgetLineId}`}
                  label={l.item}
                  hint={l.plannedPence === l.originalPence ? `Planned: ${formatPence(l.plannedPence)}` : `Planned: ${formatPence(l.plannedPence)} (changed from ${formatPence(l.originalPence)} by an approved variation)`}
                  prefix="£"
                  inputMode="decimal"
                  spellCheck={false}
                  widthClass="govuk-input--width-10"
                  defaultValue={value(`spend.${l.budgetLineId}`)}
                  error={errors?.[`spend.${l.budgetLineId}`]}
                />
              ))}
            </Fieldset>
            <Input
              name="underspend"
              label={kind === "final" ? "Underspend" : "Underspend (optional)"}
              labelClassName="govuk-label--m"
              hint={
                kind === "final"
                  ? `The grant (${formatPence(award.amountPence)}) minus everything you spent. Enter 0 if you spent it all. We will ask you to pay back any of it we have already paid you`
                  : "Money from the grant you now know you will not need. We will ask you to pay back any of it we have already paid you"
              }
              prefix="£"
              inputMode="decimal"
              spellCheck={false}
              widthClass="govuk-input--width-10"
              defaultValue={value("underspend")}
              error={errors?.underspend}
            />
            <Textarea name="story" label="What difference has the project made?" labelClassName="govuk-label--m" hint={`Tell us about one person or moment that shows it. ${STORY_WORD_LIMIT} words or fewer`} rows={8} defaultValue={value("story")} error={errors?.story} />
            <Button>Send return</Button>
          </Form>
        ) : (
          <SentOrClosed />
        )}
      </div>
    </div>
  );
}

/** What was sent, or why nothing can be sent yet. */
function SentOrClosed() {
  const data = useLoaderData<typeof loader>();
  if (!data.returned) {
    const why = data.award.status === "offered" ? "You can send returns once you have accepted the offer." : data.award.status === "closed" ? "This grant is closed." : "Returns cannot be sent for this grant.";
    return <InsetText>{why}</InsetText>;
  }
  const sent = data.returned;
  const spentOf = (budgetLineId: number) => sent.spent[budgetLineId] ?? 0;
  return (
    <>
      <p className="govuk-body">You sent this return on {formatLondonDate(new Date(sent.submittedAt))}.</p>
      <SummaryList
        rows={[
          { key: "People reached", value: sent.beneficiariesReached.toLocaleString("en-GB") },
          { key: "Underspend", value: formatPence(sent.underspendPence) },
          { key: "The difference the project made", value: sent.story },
        ]}
      />
      <Table
        caption="Target outcomes"
        rowKey={(o) => o.id}
        rows={data.outcomes}
        columns={[
          { header: "Outcome", cell: (o) => o.name },
          { header: "Target", numeric: true, cell: (o) => o.target.toLocaleString("en-GB") },
          { header: "Achieved", numeric: true, cell: (o) => (sent.achieved[o.id] ?? 0).toLocaleString("en-GB") },
        ]}
      />
      <Table
        caption="Spend"
        rowKey={(l) => l.budgetLineId}
        rows={data.budgetLines}
        columns={[
          { header: "Budget line", cell: (l) => l.item },
          { header: "Planned", numeric: true, cell: (l) => formatPence(l.plannedPence) },
          { header: "Spent", numeric: true, cell: (l) => formatPence(spentOf(l.budgetLineId)) },
        ]}
        foot={
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(data.budgetLines.reduce((sum, l) => sum + l.plannedPence, 0))}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(data.budgetLines.reduce((sum, l) => sum + spentOf(l.budgetLineId), 0))}</td>
            </tr>
          </tfoot>
        }
      />
    </>
  );
}
