/**
 * Committed beside paid for each reconciliation row, as a server-rendered SVG: no script, no
 * library. Screen readers hear its title and a description with every figure; the table beside it
 * holds the same numbers, and any name the chart shortens, in full.
 */
import { formatPence } from "~/domain/money/money";

export type ChartRow = { key: string; name: string; committedPence: number; paidPence: number };

const WIDTH = 480;
const BAR_MAX = 330;
const STEP = 58;
const LEGEND = 28;
const COMMITTED = "#1d70b8";
const PAID = "#00703c";

/** Bar length for an amount on the chart's scale; nothing negative is drawn backwards. */
export function barWidth(pence: number, maxPence: number): number {
  if (pence <= 0 || maxPence <= 0) return 0;
  return Math.max(1, Math.round((pence / maxPence) * BAR_MAX));
}

export function chartDescription(rows: readonly ChartRow[]): string {
  if (rows.length === 0) return "Nothing committed or paid in this scope";
  return rows.map((r) => `${r.name}: committed ${formatPence(r.committedPence)}, paid ${formatPence(r.paidPence)}`).join(". ");
}

export function CommittedPaidChart({ id, title, rows }: { id: string; title: string; rows: readonly ChartRow[] }) {
  const max = Math.max(0, ...rows.flatMap((r) => [r.committedPence, r.paidPence]));
  const height = LEGEND + Math.max(1, rows.length) * STEP;
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" focusable="false">
      <title id={`${id}-title`}>{`${title}: bar chart`}</title>
      <desc id={`${id}-desc`}>{chartDescription(rows)}</desc>
      <g aria-hidden="true">
        <rect x={0} y={4} width={14} height={14} fill={COMMITTED} />
        <text x={20} y={16} fontSize={13} fill="#0b0c0c">
          Committed
        </text>
        <rect x={110} y={4} width={14} height={14} fill={PAID} />
        <text x={130} y={16} fontSize={13} fill="#0b0c0c">
          Paid
        </text>
      </g>
      {rows.map((r, i) => {
        const y = LEGEND + i * STEP;
        const committed = barWidth(r.committedPence, max);
        const paid = barWidth(r.paidPence, max);
        return (
          <g key={r.key} aria-hidden="true">
            <text x={0} y={y + 13} fontSize={13} fill="#0b0c0c">
              {r.name.length > 64 ? `${r.name.slice(0, 62)}…` : r.name}
            </text>
            <rect x={0} y={y + 18} width={committed} height={14} fill={COMMITTED} />
            <text x={committed + 6} y={y + 30} fontSize={12} fill="#0b0c0c">
              {formatPence(r.committedPence)}
            </text>
            <rect x={0} y={y + 34} width={paid} height={14} fill={PAID} />
            <text x={paid + 6} y={y + 46} fontSize={12} fill="#0b0c0c">
              {formatPence(r.paidPence)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
