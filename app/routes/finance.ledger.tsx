import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, InsetText } from "~/components/govuk";
import { FIGURE_HINT, FIGURE_LABEL } from "~/domain/finance/reconciliation";
import { parseLedgerFilter, withQuery } from "~/domain/finance/scope";
import { LEDGER_KIND_LABEL } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { formatIsoDate, formatLondonDateTime } from "~/domain/time/london";
import { describeLedgerFilter, ledgerListing } from "~/models/finance/reconciliation.server";
import { notFound, requireRole } from "~/utils/auth.server";

export const handle = { title: "Ledger entries" };

/** The ledger entries behind a figure on the reconciliation, with a total that is their sum. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const filter = parseLedgerFilter(new URL(request.url).searchParams) ?? notFound();
  const listing = ledgerListing(filter);
  const what = filter.figure ? FIGURE_LABEL[filter.figure] : filter.kind ? LEDGER_KIND_LABEL[filter.kind] : "All entries";
  return json({
    user: { name: user.name },
    what,
    hint: filter.figure ? FIGURE_HINT[filter.figure] : null,
    labels: describeLedgerFilter(filter),
    signed: Boolean(filter.figure),
    back: withQuery("/finance/reconciliation", { fundId: filter.fundId, roundId: typeof filter.roundId === "number" ? filter.roundId : undefined, year: filter.year }),
    ...listing,
  });
}

export default function Ledger() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to={data.back}>Back to the reconciliation</BackLink>
      <span className="govuk-caption-l">{data.labels.join(", ")}</span>
      <h1 className="govuk-heading-l">{data.what}: ledger entries</h1>
      {data.hint ? <p className="govuk-body">{data.hint}. Each entry is shown with its effect on this figure, so a reduction or a payment counts against it.</p> : null}
      {data.rows.length === 0 ? <InsetText>No ledger entries match.</InsetText> : <EntriesTable data={data} />}
      {data.totalPence === null && data.subtotals.length > 0 ? <Subtotals subtotals={data.subtotals} /> : null}
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function EntriesTable({ data }: { data: Data }) {
  return (
    <table className="govuk-table govuk-!-font-size-16">
      <caption className="govuk-table__caption govuk-table__caption--m">
        {data.rows.length} {data.rows.length === 1 ? "entry" : "entries"}, oldest first
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Entry
          </th>
          <th scope="col" className="govuk-table__header">
            Kind
          </th>
          <th scope="col" className="govuk-table__header">
            For
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
        {data.rows.map((r) => (
          <tr className="govuk-table__row" key={r.id} id={`entry-${r.id}`}>
            <td className="govuk-table__cell">
              {r.id}
              <br />
              <span className="govuk-hint govuk-!-font-size-16">{formatLondonDateTime(new Date(r.at))}</span>
            </td>
            <td className="govuk-table__cell">
              {r.kindLabel}
              {r.correctsEntryId ? (
                <>
                  <br />
                  <span className="govuk-hint govuk-!-font-size-16">
                    Corrects <a className="govuk-link" href={`#entry-${r.correctsEntryId}`}>entry {r.correctsEntryId}</a>
                  </span>
                </>
              ) : null}
            </td>
            <td className="govuk-table__cell">
              {r.fundName}, {r.financialYear}
              {r.roundName ? <br /> : null}
              {r.roundName}
              {r.districtName ? <br /> : null}
              {r.districtName ? `${r.districtName} partnership` : null}
              {r.awardName ? <br /> : null}
              {r.awardName}
            </td>
            <td className="govuk-table__cell">
              {[r.valueOn ? `On ${formatIsoDate(r.valueOn)}` : null, r.reference ? `Reference ${r.reference}` : null, r.note, `By ${r.createdByName}`].filter(Boolean).join(". ")}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(data.signed ? r.signedPence : r.amountPence)}</td>
          </tr>
        ))}
      </tbody>
      {data.totalPence !== null ? (
        <tfoot>
          <tr className="govuk-table__row">
            <th scope="row" colSpan={4} className="govuk-table__header">
              Total
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric" data-total>
              <strong>{formatPence(data.totalPence)}</strong>
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function Subtotals({ subtotals }: { subtotals: Data["subtotals"] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Totals by kind</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Kind
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Entries
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Total
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {subtotals.map((s) => (
          <tr className="govuk-table__row" key={s.kind}>
            <td className="govuk-table__cell">{s.label}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{s.count}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(s.pence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
