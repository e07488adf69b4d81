/**
 * Every application behind a report's figures, for the "all applications" export. Read a page at
 * a time by bid id (keyset paging), so a large export never holds the whole round in memory and
 * never keeps the one database connection busy between pages: each page is a finished query, and
 * other requests run in between while the response streams.
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client";
import type { ApplicationRow } from "~/domain/reports/export";
import { STANDING_LABEL, type Standing } from "~/domain/reports/outcomes";
import { ORGANISATION_TYPES } from "~/domain/organisations/profile";
import { scopedBids, type BidScope } from "./aggregates.server";

export const PAGE_SIZE = 500;

type Raw = {
  bidId: number;
  reference: string | null;
  organisationName: string;
  organisationType: string | null;
  projectTitle: string | null;
  districts: string | null;
  priorities: string | null;
  themes: string | null;
  tags: string | null;
  standing: Standing;
  requestedPence: number;
  fundedPence: number;
};

const TYPE_LABEL = new Map<string, string>(ORGANISATION_TYPES.map((t) => [t.value, t.text]));

const names = (table: string, column: string, names: string) =>
  sql.raw(`(SELECT group_concat(n.name, '; ' ORDER BY n.name) FROM ${table} x JOIN ${names} n ON n.id = x.${column} WHERE x.bid_id = s.bid_id)`);

function page(scope: BidScope, afterBidId: number, size: number): Raw[] {
  return getDb().all<Raw>(sql`
    SELECT s.bid_id AS "bidId", b.reference AS "reference", o.name AS "organisationName",
           (SELECT p.type FROM organisation_profiles p WHERE p.organisation_id = s.organisation_id) AS "organisationType",
           b.project_title AS "projectTitle",
           ${names("bid_districts", "district_id", "districts")} AS "districts",
           ${names("bid_priorities", "priority_id", "plan_priorities")} AS "priorities",
           ${names("bid_themes", "theme_id", "plan_themes")} AS "themes",
           ${names("bid_tags", "tag_id", "reporting_tags")} AS "tags",
           s.standing AS "standing", s.requested AS "requestedPence", s.funded_pence AS "fundedPence"
    FROM (${scopedBids(scope)}) s
    JOIN bids b ON b.id = s.bid_id
    JOIN organisations o ON o.id = s.organisation_id
    WHERE s.bid_id > ${afterBidId}
    ORDER BY s.bid_id
    LIMIT ${size}`);
}

function toRow(r: Raw): ApplicationRow {
  return {
    reference: r.reference,
    organisationName: r.organisationName,
    organisationType: r.organisationType ? (TYPE_LABEL.get(r.organisationType) ?? r.organisationType) : "",
    projectTitle: r.projectTitle,
    districts: r.districts ?? "",
    priorities: r.priorities ?? "",
    themes: r.themes ?? "",
    tags: r.tags ?? "",
    standing: STANDING_LABEL[r.standing] ?? r.standing,
    requestedPence: Number(r.requestedPence),
    fundedPence: Number(r.fundedPence),
  };
}

/** The applications in scope, a page at a time, in the order they were made. */
export function* applicationPages(scope: BidScope, size = PAGE_SIZE): Generator<ApplicationRow[]> {
  let after = 0;
  for (;;) {
    const rows = page(scope, after, size);
    if (rows.length === 0) return;
    yield rows.map(toRow);
    if (rows.length < size) return;
    after = rows[rows.length - 1].bidId;
  }
}
