import { describe, expect, it } from "vitest";
import { CHART, CHART_WIDTH, chartDescription, chartLayout, xFor } from "~/components/officer/score-chart";

describe("the moderation chart's scale", () => {
  it("puts 0% at the start of the plot and 100% at its end, linearly between", () => {
    expect(xFor(0)).toBe(CHART.labelWidth);
    expect(xFor(10_000)).toBe(CHART.labelWidth + CHART.plotWidth);
    expect(xFor(2_500)).toBe(CHART.labelWidth + CHART.plotWidth / 4);
  });

  it("pins scores outside 0-100% to the ends of the axis", () => {
    expect(xFor(-50)).toBe(xFor(0));
    expect(xFor(12_000)).toBe(xFor(10_000));
  });

  it("draws the mean as the bar and the spread from the lowest to the highest score", () => {
    const [row] = chartLayout([{ id: 1, label: "MSCF-GR8-0001", scores: [5_000, 7_001], flagged: true }]).rows;
    expect(row.mean).toBe(6_001);
    expect(row.barWidth).toBeCloseTo((6_001 / 10_000) * CHART.plotWidth);
    expect(row.low).toBe(xFor(5_000));
    expect(row.high).toBe(xFor(7_001));
    expect(row.value).toBe("60.0%, needs moderation");
  });

  it("gives each bid its own row, leaves unscored bids without a bar, and fits the axis below", () => {
    const layout = chartLayout([
      { id: 1, label: "A", scores: [8_000], flagged: false },
      { id: 2, label: "B", scores: [], flagged: false },
    ]);
    expect(layout.rows.map((r) => r.y)).toEqual([CHART.top, CHART.top + CHART.rowHeight]);
    expect(layout.rows[1]).toMatchObject({ barWidth: 0, low: null, high: null, value: "Not scored yet" });
    expect(layout.axisY).toBe(CHART.top + 2 * CHART.rowHeight);
    expect(layout.height).toBe(layout.axisY + CHART.axisHeight);
    expect(layout.width).toBe(CHART_WIDTH);
    expect(layout.ticks.map((t) => t.label)).toEqual(["0%", "25%", "50%", "75%", "100%"]);
  });
});

describe("the chart's description", () => {
  it("says how many bids, the range of means and how many need moderation", () => {
    const text = chartDescription(
      [
        { id: 1, label: "A", scores: [5_000, 7_001], flagged: true },
        { id: 2, label: "B", scores: [8_000, 8_200], flagged: false },
      ],
      20,
    );
    expect(text).toContain("2 eligible bids");
    expect(text).toContain("from 60.0% to 81.0%");
    expect(text).toContain("1 bid needs moderation: their assessors differ by more than 20 points");
  });

  it("does not speak of a range when only one bid has a mean", () => {
    expect(chartDescription([{ id: 1, label: "A", scores: [7_250], flagged: false }], 20)).toContain("The only mean so far is 72.5%.");
  });

  it("says when nothing has been scored or flagged", () => {
    const text = chartDescription([{ id: 1, label: "A", scores: [], flagged: false }], 20);
    expect(text).toContain("No bid has a submitted score yet.");
    expect(text).toContain("No bid's assessors differ by more than 20 points.");
  });
});
