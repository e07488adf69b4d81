import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CommittedPaidChart } from "~/components/finance/CommittedPaidChart";
import { BackLink, Button, Select } from "~/components/govuk";
import { FIGURE_HINT, FIGURES, type Figure, type Figures } from "~/domain/finance/reconciliation";
import { withQuery } from "~/domain/finance/scope";
import { financialYearLabel, financialYearOf } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { reconciliationFromQuery, scopeOptions } from "~/models/finance/reconciliation.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: "Reconciliation" };

/**
 * For a fund, a round, a financial year or any mix: the figures (each a link to the ledger entries
 * behind it), rows whose columns add up to the totals, the inconsistencies, and the exports.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const at = now();
  const data = reconciliationFromQuery(new URL(request.url).searchParams, at) ?? notFound();
  return json({
    user: { name: user.name },
    scope: data.scope,
    labels: data.labels,
    options: scopeOptions(financialYearOf(at)),
    figures: data.figures,
    rows: data.rows,
    totals: data.totals,
    flags: data.flags,
    exports: { csv: withQuery("/finance/reconciliation.csv", data.scope), xlsx: withQuery("/finance/reconciliation.xlsx", data.scope) },
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

const COLUMN_LABEL: Record<Figure, string> = { budget: "Budget", committed: "Committed", paid: "Paid", outstanding: "Outstanding", repayment_due: "Repayment due", repaid: "Repaid", uncommitted: "Uncommitted" };

export default function Reconciliation() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/finance">Back to the finance dashboard</BackLink>
      <span className="govuk-caption-l">{data.labels.join(", ")}</span>
      <h1 className="govuk-heading-l">Reconciliation</h1>
      <ScopeForm data={data} />
      <h2 className="govuk-heading-m">Figures</h2>
      <p className="govuk-body">Each figure is the sum of the ledger entries behind it: follow its link to see them.</p>
      <dl className="govuk-summary-list">
        {data.figures.map((f) => (
          <div className="govuk-summary-list__row" key={f.figure}>
            <dt className="govuk-summary-list__key">
              {f.label}
              <br />
              <span className="govuk-hint govuk-!-font-size-16 govuk-!-margin-0">{FIGURE_HINT[f.figure]}</span>
            </dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={f.href} data-figure={f.figure}>
                {formatPence(f.pence)}
                <span className="govuk-visually-hidden">: the ledger entries behind {f.label.toLowerCase()}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <Flags flags={data.flags} />
      <RowsTable rows={data.rows} totals={data.totals} />
      <ChartBesideTable rows={data.rows} totals={data.totals} />
      <h2 className="govuk-heading-m">Export</h2>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={data.exports.csv} download>
            Download the reconciliation as CSV
          </a>
        </li>
        <li>
          <a className="govuk-link" href={data.exports.xlsx} download>
            Download the reconciliation as a spreadsheet (XLSX)
          </a>
        </li>
      </ul>
    </>
  );
}

function ScopeForm({ data }: { data: Data }) {
  const { options, scope } = data;
  return (
    // Keyed by the scope so the choices follow a client-side navigation, not only a page load.
    <Form method="get" className="govuk-!-margin-bottom-6" key={JSON.stringify(scope)}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Select name="fund" label="Fund" defaultValue={scope.fundId === undefined ? "" : String(scope.fundId)} options={[{ value: "", text: "All funds" }, ...options.funds.map((f) => ({ value: String(f.id), text: f.name }))]} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Select
            name="round"
            label="Round"
            hint="A round belongs to one fund"
            defaultValue={scope.roundId === undefined ? "" : String(scope.roundId)}
            options={[{ value: "", text: "All rounds" }, ...options.rounds.map((r) => ({ value: String(r.id), text: `${r.fundName}: ${r.name}` }))]}
          />
        </div>
        <div className="govuk-grid-column-one-third">
          <Select name="year" label="Financial year" defaultValue={scope.year === undefined ? "" : String(scope.year)} options={[{ value: "", text: "All financial years" }, ...options.years.map((y) => ({ value: String(y), text: financialYearLabel(y) }))]} />
        </div>
      </div>
      <Button secondary className="govuk-!-margin-bottom-0">
        Show the reconciliation
      </Button>
    </Form>
  );
}

function Flags({ flags }: { flags: Data["flags"] }) {
  return (
    <section aria-labelledby="flags-heading">
      <h2 className="govuk-heading-m" id="flags-heading">
        Flags
      </h2>
      {flags.length === 0 ? (
        <p className="govuk-body">Nothing is inconsistent in this scope.</p>
      ) : (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              {flags.length === 1 ? "1 thing needs looking at" : `${flags.length} things need looking at`}
            </strong>
          </div>
          <ul className="govuk-list govuk-list--bullet" data-testid="flags">
            {flags.map((f, i) => (
              <li key={i} data-flag={f.kind}>
                <strong>{f.title}:</strong> {f.message}{" "}
                <Link className="govuk-link" to={f.href}>
                  See the entries<span className="govuk-visually-hidden"> behind this flag</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RowsTable({ rows, totals }: { rows: Data["rows"]; totals: Figures }) {
  if (rows.length === 0) return <p className="govuk-body">No money has been recorded in this scope.</p>;
  return (
    <div>
      <table className="govuk-table govuk-!-font-size-16">
        <caption className="govuk-table__caption govuk-table__caption--m">By round and partnership</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Fund and row
            </th>
            {FIGURES.map((f) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={f}>
                {COLUMN_LABEL[f]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.key}>
              <th scope="row" className="govuk-table__header">
                {r.name}
                <br />
                <span className="govuk-hint govuk-!-font-size-16">{r.fundName}</span>
              </th>
              {FIGURES.map((f) => {
                const href = r.links[f];
                return (
                  <td className="govuk-table__cell govuk-table__cell--numeric" key={f}>
                    {href ? (
                      <Link className="govuk-link" to={href}>
                        {formatPence(r.figures[f])}
                        <span className="govuk-visually-hidden">
                          : entries behind {r.name}, {COLUMN_LABEL[f].toLowerCase()}
                        </span>
                      </Link>
                    ) : (
                      formatPence(r.figures[f])
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            {FIGURES.map((f) => (
              <td className="govuk-table__cell govuk-table__cell--numeric" key={f}>
                <strong>{formatPence(totals[f])}</strong>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <p className="govuk-body-s">
        A round&rsquo;s budget is its own; a partnership&rsquo;s allocation is its budget; the fund&rsquo;s row holds what is left of the fund&rsquo;s budget after both. So the budget column adds up to the funds&rsquo; budgets, counting no pound twice.
      </p>
    </div>
  );
}

function ChartBesideTable({ rows, totals }: { rows: Data["rows"]; totals: Figures }) {
  const shown = rows.filter((r) => r.type !== "fund" || r.figures.committed !== 0 || r.figures.paid !== 0);
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="chart-heading">
      <h2 className="govuk-heading-m" id="chart-heading">
        Committed and paid
      </h2>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Committed and paid by round and partnership</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Committed
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Paid
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {shown.map((r) => (
                <tr className="govuk-table__row" key={r.key}>
                  <td className="govuk-table__cell">{r.name}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.figures.committed)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.figures.paid)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  Total
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{formatPence(totals.committed)}</strong>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{formatPence(totals.paid)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="govuk-grid-column-one-half">
          <CommittedPaidChart id="committed-paid" title="Committed and paid by round and partnership" rows={shown.map((r) => ({ key: r.key, name: r.name, committedPence: r.figures.committed, paidPence: r.figures.paid }))} />
        </div>
      </div>
    </section>
  );
}
