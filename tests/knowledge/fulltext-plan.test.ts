import { describe, expect, it } from 'vitest';
import { planFulltext } from '../../knowledge/fulltext-plan.js';

describe('planFulltext: which words find full-text candidates', () => {
  const df = new Map([
    ['webhook', 12],
    ['signatur', 30],
    ['creat', 60_000],
    ['bill', 40_000],
  ]);

  it('lets the rare words find candidates and leaves the common ones to scoring', () => {
    expect(planFulltext(['creat', 'webhook', 'signatur', 'bill'], df, 1000)).toEqual({
      tsquery: "'webhook' | 'signatur'",
      match: 'any',
      lexemes: ['webhook', 'signatur'],
    });
  });

  it('stops adding words once their postings would exceed the budget', () => {
    expect(planFulltext(['webhook', 'signatur'], df, 20)?.lexemes).toEqual(['webhook']);
  });

  it('uses every word of a small corpus', () => {
    const small = new Map([
      ['creat', 40],
      ['bill', 25],
    ]);
    expect(planFulltext(['creat', 'bill'], small, 1000)).toMatchObject({ match: 'any', lexemes: ['bill', 'creat'] });
  });

  it('asks for all the words together when every one is common', () => {
    expect(planFulltext(['creat', 'bill'], df, 1000)).toEqual({
      tsquery: "'bill' & 'creat'",
      match: 'all',
      lexemes: ['bill', 'creat'],
    });
  });

  it('ignores words no chunk has, and plans nothing when none is known', () => {
    expect(planFulltext(['zxqv', 'creat', 'bill'], df, 1000)?.lexemes).toEqual(['bill', 'creat']);
    expect(planFulltext(['zxqv'], df, 1000)).toBeNull();
    expect(planFulltext([], df, 1000)).toBeNull();
  });

  it('quotes lexemes so their punctuation is never tsquery syntax', () => {
    const odd = new Map([["o'brien|x", 1]]);
    expect(planFulltext(["o'brien|x"], odd, 10)?.tsquery).toBe("'o''brien|x'");
  });
});
