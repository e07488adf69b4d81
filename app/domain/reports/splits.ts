/**
 * How a round's applications are split for the report, and how each split's total works.
 *
 * Every total a person sees must equal the sum of the rows above it. An application can name
 * several priorities, districts, themes and tags, so there are two kinds of split:
 * - exclusive (priority, district, organisation type): each application is counted once, in the
 *   row of the one value it gave, or in a "More than one ..." or "None given" row, so the rows
 *   add up to the total exactly. This is how the decisions page splits priorities and districts.
 * - overlapping (cross-cutting theme, reporting tag): each row counts every application carrying
 *   that theme or tag at its full amount, because that is the question asked ("how many Drugs and
 *   Alcohol projects, totalling how much"). These rows overlap, so they have no total row; a tag's
 *   row equals the whole report filtered to that tag.
 */
import { NO_FIGURES, sumFigures, type Figures } from "./figures";

export const SPLIT_KEYS = ["priority", "theme", "tag", "district", "organisation_type"] as const;
export type SplitKey = (typeof SPLIT_KEYS)[number];

/** What the exports can download: the outcome summary, each split, and every application behind them. */
export const REPORT_TABLES = ["summary", ...SPLIT_KEYS, "applications"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export function parseReportTable(value: string | null): ReportTable | null {
  return (REPORT_TABLES as readonly string[]).includes(value ?? "") ? (value as ReportTable) : null;
}

/** The export's `?table=`: the summary when none is given, null for a name we do not know. */
export function exportTableFromQuery(params: URLSearchParams): ReportTable | null {
  const value = params.get("table");
  return value === null || value === "" ? "summary" : parseReportTable(value);
}

type SplitDefinition = {
  title: string;
  /** The first column's heading. */
  heading: string;
  overlapping: boolean;
  several: string;
  none: string;
  note: string;
};

export const SPLITS: Record<SplitKey, SplitDefinition> = {
  priority: {
    title: "By Police and Crime Plan priority",
    heading: "Priority",
    overlapping: false,
    several: "More than one priority",
    none: "No priority given",
    note: "Each application is counted once: one that names more than one priority is in the \u201cMore than one priority\u201d row, so the rows add up to the total.",
  },
  theme: {
    title: "By cross-cutting theme",
    heading: "Theme",
    overlapping: true,
    several: "",
    none: "No theme given",
    note: "An application can name more than one theme, so it is counted in each of its themes' rows at its full amount. These rows overlap and are not added up.",
  },
  tag: {
    title: "By reporting tag",
    heading: "Reporting tag",
    overlapping: true,
    several: "",
    none: "No reporting tag",
    note: "A project can carry more than one tag, so it is counted in each of its tags' rows at its full amount, as the Police and Crime Panel asks. These rows overlap and are not added up; each row matches the report filtered to that tag.",
  },
  district: {
    title: "By district",
    heading: "District",
    overlapping: false,
    several: "More than one district",
    none: "No district given",
    note: "Each application is counted once: one that works in more than one district is in the \u201cMore than one district\u201d row, so the rows add up to the total.",
  },
  organisation_type: {
    title: "By organisation type",
    heading: "Organisation type",
    overlapping: false,
    several: "",
    none: "Type not given",
    note: "Each application is counted once, under its organisation's type as its profile gives it now.",
  },
};

export type ReportRow = { key: string; name: string; figures: Figures };

export type ReportTableData = {
  title: string;
  heading: string;
  rows: ReportRow[];
  /** The sum of the rows; null for overlapping splits, whose rows must not be added up. */
  total: Figures | null;
  note: string;
};

/** Keys the SQL gives the catch-all rows. */
export const SEVERAL_KEY = "several";
export const NONE_KEY = "none";

export type NamedValue = { key: string; name: string };

/**
 * Rows for a split from the database's aggregates: every configured value in its order (zero rows
 * included, so a priority nobody chose is seen to be nobody's), then the catch-all rows when they
 * have anything in them. Aggregates for keys the configuration no longer names keep their key.
 */
export function splitTable(split: SplitKey, values: readonly NamedValue[], aggregates: ReadonlyMap<string, Figures>): ReportTableData {
  const def = SPLITS[split];
  const known = new Set(values.map((v) => v.key));
  const rows: ReportRow[] = values.map((v) => ({ key: v.key, name: v.name, figures: aggregates.get(v.key) ?? NO_FIGURES }));
  for (const [key, figures] of aggregates) {
    if (!known.has(key) && key !== SEVERAL_KEY && key !== NONE_KEY) rows.push({ key, name: `Unknown (${key})`, figures });
  }
  for (const [key, name] of [
    [SEVERAL_KEY, def.several],
    [NONE_KEY, def.none],
  ] as const) {
    const figures = aggregates.get(key);
    if (figures && figures.received > 0) rows.push({ key, name, figures });
  }
  return { title: def.title, heading: def.heading, rows, total: def.overlapping ? null : sumFigures(rows), note: def.note };
}
