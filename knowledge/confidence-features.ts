/**
 * The evidence a calibrated confidence model reads, computed from one query's scored candidates
 * (no extra database work). Every feature is dimensionless and comparable from query to query;
 * what counts as "high" differs per knowledge base and embedder, which is what calibration learns.
 */
export interface ConfidenceFeatures {
  /** Cosine similarity of the top article's best chunk. */
  similarity: number;
  /** Top similarity minus the best similarity of any other article. */
  similarityGap: number;
  /**
   * Top similarity minus the mean best similarity of the next five articles (by rank): how far it stands out for this
   * query.
   */
  similarityMargin: number;
  /** Fused score of the top article. */
  fused: number;
  /** Top article's BM25, divided by the most this query could score (0-1). */
  lexical: number;
  /** Top normalised BM25 minus the best of any other article. */
  lexicalGap: number;
  /** Share of the query's content lexemes found in the top chunk. */
  coverage: number;
  /** The same share, each lexeme weighted by its rarity (idf): informative words count more. */
  informativeCoverage: number;
  /** 1 when the vector channel and the lexical channel rank the same article first. */
  agreement: number;
  /** Fused score of the top article minus the runner-up's. */
  fusedGap: number;
  /** log(1 + number of query content lexemes): short queries carry less evidence. */
  queryLength: number;
  /** Idf-weighted share of the query's lexemes found anywhere in the top article's candidate chunks. */
  articleCoverage: number;
  /** Idf-weighted share found in the top article's headings (title, sections). */
  headingCoverage: number;
  /**
   * Share of the query's lexemes the knowledge base contains at all (a question about something absent has unknown
   * words).
   */
  knownShare: number;
}

export const FEATURE_NAMES = [
  'similarity',
  'similarityGap',
  'similarityMargin',
  'fused',
  'lexical',
  'lexicalGap',
  'coverage',
  'informativeCoverage',
  'agreement',
  'fusedGap',
  'queryLength',
  'articleCoverage',
  'headingCoverage',
  'knownShare',
] as const satisfies readonly (keyof ConfidenceFeatures)[];

/** One article's best evidence, as hybrid search scored it (before the page boost). */
export interface ArticleEvidence {
  articleId: string;
  /** Fused score (ranking). */
  score: number;
  /** Best chunk similarity of this article (any chunk). */
  similarity: number;
  /** Best normalised BM25 of this article (any chunk). */
  lexical: number;
  /** Of the top-scoring chunk. */
  coverage: number;
  informativeCoverage: number;
  /** Query lexemes in any of its candidate chunks, and in their headings. */
  matched: Set<string>;
  headingMatched: Set<string>;
}

/** Corpus figures for the query's lexemes (document frequency with any left-out article removed). */
export interface QueryTerms {
  lexemes: number;
  idf: ReadonlyMap<string, number>;
  df: ReadonlyMap<string, number>;
}

/** Features for `ranked` (best first); the empty list gives all zeros. */
export function confidenceFeatures(ranked: readonly ArticleEvidence[], terms: QueryTerms): ConfidenceFeatures {
  const top = ranked[0];
  const queryLexemes = terms.lexemes;
  if (!top) return zeroFeatures(queryLexemes);
  let idfTotal = 0;
  let inArticle = 0;
  let inHeading = 0;
  let known = 0;
  for (const [lexeme, weight] of terms.idf) {
    idfTotal += weight;
    if (top.matched.has(lexeme)) inArticle += weight;
    if (top.headingMatched.has(lexeme)) inHeading += weight;
    if ((terms.df.get(lexeme) ?? 0) > 0) known++;
  }
  let otherSim = 0;
  let otherLex = 0;
  let bestSimId = top.articleId;
  let bestSim = top.similarity;
  let bestLexId = top.articleId;
  let bestLex = top.lexical;
  for (let i = 1; i < ranked.length; i++) {
    const r = ranked[i]!;
    otherSim = Math.max(otherSim, r.similarity);
    otherLex = Math.max(otherLex, r.lexical);
    if (r.similarity > bestSim) {
      bestSim = r.similarity;
      bestSimId = r.articleId;
    }
    if (r.lexical > bestLex) {
      bestLex = r.lexical;
      bestLexId = r.articleId;
    }
  }
  const next = ranked.slice(1, 6);
  const nextMean = next.length ? next.reduce((sum, r) => sum + r.similarity, 0) / next.length : 0;
  return {
    similarity: Math.max(0, top.similarity),
    similarityGap: Math.max(0, top.similarity) - Math.max(0, otherSim),
    similarityMargin: top.similarity - nextMean,
    fused: top.score,
    lexical: top.lexical,
    lexicalGap: top.lexical - otherLex,
    coverage: top.coverage,
    informativeCoverage: top.informativeCoverage,
    agreement: bestSimId === bestLexId && top.lexical > 0 ? 1 : 0,
    fusedGap: top.score - (ranked[1]?.score ?? 0),
    queryLength: Math.log1p(queryLexemes),
    articleCoverage: idfTotal > 0 ? inArticle / idfTotal : 0,
    headingCoverage: idfTotal > 0 ? inHeading / idfTotal : 0,
    knownShare: terms.idf.size ? known / terms.idf.size : 0,
  };
}

export function zeroFeatures(queryLexemes = 0): ConfidenceFeatures {
  return {
    similarity: 0,
    similarityGap: 0,
    similarityMargin: 0,
    fused: 0,
    lexical: 0,
    lexicalGap: 0,
    coverage: 0,
    informativeCoverage: 0,
    agreement: 0,
    fusedGap: 0,
    queryLength: Math.log1p(queryLexemes),
    articleCoverage: 0,
    headingCoverage: 0,
    knownShare: 0,
  };
}

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * The features the calibrated model reads, chosen by how well a model fitted on pseudo-questions
 * ranks real ones (StackFAQ tune half, seeds 1-3): how far the top similarity stands out, the
 * lexical gap to the runner-up, the top fused score, the share of the query's informative words in
 * the top article's headings, and query length. Chunk-level word coverage stays out: pseudo-
 * questions are made of the article's own words, so it separates them far better than real
 * paraphrased questions (AUC 0.95 vs 0.70), and a model leaning on it refuses most real questions.
 * Heading coverage transfers since pseudo-questions are reworded titles, as real questions are.
 */
export const MODEL_FEATURES: readonly FeatureName[] = [
  'similarityMargin',
  'headingCoverage',
  'queryLength',
  'lexicalGap',
  'fused',
];

export function featureVector(f: ConfidenceFeatures, names: readonly string[] = FEATURE_NAMES): number[] {
  return names.map((n) => (f as unknown as Record<string, number>)[n] ?? 0);
}
