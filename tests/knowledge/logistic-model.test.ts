import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../knowledge/logistic-model.js';

describe('logistic regression', () => {
  it('learns which feature separates the classes and ranks by it', () => {
    // Feature 0 decides the label; feature 1 is noise.
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const signal = (i % 20) / 20;
      x.push([signal, ((i * 7) % 13) / 13]);
      y.push(signal > 0.5 ? 1 : 0);
    }
    const m = fitLogistic(x, y, { l2: 0.1 });
    expect(Math.abs(m.weights[0]!)).toBeGreaterThan(5 * Math.abs(m.weights[1]!));
    expect(predictLogistic(m, [0.9, 0.5])).toBeGreaterThan(0.9);
    expect(predictLogistic(m, [0.1, 0.5])).toBeLessThan(0.1);
  });

  it('shrinks towards the base rate with a strong penalty', () => {
    const x = [[0], [1], [0], [1]];
    const y = [0, 1, 0, 1];
    const loose = fitLogistic(x, y, { l2: 0.01 });
    const tight = fitLogistic(x, y, { l2: 100 });
    expect(predictLogistic(tight, [1])).toBeLessThan(predictLogistic(loose, [1]));
    expect(predictLogistic(tight, [1])).toBeGreaterThan(0.5);
  });

  it('refuses rows without labels', () => {
    expect(() => fitLogistic([[1]], [])).toThrow(/labels/);
  });
});
