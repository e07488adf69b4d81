import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, InsetText, NotificationBanner, Radios, SummaryList, Table, Tag, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { MONITORING_KIND_LABEL, MONITORING_STATUS_LABEL, NOTE_WORD_LIMIT, reviewFormSchema, settleUnderspend } from "~/domain/awards/monitoring";
import { formatPence } from "~/domain/money/money";
import { formatLondonDate } from "~/domain/time/london";
import { getReturnForReview, reviewReturn } from "~/models/awards/monitoring.server";
import { idFromParam } from "~/models/assessment/decision.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Review a monitoring return" };

function load(returnIdParam: string | undefined) {
  const id = idFromParam(returnIdParam);
  return (id === null ? undefined : getReturnForReview(id)) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "admin"]);
  const found = load(params.returnId);
  const { returned, award, balances } = found;
  // What accepting would do to the ledger, shown before the officer commits to it.
  const settlement = settleUnderspend({ underspendPence: returned.underspendPence, alreadySettledPence: found.alreadySettledPence, committedPence: balances.committedPence, paidPence: balances.paidPence });
  return json({
    award: { id: award.id, amountPence: award.amountPence, status: award.status },
    reference: found.reference,
    projectTitle: found.projectTitle,
    organisationName: found.organisationName,
    returned,
    outcomes: found.outcomes,
    lines: found.lines,
    settlement,
    reviewable: returned.status === "submitted" && award.status === "accepted",
    done: new URL(request.url).searchParams.get("done"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { returned } = load(params.returnId);
  const formData = await request.formData();
  const parsed = parseForm(reviewFormSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = reviewReturn({ ...parsed.data, returnId: returned.id, officerId: user.id }, now());
  if (result.ok) return redirect(`/officer/returns/${returned.id}?done=${parsed.data.decision}`);
  return json(formFailure({ form: result.message }, formDataToValues(formData)), { status: 400 });
}

const DONE = { accept: "The return has been accepted.", more_information: "The organisation has been asked for more information." } as const;

export default function ReviewReturnPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(reviewFormSchema, failure);
  const { returned } = data;
  const plannedTotal = data.lines.reduce((sum, l) => sum + l.plannedPence, 0);
  const spentTotal = data.lines.reduce((sum, l) => sum + l.spentPence, 0);
  const targetTotal = data.outcomes.reduce((sum, o) => sum + o.target, 0);
  const achievedTotal = data.outcomes.reduce((sum, o) => sum + o.achieved, 0);
  const done = data.done === "accept" || data.done === "more_information" ? DONE[data.done] : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <BackLink to="/officer/awards">Back to awards</BackLink>
        {done ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{done}</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {data.reference}: {data.organisationName}
        </span>
        <h1 className="govuk-heading-l">{MONITORING_KIND_LABEL[returned.kind]} for {data.projectTitle}</h1>
        <SummaryList
          rows={[
            { key: "Status", value: <Tag>{MONITORING_STATUS_LABEL[returned.status]}</Tag> },
            { key: "Sent", value: formatLondonDate(new Date(returned.submittedAt)) },
            { key: "Grant", value: formatPence(data.award.amountPence) },
            { key: "People reached", value: returned.beneficiariesReached.toLocaleString("en-GB") },
            { key: "Underspend", value: formatPence(returned.underspendPence) },
            ...(returned.reviewNote ? [{ key: "Last review note", value: returned.reviewNote }] : []),
          ]}
        />
        <Table
          caption="Target outcomes: achieved against target"
          rowKey={(o) => o.id}
          rows={data.outcomes}
          columns={[
            { header: "Outcome", cell: (o) => o.name },
            { header: "Measured by", cell: (o) => o.measure },
            { header: "Target", numeric: true, cell: (o) => o.target.toLocaleString("en-GB") },
            { header: "Achieved", numeric: true, cell: (o) => o.achieved.toLocaleString("en-GB") },
          ]}
          foot={<TotalRow label="Total" span={2} cells={[targetTotal.toLocaleString("en-GB"), achievedTotal.toLocaleString("en-GB")]} />}
        />
        <Table
          caption="Spend against the budget plan"
          rowKey={(l) => l.budgetLineId}
          rows={data.lines}
          columns={[
            { header: "Budget line", cell: (l) => l.item },
            { header: "Planned", numeric: true, cell: (l) => formatPence(l.plannedPence) },
            { header: "Spent", numeric: true, cell: (l) => formatPence(l.spentPence) },
            { header: "Left", numeric: true, cell: (l) => formatPence(l.plannedPence - l.spentPence) },
          ]}
          foot={<TotalRow label="Total" span={1} cells={[formatPence(plannedTotal), formatPence(spentTotal), formatPence(plannedTotal - spentTotal)]} />}
        />
        <h2 className="govuk-heading-m">The difference the project made</h2>
        {returned.story.split(/\n+/).map((paragraph, i) => (
          <p className="govuk-body" key={i}>
            {paragraph}
          </p>
        ))}
        {data.reviewable ? (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              {returned.underspendPence > 0 ? (
                <InsetText>
                  Accepting this return {data.settlement.repaymentDuePence > 0 ? `asks the organisation to repay ${formatPence(data.settlement.repaymentDuePence)}` : "asks for no repayment"}
                  {data.settlement.commitmentReducedPence > 0 ? ` and releases ${formatPence(data.settlement.commitmentReducedPence)} not yet paid from the award's commitment` : ""}.
                </InsetText>
              ) : null}
              <Form method="post" noValidate onSubmit={onSubmit}>
                <Radios
                  name="decision"
                  legend="What do you want to do with this return?"
                  value={typed("decision")}
                  error={errors?.decision}
                  items={[
                    { value: "accept", text: "Accept the return" },
                    { value: "more_information", text: "Ask for more information", hint: "The organisation can change the return and send it again" },
                  ]}
                />
                <Textarea name="note" label="Note for the organisation" hint={`Needed when you ask for more information. ${NOTE_WORD_LIMIT} words or fewer`} rows={4} defaultValue={typed("note")} error={errors?.note} />
                <Button>Save review</Button>
              </Form>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function TotalRow({ label, span, cells }: { label: string; span: number; cells: string[] }) {
  return (
    <tfoot>
      <tr className="govuk-table__row">
        <th scope="row" colSpan={span} className="govuk-table__header">
          {label}
        </th>
        {cells.map((c, i) => (
          <td key={i} className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">
            {c}
          </td>
        ))}
      </tr>
    </tfoot>
  );
}
