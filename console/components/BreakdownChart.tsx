// Escalation rate per intent, tier or page as horizontal bars (0-100%), with the counts beside them.
import type { Breakdown } from '../api/types.js';
import { formatPercent } from '../lib/format.js';

const ROW = 22;
const LABEL = 140;
const BAR = 240;

export function BreakdownChart({ title, rows }: { title: string; rows: Breakdown[] }) {
  const shown = [...rows]
    .sort((a, b) => (b.escalationRate ?? 0) - (a.escalationRate ?? 0) || b.conversations - a.conversations)
    .slice(0, 10);
  return (
    <figure class="chart chart-breakdown">
      <figcaption class="chart-title">{title}</figcaption>
      {shown.length === 0 ? (
        <p class="muted small">No data.</p>
      ) : (
        <svg
          viewBox={`0 0 ${LABEL + BAR + 90} ${shown.length * ROW}`}
          class="chart-svg"
          role="img"
          aria-label={
            `${title}: ` + `${shown.map((r) => `${r.key || 'none'} ${formatPercent(r.escalationRate)}`).join(', ')}`
          }
        >
          {shown.map((r, i) => {
            const rate = Math.max(0, Math.min(1, r.escalationRate ?? 0));
            const label = r.key || '(none)';
            return (
              <g key={label} transform={`translate(0,${i * ROW})`}>
                <text x={LABEL - 6} y={ROW / 2} class="chart-tick" text-anchor="end" dominant-baseline="middle">
                  {label.length > 22 ? `${label.slice(0, 21)}…` : label}
                </text>
                <rect x={LABEL} y={4} width={BAR} height={ROW - 8} class="chart-track" />
                <rect x={LABEL} y={4} width={Math.round(rate * BAR * 10) / 10} height={ROW - 8} class="chart-bar" />
                <text x={LABEL + BAR + 6} y={ROW / 2} class="chart-tick" dominant-baseline="middle">
                  {formatPercent(r.escalationRate)} · {r.handoffs}/{r.conversations}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
