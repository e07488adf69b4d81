import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "~/components/govuk";
import { DownloadLink } from "~/components/reports/DownloadLink";
import { FundedTable, PrintButton, TaggedProjects } from "~/components/reports/PanelParts";
import { financialYearLabel } from "~/domain/money/ledger";
import { PANEL_TABLE_NOTE, periodLabel } from "~/domain/reports/panel";
import { panelReport } from "~/models/reports/panel-report.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: (data: { fund?: { name: string } }) => (data?.fund ? `Police and Crime Panel report: ${data.fund.name}` : "Police and Crime Panel report") };

/**
 * The Police and Crime Panel report for a fund: `?round=gr1` for one round, `?year=2021-22` for
 * the rounds released in a financial year, the latest released round when neither is given. It
 * writes the paragraphs an officer would otherwise type, from released decisions only.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "finance", "admin"]);
  const url = new URL(request.url);
  const report = panelReport(params.fund ?? "", url.searchParams, now()) ?? notFound();
  const query = report.choice.kind === "round" ? `round=${encodeURIComponent(report.choice.slug)}` : `year=${financialYearLabel(report.choice.year)}`;
  const common = { user: { name: user.name }, fund: report.fund, choice: report.choice, choices: report.choices, query };
  if (report.unreleased) return json({ ...common, unreleased: report.unreleased, released: null });
  const { paragraphs, byPriority, byDistrict, tag, taggedProjects, rounds } = report;
  return json({ ...common, unreleased: null, released: { periodLabel: periodLabel(report.period), paragraphs, byPriority, byDistrict, tag, taggedProjects, rounds } });
}

function PeriodChoices({ fundSlug, choices, current }: { fundSlug: string; choices: ReturnType<typeof useLoaderData<typeof loader>>["choices"]; current: string }) {
  const item = (query: string, text: string) => (
    <li key={query}>
      {query === current ? (
        <strong aria-current="page">{text}</strong>
      ) : (
        <Link className="govuk-link" to={`/funds/${fundSlug}/panel-report?${query}`}>
          {text}
        </Link>
      )}
    </li>
  );
  if (choices.rounds.length === 0) return <p className="govuk-body portal-no-print">No decisions have been released for this fund yet.</p>;
  return (
    <details className="govuk-details portal-no-print">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Choose the period</span>
      </summary>
      <div className="govuk-details__text">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <h2 className="govuk-heading-s">A round</h2>
            <ul className="govuk-list">{choices.rounds.map((r) => item(`round=${r.slug}`, `${r.code}: ${r.name}`))}</ul>
          </div>
          <div className="govuk-grid-column-one-half">
            <h2 className="govuk-heading-s">A financial year of releases</h2>
            <ul className="govuk-list">{choices.years.map((y) => item(`year=${financialYearLabel(y)}`, financialYearLabel(y)))}</ul>
          </div>
        </div>
      </div>
    </details>
  );
}

export default function PanelReport() {
  const data = useLoaderData<typeof loader>();
  const { fund, released } = data;
  return (
    <div className="portal-print-report">
      <span className="govuk-caption-l">{fund.name}</span>
      <h1 className="govuk-heading-l">Police and Crime Panel report</h1>
      <PeriodChoices fundSlug={fund.slug} choices={data.choices} current={data.query} />
      {data.unreleased ? (
        <InsetText>
          Decisions for {data.unreleased.code} ({data.unreleased.name}) have not been released, so there is nothing from this round to report to the Panel yet.
        </InsetText>
      ) : null}
      {released ? (
        <>
          <h2 className="govuk-heading-m">{released.periodLabel}</h2>
          {released.paragraphs.map((p, i) => (
            <p key={i} className="govuk-body-l portal-panel-paragraph">
              {p}
            </p>
          ))}
          <div className="portal-no-print">
            <p className="govuk-body">
              <DownloadLink href={`/funds/${fund.slug}/panel-report.docx?${data.query}`} fallbackName="panel-report.docx">
                Download as a Word document (.docx)
              </DownloadLink>
            </p>
            <PrintButton />
          </div>
          <FundedTable table={released.byPriority} caption="Funded projects by Police and Crime Plan priority" note={PANEL_TABLE_NOTE.priority} />
          <FundedTable table={released.byDistrict} caption="Funded projects by district" note={PANEL_TABLE_NOTE.district} />
          {released.rounds.length === 1 ? (
            <p className="govuk-body portal-no-print">
              <Link className="govuk-link" to={`/funds/${fund.slug}/rounds/${released.rounds[0].slug}/report`}>
                Full round report for {released.rounds[0].code}, with every table as CSV and XLSX
              </Link>
            </p>
          ) : null}
          {released.tag ? (
            <>
              <h2 className="govuk-heading-m">Funded {released.tag.name} projects and their outcomes so far</h2>
              <p className="govuk-body-s">Outcomes are those the latest accepted monitoring return reports, against the targets in the bid.</p>
              <TaggedProjects projects={released.taggedProjects} tagName={released.tag.name} />
            </>
          ) : null}
          <p className="govuk-body-s">Only decisions released to applicants are included. A project is counted at the amount its decision awarded.</p>
        </>
      ) : null}
    </div>
  );
}
