import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, DateInput, ErrorSummary, InsetText, Input, NotificationBanner, Select, SummaryList, Tag } from "~/components/govuk";
import { allocationFormSchema, csfPaymentFormSchema, QUARTER_LABEL, QUARTERS } from "~/domain/finance/csf";
import { parseYear } from "~/domain/finance/scope";
import { recordId } from "~/domain/config/fields";
import { financialYearLabel, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { instantToLondonWallClock } from "~/domain/time/london";
import { allocateToPartnership, csfOverview, findPassportedFund, listPartnershipDistricts, listPassportedFunds, payPartnership } from "~/models/finance/csf.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formDataToValues, formFailure, parseForm, type FormFailure } from "~/utils/forms";

export const handle = { title: "Partnership allocations" };

/** `?fund=` picks among passported funds (usually just the Community Safety Fund); `?year=` the year. */
function readChoice(params: { get(name: string): FormDataEntryValue | null }, at: Date) {
  const fundParam = params.get("fund");
  const fundId = fundParam ? recordId(String(fundParam)) : undefined;
  if (fundParam && fundId === undefined) return null;
  const year = parseYear(params.get("year") === null ? null : String(params.get("year")));
  if (year === null) return null;
  return { fundId, year: year ?? financialYearOf(at) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const choice = readChoice(new URL(request.url).searchParams, at) ?? notFound();
  const fund = findPassportedFund(choice.fundId);
  if (choice.fundId !== undefined && !fund) notFound();
  const current = financialYearOf(at);
  return json({
    user: { name: user.name },
    fund: fund ? { id: fund.id, name: fund.name } : null,
    funds: listPassportedFunds().map((f) => ({ id: f.id, name: f.name })),
    year: choice.year,
    years: [current + 1, current, current - 1, current - 2, current - 3].concat(choice.year < current - 3 || choice.year > current + 1 ? [choice.year] : []),
    districts: listPartnershipDistricts(),
    overview: fund ? csfOverview(fund.id, choice.year) : null,
    done: new URL(request.url).searchParams.get("done"),
  });
}

/** Two forms post here: setting an allocation, and recording a payment to a partnership. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const formData = await request.formData();
  const values = formDataToValues(formData);
  const intent = formData.get("intent");
  if (intent !== "allocate" && intent !== "pay") return json(formFailure({ form: "Choose whether to set an allocation or record a payment" }, values), { status: 400 });
  const choice = readChoice(formData, at);
  if (!choice) return json(formFailure({ form: "Choose a financial year" }, values), { status: 400 });
  const fund = findPassportedFund(choice.fundId) ?? notFound();
  const back = (done: string) => redirect(`/finance/csf?fund=${fund.id}&year=${choice.year}&done=${done}`);
  if (intent === "allocate") {
    const parsed = parseForm(allocationFormSchema, formData);
    if (!parsed.ok) return json({ ...parsed, intent }, { status: 400 });
    const result = allocateToPartnership({ fundId: fund.id, districtId: parsed.data.allocationDistrictId, financialYear: choice.year, amountPence: parsed.data.allocation, actorId: user.id }, at);
    if (result.ok) return back("allocated");
    if (result.code === "not_found") return json({ ...formFailure({ allocationDistrictId: "Select the partnership to allocate to" }, values), intent }, { status: 400 });
    return json({ ...formFailure({ [result.field]: result.message }, values), intent }, { status: 400 });
  }
  const parsed = parseForm(csfPaymentFormSchema(instantToLondonWallClock(at).date), formData);
  if (!parsed.ok) return json({ ...parsed, intent }, { status: 400 });
  const result = payPartnership({ fundId: fund.id, financialYear: choice.year, actorId: user.id, ...parsed.data }, at);
  if (result.ok) return back("paid");
  if (result.code === "not_found") return json({ ...formFailure({ districtId: "Select the partnership paid" }, values), intent }, { status: 400 });
  return json({ ...formFailure({ [result.field]: result.message }, values), intent }, { status: 400 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Failure = (FormFailure & { intent?: string }) | undefined;

export default function CsfAllocations() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure;
  const { fund, overview, year } = data;
  return (
    <>
      <BackLink to="/finance">Back to the finance dashboard</BackLink>
      <ErrorSummary errors={failure?.errors} fieldIds={{ paidOn: "paidOnDay" }} />
      {data.done === "allocated" ? <NotificationBanner success>Allocation saved</NotificationBanner> : null}
      {data.done === "paid" ? <NotificationBanner success>Payment recorded</NotificationBanner> : null}
      <span className="govuk-caption-l">{fund ? `${fund.name}, ${financialYearLabel(year)}` : "Funds allocated without competition"}</span>
      <h1 className="govuk-heading-l">Partnership allocations</h1>
      {!fund || !overview ? (
        <InsetText>No fund is set up to be allocated without competition. A fund&rsquo;s allocation method is set in fund configuration.</InsetText>
      ) : (
        <>
          <YearForm data={data} />
          <SummaryList
            rows={[
              { key: `Fund budget for ${financialYearLabel(year)}`, value: formatPence(overview.budgetPence) },
              { key: "Allocated to partnerships", value: formatPence(overview.totals.allocatedPence) },
              { key: "Not yet allocated", value: formatPence(overview.unallocatedPence) },
              { key: "Paid to partnerships", value: formatPence(overview.totals.paidPence) },
              { key: "Outstanding (allocated minus paid)", value: formatPence(overview.totals.outstandingPence) },
            ]}
          />
          <AllocationsTable data={data} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/finance/reconciliation?fund=${fund.id}&year=${year}`}>
              Reconcile the fund for {financialYearLabel(year)}
            </Link>
          </p>
          <AllocateForm data={data} failure={failure?.intent === "allocate" ? failure : undefined} />
          <PayForm data={data} failure={failure?.intent === "pay" ? failure : undefined} />
        </>
      )}
    </>
  );
}

function YearForm({ data }: { data: Data }) {
  return (
    <Form method="get" className="govuk-!-margin-bottom-6" key={`${data.fund?.id}-${data.year}`}>
      {data.funds.length > 1 ? (
        <Select name="fund" label="Fund" defaultValue={String(data.fund?.id ?? "")} options={data.funds.map((f) => ({ value: String(f.id), text: f.name }))} />
      ) : (
        <input type="hidden" name="fund" value={data.fund?.id ?? ""} />
      )}
      <Select name="year" label="Financial year" defaultValue={String(data.year)} options={data.years.map((y) => ({ value: String(y), text: financialYearLabel(y) }))} />
      <Button secondary>Show allocations</Button>
    </Form>
  );
}

function AllocationsTable({ data }: { data: Data }) {
  const overview = data.overview!;
  const query = `?fund=${data.fund!.id}&year=${data.year}`;
  return (
    <table className="govuk-table govuk-!-font-size-16">
      <caption className="govuk-table__caption govuk-table__caption--m">Allocations, payments and quarterly returns</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Partnership
          </th>
          {["Allocated", "Paid", "Outstanding"].map((h) => (
            <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={h}>
              {h}
            </th>
          ))}
          {QUARTERS.map((q) => (
            <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={q}>
              <abbr title={QUARTER_LABEL[q]}>Q{q}</abbr> return
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {overview.rows.map((r) => (
          <tr className="govuk-table__row" key={r.districtId}>
            <th scope="row" className="govuk-table__header">
              <Link className="govuk-link" to={`/finance/csf/${r.districtId}${query}`}>
                {r.name}
                <span className="govuk-visually-hidden"> partnership: ledger and returns</span>
              </Link>
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.allocatedPence)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.paidPence)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.outstandingPence)}</td>
            {r.returns.map((ret) => (
              <td className="govuk-table__cell govuk-table__cell--numeric" key={ret.quarter}>
                {ret.spendPence === null ? <Tag colour="grey">Not received</Tag> : formatPence(ret.spendPence)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            Total
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">
            <strong>{formatPence(overview.totals.allocatedPence)}</strong>
          </td>
          <td className="govuk-table__cell govuk-table__cell--numeric">
            <strong>{formatPence(overview.totals.paidPence)}</strong>
          </td>
          <td className="govuk-table__cell govuk-table__cell--numeric">
            <strong>{formatPence(overview.totals.outstandingPence)}</strong>
          </td>
          {overview.totals.returnsReceived.map((q) => (
            <td className="govuk-table__cell govuk-table__cell--numeric" key={q.quarter}>
              <strong>{formatPence(q.spendPence)}</strong>
              <br />
              {q.count} of {overview.rows.length} received
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

const districtOptions = (data: Data) => [{ value: "", text: "Choose a partnership" }, ...data.districts.map((d) => ({ value: String(d.id), text: d.name }))];
const valueOf = (failure: Failure, name: string) => {
  const v = failure?.values?.[name];
  return typeof v === "string" ? v : undefined;
};

function AllocateForm({ data, failure }: { data: Data; failure: Failure }) {
  return (
    <Form method="post" noValidate>
      <h2 className="govuk-heading-m">Set an allocation</h2>
      <p className="govuk-body">Enter the partnership&rsquo;s whole allocation for {financialYearLabel(data.year)}. A change is recorded in the ledger as the difference, so every earlier figure stays on record.</p>
      <input type="hidden" name="fund" value={data.fund!.id} />
      <input type="hidden" name="year" value={data.year} />
      <Select name="allocationDistrictId" label="Partnership" error={failure?.errors.allocationDistrictId} defaultValue={valueOf(failure, "allocationDistrictId")} options={districtOptions(data)} />
      <Input name="allocation" label={`Allocation for ${financialYearLabel(data.year)}`} hint="For example, 250,000.00" prefix="£" widthClass="govuk-input--width-10" inputMode="decimal" spellCheck={false} error={failure?.errors.allocation} defaultValue={valueOf(failure, "allocation")} />
      <Button name="intent" value="allocate">
        Save allocation
      </Button>
    </Form>
  );
}

function PayForm({ data, failure }: { data: Data; failure: Failure }) {
  return (
    <Form method="post" noValidate>
      <h2 className="govuk-heading-m">Record a payment to a partnership</h2>
      <p className="govuk-body">Record money after it has left the bank. A partnership is never paid more than its allocation for the year.</p>
      <input type="hidden" name="fund" value={data.fund!.id} />
      <input type="hidden" name="year" value={data.year} />
      <Select name="districtId" label="Partnership paid" error={failure?.errors.districtId} defaultValue={valueOf(failure, "districtId")} options={districtOptions(data)} />
      <Input name="amount" label="Amount paid" prefix="£" widthClass="govuk-input--width-10" inputMode="decimal" spellCheck={false} error={failure?.errors.amount} defaultValue={valueOf(failure, "amount")} />
      <DateInput name="paidOn" legend="Date the payment was made" hint="For example, 27 3 2026" error={failure?.errors.paidOn} value={{ day: valueOf(failure, "paidOnDay"), month: valueOf(failure, "paidOnMonth"), year: valueOf(failure, "paidOnYear") }} />
      <Input name="reference" label="Payment reference" hint="As sent to the bank: letters, numbers, spaces and & - . /" widthClass="govuk-input--width-20" spellCheck={false} error={failure?.errors.reference} defaultValue={valueOf(failure, "reference")} />
      <Button name="intent" value="pay">
        Record payment
      </Button>
    </Form>
  );
}
