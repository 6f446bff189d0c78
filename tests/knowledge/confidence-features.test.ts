import { describe, expect, it } from 'vitest';
import { confidenceFeatures, type ArticleEvidence } from '../../knowledge/confidence-features.js';

const article = (articleId: string, score: number, similarity: number, lexical = 0): ArticleEvidence => ({
  articleId,
  score,
  similarity,
  lexical,
  coverage: 0,
  informativeCoverage: 0,
  matched: new Set(),
  headingMatched: new Set(),
});
const terms = {
  lexemes: 2,
  idf: new Map([
    ['invoic', 2],
    ['download', 1],
  ]),
  df: new Map([
    ['invoic', 3],
    ['download', 0],
  ]),
};

describe('confidence features', () => {
  it('measures how far the top similarity stands above the next five articles, and keeps the top fused score', () => {
    const ranked = [
      article('a', 0.6, 0.5),
      ...[0.3, 0.2, 0.2, 0.1, 0.2, 0.45].map((s, i) => article(`o${i}`, 0.5 - i * 0.05, s)),
    ];
    const f = confidenceFeatures(ranked, terms);
    // The seventh article (0.45) is past the five that count; the largest gap still sees it.
    expect(f.similarityMargin).toBeCloseTo(0.5 - 0.2, 10);
    expect(f.similarityGap).toBeCloseTo(0.05, 10);
    expect(f.fused).toBe(0.6);
    expect(f.knownShare).toBe(0.5);
  });

  it('gives a lone article its whole similarity as margin, and nothing for no candidates', () => {
    expect(confidenceFeatures([article('a', 0.4, 0.3)], terms).similarityMargin).toBeCloseTo(0.3, 10);
    const none = confidenceFeatures([], terms);
    expect(none.similarityMargin).toBe(0);
    expect(none.fused).toBe(0);
  });
});
