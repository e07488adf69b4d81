/**
 * Layout for the moderation chart: one row per bid, a bar for the assessors' mean weighted score
 * and a line from the lowest to the highest assessor's score (the spread). Pure arithmetic on the
 * 0-10000 hundredths the scores are held in, so it is unit-tested without rendering anything.
 */
import { formatScore, mean } from "~/domain/assessment/scoring";
import { formatPoints } from "./forms";

export const CHART = { labelWidth: 130, plotWidth: 400, valueWidth: 190, rowHeight: 30, barHeight: 14, top: 8, axisHeight: 28 } as const;
export const CHART_WIDTH = CHART.labelWidth + CHART.plotWidth + CHART.valueWidth;
export const TICKS = [0, 2500, 5000, 7500, 10000] as const;

export type ChartBid = { id: number; label: string; scores: readonly number[]; flagged: boolean };

/** The x coordinate of a score; anything outside 0-100% is pinned to the axis ends. */
export function xFor(hundredths: number): number {
  const bounded = Math.min(Math.max(hundredths, 0), 10_000);
  // Two decimals are finer than any screen shows and keep the markup short.
  return Math.round((CHART.labelWidth + (bounded / 10_000) * CHART.plotWidth) * 100) / 100;
}

export function chartLayout(bids: readonly ChartBid[]) {
  const rows = bids.map((bid, i) => {
    const y = CHART.top + i * CHART.rowHeight;
    const average = mean(bid.scores);
    const scored = average !== null;
    return {
      ...bid,
      y,
      barY: y + (CHART.rowHeight - CHART.barHeight) / 2,
      middleY: y + CHART.rowHeight / 2,
      mean: average,
      barWidth: scored ? Math.round((xFor(average) - xFor(0)) * 100) / 100 : 0,
      low: scored ? xFor(Math.min(...bid.scores)) : null,
      high: scored ? xFor(Math.max(...bid.scores)) : null,
      value: scored ? `${formatScore(average)}${bid.flagged ? ", needs moderation" : ""}` : "Not scored yet",
    };
  });
  const axisY = CHART.top + bids.length * CHART.rowHeight;
  return {
    width: CHART_WIDTH,
    height: axisY + CHART.axisHeight,
    axisY,
    ticks: TICKS.map((t) => ({ x: xFor(t), label: `${t / 100}%` })),
    rows,
  };
}

/** The chart's long description: what is drawn, the range of means and how many need moderation. */
export function chartDescription(bids: readonly ChartBid[], thresholdPoints: number): string {
  const means = bids.map((b) => mean(b.scores)).filter((m): m is number => m !== null);
  const flagged = bids.filter((b) => b.flagged).length;
  const parts = [`Mean weighted score of ${bids.length} eligible ${bids.length === 1 ? "bid" : "bids"}, with a line from the lowest to the highest assessor's score.`];
  if (means.length === 0) parts.push("No bid has a submitted score yet.");
  else if (means.length === 1) parts.push(`The only mean so far is ${formatScore(means[0])}.`);
  else parts.push(`Means range from ${formatScore(Math.min(...means))} to ${formatScore(Math.max(...means))}.`);
  const threshold = formatPoints(thresholdPoints * 100);
  parts.push(flagged === 0 ? `No bid's assessors differ by more than ${threshold}.` : `${flagged} ${flagged === 1 ? "bid needs" : "bids need"} moderation: their assessors differ by more than ${threshold}.`);
  parts.push("The table that follows gives every figure.");
  return parts.join(" ");
}
