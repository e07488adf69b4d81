/**
 * The Police and Crime Panel report for a fund and a period (one round, or a financial year of
 * releases). Public-facing, so it reads only rounds whose decisions have been released: a round
 * still being decided is never in it, whatever its provisional figures say.
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import { financialYearOf } from "~/domain/money/ledger";
import { parseFinancialYear } from "~/domain/reports/filters";
import { latestReturn, type OutcomeProgress, type ReturnKind } from "~/domain/reports/outcome-progress";
import { panelParagraphs, type PanelPeriod, type ReleasedRound, type Tally } from "~/domain/reports/panel";
import { splitTable } from "~/domain/reports/splits";
import { scopedBids, type BidScope } from "./aggregates.server";
import { splitValues } from "./names.server";
import { splitFigures } from "./round-report.server";
import { featuredTag, findFundBySlug, findReportRound, releasedRounds } from "./scope.server";

type Released = ReturnType<typeof releasedRounds>[number];

/** Funded projects per round, and how many of them carry the tag, in one pass over the rounds' decisions. */
function fundedByRound(rounds: readonly Released[], tagId: number | null): Map<number, { funded: Tally; tagged: Tally }> {
  const scope: BidScope = { roundIds: rounds.map((r) => r.id), fundedOnly: true };
  const tagged = tagId === null ? sql`0` : sql`EXISTS (SELECT 1 FROM bid_tags t WHERE t.bid_id = s.bid_id AND t.tag_id = ${tagId})`;
  const rows = getDb().all<{ roundId: number; count: number; totalPence: number; taggedCount: number; taggedPence: number }>(sql`
    SELECT s.round_id AS "roundId", count(*) AS "count", coalesce(sum(s.funded_pence), 0) AS "totalPence",
           coalesce(sum(CASE WHEN ${tagged} THEN 1 ELSE 0 END), 0) AS "taggedCount",
           coalesce(sum(CASE WHEN ${tagged} THEN s.funded_pence ELSE 0 END), 0) AS "taggedPence"
    FROM (${scopedBids(scope)}) s GROUP BY s.round_id`);
  return new Map(rows.map((r) => [r.roundId, { funded: { count: Number(r.count), totalPence: Number(r.totalPence) }, tagged: { count: Number(r.taggedCount), totalPence: Number(r.taggedPence) } }]));
}

/** Map.groupBy, which Node 20 does not have yet. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function names(table: string, column: string, named: string) {
  return sql.raw(`(SELECT group_concat(n.name, ', ' ORDER BY n.name) FROM ${table} x JOIN ${named} n ON n.id = x.${column} WHERE x.bid_id = s.bid_id)`);
}

/** The funded projects carrying the tag, with their target outcomes and what their latest accepted return says so far. */
function taggedProjects(roundIds: readonly number[], tagId: number) {
  const db = getDb();
  const projects = db.all<{ bidId: number; reference: string | null; organisationName: string; projectTitle: string | null; amountPence: number; districts: string | null; awardId: number | null }>(sql`
    SELECT s.bid_id AS "bidId", b.reference AS "reference", o.name AS "organisationName", b.project_title AS "projectTitle",
           s.funded_pence AS "amountPence", ${names("bid_districts", "district_id", "districts")} AS "districts",
           (SELECT a.id FROM awards a WHERE a.bid_id = s.bid_id) AS "awardId"
    FROM (${scopedBids({ roundIds, fundedOnly: true, tagId })}) s
    JOIN bids b ON b.id = s.bid_id
    JOIN organisations o ON o.id = s.organisation_id
    ORDER BY b.round_id, b.round_sequence, s.bid_id`);
  if (projects.length === 0) return [];
  const ids = sql.join(projects.map((p) => sql`${p.bidId}`), sql`, `);
  const targets = db.all<{ id: number; bidId: number; name: string; target: number; measure: string }>(sql`
    SELECT bo.id AS "id", bo.bid_id AS "bidId", oc.name AS "name", bo.target AS "target", bo.measure AS "measure"
    FROM bid_outcomes bo JOIN outcomes oc ON oc.id = bo.outcome_id WHERE bo.bid_id IN (${ids}) ORDER BY bo.id`);
  const awardIds = projects.flatMap((p) => (p.awardId === null ? [] : [p.awardId]));
  const returns = awardIds.length
    ? db.all<{ id: number; awardId: number; kind: ReturnKind; beneficiariesReached: number }>(sql`
        SELECT mr.id AS "id", mr.award_id AS "awardId", mr.kind AS "kind", mr.beneficiaries_reached AS "beneficiariesReached"
        FROM monitoring_returns mr WHERE mr.status = 'accepted' AND mr.award_id IN (${sql.join(awardIds.map((id) => sql`${id}`), sql`, `)})`)
    : [];
  const returnsBy = groupBy(returns, (r) => r.awardId);
  const latest = new Map(awardIds.map((awardId) => [awardId, latestReturn(returnsBy.get(awardId) ?? [])]));
  const latestIds = [...latest.values()].flatMap((r) => (r ? [r.id] : []));
  const achieved = latestIds.length
    ? db.all<{ returnId: number; bidOutcomeId: number; achieved: number }>(sql`
        SELECT ro.return_id AS "returnId", ro.bid_outcome_id AS "bidOutcomeId", ro.achieved AS "achieved"
        FROM return_outcomes ro WHERE ro.return_id IN (${sql.join(latestIds.map((id) => sql`${id}`), sql`, `)})`)
    : [];
  // Looked up by key, not searched per project: a year can hold thousands of tagged projects.
  const achievedBy = new Map(achieved.map((a) => [`${a.returnId}:${a.bidOutcomeId}`, a.achieved]));
  const targetsBy = groupBy(targets, (t) => t.bidId);
  return projects.map((p) => {
    const returned = p.awardId === null ? null : (latest.get(p.awardId) ?? null);
    const outcomes: OutcomeProgress[] = (targetsBy.get(p.bidId) ?? []).map((t) => ({ name: t.name, target: t.target, measure: t.measure, achieved: returned ? (achievedBy.get(`${returned.id}:${t.id}`) ?? null) : null }));
    return {
      bidId: p.bidId,
      reference: p.reference,
      organisationName: p.organisationName,
      projectTitle: p.projectTitle,
      amountPence: Number(p.amountPence),
      districts: p.districts ?? "",
      returnKind: returned?.kind ?? null,
      beneficiariesReached: returned?.beneficiariesReached ?? null,
      outcomes,
    };
  });
}

export type PanelChoice = { kind: "round"; slug: string } | { kind: "year"; year: number };

/** The period from `?round=gr1` or `?year=2021-22`; the latest released round when neither is given; null when malformed. */
export function panelChoiceFromQuery(search: URLSearchParams): PanelChoice | "latest" | null {
  const round = search.get("round")?.trim();
  const year = search.get("year")?.trim();
  if (round && year) return null;
  if (round) return /^[a-z0-9-]{1,80}$/.test(round) ? { kind: "round", slug: round } : null;
  if (year) {
    const parsed = parseFinancialYear(year);
    return parsed === null ? null : { kind: "year", year: parsed };
  }
  return "latest";
}

/**
 * Everything the Panel page and its Word document show; undefined for an unknown fund or round, or
 * a malformed period. `unreleased` is set when the round asked for has no released decisions yet.
 */
export function panelReport(fundSlug: string, search: URLSearchParams, now: Date) {
  const fund = findFundBySlug(fundSlug);
  let choice = panelChoiceFromQuery(search);
  if (!fund || choice === null) return undefined;
  const allReleased = releasedRounds(fund.id);
  if (choice === "latest") choice = allReleased.length ? { kind: "round", slug: allReleased[allReleased.length - 1].slug } : { kind: "year", year: financialYearOf(now) };
  const years = [...new Set(allReleased.map((r) => financialYearOf(r.releasedAt)))].sort();
  const choices = { rounds: allReleased.map((r) => ({ slug: r.slug, code: r.code, name: r.name })), years };

  let inPeriod: Released[];
  if (choice.kind === "round") {
    const slug = choice.slug;
    const round = findReportRound(fund.slug, slug);
    if (!round) return undefined;
    const released = allReleased.find((r) => r.id === round.id);
    if (!released) return { fund, choice, choices, unreleased: { code: round.code, name: round.name } } as const;
    inPeriod = [released];
  } else {
    inPeriod = releasedRounds(fund.id, choice.year);
  }

  const tag = featuredTag() ?? null;
  const funded = fundedByRound(inPeriod, tag?.id ?? null);
  const summaries: ReleasedRound[] = inPeriod.map((r) => ({
    code: r.code,
    name: r.name,
    releasedAt: r.releasedAt,
    funded: funded.get(r.id)?.funded ?? { count: 0, totalPence: 0 },
    tagged: tag ? (funded.get(r.id)?.tagged ?? { count: 0, totalPence: 0 }) : null,
  }));
  const period: PanelPeriod = choice.kind === "round" ? { kind: "round", round: summaries[0] } : { kind: "year", year: choice.year, rounds: summaries };
  const roundIds = inPeriod.map((r) => r.id);
  const planIds = inPeriod.map((r) => r.planId);
  const scope: BidScope = { roundIds, fundedOnly: true };
  return {
    fund,
    choice,
    choices,
    unreleased: null,
    period,
    rounds: inPeriod.map((r) => ({ slug: r.slug, code: r.code })),
    paragraphs: panelParagraphs(period, tag?.name ?? null),
    tag: tag ? { slug: tag.slug, name: tag.name } : null,
    byPriority: splitTable("priority", splitValues("priority", planIds), splitFigures(scope, "priority")),
    byDistrict: splitTable("district", splitValues("district", planIds), splitFigures(scope, "district")),
    taggedProjects: tag && roundIds.length ? taggedProjects(roundIds, tag.id) : [],
  };
}

export type PanelReport = NonNullable<ReturnType<typeof panelReport>>;
export type ReleasedPanelReport = Extract<PanelReport, { unreleased: null }>;
