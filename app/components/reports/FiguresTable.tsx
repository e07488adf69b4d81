/**
 * A report table: one row per value with the report's figures, the total row when the rows may be
 * added up, and the note that says how the rows count applications. The total is the sum of the
 * rows (worked out in the domain), and its rate and average are worked from that sum.
 */
import { formatAverageAward, formatSuccessRate, type Figures } from "~/domain/reports/figures";
import type { ReportTableData } from "~/domain/reports/splits";
import { formatPence } from "~/domain/money/money";

const HEADERS = ["Applications", "Amount requested", "Eligible", "Funded", "Amount funded", "Success rate", "Average award"];

function cells(f: Figures) {
  return [String(f.received), formatPence(f.requestedPence), String(f.eligible), String(f.funded), formatPence(f.fundedPence), formatSuccessRate(f) || "None received", formatAverageAward(f) || "None funded"];
}

export function FiguresTable({ id, table, caption }: { id: string; table: ReportTableData; caption?: string }) {
  return (
    <>
      <table className="govuk-table portal-report-table" id={id}>
        {/* The section's heading sits just above the table; the caption names it for screen readers. */}
        <caption className="govuk-visually-hidden">{caption ?? table.title}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {table.heading}
            </th>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((row) => (
            <tr key={row.key} className="govuk-table__row">
              <th scope="row" className="govuk-table__header portal-report-table__name">
                {row.name}
              </th>
              {cells(row.figures).map((c, i) => (
                <td key={i} className="govuk-table__cell govuk-table__cell--numeric">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.total ? (
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              {cells(table.total).map((c, i) => (
                <td key={i} className="govuk-table__cell govuk-table__cell--numeric">
                  <strong>{c}</strong>
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
      <p className="govuk-body-s">{table.note}</p>
    </>
  );
}
