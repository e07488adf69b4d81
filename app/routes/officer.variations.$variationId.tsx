import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, NotificationBanner, Radios, SummaryList, Table, Tag, Textarea } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { NOTE_WORD_LIMIT, VARIATION_KIND_LABEL, VARIATION_STATUS_LABEL, variationDecisionSchema } from "~/domain/awards/monitoring";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate } from "~/domain/time/london";
import { idFromParam } from "~/models/assessment/decision.server";
import { decideVariation, getVariationForDecision, readBudgetDetails, readDatesDetails } from "~/models/awards/variations.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Decide on a change to an award" };

function load(variationIdParam: string | undefined) {
  const id = idFromParam(variationIdParam);
  return (id === null ? undefined : getVariationForDecision(id)) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["grants_officer", "admin"]);
  const { variation, award, organisationName, reference, projectTitle, currentSplit } = load(params.variationId);
  // A waiting request is shown against the split in force now, which is what approval would change;
  // a decided one as it was recorded (the split applied, or the moves asked for).
  const budget = variation.kind === "budget" ? budgetRows(variation.status, readBudgetDetails(variation.details), currentSplit) : [];
  return json({
    variation: { id: variation.id, kind: variation.kind, status: variation.status, reason: variation.reason, requestedAt: variation.requestedAt, decisionNote: variation.decisionNote },
    dates: variation.kind === "dates" ? readDatesDetails(variation.details) : null,
    budget,
    award: { id: award.id, startsOn: award.startsOn, endsOn: award.endsOn, amountPence: award.amountPence },
    organisationName,
    reference,
    projectTitle,
    done: new URL(request.url).searchParams.get("done"),
  });
}

function budgetRows(status: string, details: ReturnType<typeof readBudgetDetails>, currentSplit: { budgetLineId: number; item: string; plannedPence: number }[]) {
  const recorded = status === "approved" ? details.split ?? details.lines : details.lines;
  const rows = status === "requested" ? currentSplit.map((line) => ({ budgetLineId: line.budgetLineId, item: line.item, fromPence: line.plannedPence, toPence: line.plannedPence + change(details.lines, line.budgetLineId) })) : recorded;
  return rows.map((l) => ({ budgetLineId: l.budgetLineId, item: l.item, nowPence: l.fromPence, changePence: l.toPence - l.fromPence, afterPence: l.toPence }));
}

function change(lines: { budgetLineId: number; fromPence: number; toPence: number }[], budgetLineId: number) {
  const asked = lines.find((l) => l.budgetLineId === budgetLineId);
  return asked ? asked.toPence - asked.fromPence : 0;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const { variation } = load(params.variationId);
  const formData = await request.formData();
  const parsed = parseForm(variationDecisionSchema, formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = decideVariation({ ...parsed.data, variationId: variation.id, officerId: user.id }, now());
  if (result.ok) return redirect(`/officer/variations/${variation.id}?done=${parsed.data.decision}`);
  return json(formFailure({ form: result.message }, formDataToValues(formData)), { status: 400 });
}

export default function VariationDecisionPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { errors, onSubmit, typed } = useValidatedForm(variationDecisionSchema, failure);
  const { variation } = data;
  const sum = (pick: (l: (typeof data.budget)[number]) => number) => data.budget.reduce((total, l) => total + pick(l), 0);
  const signed = (pence: number) => (pence > 0 ? `+${formatPence(pence)}` : formatPence(pence));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/officer/awards">Back to awards</BackLink>
        {data.done === "approve" || data.done === "refuse" ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">The change has been {data.done === "approve" ? "approved" : "refused"}.</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {data.reference}: {data.organisationName}
        </span>
        <h1 className="govuk-heading-l">{VARIATION_KIND_LABEL[variation.kind]}</h1>
        <SummaryList
          rows={[
            { key: "Project", value: data.projectTitle },
            { key: "Status", value: <Tag>{VARIATION_STATUS_LABEL[variation.status]}</Tag> },
            { key: "Asked on", value: formatLondonDate(new Date(variation.requestedAt)) },
            { key: "Reason", value: variation.reason },
            ...(data.dates
              ? [
                  { key: "Project starts", value: formatIsoDate(data.award.startsOn) },
                  { key: "End date", value: `${formatIsoDate(data.dates.fromEndsOn)} to ${formatIsoDate(data.dates.toEndsOn)}` },
                  ...(data.dates.finalDueTo && data.dates.finalDueFrom ? [{ key: "Final return due", value: `${formatIsoDate(data.dates.finalDueFrom)} to ${formatIsoDate(data.dates.finalDueTo)}` }] : []),
                ]
              : []),
            ...(variation.decisionNote ? [{ key: "Decision note", value: variation.decisionNote }] : []),
          ]}
        />
        {data.budget.length > 0 ? (
          <Table
            caption={variation.status === "requested" ? "Budget lines: now and if approved" : "Budget lines"}
            rowKey={(l) => l.budgetLineId}
            rows={data.budget}
            columns={[
              { header: "Budget line", cell: (l) => l.item },
              { header: variation.status === "requested" ? "Now" : "Before", numeric: true, cell: (l) => formatPence(l.nowPence) },
              { header: "Change", numeric: true, cell: (l) => signed(l.changePence) },
              { header: "After", numeric: true, cell: (l) => formatPence(l.afterPence) },
            ]}
            foot={
              <tfoot>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    Total
                  </th>
                  {[formatPence(sum((l) => l.nowPence)), signed(sum((l) => l.changePence)), formatPence(sum((l) => l.afterPence))].map((c, i) => (
                    <td key={i} className="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">
                      {c}
                    </td>
                  ))}
                </tr>
              </tfoot>
            }
          />
        ) : null}
        {variation.status === "requested" ? (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <Radios
              name="decision"
              legend="Do you approve this change?"
              value={typed("decision")}
              error={errors?.decision}
              items={[
                { value: "approve", text: "Approve", hint: variation.kind === "dates" ? "The award's end date and final return date move" : "The award's budget lines change as shown" },
                { value: "refuse", text: "Refuse", hint: "The award stays as it is" },
              ]}
            />
            <Textarea name="note" label="Note for the organisation" hint={`Needed when you refuse. ${NOTE_WORD_LIMIT} words or fewer`} rows={4} defaultValue={typed("note")} error={errors?.note} />
            <Button>Save decision</Button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}
