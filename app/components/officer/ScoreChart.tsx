/**
 * A server-rendered SVG bar chart of the moderation figures. It is one image to assistive
 * technology (role="img" with a title and description); the table beside it is the accessible
 * source of every number, so nothing here is the only place a figure appears.
 */
import { chartDescription, chartLayout, CHART, type ChartBid } from "./score-chart";

const BLUE = "#1d70b8";
const RED = "#d4351c";
const INK = "#0b0c0c";
const GRID = "#b1b4b6";

export function ScoreChart({ bids, thresholdPoints, id = "score-chart" }: { bids: ChartBid[]; thresholdPoints: number; id?: string }) {
  const layout = chartLayout(bids);
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ maxWidth: layout.width }}
      fontFamily="arial, sans-serif"
      fontSize="13"
    >
      <title id={`${id}-title`}>Mean assessor scores by bid</title>
      <desc id={`${id}-desc`}>{chartDescription(bids, thresholdPoints)}</desc>
      {layout.ticks.map((tick) => (
        <g key={tick.label}>
          <line x1={tick.x} x2={tick.x} y1={CHART.top} y2={layout.axisY} stroke={GRID} strokeWidth="1" />
          <text x={tick.x} y={layout.axisY + 18} textAnchor="middle" fill={INK}>
            {tick.label}
          </text>
        </g>
      ))}
      {layout.rows.map((row) => (
        <g key={row.id}>
          <text x={CHART.labelWidth - 8} y={row.middleY + 4} textAnchor="end" fill={INK} fontWeight={row.flagged ? "bold" : undefined}>
            {row.label}
          </text>
          {row.barWidth > 0 ? <rect x={CHART.labelWidth} y={row.barY} width={row.barWidth} height={CHART.barHeight} fill={row.flagged ? RED : BLUE} /> : null}
          {row.low !== null && row.high !== null && row.high > row.low ? (
            <g stroke={INK} strokeWidth="2">
              <line x1={row.low} x2={row.high} y1={row.middleY} y2={row.middleY} />
              <line x1={row.low} x2={row.low} y1={row.middleY - 6} y2={row.middleY + 6} />
              <line x1={row.high} x2={row.high} y1={row.middleY - 6} y2={row.middleY + 6} />
            </g>
          ) : null}
          <text x={CHART.labelWidth + CHART.plotWidth + 10} y={row.middleY + 4} fill={INK} fontWeight={row.flagged ? "bold" : undefined}>
            {row.value}
          </text>
        </g>
      ))}
      <line x1={CHART.labelWidth} x2={CHART.labelWidth + CHART.plotWidth} y1={layout.axisY} y2={layout.axisY} stroke={INK} strokeWidth="1" />
    </svg>
  );
}
