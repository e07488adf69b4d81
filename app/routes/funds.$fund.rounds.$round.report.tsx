import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SummaryList } from "~/components/govuk";
import { DownloadLink } from "~/components/reports/DownloadLink";
import { FeaturedTagLink, ReportFilters, RoundSwitcher } from "~/components/reports/ReportFilters";
import { ReportSection } from "~/components/reports/ReportSection";
import { financialYearLabel } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { formatAverageAward, formatSuccessRate } from "~/domain/reports/figures";
import { filtersQuery, type ReportFilters as Filters } from "~/domain/reports/filters";
import type { ReportTable } from "~/domain/reports/splits";
import { formatLondonDate } from "~/domain/time/london";
import { roundReport, roundReportFromRequest } from "~/models/reports/round-report.server";
import { featuredTag, fundsAndRounds, listTags, roundFinancialYears } from "~/models/reports/scope.server";
import { notFound, requireRole } from "~/utils/auth.server";

export const handle = { title: (data: { round?: { name: string } }) => (data?.round ? `Round report: ${data.round.name}` : "Round report") };

/**
 * Staff's report on one round: what was asked for and what was funded, overall and split by
 * priority, theme, tag, district and organisation type. Decisions not yet released are shown,
 * marked as provisional; the public and the Panel see only released figures.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "finance", "admin"]);
  const ctx = roundReportFromRequest(params, new URL(request.url).searchParams) ?? notFound();
  const { round, filters } = ctx;
  const years = roundFinancialYears(round.id);
  if (filters.year !== null && !years.includes(filters.year)) years.push(filters.year);
  const featured = featuredTag();
  return json({
    user: { name: user.name },
    round: { fundSlug: round.fundSlug, fundName: round.fundName, slug: round.slug, code: round.code, name: round.name, releasedOn: round.decisionsReleasedAt ? formatLondonDate(round.decisionsReleasedAt) : null },
    filters,
    tag: ctx.tag ? { slug: ctx.tag.slug, name: ctx.tag.name } : null,
    featured: featured ? { slug: featured.slug, name: featured.name } : null,
    tags: listTags().map((t) => ({ slug: t.slug, name: t.name })),
    years: years.sort((a, b) => a - b).map((y) => ({ value: financialYearLabel(y), text: financialYearLabel(y) })),
    funds: fundsAndRounds(),
    report: roundReport(ctx.scope, [round.planId]),
  });
}

const base = (fund: string, round: string) => `/funds/${fund}/rounds/${round}/report`;

function scopeWords(filters: Filters, tagName: string | null): string {
  const who = tagName ? `projects tagged ${tagName}` : "all projects";
  const when = filters.year === null ? "submitted at any time" : `submitted in ${financialYearLabel(filters.year)}`;
  return `Showing ${who}, ${when}.`;
}

export default function RoundReport() {
  const data = useLoaderData<typeof loader>();
  const { round, filters, report } = data;
  const here = base(round.fundSlug, round.slug);
  const withFilters = (f: Filters) => {
    const q = filtersQuery(f);
    return q ? `${here}?${q}` : here;
  };
  const downloadHref = (table: ReportTable) => (format: "csv" | "xlsx") => `${here}.${format}?${filtersQuery(filters, { table })}`;
  const total = report.total;
  return (
    <>
      <span className="govuk-caption-l">{round.fundName}</span>
      <h1 className="govuk-heading-l">Round report: {round.name}</h1>
      <RoundSwitcher funds={data.funds} currentFund={round.fundSlug} currentRound={round.slug} hrefFor={(fund, r) => (data.tag && fund === round.fundSlug ? `${base(fund, r)}?tag=${data.tag.slug}` : base(fund, r))} />
      {round.releasedOn ? (
        <p className="govuk-body">
          Decisions were released to applicants on {round.releasedOn}.{" "}
          <Link className="govuk-link portal-no-print" to={`/funds/${round.fundSlug}/panel-report?round=${round.slug}`}>
            Police and Crime Panel report for {round.code}
          </Link>
        </p>
      ) : (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            Decisions for this round have not been released. Funded figures are provisional and may change; do not share them outside the office.
          </strong>
        </div>
      )}
      <FeaturedTagLink featured={data.featured} activeTag={data.tag} hrefFor={(tag) => withFilters({ ...filters, tag })} />
      <ReportFilters key={`${filters.tag ?? ""}|${filters.year ?? ""}`} tags={data.tags} years={data.years} current={{ tag: filters.tag ?? "", year: filters.year === null ? "" : financialYearLabel(filters.year) }} />
      <p className="govuk-body govuk-!-font-weight-bold">{scopeWords(filters, data.tag?.name ?? null)}</p>
      <h2 className="govuk-heading-m">Summary</h2>
      <SummaryList
        rows={[
          { key: "Applications received", value: String(total.received) },
          { key: "Amount requested", value: formatPence(total.requestedPence) },
          { key: "Found eligible", value: String(total.eligible) },
          { key: "Funded", value: `${total.funded} ${total.funded === 1 ? "project" : "projects"}, ${formatPence(total.fundedPence)}` },
          { key: "Success rate", value: total.received ? `${formatSuccessRate(total)} of applications received were funded` : "No applications received" },
          { key: "Average award", value: formatAverageAward(total) || "Nothing funded" },
        ]}
      />
      <p className="govuk-body-s">Withdrawn applications and unsubmitted drafts are not counted. &ldquo;Funded&rdquo; means a decision to fund in full or in part, at the amount the decision commits.</p>
      <ReportSection id="summary" table={report.summary} downloadHref={downloadHref("summary")} />
      {report.splits.map(({ split, table }) => (
        <ReportSection key={split} id={split.replace(/_/g, "-")} table={table} downloadHref={downloadHref(split)} />
      ))}
      <h2 className="govuk-heading-m portal-no-print">Every application</h2>
      <p className="govuk-body portal-no-print">One row per application counted in this report, with its outcome and amounts; the last row is the total.</p>
      <ul className="govuk-list portal-no-print">
        <li>
          <DownloadLink href={downloadHref("applications")("csv")} fallbackName="applications.csv">
            Download every application as CSV
          </DownloadLink>
        </li>
        <li>
          <DownloadLink href={downloadHref("applications")("xlsx")} fallbackName="applications.xlsx">
            Download every application as a spreadsheet (XLSX)
          </DownloadLink>
        </li>
      </ul>
    </>
  );
}
