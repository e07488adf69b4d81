import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { BackLink, NotificationBanner, Table, Tag } from "~/components/govuk";
import { formatPoints } from "~/components/officer/forms";
import { ScoreChart } from "~/components/officer/ScoreChart";
import { formatScore } from "~/domain/assessment/scoring";
import { recordId } from "~/domain/config/fields";
import { moderationView } from "~/models/assessment/moderation.server";
import { getRoundForStaff } from "~/models/assessment/round-bids.server";
import { notFound, requireRole } from "~/utils/auth.server";

export const handle = { title: "Compare scores and moderate" };

/** The eligible bids of a round, best first, with each assessor's weighted score, the mean, the spread and any moderated score. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = getRoundForStaff(recordId(params.roundId) ?? 0) ?? notFound();
  const { settings, rows } = moderationView(round.id);
  return json({ officer: user.name, round: { id: round.id, name: round.name }, threshold: settings.moderationThreshold, released: Boolean(settings.decisionsReleasedAt), rows });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function Moderation() {
  const { round, threshold, rows, released } = useLoaderData<typeof loader>();
  const flagged = rows.filter((r) => r.flaggedForModeration).length;
  return (
    <>
      <BackLink to={`/officer/rounds/${round.id}`}>{round.name}</BackLink>
      <ModeratedBanner rows={rows} />
      <span className="govuk-caption-l">{round.name}</span>
      <h1 className="govuk-heading-l">Compare scores and moderate</h1>
      <p className="govuk-body">
        A bid needs moderation when its assessors' weighted scores differ by more than {formatPoints(threshold * 100)}.{" "}
        <Link className="govuk-link" to={`/officer/rounds/${round.id}#settings`}>
          Change the threshold
        </Link>
      </p>
      {released ? <p className="govuk-body">Decisions for this round have been released, so scores can no longer be moderated.</p> : null}
      {rows.length === 0 ? (
        <p className="govuk-body">No bids in this round have been recorded as eligible yet.</p>
      ) : (
        <>
          <p className="govuk-body">
            {rows.length} eligible {rows.length === 1 ? "bid" : "bids"}, {flagged === 0 ? "none needing" : `${flagged} needing`} moderation. A moderated score replaces the assessors' mean in the ranking.
          </p>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-full">
              <h2 className="govuk-heading-m">Mean scores and spread</h2>
              <p className="govuk-body-s">Bars show each bid's mean weighted score; the black line runs from its lowest to its highest assessor's score. Bars in red need moderation. The table below gives every figure.</p>
              <ScoreChart thresholdPoints={threshold} bids={rows.map((r) => ({ id: r.id, label: r.reference ?? "", scores: r.submittedScores, flagged: r.flaggedForModeration }))} />
            </div>
          </div>
          <ScoresTable rows={rows} released={released} />
        </>
      )}
    </>
  );
}

function ModeratedBanner({ rows }: { rows: Row[] }) {
  const [params] = useSearchParams();
  const bid = rows.find((r) => r.id === Number(params.get("moderated")));
  if (!bid) return null;
  return (
    <NotificationBanner success>
      <p className="govuk-notification-banner__heading">
        {bid.reference} now has a moderated score of {formatScore(bid.moderatedScore)}.
      </p>
    </NotificationBanner>
  );
}

function ScoresTable({ rows, released }: { rows: Row[]; released: boolean }) {
  return (
    <Table
      caption="Scores by bid, in ranking order"
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          header: "Bid",
          cell: (r) => (
            <>
              <Link className="govuk-link" to={`/officer/bids/${r.id}`}>
                {r.reference}
              </Link>
              <br />
              <span className="govuk-body-s">{r.projectTitle}</span>
            </>
          ),
        },
        {
          header: "Assessors' weighted scores",
          cell: (r) =>
            r.assessors.length === 0 ? (
              "No assessors yet"
            ) : (
              <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0">
                {r.assessors.map((a) => (
                  <li key={a.id}>
                    {a.name}: {a.weightedScore === null ? "not submitted" : formatScore(a.weightedScore)}
                  </li>
                ))}
              </ul>
            ),
        },
        { header: "Mean", numeric: true, cell: (r) => formatScore(r.meanScore) },
        { header: "Spread", numeric: true, cell: (r) => (r.spread === null ? "Not scored" : formatPoints(r.spread)) },
        { header: "Moderation", cell: (r) => (r.flaggedForModeration ? <Tag colour="red">Needs moderation</Tag> : "Not needed") },
        { header: "Moderated score", numeric: true, cell: (r) => (r.moderatedScore === null ? "None" : formatScore(r.moderatedScore)) },
        {
          header: <span className="govuk-visually-hidden">Action</span>,
          cell: (r) =>
            released || r.submittedScores.length === 0 ? null : (
              <Link className="govuk-link" to={`/officer/bids/${r.id}/moderate`}>
                {r.moderatedScore === null ? "Moderate" : "Change"}
                <span className="govuk-visually-hidden"> the score of {r.reference}</span>
              </Link>
            ),
        },
      ]}
    />
  );
}
