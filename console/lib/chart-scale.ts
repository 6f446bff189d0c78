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

export interface BarRect {
  /** Index of the group (a day) and of the series within it. */
  group: number;
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Grouped vertical bars: one slot per group across the width, its series side by side in the
 * middle of the slot. Works for a single group (a lone line point would draw nothing). Bars are
 * at most `maxBarWidth` wide so one day does not fill the chart with three slabs.
 */
export function groupedBars(
  groups: readonly (readonly number[])[],
  width: number,
  height: number,
  max: number,
  opts: { gap?: number; maxBarWidth?: number } = {},
): BarRect[] {
  if (groups.length === 0) return [];
  const gap = opts.gap ?? 0.3;
  const maxBarWidth = opts.maxBarWidth ?? 24;
  const slot = width / groups.length;
  const perGroup = Math.max(1, ...groups.map((g) => g.length));
  const barWidth = Math.max(1, Math.min(maxBarWidth, (slot * (1 - gap)) / perGroup));
  const y = linearScale(0, max || 1, height, 0);
  const out: BarRect[] = [];
  groups.forEach((values, g) => {
    const left = g * slot + (slot - barWidth * values.length) / 2;
    values.forEach((v, s) => {
      const top = y(Math.max(0, Math.min(v, max || 1)));
      out.push({
        group: g,
        series: s,
        value: v,
        x: round(left + s * barWidth),
        y: top,
        width: round(barWidth),
        height: round(height - top),
      });
    });
  });
  return out;
}

/** Centre of group `i` of `count` slots across `width` (where its label goes). */
export function slotCenter(i: number, count: number, width: number): number {
  return round(((i + 0.5) * width) / Math.max(1, count));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
