/**
 * One table of the report with its chart next to it and its downloads under it. The chart draws
 * the table's own rows (amount requested beside amount funded), so the two can never disagree.
 * The table has eight columns and needs the page's full width to stay readable, so the chart sits
 * directly under it rather than squeezed into a column at its side.
 */
import { BarChart, SERIES_COLOURS } from "~/components/charts/BarChart";
import { formatPence } from "~/domain/money/money";
import type { ChartSeries } from "~/domain/reports/chart-scale";
import type { ReportTableData } from "~/domain/reports/splits";
import { DownloadLink } from "./DownloadLink";
import { FiguresTable } from "./FiguresTable";

const SERIES: ChartSeries[] = [
  { key: "requested", name: "Amount requested", colour: SERIES_COLOURS.blue },
  { key: "funded", name: "Amount funded", colour: SERIES_COLOURS.green },
];

/** `downloadHref("csv")` gives the export's address for this table and the page's filters. */
export function ReportSection({ id, table, downloadHref }: { id: string; table: ReportTableData; downloadHref: (format: "csv" | "xlsx") => string }) {
  const rows = table.rows.map((r) => ({ key: r.key, name: r.name, values: [r.figures.requestedPence, r.figures.fundedPence], labels: [formatPence(r.figures.requestedPence), formatPence(r.figures.fundedPence)] }));
  return (
    <section aria-labelledby={`${id}-heading`} className="portal-report-section">
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {table.title}
      </h2>
      <FiguresTable id={`${id}-table`} table={table} caption={table.title} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BarChart id={`${id}-chart`} title={`${table.title}: amount requested and amount funded`} series={SERIES} rows={rows} empty="No applications" />
        </div>
      </div>
      <ul className="govuk-list portal-no-print">
        <li>
          <DownloadLink href={downloadHref("csv")} fallbackName={`${id}.csv`}>
            Download this table as CSV<span className="govuk-visually-hidden"> ({table.title.toLowerCase()})</span>
          </DownloadLink>
        </li>
        <li>
          <DownloadLink href={downloadHref("xlsx")} fallbackName={`${id}.xlsx`}>
            Download this table as a spreadsheet (XLSX)<span className="govuk-visually-hidden"> ({table.title.toLowerCase()})</span>
          </DownloadLink>
        </li>
      </ul>
    </section>
  );
}
