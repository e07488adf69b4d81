import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Fieldset, InsetText, Input, NotificationBanner, Radios, SummaryList, Textarea } from "~/components/govuk";
import { recordId } from "~/domain/config/fields";
import { csfReturnFormSchema, priorityField, QUARTER_LABEL } from "~/domain/finance/csf";
import { ledgerHref, parseYear } from "~/domain/finance/scope";
import { financialYearLabel, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDateTime } from "~/domain/time/london";
import { findPassportedFund, getDistrict, partnershipYear, recordCsfReturn } from "~/models/finance/csf.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formFailure, formDataToValues, parseForm, type FormFailure } from "~/utils/forms";

export const handle = { title: (data: { district?: { name: string } } | undefined) => (data?.district ? `${data.district.name} partnership` : "Partnership") };

/** The district, the passported fund and the year, from the URL (and hidden fields when posting). */
function resolve(districtParam: string | undefined, get: (name: string) => string | null, at: Date) {
  const district = getDistrict(recordId(districtParam) ?? 0) ?? notFound();
  const fundParam = get("fund");
  const fundId = fundParam ? (recordId(fundParam) ?? notFound()) : undefined;
  const fund = findPassportedFund(fundId) ?? notFound();
  const year = parseYear(get("year"));
  if (year === null) notFound();
  return { district, fund, year: year ?? financialYearOf(at) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const url = new URL(request.url);
  const { district, fund, year } = resolve(params.districtId, (n) => url.searchParams.get(n), now());
  return json({ user: { name: user.name }, district, fund: { id: fund.id, name: fund.name }, year, done: url.searchParams.get("done"), ...partnershipYear(fund.id, district.id, year) });
}

/**
 * Records a quarterly return on the partnership's behalf. Partnerships are not portal users: their
 * return arrives by e-mail and finance keys it in, against the priorities of the current plan.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const formData = await request.formData();
  const { district, fund, year } = resolve(params.districtId, (n) => (formData.get(n) === null ? null : String(formData.get(n))), at);
  const current = partnershipYear(fund.id, district.id, year);
  if (!current.plan || current.plan.priorities.length === 0) return json(formFailure({ form: "There is no Police and Crime Plan with priorities to report against" }, formDataToValues(formData)), { status: 400 });
  const parsed = parseForm(
    csfReturnFormSchema(
      current.plan.priorities.map((p) => p.id),
      current.openQuarters,
    ),
    formData,
  );
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = recordCsfReturn({ ...parsed.data, fundId: fund.id, districtId: district.id, financialYear: year, actorId: user.id }, at);
  if (result.ok) return redirect(`/finance/csf/${district.id}?fund=${fund.id}&year=${year}&done=return`);
  if (result.code === "not_found") notFound();
  return json(formFailure({ [result.field]: result.message }, formDataToValues(formData)), { status: 400 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Partnership() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const scope = { fundId: data.fund.id, year: data.year, roundId: "none" as const, districtId: data.district.id };
  const firstPriority = data.plan?.priorities[0];
  return (
    <>
      <BackLink to={`/finance/csf?fund=${data.fund.id}&year=${data.year}`}>Back to partnership allocations</BackLink>
      <ErrorSummary errors={failure?.errors} fieldIds={{ quarter: "quarter", spendByPriority: firstPriority ? priorityField(firstPriority.id).replace(".", "-") : "spend" }} />
      {data.done === "return" ? <NotificationBanner success>Quarterly return recorded</NotificationBanner> : null}
      <span className="govuk-caption-l">
        {data.fund.name}, {financialYearLabel(data.year)}
      </span>
      <h1 className="govuk-heading-l">{data.district.name} partnership</h1>
      <SummaryList
        rows={[
          { key: "Allocated", value: <Link className="govuk-link" to={ledgerHref({ ...scope, figure: "committed" })}>{formatPence(data.allocatedPence)}<span className="govuk-visually-hidden">: the allocation entries</span></Link> },
          { key: "Paid", value: <Link className="govuk-link" to={ledgerHref({ ...scope, figure: "paid" })}>{formatPence(data.paidPence)}<span className="govuk-visually-hidden">: the payment entries</span></Link> },
          { key: "Outstanding (allocated minus paid)", value: <Link className="govuk-link" to={ledgerHref({ ...scope, figure: "outstanding" })}>{formatPence(data.outstandingPence)}<span className="govuk-visually-hidden">: the entries behind it</span></Link> },
        ]}
      />
      <Entries entries={data.entries} />
      <Returns returns={data.returns} />
      <ReturnForm data={data} failure={failure} />
    </>
  );
}

function Entries({ entries }: { entries: Data["entries"] }) {
  if (entries.length === 0) return <p className="govuk-body">Nothing has been allocated or paid to this partnership this year.</p>;
  return (
    <table className="govuk-table govuk-!-font-size-16">
      <caption className="govuk-table__caption govuk-table__caption--m">Ledger</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Recorded
          </th>
          <th scope="col" className="govuk-table__header">
            Kind
          </th>
          <th scope="col" className="govuk-table__header">
            Details
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Amount
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {entries.map((e) => (
          <tr className="govuk-table__row" key={e.id}>
            <td className="govuk-table__cell">{formatLondonDateTime(new Date(e.at))}</td>
            <td className="govuk-table__cell">{e.kindLabel}</td>
            <td className="govuk-table__cell">{[e.valueOn ? `Paid on ${formatIsoDate(e.valueOn)}` : null, e.reference ? `Reference ${e.reference}` : null, e.note, `By ${e.createdByName}`].filter(Boolean).join(". ")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(e.amountPence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Returns({ returns }: { returns: Data["returns"] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Quarterly returns</h2>
      {returns.length === 0 ? (
        <p className="govuk-body">No returns recorded for this year yet.</p>
      ) : (
        returns.map((r) => (
          <div key={r.id} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s">{QUARTER_LABEL[r.quarter]}</h3>
            <SummaryList
              rows={[
                { key: "Spend", value: formatPence(r.spendPence) },
                ...r.spendByPriority.map((p) => ({ key: p.name, value: formatPence(p.pence) })),
                { key: "Outcomes", value: r.outcomesSummary },
                { key: "Recorded", value: `${formatLondonDateTime(new Date(r.submittedAt))} by ${r.submittedByName}` },
              ]}
            />
          </div>
        ))
      )}
    </>
  );
}

function ReturnForm({ data, failure }: { data: Data; failure: FormFailure | undefined }) {
  const value = (name: string) => {
    const v = failure?.values?.[name];
    return typeof v === "string" ? v : undefined;
  };
  if (data.openQuarters.length === 0) return <InsetText>All four quarterly returns for {financialYearLabel(data.year)} are recorded.</InsetText>;
  if (!data.plan || data.plan.priorities.length === 0) return <InsetText>There is no Police and Crime Plan with priorities to report against, so a return cannot be recorded yet.</InsetText>;
  return (
    <Form method="post" noValidate>
      <h2 className="govuk-heading-m">Record a quarterly return</h2>
      <p className="govuk-body">Partnerships send their returns to the office; record one as it was sent. Split the spend across the priorities of the {data.plan.name}.</p>
      <input type="hidden" name="fund" value={data.fund.id} />
      <input type="hidden" name="year" value={data.year} />
      <Radios name="quarter" legend="Which quarter is the return for?" legendClassName="govuk-fieldset__legend--s" error={failure?.errors.quarter} value={value("quarter")} items={data.openQuarters.map((q) => ({ value: String(q), text: QUARTER_LABEL[q] }))} />
      <Input name="spend" label="Total spend in the quarter" prefix="£" widthClass="govuk-input--width-10" inputMode="decimal" spellCheck={false} error={failure?.errors.spend} defaultValue={value("spend")} />
      <Fieldset id="spendByPriority" legend="Spend by Police and Crime Plan priority" legendClassName="govuk-fieldset__legend--s" hint="These must add up to the total spend. Leave a box empty for £0." error={failure?.errors.spendByPriority}>
        {data.plan.priorities.map((p) => (
          <Input key={p.id} name={priorityField(p.id)} label={p.name} prefix="£" widthClass="govuk-input--width-10" inputMode="decimal" spellCheck={false} error={failure?.errors[priorityField(p.id)]} defaultValue={value(priorityField(p.id))} />
        ))}
      </Fieldset>
      <Textarea name="outcomesSummary" label="Summary of outcomes" hint="What the partnership reported it achieved against the plan this quarter" error={failure?.errors.outcomesSummary} defaultValue={value("outcomesSummary")} />
      <Button>Record return</Button>
    </Form>
  );
}
