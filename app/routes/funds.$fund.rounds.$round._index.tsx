import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SummaryList, Tag } from "~/components/govuk";
import { formatPence } from "~/domain/money/money";
import { ROUND_STATUS_LABEL, roundStatus } from "~/domain/rounds/round-status";
import { formatIsoDate, formatLondonDateTime } from "~/domain/time/london";
import { getRoundBySlugs, getRoundPlanDetail } from "~/models/round.server";
import { notFound } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export const handle = { title: (data: { round?: { fundName: string; name: string } }) => (data?.round ? `${data.round.fundName}: ${data.round.name}` : "Grant round") };

/** Public: what a round funds, who can apply, the most you can ask for, and the deadline. */
export async function loader({ params }: LoaderFunctionArgs) {
  const round = getRoundBySlugs(params.fund ?? "", params.round ?? "");
  if (!round) notFound();
  return json({ round, status: roundStatus(round, now()), ...getRoundPlanDetail(round.id, round.planId) });
}

export default function RoundPage() {
  const { round, status, priorities, themes, criteria } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{round.fundName}</span>
        <h1 className="govuk-heading-xl">
          {round.name} <Tag colour={status === "open" ? "green" : status === "upcoming" ? "blue" : "grey"}>{ROUND_STATUS_LABEL[status]}</Tag>
        </h1>
        <p className="govuk-body-l">{round.summary}</p>
        <SummaryList
          rows={[
            { key: "Grants of up to", value: formatPence(round.maxAwardPence) },
            { key: "Opens", value: formatLondonDateTime(new Date(round.opensAt)) },
            { key: "Closing date", value: formatLondonDateTime(new Date(round.closesAt)) },
            { key: "Projects must run between", value: `${formatIsoDate(round.deliveryStartsOn)} and ${formatIsoDate(round.deliveryEndsOn)}` },
            { key: "Total available in this round", value: formatPence(round.budgetPence) },
          ]}
        />
        <h2 className="govuk-heading-m">Who can apply</h2>
        {round.eligibility.split(/\n+/).map((p, i) => (
          <p className="govuk-body" key={i}>
            {p}
          </p>
        ))}
        <h2 className="govuk-heading-m">What this round funds</h2>
        <p className="govuk-body">Your project must help deliver at least one priority of the {round.planName}:</p>
        <ul className="govuk-list govuk-list--bullet">
          {priorities.map((p) => (
            <li key={p.id}>{p.name}</li>
          ))}
        </ul>
        {themes.length > 0 ? (
          <>
            <p className="govuk-body">The plan also has these cross-cutting themes:</p>
            <ul className="govuk-list govuk-list--bullet">
              {themes.map((t) => (
                <li key={t.id}>
                  {t.name}
                  {t.kind === "spotlight" ? " (spotlight)" : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {criteria.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">How bids are scored</h2>
            <table className="govuk-table">
              <caption className="govuk-visually-hidden">Scoring criteria and their weights</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Criterion
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Weight
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {criteria.map((c) => (
                  <tr className="govuk-table__row" key={c.id}>
                    <td className="govuk-table__cell">
                      {c.name}
                      <div className="govuk-hint govuk-!-margin-bottom-0">{c.guidance}</div>
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.weight}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        {status === "open" ? (
          <p className="govuk-body">
            To bid,{" "}
            <Link className="govuk-link" to="/signup">
              create an account
            </Link>{" "}
            or{" "}
            <Link className="govuk-link" to="/login">
              sign in
            </Link>
            . You can save your bid and come back to it before the closing date.
          </p>
        ) : null}
      </div>
    </div>
  );
}
