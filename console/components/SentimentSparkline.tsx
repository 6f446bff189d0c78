// The visitor's smoothed sentiment across the conversation as a tiny inline SVG line.
import { describeTrend, sparkPoints, sparklinePath } from '../lib/sparkline.js';

const W = 120;
const H = 28;

export function SentimentSparkline({ values }: { values: number[] }) {
  if (values.length === 0) return <span class="muted small">No sentiment yet</span>;
  const label = describeTrend(values);
  const points = sparkPoints(values, W, H);
  const last = points[points.length - 1]!;
  const final = values[values.length - 1]!;
  const mid = H / 2;
  const tone = final <= -0.2 ? 'neg' : final >= 0.2 ? 'pos' : 'neutral';
  return (
    <svg class={`sparkline spark-${tone}`} viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <title>{label}</title>
      <line x1="0" x2={W} y1={mid} y2={mid} class="spark-zero" />
      <path d={sparklinePath(values, W, H)} class="spark-line" fill="none" />
      <circle cx={last.x} cy={last.y} r="2.5" class="spark-dot" />
    </svg>
  );
}
