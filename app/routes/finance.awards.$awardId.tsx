import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { dateFieldIds, dateParts, useFormState } from "~/components/config/form-state";
import { BackLink, Button, DateInput, ErrorSummary, Input, InsetText, NotificationBanner, SummaryList, Table, Textarea } from "~/components/govuk";
import { formatSortCode } from "~/domain/awards/bank-details";
import { AWARD_STATUS_LABEL } from "~/domain/awards/offer";
import { recordId } from "~/domain/config/fields";
import { correctionFormSchema, paymentFormSchema, REFERENCE_MAX, SINGLE_PAYMENT_LIMIT_PENCE } from "~/domain/finance/payment-form";
import { financialYearLabel, LEDGER_KIND_LABEL } from "~/domain/money/ledger";
import { formatPence, penceToInput } from "~/domain/money/money";
import { formatIsoDate, formatLondonDate, formatLondonDateTime, instantToLondonWallClock } from "~/domain/time/london";
import { awardPaymentSummary, correctPayment, recordPayment } from "~/models/finance/payments.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FieldErrors } from "~/utils/forms";

export const handle = { title: "Award payments" };

const PAYMENT_FIELDS = ["amount", "paidOn", "reference"];

/** `?correct=ENTRY` opens the correction form for one payment, so it works without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const awardId = recordId(params.awardId) ?? notFound();
  const summary = awardPaymentSummary(awardId) ?? notFound();
  const today = instantToLondonWallClock(now()).date;
  const url = new URL(request.url);
  const correctId = Number(url.searchParams.get("correct"));
  const correcting = summary.entries.find((e) => e.id === correctId && e.kind === "payment" && e.amountPence > 0 && e.correctsEntryId === null && !e.corrected) ?? null;
  const { award } = summary;
  return json({
    user: { name: user.name },
    award: { id: award.id, reference: award.reference, projectTitle: award.projectTitle, organisationName: award.organisationName, fundName: award.fundName, roundName: award.roundName, status: award.status, amountPence: award.amountPence },
    committedPence: summary.committedPence,
    paidPence: summary.paidPence,
    remainingPence: summary.remainingPence,
    blockedReason: summary.blockedReason,
    bankDetails: summary.bankDetails,
    entries: summary.entries.map((e) => ({ id: e.id, at: e.at, kind: e.kind, financialYear: e.financialYear, amountPence: e.amountPence, reference: e.reference, note: e.note, valueOn: e.valueOn, correctsEntryId: e.correctsEntryId, corrected: e.corrected })),
    defaults: { amount: penceToInput(Math.max(summary.remainingPence, 0)), ...dateParts("paidOn", today), reference: "" },
    correcting: correcting && { id: correcting.id, amountPence: correcting.amountPence, valueOn: correcting.valueOn, reference: correcting.reference },
    paid: Number(url.searchParams.get("paid")) || null,
    corrected: Number(url.searchParams.get("corrected")) || null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const awardId = recordId(params.awardId) ?? notFound();
  const formData = await request.formData();
  const values = formDataToValues(formData);
  if (formData.get("intent") === "correct") {
    const parsed = parseForm(correctionFormSchema, formData);
    if (!parsed.ok) return json({ ...parsed, intent: "correct" as const }, { status: 400 });
    const result = correctPayment({ entryId: parsed.data.entryId, note: parsed.data.note, financeUserId: user.id, awardId }, now());
    if (result.ok) return redirect(`/finance/awards/${awardId}?corrected=${result.entry.id}`);
    if (result.code === "not_found") notFound();
    return json({ ...formFailure({ note: result.message }, values), intent: "correct" as const }, { status: 400 });
  }
  const parsed = parseForm(paymentFormSchema(instantToLondonWallClock(now()).date), formData);
  if (!parsed.ok) return json({ ...parsed, intent: "pay" as const }, { status: 400 });
  const result = recordPayment({ awardId, ...parsed.data, financeUserId: user.id }, now());
  if (result.ok) return redirect(`/finance/awards/${awardId}?paid=${result.entry.id}`);
  if (result.code === "not_found") notFound();
  // Over the amount left is about the amount; a block (say, bank details changed since the page
  // loaded) is about the award, so it heads the summary without pointing at a field.
  const errors: FieldErrors = result.code === "blocked" ? { form: `This award cannot be paid: ${result.message}` } : { amount: result.message };
  return json({ ...formFailure(errors, values), intent: "pay" as const }, { status: 400 });
}

export default function AwardPayments() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { award } = data;
  const payFailure = failure?.intent === "pay" ? failure : null;
  const correctFailure = failure?.intent === "correct" ? failure : null;
  const { errors, value, date } = useFormState(payFailure, data.defaults, ["form", ...PAYMENT_FIELDS]);
  const payable = !data.blockedReason && data.remainingPence > 0;
  return (
    <>
      <BackLink to="/finance">Finance dashboard</BackLink>
      <ErrorSummary errors={errors ?? correctFailure?.errors} fieldIds={dateFieldIds(["paidOn"])} />
      {data.paid ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Payment recorded. {data.remainingPence > 0 ? `${formatPence(data.remainingPence)} is left to pay.` : "The award is now paid in full."}</p>
        </NotificationBanner>
      ) : null}
      {data.corrected ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">The payment has been reversed by a correction entry.</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{award.organisationName}</span>
      <h1 className="govuk-heading-l">Payments for {award.reference ?? `award ${award.id}`}</h1>
      <SummaryList
        rows={[
          { key: "Project", value: award.projectTitle ?? "Not given" },
          { key: "Fund and round", value: `${award.fundName}, ${award.roundName}` },
          { key: "Award status", value: AWARD_STATUS_LABEL[award.status] },
          { key: "Award (net commitment)", value: formatPence(data.committedPence) },
          { key: "Paid so far", value: formatPence(data.paidPence) },
          { key: "Left to pay", value: <strong>{formatPence(data.remainingPence)}</strong> },
        ]}
      />
      <BankDetails details={data.bankDetails} />
      {data.blockedReason ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This award cannot be paid: {data.blockedReason}.
          </strong>
        </div>
      ) : null}
      {data.correcting ? <CorrectionForm entry={data.correcting} error={correctFailure?.errors?.note} note={String(correctFailure?.values?.note ?? "")} /> : null}
      {payable && !data.correcting ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m">Record a payment</h2>
            <Form method="post" noValidate>
              <Input
                name="amount"
                label="Amount paid"
                labelClassName="govuk-label--s"
                hint={
                  data.committedPence <= SINGLE_PAYMENT_LIMIT_PENCE && data.paidPence === 0
                    ? `Grants of up to ${formatPence(SINGLE_PAYMENT_LIMIT_PENCE)} are paid in a single payment, so the whole award is filled in.`
                    : `This award can be paid in instalments. You can pay up to ${formatPence(data.remainingPence)}, the amount left to pay.`
                }
                prefix="£"
                widthClass="govuk-input--width-10"
                inputMode="decimal"
                spellCheck={false}
                error={errors?.amount}
                defaultValue={value("amount")}
              />
              <DateInput name="paidOn" legend="Date paid" hint="The day the money left the bank, for example 27 3 2026" error={errors?.paidOn} value={date("paidOn")} />
              <Input
                name="reference"
                label="Payment reference"
                labelClassName="govuk-label--s"
                hint={`The reference sent with the payment, up to ${REFERENCE_MAX} characters: letters, numbers, spaces and & - . /`}
                widthClass="govuk-input--width-20"
                spellCheck={false}
                autoComplete="off"
                error={errors?.reference}
                defaultValue={value("reference")}
              />
              <Button name="intent" value="pay">
                Record payment
              </Button>
            </Form>
          </div>
        </div>
      ) : null}
      {!data.blockedReason && data.remainingPence <= 0 ? <InsetText>This award has been paid in full.</InsetText> : null}
      <LedgerTable entries={data.entries} awardId={award.id} />
    </>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function BankDetails({ details }: { details: LoaderData["bankDetails"] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Bank details</h2>
      {details ? (
        <>
          <SummaryList
            rows={[
              { key: "Name on the account", value: details.accountName },
              { key: "Sort code", value: formatSortCode(details.sortCode) },
              { key: "Account number", value: details.accountNumber },
              { key: "Given on", value: formatLondonDate(new Date(details.submittedAt)) },
            ]}
          />
          {details.awaitingConfirmation ? (
            <InsetText>
              These bank details were given after the offer was accepted. Check them with the organisation, on a number you already hold, and{" "}
              <Link className="govuk-link" to={`/finance/bank-details/${details.bankDetailsId}`}>
                confirm them
              </Link>{" "}
              before paying.
            </InsetText>
          ) : null}
        </>
      ) : (
        <p className="govuk-body">The organisation has not given bank details yet.</p>
      )}
    </>
  );
}

function CorrectionForm({ entry, error, note }: { entry: NonNullable<LoaderData["correcting"]>; error?: string; note: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h2 className="govuk-heading-m">Correct a payment</h2>
        <p className="govuk-body">
          The payment of {formatPence(entry.amountPence)}
          {entry.valueOn ? ` on ${formatIsoDate(entry.valueOn)}` : ""}
          {entry.reference ? ` (reference ${entry.reference})` : ""} stays in the ledger. A correction entry of {formatPence(-entry.amountPence)} is added that points at it, so the award shows it as not paid.
        </p>
        <Form method="post" noValidate>
          <input type="hidden" name="entryId" value={entry.id} />
          <Textarea name="note" label="Why is this payment being corrected?" labelClassName="govuk-label--s" hint="For example, keyed against the wrong award, or the bank returned it" error={error} defaultValue={note} rows={3} />
          <div className="govuk-button-group">
            <Button name="intent" value="correct" warning>
              Reverse this payment
            </Button>
            <Link className="govuk-link" to=".">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

function LedgerTable({ entries, awardId }: { entries: LoaderData["entries"]; awardId: number }) {
  if (entries.length === 0) return <p className="govuk-body">Nothing has been recorded in the ledger for this award.</p>;
  return (
    <Table
      caption="Ledger entries for this award"
      rows={entries}
      rowKey={(e) => e.id}
      columns={[
        { header: "Entry", cell: (e) => `#${e.id}` },
        { header: "Recorded", cell: (e) => formatLondonDateTime(new Date(e.at)) },
        { header: "Kind", cell: (e) => (e.correctsEntryId ? `${LEDGER_KIND_LABEL[e.kind]} (correction of #${e.correctsEntryId})` : LEDGER_KIND_LABEL[e.kind]) },
        { header: "Financial year", cell: (e) => financialYearLabel(e.financialYear) },
        { header: "Date paid", cell: (e) => (e.valueOn ? formatIsoDate(e.valueOn) : "") },
        { header: "Reference and note", cell: (e) => [e.reference, e.note].filter(Boolean).join(". ") },
        { header: "Amount", numeric: true, cell: (e) => formatPence(e.amountPence) },
        {
          header: <span className="govuk-visually-hidden">Action</span>,
          cell: (e) =>
            e.kind === "payment" && e.amountPence > 0 && !e.correctsEntryId && !e.corrected ? (
              <Link className="govuk-link" to={`/finance/awards/${awardId}?correct=${e.id}`}>
                Correct<span className="govuk-visually-hidden"> payment #{e.id}</span>
              </Link>
            ) : e.corrected ? (
              "Corrected"
            ) : null,
        },
      ]}
    />
  );
}
