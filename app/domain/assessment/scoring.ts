/**
 * Scoring maths, in one place. Scores are held as integer hundredths of a percentage point
 * (0-10000) so they compare and sort exactly; people see them as "72.5%".
 */
export type Criterion = { id: number; maxScore: number; weight: number };

/**
 * The weighted score of one assessment: each criterion's score as a fraction of its maximum, weighted,
 * over the total weight. Criteria with weight 0 are ignored. Null when a weighted criterion has no
 * score yet, or no criterion carries weight.
 */
export function weightedScore(criteria: readonly Criterion[], scores: ReadonlyMap<number, number | null | undefined>): number | null {
  const weighted = criteria.filter((c) => c.weight > 0 && c.maxScore > 0);
  const totalWeight = weighted.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return null;
  let sum = 0;
  for (const c of weighted) {
    const score = scores.get(c.id);
    if (score === null || score === undefined) return null;
    const bounded = Math.min(Math.max(score, 0), c.maxScore);
    sum += (bounded / c.maxScore) * c.weight;
  }
  return Math.round((sum / totalWeight) * 10_000);
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** The gap between the highest and lowest of several assessors' weighted scores. */
export function spread(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values) - Math.min(...values);
}

/** Flag for moderation when assessors differ by more than the round's threshold (percentage points). */
export function needsModeration(values: readonly number[], thresholdPoints: number): boolean {
  const gap = spread(values);
  return gap !== null && values.length > 1 && gap > thresholdPoints * 100;
}

export function formatScore(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "Not scored";
  return `${(hundredths / 100).toFixed(1)}%`;
}

/** "72.5" typed by an officer as a percentage, to hundredths; null if not a percentage. */
export function parsePercentage(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * 100 + (match[2] ? Number(match[2].padEnd(2, "0")) : 0);
  return value <= 10_000 ? value : null;
}

/** The score that ranks a bid: the moderated one when an officer recorded it, else the assessors' mean. */
export function rankingScore(assessorScores: readonly number[], moderated: number | null | undefined): number | null {
  return moderated ?? mean(assessorScores);
}
