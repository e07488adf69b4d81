/**
 * The paragraphs an officer would otherwise type for the Police and Crime Panel, written from the
 * released figures in the words the Panel's papers use:
 *   "GR1 awarded on 1 March 2022 – 39 projects were awarded a total of £208,254.93. This round saw
 *    11 Drugs and Alcohol projects funded totalling £62,468.41."
 * Pure, so the page, the Word document and the tests all get the same sentences.
 */
import { financialYearLabel } from "~/domain/money/ledger";
import { formatPence } from "~/domain/money/money";
import { formatLondonDate } from "~/domain/time/london";

export type Tally = { count: number; totalPence: number };

export type ReleasedRound = {
  code: string;
  name: string;
  releasedAt: Date;
  funded: Tally;
  /** Funded projects carrying the featured tag (Drugs and Alcohol); null when no such tag is configured. */
  tagged: Tally | null;
};

export type PanelPeriod = { kind: "round"; round: ReleasedRound } | { kind: "year"; year: number; rounds: ReleasedRound[] };

const projects = (n: number) => `${n} ${n === 1 ? "project" : "projects"}`;

/** "GR1", "GR1 and GR2", "GR1, GR2 and GR3". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const taggedProjects = (n: number, tagName: string) => `${n} ${tagName} ${n === 1 ? "project" : "projects"}`;

function taggedSentence(subject: "round" | "year", tagged: Tally, tagName: string): string {
  if (tagged.count === 0) return `${subject === "round" ? "This round" : "These rounds"} funded no ${tagName} projects.`;
  if (subject === "round") return `This round saw ${taggedProjects(tagged.count, tagName)} funded totalling ${formatPence(tagged.totalPence)}.`;
  return `Across the year, ${taggedProjects(tagged.count, tagName)} ${tagged.count === 1 ? "was" : "were"} funded totalling ${formatPence(tagged.totalPence)}.`;
}

/** One round's paragraph: when it was awarded, how many projects for how much, and the featured tag's share. */
export function roundParagraph(round: ReleasedRound, tagName: string | null): string {
  const date = formatLondonDate(round.releasedAt);
  if (round.funded.count === 0) return `${round.code} decisions were released on ${date} \u2013 no projects were awarded.`;
  const first = `${round.code} awarded on ${date} \u2013 ${projects(round.funded.count)} ${round.funded.count === 1 ? "was" : "were"} awarded a total of ${formatPence(round.funded.totalPence)}.`;
  return round.tagged && tagName ? `${first} ${taggedSentence("round", round.tagged, tagName)}` : first;
}

function add(a: Tally, b: Tally): Tally {
  return { count: a.count + b.count, totalPence: a.totalPence + b.totalPence };
}

/** The year's opening paragraph: everything awarded in rounds released that financial year. */
export function yearParagraph(year: number, rounds: readonly ReleasedRound[], tagName: string | null): string {
  const label = financialYearLabel(year);
  if (rounds.length === 0) return `No funding decisions were released in ${label}.`;
  const funded = rounds.reduce((t, r) => add(t, r.funded), { count: 0, totalPence: 0 });
  const codes = listInWords(rounds.map((r) => r.code));
  const roundWords = `${rounds.length} ${rounds.length === 1 ? "round" : "rounds"} (${codes})`;
  const first =
    funded.count === 0
      ? `In ${label}, decisions were released for ${roundWords} and no projects were awarded.`
      : `In ${label}, ${projects(funded.count)} ${funded.count === 1 ? "was" : "were"} awarded a total of ${formatPence(funded.totalPence)} across ${roundWords}.`;
  const tagged = rounds.every((r) => r.tagged) ? rounds.reduce((t, r) => add(t, r.tagged!), { count: 0, totalPence: 0 }) : null;
  return tagged && tagName && funded.count > 0 ? `${first} ${taggedSentence("year", tagged, tagName)}` : first;
}

/** Every paragraph for the period, in reading order. */
export function panelParagraphs(period: PanelPeriod, tagName: string | null): string[] {
  if (period.kind === "round") return [roundParagraph(period.round, tagName)];
  // A year of one round is that round's paragraph (it carries the date the Panel quotes); a year of
  // several opens with the year's totals, then gives each round its own.
  if (period.rounds.length === 1) return [roundParagraph(period.rounds[0], tagName)];
  const paragraphs = [yearParagraph(period.year, period.rounds, tagName)];
  if (period.rounds.length > 1) paragraphs.push(...period.rounds.map((r) => roundParagraph(r, tagName)));
  return paragraphs;
}

/** The period as a heading: "GR1: Grant round 1" or "Financial year 2021-22". */
export function periodLabel(period: PanelPeriod): string {
  return period.kind === "round" ? `${period.round.code}: ${period.round.name}` : `Financial year ${financialYearLabel(period.year)}`;
}

/** How the Panel's tables count projects: the same words on the page and in the Word document. */
export const PANEL_TABLE_NOTE = {
  priority: "Each project is counted once: one that serves more than one priority is in the \u201cMore than one priority\u201d row, so the rows add up to the total.",
  district: "Each project is counted once: one that works in more than one district is in the \u201cMore than one district\u201d row, so the rows add up to the total.",
} as const;
