import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ButtonLink, ErrorSummary, InsetText, NotificationBanner, SummaryList, Table, Tag } from "~/components/govuk";
import { formatScore } from "~/domain/assessment/scoring";
import { DECISION_LABEL, fillByRank } from "~/domain/decisions/budget";
import { encodeProposal, scenarioFormSchema } from "~/domain/decisions/decision-form";
import { drugsAndAlcoholSentence, scenarioBreakdown, type BreakdownRow, type FundedItem } from "~/domain/decisions/scenario";
import { formatPence } from "~/domain/money/money";
import { roundStatus } from "~/domain/rounds/round-status";
import { applyScenario, committedInRound, decisionsReleasedAt, findRound } from "~/models/assessment/decision.server";
import { listRoundBids } from "~/models/assessment/round-bids.server";
import { notFound, requireRole } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { parseForm } from "~/utils/forms";

export const handle = { title: "Funding decisions" };

/**
 * The round's eligible bids, best first, with what each decision commits and the running total
 * against the budget. `?scenario=fill` previews "fill by rank" without writing anything.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = findRound(params.roundId) ?? notFound();
  const releasedAt = decisionsReleasedAt(round.id);
  const closed = roundStatus(round, now()) === "closed";
  const all = listRoundBids(round.id);
  const ranked = all.filter((b) => b.eligible === true);
  let running = 0;
  const rows = ranked.map((b, i) => {
    running += b.decisionAmountPence ?? 0;
    return {
      rank: i + 1,
      id: b.id,
      reference: b.reference,
      organisationName: b.organisationName,
      projectTitle: b.projectTitle,
      score: formatScore(b.rankingScore),
      amountRequestedPence: b.amountRequestedPence ?? 0,
      districts: b.districts,
      priorities: b.priorities,
      tags: b.tags,
      outcome: b.decisionOutcome,
      decisionAmountPence: b.decisionAmountPence,
      runningTotalPence: running,
      remainingPence: round.budgetPence - running,
    };
  });
  // The database counts every decision in the round, including any on a bid withdrawn afterwards.
  const committedPence = committedInRound(round.id);
  const decidable = closed && !releasedAt;
  const url = new URL(request.url);
  return json({
    user: { name: user.name },
    round: { id: round.id, name: round.name, budgetPence: round.budgetPence },
    closed,
    releasedAt,
    rows,
    summary: { committedPence, remainingPence: round.budgetPence - committedPence, shownPence: running, undecided: rows.filter((r) => r.outcome === null).length },
    notRanked: all.filter((b) => b.eligible !== true).map((b) => ({ id: b.id, reference: b.reference, organisationName: b.organisationName, checked: b.eligible === false })),
    scenario: decidable && url.searchParams.get("scenario") === "fill" ? fillScenario(ranked, round.budgetPence, committedPence) : null,
    applied: Number(url.searchParams.get("applied")) || null,
  });
}

type RankedBid = ReturnType<typeof listRoundBids>[number];

/**
 * Fill by rank proposes only for bids with no decision yet, with what the budget has left: an
 * officer's own decisions (a part award, a refusal) are never undone by a scenario. Bids not yet
 * scored have no place in the ranking, so they are left for the officer to decide.
 */
function fillScenario(ranked: RankedBid[], budgetPence: number, committedPence: number) {
  const open = ranked.filter((b) => b.decisionOutcome === null && b.rankingScore !== null);
  const proposals = fillByRank(
    open.map((b) => ({ bidId: b.id, amountRequestedPence: b.amountRequestedPence ?? 0 })),
    budgetPence - committedPence,
  );
  const byId = new Map(ranked.map((b) => [b.id, b]));
  const item = (b: RankedBid, amountPence: number): FundedItem => ({ bidId: b.id, amountPence, priorities: b.priorities, districts: b.districts, tags: b.tags });
  const funded = [
    ...ranked.filter((b) => (b.decisionAmountPence ?? 0) > 0).map((b) => item(b, b.decisionAmountPence!)),
    ...proposals.filter((p) => p.outcome === "fund_full").map((p) => item(byId.get(p.bidId)!, p.amountPence)),
  ];
  return {
    proposals: proposals.map((p) => {
      const b = byId.get(p.bidId)!;
      return { ...p, reference: b.reference, organisationName: b.organisationName, score: formatScore(b.rankingScore), amountRequestedPence: b.amountRequestedPence ?? 0, runningTotalPence: committedPence + p.runningTotalPence, encoded: encodeProposal(p) };
    }),
    unscored: ranked.filter((b) => b.decisionOutcome === null && b.rankingScore === null).map((b) => ({ id: b.id, reference: b.reference })),
    breakdown: scenarioBreakdown(funded),
    alreadyDecided: ranked.filter((b) => b.decisionOutcome !== null).length,
  };
}

/** Commits the previewed scenario exactly as shown, or nothing. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["grants_officer", "admin"]);
  const round = findRound(params.roundId) ?? notFound();
  const formData = await request.formData();
  if (formData.get("intent") !== "apply") return json({ errors: { form: "Choose what to do" } }, { status: 400 });
  const parsed = parseForm(scenarioFormSchema, formData);
  if (!parsed.ok) return json({ errors: { form: Object.values(parsed.errors)[0] } }, { status: 400 });
  const result = applyScenario(round.id, parsed.data.proposal, user.id, now());
  if (result.ok) return redirect(`/officer/rounds/${round.id}/decisions?applied=${result.decided}`);
  if (result.code === "not_found") notFound();
  return json({ errors: { form: result.message } }, { status: 400 });
}

const list = (items: string[]) => (items.length ? items.join(", ") : "None given");

export default function Decisions() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { round, rows, summary, scenario } = data;
  const decidable = data.closed && !data.releasedAt;
  return (
    <>
      <BackLink to="/officer">Back to the dashboard</BackLink>
      <ErrorSummary errors={failure?.errors} />
      {data.applied ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">
            Scenario committed: {data.applied} {data.applied === 1 ? "decision" : "decisions"} recorded
          </p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{round.name}</span>
      <h1 className="govuk-heading-l">Funding decisions</h1>
      {!data.closed ? <InsetText>Decisions can be recorded once the round has closed.</InsetText> : null}
      {data.releasedAt ? <InsetText>Decisions were released to applicants and can no longer be changed.</InsetText> : null}
      <SummaryList
        rows={[
          { key: "Round budget", value: formatPence(round.budgetPence) },
          { key: "Committed", value: formatPence(summary.committedPence) },
          { key: "Budget left", value: formatPence(summary.remainingPence) },
          { key: "Bids without a decision", value: String(summary.undecided) },
        ]}
      />
      {summary.committedPence !== summary.shownPence ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {formatPence(summary.committedPence - summary.shownPence)} is committed to bids that have left the ranking since their decision (withdrawn, or found not eligible). It counts against the budget until the decision is removed.
          </strong>
        </div>
      ) : null}
      {decidable ? (
        <p className="govuk-body">
          {scenario ? (
            <Link className="govuk-link" to=".">
              Close the fill by rank preview
            </Link>
          ) : (
            <ButtonLink to="?scenario=fill" secondary>
              Preview fill by rank
            </ButtonLink>
          )}
          {"  "}
          <Link className="govuk-link" to={`/officer/rounds/${round.id}/release`}>
            Release decisions to applicants
          </Link>
        </p>
      ) : null}
      {scenario ? <ScenarioPreview scenario={scenario} /> : null}
      <RankedTable rows={rows} decidable={decidable} budgetPence={round.budgetPence} />
      {data.notRanked.length ? (
        <>
          <h2 className="govuk-heading-m">Not in the ranking</h2>
          <ul className="govuk-list govuk-list--bullet">
            {data.notRanked.map((b) => (
              <li key={b.id}>
                {b.reference}, {b.organisationName}: {b.checked ? "not eligible (told when decisions are released)" : "eligibility not checked yet"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function RankedTable({ rows, decidable, budgetPence }: { rows: Row[]; decidable: boolean; budgetPence: number }) {
  if (rows.length === 0) return <p className="govuk-body">No bids have been found eligible yet.</p>;
  return (
    <Table
      caption={`Eligible bids, best score first (budget ${formatPence(budgetPence)})`}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: "Rank", cell: (r) => r.rank },
        {
          header: "Bid",
          cell: (r) => (
            <>
              {decidable ? (
                <Link className="govuk-link" to={`/officer/bids/${r.id}/decision`}>
                  {r.reference}
                  <span className="govuk-visually-hidden">: decide on this bid</span>
                </Link>
              ) : (
                r.reference
              )}
              <br />
              {r.organisationName}
              <br />
              <span className="govuk-hint">{r.projectTitle}</span>
            </>
          ),
        },
        { header: "Score", numeric: true, cell: (r) => r.score },
        { header: "Requested", numeric: true, cell: (r) => formatPence(r.amountRequestedPence) },
        {
          header: "Districts, priorities and tags",
          cell: (r) => (
            <>
              {list(r.districts)}
              <br />
              <span className="govuk-hint">{list(r.priorities)}</span>
              {r.tags.length ? <br /> : null}
              {r.tags.map((t) => (
                <Tag key={t} colour="grey">
                  {t}
                </Tag>
              ))}
            </>
          ),
        },
        {
          header: "Decision",
          cell: (r) =>
            r.outcome ? (
              <>
                {DECISION_LABEL[r.outcome]}
                {r.decisionAmountPence ? `: ${formatPence(r.decisionAmountPence)}` : null}
              </>
            ) : (
              <Tag colour="grey">No decision yet</Tag>
            ),
        },
        { header: "Running total", numeric: true, cell: (r) => formatPence(r.runningTotalPence) },
        { header: "Budget left", numeric: true, cell: (r) => formatPence(r.remainingPence) },
      ]}
    />
  );
}

type Scenario = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["scenario"]>;

function ScenarioPreview({ scenario }: { scenario: Scenario }) {
  const { breakdown } = scenario;
  return (
    <section aria-labelledby="scenario-heading">
      <h2 className="govuk-heading-m" id="scenario-heading">
        Fill by rank: proposed decisions
      </h2>
      <p className="govuk-body">
        Bids without a decision are funded in full down the ranking while they fit in what is left of the budget; the first that does not fit, and every bid below it, goes on the reserve list.
        {scenario.alreadyDecided === 1 ? " The decision already recorded stays as it is." : scenario.alreadyDecided > 1 ? ` The ${scenario.alreadyDecided} decisions already recorded stay as they are.` : ""} Nothing is recorded until you commit the scenario.
      </p>
      {scenario.proposals.length ? (
        <Table
          caption="Proposed decisions"
          rows={scenario.proposals}
          rowKey={(p) => p.bidId}
          columns={[
            { header: "Bid", cell: (p) => `${p.reference}, ${p.organisationName}` },
            { header: "Score", numeric: true, cell: (p) => p.score },
            { header: "Requested", numeric: true, cell: (p) => formatPence(p.amountRequestedPence) },
            { header: "Proposal", cell: (p) => DECISION_LABEL[p.outcome] },
            { header: "Running total", numeric: true, cell: (p) => formatPence(p.runningTotalPence) },
          ]}
        />
      ) : (
        <p className="govuk-body">Every scored bid already has a decision, so there is nothing to propose.</p>
      )}
      {scenario.unscored.length ? <InsetText>Not scored yet, so not proposed: {scenario.unscored.map((b) => b.reference).join(", ")}.</InsetText> : null}
      <h3 className="govuk-heading-m">What this scenario would fund</h3>
      <p className="govuk-body-l">
        {scenario.breakdown.funded.count} projects totalling {formatPence(breakdown.funded.totalPence)}, including {drugsAndAlcoholSentence(breakdown.drugsAndAlcohol)}.
      </p>
      <Breakdown id="priority" title="By Police and Crime Plan priority" rows={breakdown.byPriority.rows} total={breakdown.byPriority} />
      <Breakdown id="district" title="By district" rows={breakdown.byDistrict.rows} total={breakdown.byDistrict} />
      <Breakdown id="tag" title="By reporting tag" rows={breakdown.byTag} note="A project can carry more than one tag, so these rows overlap and are not added up." />
      {scenario.proposals.length ? (
        <Form method="post" action="?scenario=fill">
          {scenario.proposals.map((p) => (
            <input key={p.bidId} type="hidden" name="proposal" value={p.encoded} />
          ))}
          <Button name="intent" value="apply">
            Commit this scenario
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

function Breakdown({ id, title, rows, total, note }: { id: string; title: string; rows: BreakdownRow[]; total?: { count: number; totalPence: number }; note?: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        <Table
          caption={title}
          rows={rows}
          rowKey={(r) => r.name}
          columns={[
            { header: "Name", cell: (r) => r.name },
            { header: "Projects", numeric: true, cell: (r) => r.count },
            { header: "Total", numeric: true, cell: (r) => formatPence(r.totalPence) },
          ]}
          foot={
            total ? (
              <tfoot>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    Total
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{total.count}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <strong>{formatPence(total.totalPence)}</strong>
                  </td>
                </tr>
              </tfoot>
            ) : undefined
          }
        />
        {note ? <p className="govuk-body-s">{note}</p> : null}
      </div>
      <div className="govuk-grid-column-one-half">
        <BarChart id={`chart-${id}`} title={title} rows={rows} />
      </div>
    </div>
  );
}

/**
 * A server-rendered bar chart: no script, no library. Screen readers hear its title and a
 * description with every figure; the table beside it holds the same numbers (and any long name in
 * full, where the chart shortens it to fit).
 */
function BarChart({ id, title, rows }: { id: string; title: string; rows: BreakdownRow[] }) {
  const width = 480;
  const barMax = 340;
  const step = 40;
  const max = Math.max(1, ...rows.map((r) => r.totalPence));
  const height = Math.max(step, rows.length * step);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" focusable="false">
      <title id={`${id}-title`}>{`${title}: bar chart`}</title>
      <desc id={`${id}-desc`}>{rows.map((r) => `${r.name}: ${r.count} ${r.count === 1 ? "project" : "projects"}, ${formatPence(r.totalPence)}`).join(". ") || "Nothing funded"}</desc>
      {rows.map((r, i) => {
        const w = Math.round((r.totalPence / max) * barMax);
        const y = i * step;
        return (
          <g key={r.name}>
            <text x={0} y={y + 13} fontSize={13} fill="#0b0c0c">
              {r.name.length > 64 ? `${r.name.slice(0, 62)}…` : r.name}
            </text>
            <rect x={0} y={y + 18} width={Math.max(w, 1)} height={14} fill="#1d70b8" />
            <text x={Math.max(w, 1) + 6} y={y + 30} fontSize={12} fill="#0b0c0c">
              {formatPence(r.totalPence)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
