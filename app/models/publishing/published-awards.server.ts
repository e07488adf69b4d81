/**
 * What the public may see of awards: the one SQL definition of a published award, shared by the
 * 360Giving exports and the /funded page so the two can never disagree.
 *
 * Published means: the round's decisions were released, the decision was to fund (in full or in
 * part), and the offer was not declined (a declined offer is no grant). Only public columns are
 * selected; nothing about people, contacts, addresses or bank details is ever read here.
 */
import type { PublishedAward } from "~/domain/publishing/threesixty";

/** Joins and conditions; callers add their own `AND ...` and ordering. */
export const PUBLISHED_FROM = `
  FROM awards a
  JOIN decisions d ON d.bid_id = a.bid_id AND d.outcome IN ('fund_full', 'fund_part')
  JOIN rounds r ON r.id = a.round_id
  JOIN funds f ON f.id = r.fund_id
  JOIN round_assessment_settings s ON s.round_id = r.id AND s.decisions_released_at IS NOT NULL
  JOIN bids b ON b.id = a.bid_id
  JOIN organisations o ON o.id = a.organisation_id
  LEFT JOIN organisation_profiles op ON op.organisation_id = o.id
  WHERE a.status <> 'declined'`;

/**
 * One row per award, its lists gathered as JSON in the same row: better-sqlite3 refuses any write
 * on a connection while a statement is being iterated, so nothing may be queried per row.
 */
export const PUBLISHED_COLUMNS = `
  a.id AS awardId, a.amount_pence AS amountPence, a.starts_on AS startsOn, a.ends_on AS endsOn,
  b.reference AS reference, b.project_title AS projectTitle,
  json_extract(b.submitted, '$.answers.project.summary') AS summary,
  s.decisions_released_at AS releasedAt,
  o.id AS organisationId, o.name AS organisationName, op.charity_number AS charityNumber, op.company_number AS companyNumber,
  f.slug AS fundSlug, f.code AS fundCode, f.name AS fundName, f.allocation_method AS allocationMethod,
  r.id AS roundId, r.code AS roundCode, r.name AS roundName,
  (SELECT json_group_array(json_object('id', x.id, 'name', x.name)) FROM
     (SELECT pp.id, pp.name FROM bid_priorities bp JOIN plan_priorities pp ON pp.id = bp.priority_id WHERE bp.bid_id = b.id ORDER BY pp.position, pp.id) x) AS priorities,
  (SELECT json_group_array(json_object('slug', x.slug, 'name', x.name)) FROM
     (SELECT t.slug, t.name FROM bid_tags bt JOIN reporting_tags t ON t.id = bt.tag_id WHERE bt.bid_id = b.id ORDER BY t.name) x) AS tags,
  (SELECT json_group_array(json_object('slug', x.slug, 'name', x.name)) FROM
     (SELECT ds.slug, ds.name FROM bid_districts bd JOIN districts ds ON ds.id = bd.district_id WHERE bd.bid_id = b.id ORDER BY ds.name) x) AS districts`;

export type PublishedRow = {
  awardId: number;
  amountPence: number;
  startsOn: string;
  endsOn: string;
  reference: string;
  projectTitle: string;
  summary: string | null;
  releasedAt: number;
  organisationId: number;
  organisationName: string;
  charityNumber: string | null;
  companyNumber: string | null;
  fundSlug: string;
  fundCode: string;
  fundName: string;
  allocationMethod: string;
  roundId: number;
  roundCode: string;
  roundName: string;
  priorities: string;
  tags: string;
  districts: string;
};

export function toPublishedAward(row: PublishedRow): PublishedAward {
  return {
    awardId: row.awardId,
    reference: row.reference,
    projectTitle: row.projectTitle,
    summary: typeof row.summary === "string" ? row.summary : null,
    amountPence: row.amountPence,
    releasedAt: new Date(row.releasedAt),
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    organisation: { id: row.organisationId, name: row.organisationName, charityNumber: row.charityNumber, companyNumber: row.companyNumber },
    // A competitive fund invites bids from anyone; a passported one allocates without a call.
    fund: { slug: row.fundSlug, code: row.fundCode, name: row.fundName, openCall: row.allocationMethod === "competitive" },
    round: { id: row.roundId, code: row.roundCode, name: row.roundName },
    priorities: JSON.parse(row.priorities),
    tags: JSON.parse(row.tags),
    districts: JSON.parse(row.districts),
  };
}
