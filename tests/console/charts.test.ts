import { describe, expect, it } from 'vitest';
import { linePath, linearScale, niceMax, ticks } from '../../console/lib/chart-scale.js';
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
  it('draws a line through the values', () => {
    expect(linePath([0, 5, 10], 100, 50, 10)).toBe('M0 50 L50 25 L100 0');
    expect(linePath([4], 100, 50, 10)).toBe('M50 30');
    expect(linePath([], 100, 50, 10)).toBe('');
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
