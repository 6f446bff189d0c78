// Pure sparkline building: the visitor's smoothed sentiment over the conversation as an SVG path.

export interface SparkPoint {
  x: number;
  y: number;
}

type Scored = { trajectory?: { smoothed?: unknown } };

/**
 * `sentiment.trajectory.smoothed` of every message that has one, in order. `scores` (by message id)
 * wins over a message's own: it holds what arrived over the socket after the message itself.
 */
export function sentimentSeries(messages: ReadonlyArray<object>, scores?: ReadonlyMap<string, Scored>): number[] {
  const out: number[] = [];
  for (const m of messages) {
    const { id, sentiment } = m as { id?: unknown; sentiment?: Scored };
    const v = ((typeof id === 'string' ? scores?.get(id) : undefined) ?? sentiment)?.trajectory?.smoothed;
    if (typeof v === 'number' && Number.isFinite(v)) out.push(Math.max(-1, Math.min(1, v)));
  }
  return out;
}

/** Points in a width x height box; values map min..max bottom to top (default -1..1). */
export function sparkPoints(
  values: readonly number[],
  width: number,
  height: number,
  min = -1,
  max = 1,
  pad = 2,
): SparkPoint[] {
  if (values.length === 0) return [];
  const span = max - min || 1;
  const innerW = Math.max(0, width - pad * 2);
  const innerH = Math.max(0, height - pad * 2);
  const step = values.length > 1 ? innerW / (values.length - 1) : 0;
  return values.map((v, i) => {
    const clamped = Math.max(min, Math.min(max, v));
    const x = values.length > 1 ? pad + i * step : width / 2;
    return { x: round(x), y: round(pad + innerH - ((clamped - min) / span) * innerH) };
  });
}

export function sparklinePath(values: readonly number[], width: number, height: number, min = -1, max = 1): string {
  const pts = sparkPoints(values, width, height, min, max);
  return pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
}

/** Words for screen readers: "from 0.40 to -0.55, falling". */
export function describeTrend(values: readonly number[]): string {
  if (values.length === 0) return 'No sentiment yet';
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const d = last - first;
  const dir = d < -0.05 ? 'falling' : d > 0.05 ? 'rising' : 'steady';
  return values.length === 1
    ? `Sentiment ${last.toFixed(2)}`
    : `Sentiment from ${first.toFixed(2)} to ${last.toFixed(2)}, ${dir}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
