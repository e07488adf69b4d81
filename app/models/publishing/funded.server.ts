/**
 * The public list of funded projects: the same published awards as the 360Giving exports, searched
 * and filtered, a page at a time, with the totals of everything that matches.
 */
import { z } from "zod";
import { getSqlite } from "#db/client";
import type { PublishedAward } from "~/domain/publishing/threesixty";
import { PUBLISHED_COLUMNS, PUBLISHED_FROM, toPublishedAward, type PublishedRow } from "./published-awards.server";

const slug = z.string().trim().regex(/^[a-z0-9-]{1,80}$/);
const id = z.string().trim().regex(/^\d{1,9}$/).transform(Number);

/** A filter that does not parse is ignored rather than refused: these are links anyone can edit. */
const filtersSchema = z.object({
  q: z.string().catch("").transform((s) => s.trim().slice(0, 100)),
  fund: slug.optional().catch(undefined),
  round: id.optional().catch(undefined),
  district: slug.optional().catch(undefined),
  priority: id.optional().catch(undefined),
  tag: slug.optional().catch(undefined),
  page: id.catch(1).transform((n) => Math.max(1, n)),
});

export type FundedFilters = z.output<typeof filtersSchema>;

export function parseFundedFilters(params: URLSearchParams): FundedFilters {
  const first: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") first[key] ??= value;
  return filtersSchema.parse(first);
}

/** `LIKE` treats % and _ as wildcards; a search for "100%" means the characters. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(f: FundedFilters): { sql: string; args: unknown[] } {
  const given = <T>(value: T | undefined | "", ...conditionAndArgs: [string, ...unknown[]]) => (value ? [conditionAndArgs] : []);
  const conditions = [
    ...given(f.q, `(o.name LIKE ? ESCAPE '\\' OR b.project_title LIKE ? ESCAPE '\\')`, likeText(f.q), likeText(f.q)),
    ...given(f.fund, "f.slug = ?", f.fund),
    ...given(f.round, "r.id = ?", f.round),
    ...given(f.district, "EXISTS (SELECT 1 FROM bid_districts bd JOIN districts ds ON ds.id = bd.district_id WHERE bd.bid_id = b.id AND ds.slug = ?)", f.district),
    ...given(f.priority, "EXISTS (SELECT 1 FROM bid_priorities bp WHERE bp.bid_id = b.id AND bp.priority_id = ?)", f.priority),
    ...given(f.tag, "EXISTS (SELECT 1 FROM bid_tags bt JOIN reporting_tags t ON t.id = bt.tag_id WHERE bt.bid_id = b.id AND t.slug = ?)", f.tag),
  ];
  return { sql: conditions.map(([condition]) => ` AND ${condition}`).join(""), args: conditions.flatMap(([, ...args]) => args) };
}

export type FundedPage = {
  awards: PublishedAward[];
  count: number;
  totalPence: number;
  page: number;
  pages: number;
};

export function listFundedProjects(filters: FundedFilters, perPage: number): FundedPage {
  const sqlite = getSqlite();
  const w = where(filters);
  const totals = sqlite.prepare(`SELECT count(*) AS count, coalesce(sum(a.amount_pence), 0) AS totalPence ${PUBLISHED_FROM}${w.sql}`).get(...w.args) as { count: number; totalPence: number };
  const pages = Math.max(1, Math.ceil(totals.count / perPage));
  const page = Math.min(filters.page, pages);
  // Grouped by fund, then round (newest release first), so the page can show them under headings.
  const rows = sqlite
    .prepare(`SELECT ${PUBLISHED_COLUMNS} ${PUBLISHED_FROM}${w.sql} ORDER BY f.name, f.id, s.decisions_released_at DESC, r.id, o.name COLLATE NOCASE, a.id LIMIT ? OFFSET ?`)
    .all(...w.args, perPage, (page - 1) * perPage) as PublishedRow[];
  return { awards: rows.map(toPublishedAward), count: totals.count, totalPence: totals.totalPence, page, pages };
}

export type FilterOption = { value: string; text: string };

/** Only what has published awards is offered, so no choice leads to an empty page. */
export function fundedFilterOptions(): Record<"funds" | "rounds" | "districts" | "priorities" | "tags", FilterOption[]> {
  const sqlite = getSqlite();
  const published = `SELECT a.bid_id ${PUBLISHED_FROM}`;
  const all = <T>(query: string) => sqlite.prepare(query).all() as T[];
  const priorities = all<{ id: number; name: string; plan: string }>(
    `SELECT DISTINCT pp.id, pp.name, pl.name AS plan FROM plan_priorities pp JOIN plans pl ON pl.id = pp.plan_id JOIN bid_priorities bp ON bp.priority_id = pp.id
     WHERE bp.bid_id IN (${published}) ORDER BY pl.id, pp.position`,
  );
  const plans = new Set(priorities.map((p) => p.plan));
  return {
    funds: all(`SELECT DISTINCT f.slug AS value, f.name AS text ${PUBLISHED_FROM} ORDER BY f.name`),
    rounds: all(`SELECT DISTINCT CAST(r.id AS TEXT) AS value, f.name || ': ' || r.name AS text ${PUBLISHED_FROM} ORDER BY f.name, r.id DESC`),
    districts: all(`SELECT DISTINCT ds.slug AS value, ds.name AS text FROM districts ds JOIN bid_districts bd ON bd.district_id = ds.id WHERE bd.bid_id IN (${published}) ORDER BY ds.name`),
    // Two plans may each have a priority of the same name; the plan's name tells them apart.
    priorities: priorities.map((p) => ({ value: String(p.id), text: plans.size > 1 ? `${p.name} (${p.plan})` : p.name })),
    tags: all(`SELECT DISTINCT t.slug AS value, t.name AS text FROM reporting_tags t JOIN bid_tags bt ON bt.tag_id = t.id WHERE bt.bid_id IN (${published}) ORDER BY t.name`),
  };
}
