/** Okapi BM25 parameters; `headingBoost` counts a term in the heading path (tsv weight A) extra times. */
// headingBoost 4: titles are what questions paraphrase (StackFAQ group a: hit@1 0.67 at 1, 0.70 at 4).
export const BM25_DEFAULTS = { k1: 1.2, b: 0.75, headingBoost: 4 };

export interface TermHits {
  lexeme: string;
  /** Occurrences in the chunk text (tsv weight B). */
  body: number;
  /** Occurrences in the heading path (tsv weight A). */
  heading: number;
}

/**
 * BM25 of one chunk for the query lexemes it contains. Unlike ts_rank_cd it weighs rare words
 * above common ones, which matters when every article mentions the product name.
 */
export function bm25Score(
  hits: TermHits[],
  length: number,
  stats: { chunks: number; avgLength: number; df: Map<string, number> },
  params = BM25_DEFAULTS,
): number {
  let score = 0;
  const norm = params.k1 * (1 - params.b + (params.b * length) / stats.avgLength);
  for (const h of hits) {
    const tf = h.body + params.headingBoost * h.heading;
    if (tf <= 0) continue;
    score += (idf(h.lexeme, stats) * tf * (params.k1 + 1)) / (tf + norm);
  }
  return score;
}

/** The most any chunk can score for these lexemes: term frequency saturates at k1 + 1. */
export function bm25UpperBound(
  lexemes: string[],
  stats: { chunks: number; df: Map<string, number> },
  params = BM25_DEFAULTS,
): number {
  return [...new Set(lexemes)].reduce((sum, l) => sum + idf(l, stats) * (params.k1 + 1), 0);
}

/** Inverse document frequency of a lexeme over the chunks (BM25's, always positive). */
export function idf(lexeme: string, stats: { chunks: number; df: Map<string, number> }): number {
  const n = stats.df.get(lexeme) ?? 0;
  return Math.log(1 + (stats.chunks - n + 0.5) / (n + 0.5));
}
