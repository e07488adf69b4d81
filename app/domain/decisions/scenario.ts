/**
 * What a set of decisions (recorded, or proposed by "fill by rank") would fund, by Police and Crime
 * Plan priority, district and reporting tag. Pure, so the preview, the committed list and any report
 * compute the same figures.
 *
 * A bid may name several priorities and several districts. Counting it under each would make the
 * rows add up to more than was funded, and every total a person sees must equal the sum of its rows
 * to the penny. So priorities and districts are exclusive: a bid with several goes in one "More than
 * one ..." row. Tags are different: the Police and Crime Panel asks "how many Drugs and Alcohol
 * projects, totalling how much", meaning every project carrying the tag at its full amount, so each
 * tag row counts every funded project carrying it and the tag rows overlap (they have no total row).
 */
import { formatPence } from "~/domain/money/money";

export const DRUGS_AND_ALCOHOL = "Drugs and Alcohol";
export const SEVERAL_PRIORITIES = "More than one priority";
export const NO_PRIORITY = "No priority given";
export const SEVERAL_DISTRICTS = "More than one district";
export const NO_DISTRICT = "No district given";
export const NO_TAG = "No reporting tag";

export type FundedItem = {
  bidId: number;
  /** What the round commits to the bid; bids committing nothing are not "funded" and are left out. */
  amountPence: number;
  priorities: readonly string[];
  districts: readonly string[];
  tags: readonly string[];
};

export type Tally = { count: number; totalPence: number };
export type BreakdownRow = Tally & { name: string };
/** Rows that partition the funded bids: `count` and `totalPence` are exactly the sums of the rows. */
export type ExclusiveBreakdown = Tally & { rows: BreakdownRow[] };

export type ScenarioBreakdown = {
  funded: Tally;
  byPriority: ExclusiveBreakdown;
  byDistrict: ExclusiveBreakdown;
  /** One row per tag, overlapping; plus a row for funded bids with no tag. */
  byTag: BreakdownRow[];
  drugsAndAlcohol: Tally;
};

/** Largest total first, then by name; the catch-all rows always last so named rows lead. */
function ordered(tallies: Map<string, Tally>, last: readonly string[]): BreakdownRow[] {
  const rows = [...tallies].map(([name, t]) => ({ name, ...t }));
  const rank = (name: string) => (last.includes(name) ? 1 + last.indexOf(name) : 0);
  return rows.sort((a, b) => rank(a.name) - rank(b.name) || b.totalPence - a.totalPence || a.name.localeCompare(b.name));
}

function add(tallies: Map<string, Tally>, name: string, amountPence: number) {
  const t = tallies.get(name) ?? { count: 0, totalPence: 0 };
  tallies.set(name, { count: t.count + 1, totalPence: t.totalPence + amountPence });
}

function exclusive(items: readonly FundedItem[], values: (i: FundedItem) => readonly string[], several: string, none: string): ExclusiveBreakdown {
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    const names = [...new Set(values(item))];
    add(tallies, names.length === 0 ? none : names.length === 1 ? names[0] : several, item.amountPence);
  }
  const rows = ordered(tallies, [several, none]);
  return { rows, ...sum(rows) };
}

export function sum(rows: readonly Tally[]): Tally {
  return rows.reduce((acc, r) => ({ count: acc.count + r.count, totalPence: acc.totalPence + r.totalPence }), { count: 0, totalPence: 0 });
}

export function scenarioBreakdown(items: readonly FundedItem[]): ScenarioBreakdown {
  const funded = items.filter((i) => i.amountPence > 0);
  const tags = new Map<string, Tally>();
  for (const item of funded) {
    const names = [...new Set(item.tags)];
    if (names.length === 0) add(tags, NO_TAG, item.amountPence);
    for (const name of names) add(tags, name, item.amountPence);
  }
  const drugs = tags.get(DRUGS_AND_ALCOHOL) ?? { count: 0, totalPence: 0 };
  return {
    funded: sum(funded.map((i) => ({ count: 1, totalPence: i.amountPence }))),
    byPriority: exclusive(funded, (i) => i.priorities, SEVERAL_PRIORITIES, NO_PRIORITY),
    byDistrict: exclusive(funded, (i) => i.districts, SEVERAL_DISTRICTS, NO_DISTRICT),
    byTag: ordered(tags, [NO_TAG]),
    drugsAndAlcohol: drugs,
  };
}

/** The Panel's question, answered in its own words: "11 Drugs and Alcohol projects totalling £62,468.41". */
export function drugsAndAlcoholSentence(tally: Tally): string {
  return `${tally.count} ${DRUGS_AND_ALCOHOL} ${tally.count === 1 ? "project" : "projects"} totalling ${formatPence(tally.totalPence)}`;
}
