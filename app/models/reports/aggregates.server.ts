/**
 * The report's figures as SQL aggregates: one GROUP BY per table over the round's applications
 * joined to their eligibility checks and decisions, never a loop over every bid in JavaScript, so
 * a round of thousands of applications costs a handful of indexed queries.
 *
 * "Received" is submitted and not withdrawn; "funded" is a decision to fund in full or in part
 * (decisions.amount_pence is what the round committed). Whether those decisions have been released
 * is the caller's business: the staff report says when they are provisional, the Panel report reads
 * only released rounds.
 */
import { sql, type SQL } from "drizzle-orm";
import { getDb } from "#db/client";
import { figuresFromAggregate, type Figures } from "~/domain/reports/figures";
import { SUBMITTED_STATUSES } from "../assessment/round-bids.server";

export type BidScope = {
  roundIds: readonly number[];
  /** Only applications submitted in [from, to). */
  submitted?: { from: Date; to: Date } | null;
  /** Only applications carrying this reporting tag. */
  tagId?: number | null;
  /** Only funded applications (the Panel report's tables). */
  fundedOnly?: boolean;
};

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * One row per application in scope: its amounts, whether it was found eligible, what it was
 * funded, and where it stands. Each table's query groups these rows its own way.
 */
export function scopedBids(scope: BidScope): SQL {
  const roundIds = scope.roundIds.length ? scope.roundIds : [-1];
  return sql`
    SELECT b.id AS bid_id,
           b.round_id AS round_id,
           b.organisation_id AS organisation_id,
           coalesce(b.amount_requested_pence, 0) AS requested,
           CASE WHEN e.eligible = 1 THEN 1 ELSE 0 END AS eligible,
           CASE WHEN d.outcome IN ('fund_full', 'fund_part') AND d.amount_pence > 0 THEN d.amount_pence ELSE 0 END AS funded_pence,
           CASE WHEN e.eligible = 0 THEN 'not_eligible'
                WHEN e.eligible IS NULL THEN 'not_checked'
                WHEN d.outcome IS NULL THEN 'no_decision'
                ELSE d.outcome END AS standing
    FROM bids b
    LEFT JOIN eligibility_checks e ON e.bid_id = b.id
    LEFT JOIN decisions d ON d.bid_id = b.id
    WHERE b.round_id IN (${list(roundIds)})
      AND b.status IN (${list(SUBMITTED_STATUSES)})
      ${scope.submitted ? sql`AND b.submitted_at >= ${scope.submitted.from.getTime()} AND b.submitted_at < ${scope.submitted.to.getTime()}` : sql``}
      ${scope.tagId ? sql`AND EXISTS (SELECT 1 FROM bid_tags t WHERE t.bid_id = b.id AND t.tag_id = ${scope.tagId})` : sql``}
      ${scope.fundedOnly ? sql`AND d.outcome IN ('fund_full', 'fund_part') AND d.amount_pence > 0` : sql``}`;
}

const FIGURES_SELECT = sql`count(*) AS "received",
  coalesce(sum(s.requested), 0) AS "requestedPence",
  coalesce(sum(s.eligible), 0) AS "eligible",
  coalesce(sum(s.funded_pence > 0), 0) AS "funded",
  coalesce(sum(s.funded_pence), 0) AS "fundedPence"`;

type AggregateRow = { key: string | number | null; received: number; requestedPence: number; eligible: number; funded: number; fundedPence: number };

function byKey(rows: AggregateRow[]): Map<string, Figures> {
  return new Map(rows.map((r) => [String(r.key ?? "none"), figuresFromAggregate(r)]));
}

/** Figures grouped by an expression over `s` (the scoped bids). */
function grouped(scope: BidScope, key: SQL): Map<string, Figures> {
  return byKey(getDb().all<AggregateRow>(sql`SELECT ${key} AS "key", ${FIGURES_SELECT} FROM (${scopedBids(scope)}) s GROUP BY 1`));
}

export function totalFigures(scope: BidScope): Figures {
  return figuresFromAggregate(getDb().get<AggregateRow>(sql`SELECT ${FIGURES_SELECT} FROM (${scopedBids(scope)}) s`));
}

export const figuresByStanding = (scope: BidScope) => grouped(scope, sql`s.standing`);

type LinkTable = { table: string; column: string };
const LINKS = {
  priority: { table: "bid_priorities", column: "priority_id" },
  theme: { table: "bid_themes", column: "theme_id" },
  tag: { table: "bid_tags", column: "tag_id" },
  district: { table: "bid_districts", column: "district_id" },
} as const satisfies Record<string, LinkTable>;

/**
 * Each application counted once: under its one value, or "several", or "none". The subquery reads
 * the link table's primary key (bid_id first), so it is an index lookup per application.
 */
export function exclusiveFigures(scope: BidScope, link: "priority" | "district"): Map<string, Figures> {
  const { table, column } = LINKS[link];
  const key = sql`(SELECT CASE count(*) WHEN 0 THEN 'none' WHEN 1 THEN CAST(min(x.${sql.raw(column)}) AS TEXT) ELSE 'several' END
                   FROM ${sql.raw(table)} x WHERE x.bid_id = s.bid_id)`;
  return grouped(scope, key);
}

/** Each application counted under every value it carries, at its full amount; "none" for those with none. */
export function overlappingFigures(scope: BidScope, link: "theme" | "tag"): Map<string, Figures> {
  const { table, column } = LINKS[link];
  const scoped = scopedBids(scope);
  const rows = getDb().all<AggregateRow>(sql`
    SELECT CAST(x.${sql.raw(column)} AS TEXT) AS "key", ${FIGURES_SELECT}
    FROM (${scoped}) s JOIN ${sql.raw(table)} x ON x.bid_id = s.bid_id
    GROUP BY x.${sql.raw(column)}
    UNION ALL
    SELECT 'none' AS "key", ${FIGURES_SELECT}
    FROM (${scoped}) s
    WHERE NOT EXISTS (SELECT 1 FROM ${sql.raw(table)} x WHERE x.bid_id = s.bid_id)`);
  // The second SELECT always returns one row, with a count of 0 when every application has a value.
  return byKey(rows.filter((r) => r.received > 0));
}

/** By the organisation's type as its profile gives it now; "none" when it has no profile. */
export function figuresByOrganisationType(scope: BidScope): Map<string, Figures> {
  return grouped(scope, sql`coalesce((SELECT p.type FROM organisation_profiles p WHERE p.organisation_id = s.organisation_id), 'none')`);
}
