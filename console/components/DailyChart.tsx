// Conversations, handoffs and AI-resolved per day as three lines on one small SVG chart.
import type { DailyPoint } from '../api/types.js';
import { linePath, linearScale, niceMax, ticks } from '../lib/chart-scale.js';

const W = 560;
const H = 180;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };
const SERIES: Array<{ key: keyof Omit<DailyPoint, 'day'>; label: string }> = [
  { key: 'conversations', label: 'Conversations' },
  { key: 'handoffs', label: 'Handoffs' },
  { key: 'aiResolved', label: 'Resolved by the AI' },
];

export function DailyChart({ daily }: { daily: DailyPoint[] }) {
  if (daily.length === 0) return <p class="muted">No conversations in this range.</p>;
  const max = niceMax(Math.max(...daily.map((d) => Math.max(d.conversations, d.handoffs, d.aiResolved))));
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const y = linearScale(0, max, ph, 0);
  const x = linearScale(0, Math.max(1, daily.length - 1), 0, pw);
  const every = Math.max(1, Math.ceil(daily.length / 7));
  const summary = `Daily counts from ${daily[0]!.day} to ${daily[daily.length - 1]!.day}: ${daily.reduce((n, d) => n + d.conversations, 0)} conversations, ${daily.reduce((n, d) => n + d.handoffs, 0)} handoffs.`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} class="chart-svg" role="img" aria-label={summary}>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {ticks(max).map((t) => (
            <g key={t}>
              <line x1={0} x2={pw} y1={y(t)} y2={y(t)} class="chart-grid" />
              <text x={-6} y={y(t)} class="chart-tick" text-anchor="end" dominant-baseline="middle">
                {t}
              </text>
            </g>
          ))}
          {daily.map((d, i) =>
            i % every === 0 ? (
              <text key={d.day} x={daily.length === 1 ? pw / 2 : x(i)} y={ph + 15} class="chart-tick" text-anchor="middle">
                {d.day.slice(5)}
              </text>
            ) : null,
          )}
          {SERIES.map((s, i) => (
            <path key={s.key} d={linePath(daily.map((d) => d[s.key]), pw, ph, max)} class={`chart-line series-${i}`} fill="none" />
          ))}
        </g>
      </svg>
      <figcaption class="chart-legend">
        {SERIES.map((s, i) => (
          <span key={s.key} class="legend-item">
            <span class={`legend-swatch series-${i}`} aria-hidden="true" />
            {s.label}
          </span>
        ))}
      </figcaption>
      <details class="chart-data">
        <summary>Show the numbers</summary>
        <table class="table table-compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col" class="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {daily.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {SERIES.map((s) => (
                  <td key={s.key} class="num">
                    {d[s.key]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
