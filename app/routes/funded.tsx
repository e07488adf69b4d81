import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, Input, Select } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { fundedFilterOptions, listFundedProjects, parseFundedFilters } from "~/models/publishing/funded.server";
import { publisherFromEnv } from "~/models/publishing/threesixty.server";

export const handle = { title: "Funded projects" };

const PER_PAGE = 25;
const FILTERS = ["fund", "round", "district", "priority", "tag"] as const;

/**
 * Public: every project funded once its round's decisions were released, by fund and round. Only
 * what the 360Giving files publish is sent to the browser (organisation, project, amount, places,
 * priorities): never a person's name, contact details, address or bank details. A GET form, so
 * every search is a link and works without JavaScript.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseFundedFilters(new URL(request.url).searchParams);
  const result = listFundedProjects(filters, PER_PAGE);
  const projects = result.awards.map((a) => ({
    id: a.awardId,
    fund: { slug: a.fund.slug, name: a.fund.name },
    round: { id: a.round.id, name: a.round.name },
    organisation: a.organisation.name,
    title: a.projectTitle,
    summary: a.summary ?? "",
    amountPence: a.amountPence,
    districts: a.districts.map((d) => d.name),
    priorities: a.priorities.map((p) => p.name),
  }));
  const { page: _page, ...search } = filters;
  return json({ funderName: publisherFromEnv().funderName, search, options: fundedFilterOptions(), projects, count: result.count, totalPence: result.totalPence, page: result.page, pages: result.pages });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Project = Data["projects"][number];

/** Consecutive projects of the same fund and round, in the order the model sorted them. */
function groupByRound(projects: Project[]) {
  const groups: { key: string; fund: Project["fund"]; round: Project["round"]; projects: Project[] }[] = [];
  for (const p of projects) {
    const last = groups.at(-1);
    if (last && last.round.id === p.round.id) last.projects.push(p);
    else groups.push({ key: `${p.round.id}`, fund: p.fund, round: p.round, projects: [p] });
  }
  return groups;
}

/** The current search as query text, without empty fields, optionally on another page. */
function searchQuery(search: Data["search"], page?: number) {
  const q = new URLSearchParams(Object.entries(search).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])));
  if (page && page > 1) q.set("page", String(page));
  return q.toString();
}

export default function Funded() {
  const data = useLoaderData<typeof loader>();
  const filtered = FILTERS.some((f) => data.search[f] !== undefined) || data.search.q !== "";
  return (
    <>
      <h1 className="govuk-heading-xl">Funded projects</h1>
      <p className="govuk-body-l">Community projects funded by the {data.funderName}, by fund and grant round.</p>
      <SearchForm data={data} filtered={filtered} />
      <h2 className="govuk-heading-m" aria-live="polite" id="results">
        {data.count === 1 ? "1 funded project" : `${data.count.toLocaleString("en-GB")} funded projects`}, {formatPence(data.totalPence)} in total
        {data.pages > 1 ? <span className="govuk-caption-m">{`Page ${data.page} of ${data.pages}`}</span> : null}
      </h2>
      {data.projects.length === 0 ? <p className="govuk-body">No funded projects match. Try fewer search terms or clear the filters.</p> : null}
      {groupByRound(data.projects).map((g) => (
        <section key={g.key} className="govuk-!-margin-bottom-8">
          <span className="govuk-caption-m">{g.fund.name}</span>
          <h3 className="govuk-heading-m">{g.round.name}</h3>
          <Projects projects={g.projects} caption={`Projects funded in ${g.fund.name}: ${g.round.name}`} />
        </section>
      ))}
      <Pagination data={data} />
      <Downloads options={data.options.funds} />
    </>
  );
}

function SearchForm({ data, filtered }: { data: Data; filtered: boolean }) {
  const s = data.search;
  const select = (name: (typeof FILTERS)[number], label: string, any: string, options: { value: string; text: string }[]) => (
    <div className="govuk-grid-column-one-third">
      <Select name={name} label={label} labelClassName="govuk-label--s" defaultValue={s[name] === undefined ? "" : String(s[name])} options={[{ value: "", text: any }, ...options]} />
    </div>
  );
  return (
    <Form method="get" className="govuk-!-margin-bottom-6" role="search" aria-label="Funded projects">
      <Input name="q" type="search" label="Search by organisation or project title" labelClassName="govuk-label--s" defaultValue={s.q} spellCheck={false} />
      <div className="govuk-grid-row">
        {select("fund", "Fund", "All funds", data.options.funds)}
        {select("round", "Grant round", "All rounds", data.options.rounds)}
        {select("district", "District", "All districts", data.options.districts)}
      </div>
      <div className="govuk-grid-row">
        {select("priority", "Police and Crime Plan priority", "All priorities", data.options.priorities)}
        {select("tag", "Topic", "All topics", data.options.tags)}
      </div>
      <div className="govuk-button-group">
        <Button secondary>Search funded projects</Button>
        {filtered ? (
          <Link className="govuk-link" to="/funded">
            Clear search and filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

function Projects({ projects, caption }: { projects: Project[]; caption: string }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Project
          </th>
          <th scope="col" className="govuk-table__header">
            Districts
          </th>
          <th scope="col" className="govuk-table__header">
            Priorities
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Amount
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {projects.map((p) => (
          <tr className="govuk-table__row" key={p.id} data-award={p.id}>
            <td className="govuk-table__cell">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{p.title}</p>
              <p className="govuk-body-s govuk-!-margin-bottom-1">{p.organisation}</p>
              {p.summary ? <p className="govuk-body-s govuk-!-margin-bottom-0">{p.summary}</p> : null}
            </td>
            <td className="govuk-table__cell">{p.districts.join(", ")}</td>
            <td className="govuk-table__cell">
              {p.priorities.length > 1 ? (
                <ul className="govuk-list govuk-!-font-size-16">
                  {p.priorities.map((name) => (
                    <li key={name}>{name}</li>
                  ))}
                </ul>
              ) : (
                p.priorities[0]
              )}
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatPence(p.amountPence)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GOV.UK pagination: previous and next links that keep the search. */
function Pagination({ data }: { data: Data }) {
  if (data.pages <= 1) return null;
  const link = (page: number, rel: "prev" | "next", text: string) => (
    <div className={`govuk-pagination__${rel}`}>
      <Link className="govuk-link govuk-pagination__link" to={`?${searchQuery(data.search, page)}#results`} rel={rel}>
        <span className="govuk-pagination__link-title">
          {text}
          <span className="govuk-visually-hidden"> page</span>
        </span>
        <span className="govuk-visually-hidden">:</span>
        <span className="govuk-pagination__link-label">
          Page {page} of {data.pages}
        </span>
      </Link>
    </div>
  );
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of funded projects">
      {data.page > 1 ? link(data.page - 1, "prev", "Previous") : null}
      {data.page < data.pages ? link(data.page + 1, "next", "Next") : null}
    </nav>
  );
}

/** Plain links, not client-side navigation: these are files, not pages. */
function Downloads({ options }: { options: { value: string; text: string }[] }) {
  if (options.length === 0) return null;
  return (
    <>
      <h2 className="govuk-heading-m">Download the data</h2>
      <p className="govuk-body">
        Every funded project, in the{" "}
        <a className="govuk-link" href="https://www.threesixtygiving.org/">
          360Giving Data Standard
        </a>{" "}
        for grant makers.
      </p>
      <ul className="govuk-list">
        {options.map((fund) => (
          <li key={fund.value}>
            {fund.text}:{" "}
            <a className="govuk-link" href={`/funds/${fund.value}/360giving.json`} download>
              JSON<span className="govuk-visually-hidden"> for {fund.text}</span>
            </a>
            {" or "}
            <a className="govuk-link" href={`/funds/${fund.value}/360giving.csv`} download>
              spreadsheet (CSV)<span className="govuk-visually-hidden"> for {fund.text}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
