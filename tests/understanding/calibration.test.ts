import { describe, expect, it } from 'vitest';
import { fitTemperature, softmax } from '../../understanding/calibration.js';

describe('fitTemperature', () => {
  it('fits a finite temperature that makes confident right answers more confident', () => {
    const scores = Array.from({ length: 40 }, (_, i) => Float64Array.from([0.6, 0.2, i % 5 === 0 ? 0.7 : 0.1]));
    const gold = scores.map(() => 0);
    const t = fitTemperature(scores, gold, 0.2);
    expect(Number.isFinite(t)).toBe(true);
    expect(softmax(scores[1]!, t)[0]).toBeGreaterThan(0.5);
  });

  it('falls back instead of returning NaN when the scores say nothing about the temperature', () => {
    expect(fitTemperature([], [], 0.2)).toBe(0.2);
    // Zero variance: every class scored the same, the likelihood is flat in T.
    expect(fitTemperature([Float64Array.from([0, 0, 0]), Float64Array.from([0.3, 0.3, 0.3])], [0, 2], 0.2)).toBe(0.2);
    // Unusable rows: a non-finite score, a gold index outside the scores, one class only.
    expect(fitTemperature([Float64Array.from([NaN, 1]), Float64Array.from([1, 0])], [0, 5], 0.2)).toBe(0.2);
    expect(fitTemperature([Float64Array.from([1])], [0], 0.2)).toBe(0.2);
  });

  it('ignores unusable rows and fits on the rest', () => {
    const good = Array.from({ length: 20 }, () => Float64Array.from([0.5, 0.1]));
    const t = fitTemperature([Float64Array.from([Infinity, 0]), ...good], [0, ...good.map(() => 0)], 0.2);
    expect(Number.isFinite(t)).toBe(true);
    expect(t).not.toBe(0.2);
  });
});
