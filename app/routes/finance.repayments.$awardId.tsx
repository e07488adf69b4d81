import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, DateInput, ErrorSummary, Input, InsetText, NotificationBanner, SummaryList, Table } from "~/components/govuk";
import { useValidatedForm } from "~/components/forms/useValidatedForm";
import { repaymentFormSchema } from "~/domain/awards/monitoring";
import { LEDGER_KIND_LABEL } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate, instantToLondonWallClock } from "~/domain/time/london";
import { idFromParam } from "~/models/assessment/decision.server";
import { recordRepayment, repaymentPosition } from "~/models/awards/monitoring.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm } from "~/utils/forms";

export const handle = { title: "Record a repayment" };

function load(awardIdParam: string | undefined) {
  const id = idFromParam(awardIdParam);
  return (id === null ? undefined : repaymentPosition(id)) ?? notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["finance", "admin"]);
  const position = load(params.awardId);
  return json({
    award: { id: position.award.id, amountPence: position.award.amountPence },
    reference: position.reference,
    projectTitle: position.projectTitle,
    organisationName: position.organisationName,
    balances: position.balances,
    entries: position.entries.map((e) => ({ id: e.id, kind: e.kind, at: e.at, valueOn: e.valueOn, reference: e.reference, note: e.note, amountPence: e.amountPence })),
    today: instantToLondonWallClock(now()).date,
    done: new URL(request.url).searchParams.get("done") === "1",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const position = load(params.awardId);
  const formData = await request.formData();
  const parsed = parseForm(repaymentFormSchema(position.balances.repaymentOutstandingPence, instantToLondonWallClock(now()).date), formData);
  if (!parsed.ok) return json(parsed, { status: 400 });
  // The model checks what is due again inside its transaction, in case someone recorded a repayment meanwhile.
  const result = recordRepayment({ awardId: position.award.id, ...parsed.data, financeUserId: user.id }, now());
  if (result.ok) return redirect(`/finance/repayments/${position.award.id}?done=1`);
  return json(formFailure({ amount: result.message }, formDataToValues(formData)), { status: 400 });
}

export default function RepaymentPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { balances } = data;
  const { errors, onSubmit, typed } = useValidatedForm(repaymentFormSchema(balances.repaymentOutstandingPence, data.today), failure);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/finance">Back to the finance dashboard</BackLink>
        {data.done ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">The repayment has been recorded.</p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={errors} fieldIds={{ receivedOn: "receivedOnDay" }} />
        <span className="govuk-caption-l">
          {data.reference}: {data.organisationName}
        </span>
        <h1 className="govuk-heading-l">Repayments for {data.projectTitle}</h1>
        <SummaryList
          rows={[
            { key: "Grant", value: formatPence(data.award.amountPence) },
            { key: "Repayment asked for", value: formatPence(balances.repaymentDuePence) },
            { key: "Received", value: formatPence(balances.repaidPence) },
            { key: "Still due", value: formatPence(balances.repaymentOutstandingPence) },
          ]}
        />
        {data.entries.length > 0 ? (
          <Table
            caption="Repayment entries in the ledger"
            rowKey={(e) => e.id}
            rows={data.entries}
            columns={[
              { header: "Entry", cell: (e) => LEDGER_KIND_LABEL[e.kind] },
              { header: "Date", cell: (e) => (e.valueOn ? formatIsoDate(e.valueOn) : formatLondonDate(new Date(e.at))) },
              { header: "Reference or note", cell: (e) => e.reference ?? e.note ?? "" },
              { header: "Amount", numeric: true, cell: (e) => formatPence(e.amountPence) },
            ]}
          />
        ) : null}
        {balances.repaymentOutstandingPence > 0 ? (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <h2 className="govuk-heading-m">Record money received</h2>
            <Input name="amount" label="Amount received" hint={`${formatPence(balances.repaymentOutstandingPence)} or less`} prefix="£" inputMode="decimal" spellCheck={false} widthClass="govuk-input--width-10" defaultValue={typed("amount")} error={errors?.amount} />
            <DateInput name="receivedOn" legend="Date received" hint="As shown on the bank statement, for example 27 3 2028" value={{ day: typed("receivedOnDay"), month: typed("receivedOnMonth"), year: typed("receivedOnYear") }} error={errors?.receivedOn} />
            <Input name="reference" label="Payment reference" hint="The reference on the bank statement" widthClass="govuk-input--width-20" defaultValue={typed("reference")} error={errors?.reference} />
            <Button>Record repayment</Button>
          </Form>
        ) : (
          <InsetText>Nothing is due to be repaid on this award.</InsetText>
        )}
      </div>
    </div>
  );
}
