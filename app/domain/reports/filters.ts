/**
 * The report's filters as they travel in the address (so a filtered report can be bookmarked,
 * linked and downloaded): `tag` is a reporting tag's slug, `year` a financial year as people write
 * it ("2021-22"). A value that is not well formed is refused rather than ignored: a report that
 * quietly dropped a filter would show the wrong figures under the right heading.
 */
import { z } from "zod";
import { financialYearLabel } from "~/domain/money/ledger";
import { londonWallClockToInstant } from "~/domain/time/london";

/** The tag the Police and Crime Panel asks about most; its slug is stable when the tag is renamed. */
export const FEATURED_TAG_SLUG = "drugs-and-alcohol";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "2021-22" as its starting year, 2021; null for anything else (including "2021-23"). */
export function parseFinancialYear(label: string): number | null {
  const match = /^(\d{4})-(\d{2})$/.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  return financialYearLabel(year) === label ? year : null;
}

export type ReportFilters = { tag: string | null; year: number | null };

const filtersSchema = z.object({
  tag: z.string().regex(SLUG).max(80).nullable(),
  year: z
    .string()
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null;
      const year = parseFinancialYear(v);
      if (year === null) ctx.addIssue({ code: "custom", message: "Not a financial year" });
      return year;
    }),
});

/** The filters from a query string; null when one is present but malformed. Empty values mean "all". */
export function parseReportFilters(params: URLSearchParams): ReportFilters | null {
  const value = (name: string) => params.get(name)?.trim() || null;
  const parsed = filtersSchema.safeParse({ tag: value("tag"), year: value("year") });
  return parsed.success ? parsed.data : null;
}

/** The filters back as a query string (without "?"), leaving out the ones not set, plus any extras. */
export function filtersQuery(filters: ReportFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.year !== null) params.set("year", financialYearLabel(filters.year));
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** The instants a financial year runs between: from 1 April 00:00 UK time, up to (not including) the next. */
export function financialYearRange(year: number): { from: Date; to: Date } {
  return { from: londonWallClockToInstant(`${year}-04-01`, "00:00"), to: londonWallClockToInstant(`${year + 1}-04-01`, "00:00") };
}

/** Every financial year from the first to the last, for a filter's choices. */
export function financialYearsBetween(first: number, last: number): number[] {
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}
