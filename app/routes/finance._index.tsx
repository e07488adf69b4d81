import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { dateFieldIds, dateParts, useFormState } from "~/components/config/form-state";
import { FundBudgetsTable } from "~/components/finance/FundBudgetsTable";
import { UnconfirmedBankDetails } from "~/components/finance/UnconfirmedBankDetails";
import { Button, DateInput, ErrorSummary, Table, Tag } from "~/components/govuk";
import { RoundsTable } from "~/components/RoundsTable";
import { paymentRunFormSchema, type PaymentRunPeriod } from "~/domain/finance/payment-form";
import { awardLabel } from "~/domain/finance/award-label";
import { financialYearLabel, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { formatIsoDate, instantToLondonWallClock } from "~/domain/time/london";
import { listUnconfirmedBankDetails } from "~/models/awards/bank-details.server";
import { roundBudgetsByFund } from "~/models/dashboard.server";
import { fundBudgetsByYear } from "~/models/finance/budgets.server";
import { awardsDueForPayment, paymentRun } from "~/models/finance/payments.server";
import { requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, zodErrorsToFields, type FieldErrors, type FormValues } from "~/utils/forms";

export const handle = {
  // The payment run form is a GET, so its errors arrive with the loader's data, not an action's.
  title: (data: unknown) => ((data as { run?: { errors?: unknown } } | undefined)?.run?.errors ? "Error: Finance dashboard" : "Finance dashboard"),
};

const RUN_FIELDS = ["from", "to"];

/**
 * Finance's home: awards due for payment and what blocks any of them, bank details to confirm,
 * this year's fund budgets, round budgets, and a payment run for the finance system. Every total is
 * the sum of the rows above it, to the penny.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const currentYear = financialYearOf(at);
  const today = instantToLondonWallClock(at).date;
  return json({
    user,
    currentYear,
    due: awardsDueForPayment().map((a) => ({
      id: a.id,
      label: awardLabel({ awardId: a.id, bidReference: a.reference }),
      organisationName: a.organisationName,
      committedPence: a.committedPence,
      paidPence: a.paidPence,
      remainingPence: a.remainingPence,
      blockedReason: a.blockedReason,
    })),
    unconfirmed: listUnconfirmedBankDetails(),
    budgets: fundBudgetsByYear(currentYear).filter((b) => b.financialYear === currentYear),
    rounds: roundBudgetsByFund().map((r) => ({ ...r, status: roundStatus(r, at) })),
    run: paymentRunFrom(new URL(request.url).searchParams, currentYear, today),
  });
}

/**
 * The payment run form posts back here by GET, so the period can be checked and shown with GOV.UK
 * errors before anything is downloaded; the CSV link then carries the checked period.
 */
type RunState = { values: FormValues; errors?: FieldErrors; result: null | (PaymentRunPeriod & ReturnType<typeof paymentRun>) };

function paymentRunFrom(params: URLSearchParams, currentYear: number, today: string): RunState {
  const defaults = { ...dateParts("from", `${currentYear}-04-01`), ...dateParts("to", today) };
  if (!params.has("fromDay") && !params.has("toDay")) return { values: defaults, result: null };
  const form = new FormData();
  for (const [key, value] of params) form.append(key, value);
  const values = formDataToValues(form);
  const parsed = paymentRunFormSchema.safeParse(values);
  if (!parsed.success) return { values, errors: zodErrorsToFields(parsed.error), result: null };
  const { rows, totalPence } = paymentRun(parsed.data.from, parsed.data.to);
  return { values, result: { ...parsed.data, rows, totalPence } };
}

export default function FinanceDashboard() {
  const { user, due, unconfirmed, budgets, rounds, run, currentYear } = useLoaderData<typeof loader>();
  const runForm = useFormState(run.errors ? { errors: run.errors, values: run.values } : null, run.values, RUN_FIELDS);
  return (
    <>
      <ErrorSummary errors={runForm.errors} fieldIds={dateFieldIds(RUN_FIELDS)} />
      <span className="govuk-caption-l">{user.name}</span>
      <h1 className="govuk-heading-l">Finance dashboard</h1>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/finance/reconciliation">
            Reconciliation by fund, round and financial year
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/finance/csf">
            Community Safety Fund allocations and returns
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/finance/audit">
            Search the audit log
          </Link>
        </li>
      </ul>

      <DueTable rows={due} />
      <UnconfirmedBankDetails rows={unconfirmed} />

      <FundBudgetsTable rows={budgets} caption={`Fund budgets for ${financialYearLabel(currentYear)}`} />
      <p className="govuk-body">
        <Link className="govuk-link" to="/finance/budgets">
          Set a fund&apos;s budget, or see other years
        </Link>
      </p>

      <p className="govuk-body">Round budgets as set by grants officers. The total is the sum of the rows above it.</p>
      <RoundsTable rows={rounds} caption="Round budgets" />

      <section aria-labelledby="payment-run-heading">
        <h2 className="govuk-heading-m" id="payment-run-heading">
          Export a payment run
        </h2>
        <p className="govuk-body">Every payment whose money left the bank between these days, both included, with any corrections, as a CSV file for the finance system.</p>
        <Form method="get" noValidate>
          <DateInput name="from" legend="First day" hint="For example 1 4 2026" error={runForm.errors?.from} value={runForm.date("from")} />
          <DateInput name="to" legend="Last day" error={runForm.errors?.to} value={runForm.date("to")} />
          <Button secondary>Show payments</Button>
        </Form>
        {run.result ? <PaymentRun run={run.result} /> : null}
      </section>
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function DueTable({ rows }: { rows: Data["due"] }) {
  const total = (pick: (r: Data["due"][number]) => number) => formatPence(rows.reduce((sum, r) => sum + pick(r), 0));
  return (
    <section aria-labelledby="due-heading">
      <h2 className="govuk-heading-m" id="due-heading">
        Awards due for payment
      </h2>
      {rows.length === 0 ? (
        <p className="govuk-body">No accepted award has anything left to pay.</p>
      ) : (
        <Table
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: "Award",
              cell: (r) => (
                <Link className="govuk-link" to={`/finance/awards/${r.id}`}>
                  {r.label}
                  <span className="govuk-visually-hidden">: payments</span>
                </Link>
              ),
            },
            { header: "Organisation", cell: (r) => r.organisationName },
            { header: "Grant", numeric: true, cell: (r) => formatPence(r.committedPence) },
            { header: "Paid", numeric: true, cell: (r) => formatPence(r.paidPence) },
            { header: "Left to pay", numeric: true, cell: (r) => formatPence(r.remainingPence) },
            {
              header: "Can it be paid?",
              cell: (r) =>
                r.blockedReason ? (
                  <>
                    <Tag colour="red">Blocked</Tag> <span className="govuk-body-s">{r.blockedReason}</span>
                  </>
                ) : (
                  <Tag colour="green">Ready to pay</Tag>
                ),
            },
          ]}
          foot={
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header" colSpan={2}>
                  Total
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{total((r) => r.committedPence)}</strong>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{total((r) => r.paidPence)}</strong>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{total((r) => r.remainingPence)}</strong>
                </td>
                <td className="govuk-table__cell" />
              </tr>
            </tfoot>
          }
        />
      )}
    </section>
  );
}

function PaymentRun({ run }: { run: NonNullable<Data["run"]["result"]> }) {
  const period = `${formatIsoDate(run.from)} to ${formatIsoDate(run.to)}`;
  return (
    <>
      <Table
        caption={`Payments from ${period}`}
        rows={run.rows}
        rowKey={(r) => r.entryId}
        columns={[
          { header: "Date paid", cell: (r) => formatIsoDate(r.paidOn) },
          { header: "Award", cell: (r) => awardLabel(r) },
          { header: "Organisation", cell: (r) => r.organisationName },
          { header: "Reference", cell: (r) => r.reference ?? "" },
          { header: "Amount", numeric: true, cell: (r) => formatPence(r.amountPence) },
        ]}
        foot={
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header" colSpan={4}>
                Total ({run.rows.length} {run.rows.length === 1 ? "payment" : "payments"})
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <strong>{formatPence(run.totalPence)}</strong>
              </td>
            </tr>
          </tfoot>
        }
      />
      {/* A plain link, not Remix's <Link>: the CSV is a file to download, not a page to render. */}
      <a href={`/finance/payment-run.csv?from=${run.from}&to=${run.to}`} className="govuk-button" data-module="govuk-button" role="button" draggable="false" download>
        Download payment run (CSV)
      </a>
    </>
  );
}
