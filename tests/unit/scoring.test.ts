import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatScore, mean, needsModeration, parsePercentage, rankingScore, spread, weightedScore, type Criterion } from "~/domain/assessment/scoring";
import { fillByRank } from "~/domain/decisions/budget";

const criteria: Criterion[] = [
  { id: 1, maxScore: 5, weight: 25 },
  { id: 2, maxScore: 5, weight: 20 },
  { id: 3, maxScore: 5, weight: 20 },
  { id: 4, maxScore: 5, weight: 15 },
  { id: 5, maxScore: 5, weight: 10 },
  { id: 6, maxScore: 5, weight: 10 },
];

describe("weighted score", () => {
  it("is 100% for full marks and 0% for none", () => {
    expect(weightedScore(criteria, new Map(criteria.map((c) => [c.id, 5])))).toBe(10_000);
    expect(weightedScore(criteria, new Map(criteria.map((c) => [c.id, 0])))).toBe(0);
  });

  it("weights each criterion's share of its maximum", () => {
    // 4/5 on the 25-weight criterion, 5/5 elsewhere: 100 - 25 * 0.2 = 95%
    const scores = new Map(criteria.map((c) => [c.id, c.id === 1 ? 4 : 5]));
    expect(weightedScore(criteria, scores)).toBe(9_500);
    expect(formatScore(9_500)).toBe("95.0%");
  });

  it("is not computed until every weighted criterion is scored", () => {
    expect(weightedScore(criteria, new Map([[1, 5]]))).toBeNull();
  });

  it("ignores criteria of weight zero, even unscored", () => {
    const withZero = [...criteria, { id: 7, maxScore: 10, weight: 0 }];
    const scores = new Map(criteria.map((c) => [c.id, 3] as [number, number]));
    expect(weightedScore(withZero, scores)).toBe(weightedScore(criteria, scores));
  });

  it("always stays within 0-100%, whatever the criteria and scores", () => {
    const criterion = fc.record({ id: fc.integer({ min: 1, max: 1000 }), maxScore: fc.integer({ min: 1, max: 20 }), weight: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.uniqueArray(criterion, { selector: (c) => c.id, minLength: 1, maxLength: 10 }), fc.integer(), (list, seed) => {
        const scores = new Map(list.map((c, i) => [c.id, Math.abs((seed + i * 7) % (c.maxScore + 1))] as [number, number]));
        const result = weightedScore(list, scores);
        if (list.every((c) => c.weight === 0)) expect(result).toBeNull();
        else {
          expect(result).not.toBeNull();
          expect(result!).toBeGreaterThanOrEqual(0);
          expect(result!).toBeLessThanOrEqual(10_000);
        }
      }),
    );
  });

  it("zero-weight criteria never change the result", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 50 }), (values, extra) => {
        const scores = new Map(criteria.map((c, i) => [c.id, values[i]] as [number, number]));
        const withZero = new Map(scores).set(99, extra);
        expect(weightedScore([...criteria, { id: 99, maxScore: 50, weight: 0 }], withZero)).toBe(weightedScore(criteria, scores));
      }),
    );
  });
});

describe("spread and moderation", () => {
  it("gives the mean and the gap between assessors", () => {
    expect(mean([7_000, 8_000])).toBe(7_500);
    expect(spread([7_000, 9_500, 8_000])).toBe(2_500);
  });
  it("flags a gap above the threshold, not at it", () => {
    expect(needsModeration([6_000, 8_000], 20)).toBe(false);
    expect(needsModeration([6_000, 8_001], 20)).toBe(true);
    expect(needsModeration([6_000], 20)).toBe(false);
  });
  it("ranks by the moderated score when there is one", () => {
    expect(rankingScore([6_000, 9_000], null)).toBe(7_500);
    expect(rankingScore([6_000, 9_000], 8_200)).toBe(8_200);
  });
  it("reads a percentage typed by an officer", () => {
    expect(parsePercentage("72.5")).toBe(7_250);
    expect(parsePercentage("100%")).toBe(10_000);
    expect(parsePercentage("100.01")).toBeNull();
    expect(parsePercentage("-3")).toBeNull();
  });
});

describe("fill by rank", () => {
  it("funds in rank order until the next bid does not fit, then proposes the rest for the reserve list", () => {
    const proposals = fillByRank(
      [
        { bidId: 1, amountRequestedPence: 800_000 },
        { bidId: 2, amountRequestedPence: 700_000 },
        { bidId: 3, amountRequestedPence: 600_000 },
        { bidId: 4, amountRequestedPence: 100_000 },
      ],
      2_000_000,
    );
    expect(proposals.map((p) => [p.bidId, p.outcome, p.runningTotalPence])).toEqual([
      [1, "fund_full", 800_000],
      [2, "fund_full", 1_500_000],
      [3, "reserve", 1_500_000],
      [4, "reserve", 1_500_000],
    ]);
  });
  it("never proposes more than the budget", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 800_000 }), { maxLength: 60 }), fc.integer({ min: 0, max: 25_000_000 }), (amounts, budget) => {
        const proposals = fillByRank(amounts.map((a, i) => ({ bidId: i, amountRequestedPence: a })), budget);
        const funded = proposals.filter((p) => p.outcome === "fund_full").reduce((s, p) => s + p.amountPence, 0);
        expect(funded).toBeLessThanOrEqual(budget);
      }),
    );
  });
});
