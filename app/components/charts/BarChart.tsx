/**
 * A server-rendered horizontal bar chart: no script, no library, no inline styles (the CSP allows
 * none). To assistive technology it is one image with a title and a description that gives every
 * figure; the table beside it stays the accessible source of the numbers and of any name the chart
 * shortens. With more than one series a legend names the colours, and each bar also carries its
 * value in text, so colour is never the only way to tell the bars apart.
 */
import { chartDescription, chartLayout, type ChartRow, type ChartSeries } from "~/domain/reports/chart-scale";

const INK = "#0b0c0c";

/** GOV.UK blue and green, each well over 3:1 against white. Bars keep a fixed order and carry their value, so colour is never the only cue. */
export const SERIES_COLOURS = { blue: "#1d70b8", green: "#00703c" } as const;

export function BarChart({ id, title, series, rows, empty }: { id: string; title: string; series: readonly ChartSeries[]; rows: readonly ChartRow[]; empty?: string }) {
  const layout = chartLayout(series, rows);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${layout.width} ${layout.height}`} width="100%" focusable="false" fontFamily="arial, sans-serif" className="portal-chart">
      <title id={`${id}-title`}>{`${title}: bar chart`}</title>
      <desc id={`${id}-desc`}>{chartDescription(series, rows, empty)}</desc>
      {layout.legend ? (
        <g aria-hidden="true">
          {series.map((s, i) => (
            <g key={s.key}>
              <rect x={i * 170} y={4} width={14} height={14} fill={s.colour} />
              <text x={i * 170 + 20} y={16} fontSize={13} fill={INK}>
                {s.name}
              </text>
            </g>
          ))}
        </g>
      ) : null}
      {layout.rows.map((row) => (
        <g key={row.key} aria-hidden="true">
          <text x={0} y={row.nameY} fontSize={13} fill={INK}>
            {row.name}
          </text>
          {row.bars.map((bar) => (
            <g key={bar.seriesKey}>
              {bar.length > 0 ? <rect x={bar.x} y={bar.y} width={bar.length} height={14} fill={bar.colour} /> : null}
              <text x={bar.labelX} y={bar.labelY} fontSize={12} fill={INK}>
                {bar.label}
              </text>
            </g>
          ))}
        </g>
      ))}
      {rows.length === 0 ? (
        <text x={0} y={24} fontSize={14} fill={INK} aria-hidden="true">
          {empty ?? "Nothing to show"}
        </text>
      ) : null}
    </svg>
  );
}
