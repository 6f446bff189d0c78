// Pure chart geometry for the hand-written SVG charts: nice axis maxima, scales and bar layout.

/** The smallest 1/2/5 x 10^n at or above the value, so axes read 0-50, 0-200, ... */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const exp = Math.pow(10, Math.floor(Math.log10(value)));
  for (const m of [1, 2, 5, 10]) if (m * exp >= value) return m * exp;
  return 10 * exp;
}

/** Evenly spaced ticks from 0 to max inclusive. */
export function ticks(max: number, count = 4): number[] {
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(round((max / count) * i));
  return out;
}

/** Maps a domain [d0, d1] to a range [r0, r1]; a flat domain maps to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : round(r0 + ((v - d0) / span) * (r1 - r0)));
}

/** A polyline path through values spread across the width. */
export function linePath(values: readonly number[], width: number, height: number, max: number): string {
  if (values.length === 0) return '';
  const x = linearScale(0, Math.max(1, values.length - 1), 0, width);
  const y = linearScale(0, max || 1, height, 0);
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${values.length === 1 ? round(width / 2) : x(i)} ${y(v)}`).join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
