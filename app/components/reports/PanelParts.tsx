/**
 * Pieces of the Police and Crime Panel page: its funded-projects tables, its list of tagged
 * projects with their outcomes so far, and a print button. The Word document writes the same
 * tables and list from the same data.
 */
import { useEffect, useState } from "react";
import { formatPence } from "~/domain/money/money";
import { outcomeProgressText, returnStatusText, type OutcomeProgress, type ReturnKind } from "~/domain/reports/outcome-progress";
import type { ReportTableData } from "~/domain/reports/splits";

export function FundedTable({ table, caption, note }: { table: ReportTableData; caption: string; note: string }) {
  return (
    <>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {table.heading}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Projects funded
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Amount awarded
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((r) => (
            <tr key={r.key} className="govuk-table__row">
              <th scope="row" className="govuk-table__header portal-report-table__name">
                {r.name}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.figures.funded}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(r.figures.fundedPence)}</td>
            </tr>
          ))}
        </tbody>
        {table.total ? (
          <tfoot>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <strong>{table.total.funded}</strong>
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <strong>{formatPence(table.total.fundedPence)}</strong>
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
      <p className="govuk-body-s">{note}</p>
    </>
  );
}

type Project = {
  bidId: number;
  reference: string | null;
  organisationName: string;
  projectTitle: string | null;
  amountPence: number;
  districts: string;
  returnKind: ReturnKind | null;
  beneficiariesReached: number | null;
  outcomes: OutcomeProgress[];
};

export function TaggedProjects({ projects, tagName }: { projects: Project[]; tagName: string }) {
  if (projects.length === 0) return <p className="govuk-body">No {tagName} projects were funded in this period.</p>;
  return (
    <ul className="govuk-list govuk-list--bullet">
      {projects.map((p) => (
        <li key={p.bidId} className="portal-keep-together">
          <strong>
            {p.organisationName}: {p.projectTitle ?? "untitled project"}
          </strong>{" "}
          ({p.reference ?? "no reference"}
          {p.districts ? `, ${p.districts}` : ""}), {formatPence(p.amountPence)}. {returnStatusText(p.returnKind, p.beneficiariesReached)}
          {p.outcomes.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {p.outcomes.map((o, i) => (
                <li key={i}>{outcomeProgressText(o)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Printing needs no JavaScript (the browser's own print works); the button appears only where it can work. */
export function PrintButton() {
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === "function"), []);
  if (!canPrint) return null;
  return (
    <button type="button" className="govuk-button govuk-button--secondary portal-no-print" data-module="govuk-button" onClick={() => window.print()}>
      Print this report
    </button>
  );
}
