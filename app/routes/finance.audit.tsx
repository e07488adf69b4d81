import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BackLink, Button, DateInput, ErrorSummary, Input, Select } from "~/components/govuk";
import { dateFromParts } from "~/domain/config/fields";
import { formatLondonDateTime, londonWallClockToInstant } from "~/domain/time/london";
import { auditVocabulary, searchAuditEvents } from "~/models/finance/audit-search.server";
import { requireRole } from "~/utils/auth.server";

export const handle = { title: "Audit log" };

const PER_PAGE = 50;

/** The instant a UK calendar day (plus some days) begins, whatever the clocks are doing. */
function startOfUkDay(iso: string, plusDays = 0): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return londonWallClockToInstant(new Date(Date.UTC(y, m - 1, d + plusDays)).toISOString().slice(0, 10), "00:00");
}

/**
 * Search the append-only audit log: by action (or the start of one), subject, who acted and a range
 * of UK dates, newest first, a page at a time. A GET form, so every search is a link to share.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["finance", "admin"]);
  const params = new URL(request.url).searchParams;
  const values: Record<string, string> = {};
  for (const [key, value] of params) values[key] ??= value;
  const text = (name: string, max = 200) => (values[name] ?? "").trim().slice(0, max);
  const errors: Record<string, string> = {};
  const from = dateFromParts(values, "from");
  const to = dateFromParts(values, "to");
  if (from === "invalid") errors.from = "The date to search from must be a real date";
  if (to === "invalid") errors.to = "The date to search to must be a real date";
  if (from && to && from !== "invalid" && to !== "invalid" && to < from) errors.to = "The date to search to must be the same as or after the date to search from";
  const page = /^\d{1,6}$/.test(values.page ?? "") ? Number(values.page) : 1;
  const valid = Object.keys(errors).length === 0;
  const result = searchAuditEvents({
    action: text("action") || undefined,
    subjectType: text("subjectType") || undefined,
    subjectId: text("subjectId") || undefined,
    who: text("who") || undefined,
    from: valid && from ? startOfUkDay(from) : undefined,
    // "To" a date includes that whole UK day.
    before: valid && to ? startOfUkDay(to, 1) : undefined,
    page: Math.max(1, page),
    perPage: PER_PAGE,
  });
  return json({
    user: { name: user.name },
    values,
    errors,
    vocabulary: auditVocabulary(),
    ...result,
    events: result.events.map((e) => ({ ...e, at: formatLondonDateTime(e.at), before: e.before === null ? null : JSON.stringify(e.before, null, 2), after: e.after === null ? null : JSON.stringify(e.after, null, 2) })),
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink to="/finance">Back to the finance dashboard</BackLink>
      <ErrorSummary errors={data.errors} fieldIds={{ from: "fromDay", to: "toDay" }} />
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">Every change in the portal, who made it and when. The log can only be added to: the database refuses to change or delete an event.</p>
      <SearchForm data={data} />
      <h2 className="govuk-heading-m" aria-live="polite">
        {data.total === 1 ? "1 event" : `${data.total.toLocaleString("en-GB")} events`}
        {data.pages > 1 ? `, page ${data.page} of ${data.pages}` : ""}
      </h2>
      {data.events.length ? <Events events={data.events} /> : <p className="govuk-body">No events match. Try fewer search terms.</p>}
      <Pagination data={data} />
    </>
  );
}

function SearchForm({ data }: { data: Data }) {
  const v = data.values;
  return (
    <Form method="get" className="govuk-!-margin-bottom-6">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Input name="action" label="Action" hint="The whole action, or its start: ledger. finds every ledger entry" defaultValue={v.action} list="audit-actions" spellCheck={false} autoComplete="off" />
          <datalist id="audit-actions">
            {data.vocabulary.actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <Input name="who" label="Who" hint="Part of a name or e-mail address" defaultValue={v.who} spellCheck={false} />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select name="subjectType" label="Subject type" defaultValue={v.subjectType ?? ""} options={[{ value: "", text: "Any subject" }, ...data.vocabulary.subjectTypes.map((t) => ({ value: t, text: t }))]} />
          <Input name="subjectId" label="Subject id" hint="For example, the number of a ledger entry or an award" widthClass="govuk-input--width-10" defaultValue={v.subjectId} spellCheck={false} />
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <DateInput name="from" legend="From (optional)" hint="For example, 1 4 2026" error={data.errors.from} value={{ day: v.fromDay, month: v.fromMonth, year: v.fromYear }} />
        </div>
        <div className="govuk-grid-column-one-half">
          <DateInput name="to" legend="To (optional)" hint="Includes the whole day" error={data.errors.to} value={{ day: v.toDay, month: v.toMonth, year: v.toYear }} />
        </div>
      </div>
      <Button secondary>Search the audit log</Button>
    </Form>
  );
}

function Events({ events }: { events: Data["events"] }) {
  return (
    <table className="govuk-table govuk-!-font-size-16">
      <caption className="govuk-table__caption govuk-visually-hidden">Audit events, newest first</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            When
          </th>
          <th scope="col" className="govuk-table__header">
            Who
          </th>
          <th scope="col" className="govuk-table__header">
            Action
          </th>
          <th scope="col" className="govuk-table__header">
            Subject
          </th>
          <th scope="col" className="govuk-table__header">
            Record
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {events.map((e) => (
          <tr className="govuk-table__row" key={e.id} data-event={e.id}>
            <td className="govuk-table__cell">{e.at}</td>
            <td className="govuk-table__cell">{e.actorName ? `${e.actorName} (${e.actorEmail})` : "The system"}</td>
            <td className="govuk-table__cell">{e.action}</td>
            <td className="govuk-table__cell">
              {e.subjectType} {e.subjectId}
            </td>
            <td className="govuk-table__cell">
              {e.before || e.after ? (
                <details className="govuk-details govuk-!-margin-bottom-0">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">
                      Before and after<span className="govuk-visually-hidden"> event {e.id}</span>
                    </span>
                  </summary>
                  <div className="govuk-details__text">
                    {e.before ? (
                      <>
                        <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">Before</p>
                        <pre className="govuk-body-s">{e.before}</pre>
                      </>
                    ) : null}
                    {e.after ? (
                      <>
                        <p className="govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-1">After</p>
                        <pre className="govuk-body-s">{e.after}</pre>
                      </>
                    ) : null}
                  </div>
                </details>
              ) : (
                "None recorded"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** GOV.UK pagination: previous and next links that keep the search. */
function Pagination({ data }: { data: Data }) {
  if (data.pages <= 1) return null;
  const href = (page: number) => {
    const q = new URLSearchParams(Object.entries(data.values).filter(([k, v]) => k !== "page" && v !== ""));
    q.set("page", String(page));
    return `?${q}`;
  };
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of audit events">
      {data.page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(data.page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Newer<span className="govuk-visually-hidden"> events</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">
              Page {data.page - 1} of {data.pages}
            </span>
          </Link>
        </div>
      ) : null}
      {data.page < data.pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(data.page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Older<span className="govuk-visually-hidden"> events</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">
              Page {data.page + 1} of {data.pages}
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}
