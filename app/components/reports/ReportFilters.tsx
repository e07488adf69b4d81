/**
 * The round report's filters: a plain GET form (so it works without JavaScript and the result can
 * be bookmarked), the one-click Drugs and Alcohol view, and links to the fund's other rounds and
 * to other funds. The links keep the tag filter; the year filter belongs to this round's dates.
 */
import { Link } from "@remix-run/react";
import { Button, Select } from "~/components/govuk";

type Tag = { slug: string; name: string };
type FundLinks = { slug: string; name: string; rounds: { slug: string; code: string; name: string }[] };

export function ReportFilters({ tags, years, current }: { tags: Tag[]; years: { value: string; text: string }[]; current: { tag: string; year: string } }) {
  return (
    <form method="get" className="portal-no-print">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Select name="tag" label="Reporting tag" labelClassName="govuk-label--s" defaultValue={current.tag} options={[{ value: "", text: "All projects" }, ...tags.map((t) => ({ value: t.slug, text: t.name }))]} />
        </div>
        <div className="govuk-grid-column-one-third">
          <Select
            name="year"
            label="Financial year submitted"
            labelClassName="govuk-label--s"
            defaultValue={current.year}
            options={[{ value: "", text: "All years" }, ...years]}
          />
        </div>
      </div>
      <Button secondary>Apply filters</Button>
    </form>
  );
}

/** The Panel's question one click away: the report for projects tagged Drugs and Alcohol, or back to all. */
export function FeaturedTagLink({ featured, activeTag, hrefFor }: { featured: Tag | null; activeTag: Tag | null; hrefFor: (tag: string | null) => string }) {
  if (activeTag) {
    return (
      <p className="govuk-body portal-no-print">
        Showing only projects tagged <strong>{activeTag.name}</strong>.{" "}
        <Link className="govuk-link" to={hrefFor(null)}>
          Show all projects
        </Link>
      </p>
    );
  }
  if (!featured) return null;
  return (
    <p className="govuk-body portal-no-print">
      <Link className="govuk-link govuk-link--no-visited-state" to={hrefFor(featured.slug)}>
        View the {featured.name} projects only
      </Link>
    </p>
  );
}

export function RoundSwitcher({ funds, currentFund, currentRound, hrefFor }: { funds: FundLinks[]; currentFund: string; currentRound: string; hrefFor: (fund: string, round: string) => string }) {
  const fund = funds.find((f) => f.slug === currentFund);
  const otherFunds = funds.filter((f) => f.slug !== currentFund && f.rounds.length > 0);
  return (
    <details className="govuk-details portal-no-print">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Change round or fund</span>
      </summary>
      <div className="govuk-details__text">
        {fund ? (
          <>
            <h2 className="govuk-heading-s">Rounds of the {fund.name}</h2>
            <ul className="govuk-list">
              {fund.rounds.map((r) => (
                <li key={r.slug}>
                  {r.slug === currentRound ? (
                    <strong aria-current="page">
                      {r.code}: {r.name}
                    </strong>
                  ) : (
                    <Link className="govuk-link" to={hrefFor(fund.slug, r.slug)}>
                      {r.code}: {r.name}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {otherFunds.length ? (
          <>
            <h2 className="govuk-heading-s">Other funds (their latest round)</h2>
            <ul className="govuk-list">
              {otherFunds.map((f) => (
                <li key={f.slug}>
                  <Link className="govuk-link" to={hrefFor(f.slug, f.rounds[0].slug)}>
                    {f.name}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </details>
  );
}
