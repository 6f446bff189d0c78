import { describe, expect, it } from 'vitest';
import { bm25Score, bm25UpperBound } from '../../knowledge/bm25-score.js';

describe('bm25Score', () => {
  const stats = {
    chunks: 100,
    avgLength: 50,
    df: new Map([
      ['rare', 2],
      ['common', 90],
    ]),
  };

  it('weighs rare words above common ones and headings above body', () => {
    const rare = bm25Score([{ lexeme: 'rare', body: 1, heading: 0 }], 50, stats);
    const common = bm25Score([{ lexeme: 'common', body: 1, heading: 0 }], 50, stats);
    expect(rare).toBeGreaterThan(common * 5);
    const inHeading = bm25Score([{ lexeme: 'rare', body: 0, heading: 1 }], 50, stats);
    expect(inHeading).toBeGreaterThan(rare);
  });

  it('prefers the shorter chunk for the same hits and is 0 without hits', () => {
    const hit = [{ lexeme: 'rare', body: 2, heading: 0 }];
    expect(bm25Score(hit, 20, stats)).toBeGreaterThan(bm25Score(hit, 200, stats));
    expect(bm25Score([], 20, stats)).toBe(0);
  });
});

describe('bm25UpperBound', () => {
  const stats = {
    chunks: 100,
    avgLength: 50,
    df: new Map([
      ['rare', 2],
      ['common', 90],
    ]),
  };

  it('is never exceeded, however often and wherever the words occur', () => {
    const bound = bm25UpperBound(['rare', 'common'], stats);
    const saturated = bm25Score(
      [
        { lexeme: 'rare', body: 500, heading: 20 },
        { lexeme: 'common', body: 500, heading: 20 },
      ],
      1,
      stats,
    );
    expect(saturated).toBeLessThan(bound);
    expect(saturated / bound).toBeGreaterThan(0.9);
    // A repeated query word does not raise the bound.
    expect(bm25UpperBound(['rare', 'rare', 'common'], stats)).toBe(bound);
  });
});
