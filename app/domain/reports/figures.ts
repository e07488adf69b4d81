/**
 * The figures every report row carries, and the two that are derived from them. Counts and pence
 * are integers that add up; the success rate and the average award are worked out from a row's own
 * sums (a total row's rate is never the sum or mean of the rows' rates), so a total can always be
 * checked against the rows above it.
 */
import { formatPence } from "~/domain/money/money";

export type Figures = {
  /** Applications received: submitted and not withdrawn. */
  received: number;
  requestedPence: number;
  /** Found eligible by an officer's eligibility check. */
  eligible: number;
  /** Given a decision to fund in full or in part. */
  funded: number;
  fundedPence: number;
};

export const FIGURE_KEYS = ["received", "requestedPence", "eligible", "funded", "fundedPence"] as const satisfies readonly (keyof Figures)[];

export const NO_FIGURES: Figures = Object.freeze({ received: 0, requestedPence: 0, eligible: 0, funded: 0, fundedPence: 0 });

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    received: a.received + b.received,
    requestedPence: a.requestedPence + b.requestedPence,
    eligible: a.eligible + b.eligible,
    funded: a.funded + b.funded,
    fundedPence: a.fundedPence + b.fundedPence,
  };
}

export function sumFigures(rows: readonly { figures: Figures }[]): Figures {
  return rows.reduce((total, row) => addFigures(total, row.figures), NO_FIGURES);
}

/** Figures from a SQL aggregate row, where SUM over no rows is NULL and drivers may hand back bigints. */
export function figuresFromAggregate(row: Partial<Record<keyof Figures, number | bigint | null>> | undefined): Figures {
  const n = (v: number | bigint | null | undefined) => Number(v ?? 0);
  return { received: n(row?.received), requestedPence: n(row?.requestedPence), eligible: n(row?.eligible), funded: n(row?.funded), fundedPence: n(row?.fundedPence) };
}

/**
 * Funded applications as a share of applications received, in tenths of a percent (412 = 41.2%),
 * rounded half up with integer arithmetic; null when nothing was received.
 */
export function successRateTenths(f: Pick<Figures, "funded" | "received">): number | null {
  if (f.received <= 0) return null;
  return Math.floor((2000 * f.funded + f.received) / (2 * f.received));
}

export function formatSuccessRate(f: Pick<Figures, "funded" | "received">): string {
  const tenths = successRateTenths(f);
  return tenths === null ? "" : `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

/** The mean award in whole pence, rounded half up; null when nothing was funded. */
export function averageAwardPence(f: Pick<Figures, "funded" | "fundedPence">): number | null {
  if (f.funded <= 0) return null;
  const whole = Math.floor(f.fundedPence / f.funded);
  const remainder = f.fundedPence - whole * f.funded;
  return 2 * remainder >= f.funded ? whole + 1 : whole;
}

export function formatAverageAward(f: Pick<Figures, "funded" | "fundedPence">): string {
  const average = averageAwardPence(f);
  return average === null ? "" : formatPence(average);
}
