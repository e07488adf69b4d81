/**
 * Layout for the shared horizontal bar chart: one group of bars per row (one bar per series), the
 * row's name above its bars and each bar's value beside it. Pure arithmetic, so it is unit-tested
 * without rendering, and the same scale serves every report.
 */
export const CHART = { width: 480, barMax: 330, barHeight: 14, barGap: 4, nameHeight: 18, rowGap: 12, legendHeight: 26, maxName: 60 } as const;

export type ChartSeries = { key: string; name: string; colour: string };
/** `values` are in the chart's unit (pence, counts); `labels` are the same values as people read them. */
export type ChartRow = { key: string; name: string; values: readonly number[]; labels: readonly string[] };

/** A bar's length on the scale: nothing (or a negative) draws no bar, and a tiny value still shows. */
export function barLength(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(1, Math.round((value / max) * CHART.barMax));
}

/** Long names are cut to fit; the table beside the chart has them in full. */
export function shortName(name: string): string {
  return name.length > CHART.maxName ? `${name.slice(0, CHART.maxName - 1)}\u2026` : name;
}

export type ChartBar = { seriesKey: string; colour: string; x: number; y: number; length: number; labelX: number; labelY: number; label: string };
export type ChartLayout = { width: number; height: number; legend: boolean; rows: { key: string; name: string; nameY: number; bars: ChartBar[] }[] };

export function chartLayout(series: readonly ChartSeries[], rows: readonly ChartRow[]): ChartLayout {
  const max = Math.max(0, ...rows.flatMap((r) => r.values));
  const legend = series.length > 1;
  const top = legend ? CHART.legendHeight : 0;
  const groupHeight = CHART.nameHeight + series.length * (CHART.barHeight + CHART.barGap) + CHART.rowGap;
  const laidOut = rows.map((row, i) => {
    const y0 = top + i * groupHeight;
    return {
      key: row.key,
      name: shortName(row.name),
      nameY: y0 + 13,
      bars: series.map((s, j) => {
        const y = y0 + CHART.nameHeight + j * (CHART.barHeight + CHART.barGap);
        const length = barLength(row.values[j] ?? 0, max);
        return { seriesKey: s.key, colour: s.colour, x: 0, y, length, labelX: length + 6, labelY: y + CHART.barHeight - 2, label: row.labels[j] ?? "" };
      }),
    };
  });
  return { width: CHART.width, height: Math.max(top + Math.max(1, rows.length) * groupHeight, 40), legend, rows: laidOut };
}

/** What a screen reader hears: every row's every figure, in the table's order. */
export function chartDescription(series: readonly ChartSeries[], rows: readonly ChartRow[], empty = "Nothing to show"): string {
  if (rows.length === 0) return empty;
  return `${rows.map((r) => `${r.name}: ${series.map((s, j) => `${s.name.toLowerCase()} ${r.labels[j] ?? ""}`).join(", ")}`).join(". ")}.`;
}
