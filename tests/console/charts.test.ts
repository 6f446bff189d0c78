import { describe, expect, it } from 'vitest';
import { groupedBars, linearScale, niceMax, slotCenter, ticks } from '../../console/lib/chart-scale.js';
import { describeTrend, sentimentSeries, sparklinePath, sparkPoints } from '../../console/lib/sparkline.js';

describe('chart scaling', () => {
  it('rounds axis maxima up to 1/2/5 x 10^n', () => {
    expect([0, -3, 0.3, 1, 3, 7, 11, 42, 180, 501].map(niceMax)).toEqual([1, 1, 0.5, 1, 5, 10, 20, 50, 200, 1000]);
  });
  it('spaces ticks evenly from zero', () => {
    expect(ticks(50)).toEqual([0, 12.5, 25, 37.5, 50]);
  });
  it('maps domains to ranges, inverted for SVG y', () => {
    const y = linearScale(0, 10, 100, 0);
    expect([y(0), y(5), y(10)]).toEqual([100, 50, 0]);
    expect(linearScale(3, 3, 7, 9)(100)).toBe(7);
  });
  it('draws grouped bars, also for a single day', () => {
    const one = groupedBars([[4, 1, 3]], 300, 100, 5);
    expect(one).toHaveLength(3);
    for (const b of one) expect(b.height).toBeGreaterThan(0);
    expect(one.map((b) => b.height)).toEqual([80, 20, 60]);
    // Side by side, centred in the only slot, never wider than the cap.
    expect(one[0]!.width).toBe(24);
    expect(one[1]!.x - one[0]!.x).toBe(24);
    expect(one[0]!.x + 36).toBe(150);
    const week = groupedBars(
      Array.from({ length: 7 }, (_, i) => [i, 0, 1]),
      700,
      100,
      10,
    );
    expect(week).toHaveLength(21);
    expect(week.filter((b) => b.series === 0).map((b) => b.x < 700)).toEqual(Array(7).fill(true));
    expect(week.find((b) => b.group === 0 && b.series === 0)!.height).toBe(0);
    expect(groupedBars([], 100, 50, 10)).toEqual([]);
    expect(slotCenter(0, 1, 300)).toBe(150);
  });
});

describe('sentiment sparkline', () => {
  it('takes the smoothed trajectory of messages that have one', () => {
    const msgs = [
      { sentiment: { score: 0.1, trajectory: { smoothed: 0.2, trend: 0, count: 1 } } },
      {},
      { sentiment: { trajectory: { smoothed: -3 } } },
      { sentiment: { trajectory: { smoothed: 'x' } } },
    ];
    expect(sentimentSeries(msgs)).toEqual([0.2, -1]);
  });
  it('maps -1..1 bottom to top inside the padding', () => {
    expect(sparkPoints([-1, 0, 1], 104, 24)).toEqual([
      { x: 2, y: 22 },
      { x: 52, y: 12 },
      { x: 102, y: 2 },
    ]);
    expect(sparklinePath([-1, 1], 104, 24)).toBe('M2 22 L102 2');
    expect(sparkPoints([0.5], 100, 20)).toEqual([{ x: 50, y: 6 }]);
    expect(sparklinePath([], 100, 20)).toBe('');
  });
  it('describes the trend in words', () => {
    expect(describeTrend([0.4, -0.55])).toBe('Sentiment from 0.40 to -0.55, falling');
    expect(describeTrend([0.1, 0.12])).toMatch(/steady$/);
    expect(describeTrend([])).toBe('No sentiment yet');
  });
});
