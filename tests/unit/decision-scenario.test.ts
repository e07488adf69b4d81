import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DRUGS_AND_ALCOHOL,
  NO_TAG,
  SEVERAL_DISTRICTS,
  SEVERAL_PRIORITIES,
  drugsAndAlcoholSentence,
  scenarioBreakdown,
  sum,
  type FundedItem,
} from "~/domain/decisions/scenario";

const item = (bidId: number, pounds: number, over: Partial<FundedItem> = {}): FundedItem => ({
  bidId,
  amountPence: Math.round(pounds * 100),
  priorities: ["Keeping People Safe"],
  districts: ["Leeds"],
  tags: [],
  ...over,
});

describe("what a scenario would fund", () => {
  it("counts and totals by priority, district and tag, to the penny", () => {
    const result = scenarioBreakdown([
      item(1, 8000, { tags: [DRUGS_AND_ALCOHOL] }),
      item(2, 5999.99, { districts: ["Bradford"], tags: [DRUGS_AND_ALCOHOL, "Knife Crime"] }),
      item(3, 2500.01, { priorities: ["Supporting Victims and Witnesses"], districts: ["Bradford"], tags: ["Knife Crime"] }),
    ]);
    expect(result.funded).toEqual({ count: 3, totalPence: 1_650_000 });
    expect(result.byPriority.rows).toEqual([
      { name: "Keeping People Safe", count: 2, totalPence: 1_399_999 },
      { name: "Supporting Victims and Witnesses", count: 1, totalPence: 250_001 },
    ]);
    expect(result.byDistrict.rows).toEqual([
      { name: "Bradford", count: 2, totalPence: 850_000 },
      { name: "Leeds", count: 1, totalPence: 800_000 },
    ]);
    expect(result.byTag).toEqual([
      { name: DRUGS_AND_ALCOHOL, count: 2, totalPence: 1_399_999 },
      { name: "Knife Crime", count: 2, totalPence: 850_000 },
    ]);
  });

  it("answers the Panel's question in its own words", () => {
    const result = scenarioBreakdown([item(1, 6000, { tags: [DRUGS_AND_ALCOHOL] }), item(2, 56468.41, { tags: [DRUGS_AND_ALCOHOL] }), item(3, 100)]);
    expect(result.drugsAndAlcohol).toEqual({ count: 2, totalPence: 6_246_841 });
    expect(drugsAndAlcoholSentence(result.drugsAndAlcohol)).toBe("2 Drugs and Alcohol projects totalling £62,468.41");
    expect(drugsAndAlcoholSentence({ count: 1, totalPence: 600_000 })).toBe("1 Drugs and Alcohol project totalling £6,000.00");
    expect(drugsAndAlcoholSentence(scenarioBreakdown([]).drugsAndAlcohol)).toBe("0 Drugs and Alcohol projects totalling £0.00");
  });

  it("counts a bid working in several districts once, under 'More than one district', so the rows add up", () => {
    const result = scenarioBreakdown([item(1, 1000, { districts: ["Leeds", "Wakefield"], priorities: ["A", "B"] }), item(2, 2000)]);
    expect(result.byDistrict.rows).toEqual([
      { name: "Leeds", count: 1, totalPence: 200_000 },
      { name: SEVERAL_DISTRICTS, count: 1, totalPence: 100_000 },
    ]);
    expect(result.byPriority.rows.at(-1)).toEqual({ name: SEVERAL_PRIORITIES, count: 1, totalPence: 100_000 });
    expect(result.byDistrict.totalPence).toBe(result.funded.totalPence);
  });

  it("leaves out bids that commit nothing (reserve list, not funded)", () => {
    const result = scenarioBreakdown([item(1, 0, { tags: [DRUGS_AND_ALCOHOL] }), item(2, 500)]);
    expect(result.funded).toEqual({ count: 1, totalPence: 50_000 });
    expect(result.drugsAndAlcohol).toEqual({ count: 0, totalPence: 0 });
    expect(result.byTag).toEqual([{ name: NO_TAG, count: 1, totalPence: 50_000 }]);
  });

  const names = (pool: string[]) => fc.uniqueArray(fc.constantFrom(...pool), { maxLength: 3 });
  const items = fc.array(
    fc.record({
      amountPence: fc.integer({ min: 0, max: 800_000 }),
      priorities: names(["P1", "P2", "P3"]),
      districts: names(["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]),
      tags: names([DRUGS_AND_ALCOHOL, "Knife Crime", "Hate Crime"]),
    }),
    { maxLength: 40 },
  );

  it("every total equals the sum of its rows, and each tag row the sum of the bids carrying it", () => {
    fc.assert(
      fc.property(items, (raw) => {
        const list = raw.map((r, i) => ({ ...r, bidId: i + 1 }));
        const funded = list.filter((i) => i.amountPence > 0);
        const result = scenarioBreakdown(list);
        expect(result.funded).toEqual({ count: funded.length, totalPence: funded.reduce((s, i) => s + i.amountPence, 0) });
        for (const breakdown of [result.byPriority, result.byDistrict]) {
          expect(sum(breakdown.rows)).toEqual({ count: breakdown.count, totalPence: breakdown.totalPence });
          expect({ count: breakdown.count, totalPence: breakdown.totalPence }).toEqual(result.funded);
        }
        for (const row of result.byTag) {
          const carrying = funded.filter((i) => (row.name === NO_TAG ? i.tags.length === 0 : i.tags.includes(row.name)));
          expect(row).toEqual({ name: row.name, count: carrying.length, totalPence: carrying.reduce((s, i) => s + i.amountPence, 0) });
        }
        const drugs = funded.filter((i) => i.tags.includes(DRUGS_AND_ALCOHOL));
        expect(result.drugsAndAlcohol).toEqual({ count: drugs.length, totalPence: drugs.reduce((s, i) => s + i.amountPence, 0) });
      }),
    );
  });
});
