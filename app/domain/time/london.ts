/**
 * Instants are stored in UTC; people read and type them in UK time (Europe/London), which moves
 * between GMT and BST. All conversion goes through @date-fns/tz so the clock change is right.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const LONDON = "Europe/London";

/** "Friday 30 January 2026 at 5:00pm" for a stored instant. */
export function formatLondonDateTime(instant: Date): string {
  const local = new TZDate(instant.getTime(), LONDON);
  return format(local, "EEEE d MMMM yyyy 'at' h:mmaaa");
}

export function formatLondonDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), LONDON), "d MMMM yyyy");
}

/** "2026-03-31" (a calendar date with no time) as "31 March 2026". */
export function formatIsoDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return format(new Date(Date.UTC(y, m - 1, d, 12)), "d MMMM yyyy");
}

/** The instant at which the given UK wall-clock date and time happens. */
export function londonWallClockToInstant(isoDate: string, hhmm: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  const [hh, mm] = hhmm.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, LONDON).getTime());
}

/** The UK wall-clock date ("2026-01-30") and time ("17:00") of an instant, for pre-filling forms. */
export function instantToLondonWallClock(instant: Date): { date: string; time: string } {
  const local = new TZDate(instant.getTime(), LONDON);
  return { date: format(local, "yyyy-MM-dd"), time: format(local, "HH:mm") };
}

export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
