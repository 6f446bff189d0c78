// Conversations, handoffs and AI-resolved per day as grouped bars on one small SVG chart (bars,
// not lines: a range holding a single day still draws something).
import type { DailyPoint } from '../api/types.js';
import { groupedBars, linearScale, niceMax, slotCenter, ticks } from '../lib/chart-scale.js';

const W = 560;
const H = 180;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };
const SERIES: Array<{ key: keyof Omit<DailyPoint, 'day'>; label: string }> = [
  { key: 'conversations', label: 'Conversations' },
  { key: 'handoffs', label: 'Handoffs' },
  { key: 'aiResolved', label: 'Resolved by the AI' },
];

/** Counts are whole numbers: pick a tick count that divides the 1/2/5 x 10^n axis maximum evenly. */
function countTicks(max: number): number {
  if (max <= 5) return Math.max(1, Math.round(max));
  return max % 4 === 0 ? 4 : 5;
}

export function DailyChart({ daily }: { daily: DailyPoint[] }) {
  if (daily.length === 0) return <p class="muted">No conversations in this range.</p>;
  const max = niceMax(Math.max(...daily.map((d) => Math.max(d.conversations, d.handoffs, d.aiResolved))));
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const y = linearScale(0, max, ph, 0);
  const bars = groupedBars(
    daily.map((d) => SERIES.map((s) => d[s.key])),
    pw,
    ph,
    max,
  );
  const every = Math.max(1, Math.ceil(daily.length / 7));
  const summary =
    `Daily counts from ${daily[0]!.day} to ${daily[daily.length - 1]!.day}: ` +
    `${daily.reduce((n, d) => n + d.conversations, 0)} conversations, ` +
    `${daily.reduce((n, d) => n + d.handoffs, 0)} handoffs.`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} class="chart-svg" role="img" aria-label={summary}>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {ticks(max, countTicks(max)).map((t) => (
            <g key={t}>
              <line x1={0} x2={pw} y1={y(t)} y2={y(t)} class="chart-grid" />
              <text x={-6} y={y(t)} class="chart-tick" text-anchor="end" dominant-baseline="middle">
                {t}
              </text>
            </g>
          ))}
          {daily.map((d, i) =>
            i % every === 0 ? (
              <text key={d.day} x={slotCenter(i, daily.length, pw)} y={ph + 15} class="chart-tick" text-anchor="middle">
                {d.day.slice(5)}
              </text>
            ) : null,
          )}
          {bars.map((b) =>
            b.height > 0 ? (
              <rect
                key={`${b.group}-${b.series}`}
                x={b.x}
                y={b.y}
                width={b.width}
                height={b.height}
                class={`chart-col series-${b.series}`}
                data-series={SERIES[b.series]!.key}
              >
                <title>{`${daily[b.group]!.day} · ${SERIES[b.series]!.label}: ${b.value}`}</title>
              </rect>
            ) : null,
          )}
          <line x1={0} x2={pw} y1={ph} y2={ph} class="chart-axis" />
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
