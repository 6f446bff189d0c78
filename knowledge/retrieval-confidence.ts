/**
 * When retrieval counts as "the knowledge base has an answer". All thresholds live here.
 *
 * Evidence comes from the best-ranked article's raw signals, not from the fused score (a blend
 * of two scales, tuned for ranking, not for saying "relevant"):
 * - `similarity`: cosine similarity (1 - pgvector distance) of its best chunk to the query.
 * - `coverage`: share of the query's content lexemes (English full-text stems) in that chunk.
 *
 * Confident when either the vectors agree strongly, or the vectors agree moderately AND most of
 * the question's words appear in the chunk. Values were calibrated for `local-hash-v1` on the
 * demo knowledge base: on-topic questions score similarity 0.19-0.73 with coverage >= 0.5;
 * off-topic text ("what is the capital of France", "asdfgh", "who won the world cup") scores
 * similarity 0.03-0.25 with coverage 0, or coverage 0.5 with similarity < 0.05 ("tell me a joke").
 * Another embedder (OpenAI) has a different similarity scale, so absolute values mean nothing
 * there: `confidenceFor(model)` gives every other model the uncalibrated RELATIVE fallback,
 * which asks how far the best article stands above the other candidates (a margin relative to
 * its own similarity) plus word coverage. Pass calibrated thresholds once measured.
 */
export interface ConfidenceThresholds {
  /** Similarity alone that is enough. */
  strongSimilarity: number;
  /** Similarity needed when backed by word coverage. */
  minSimilarity: number;
  /** Share of query lexemes found in the chunk, 0-1. */
  minCoverage: number;
  /** `absolute` (default): the similarity thresholds above; `relative`: the margin ones below. */
  mode?: 'absolute' | 'relative';
  /** Relative margin enough alone: (top - mean of the other articles) / top. */
  strongMargin?: number;
  /** Relative margin needed when backed by word coverage. */
  minMargin?: number;
}

/** Fallback for embedders without calibration (any model but `local-hash-v1`). */
export const RELATIVE_CONFIDENCE_THRESHOLDS: Readonly<ConfidenceThresholds> = Object.freeze({
  mode: 'relative',
  strongSimilarity: 1,
  minSimilarity: 0,
  minCoverage: 0.5,
  strongMargin: 0.5,
  minMargin: 0.15,
});

/** The thresholds for an embedding model: calibrated for the local one, relative for the rest. */
export function confidenceFor(model: string): Readonly<ConfidenceThresholds> {
  return model === 'local-hash-v1' ? LOCAL_CONFIDENCE_THRESHOLDS : RELATIVE_CONFIDENCE_THRESHOLDS;
}

export const LOCAL_CONFIDENCE_THRESHOLDS: Readonly<ConfidenceThresholds> = Object.freeze({
  strongSimilarity: 0.45,
  minSimilarity: 0.15,
  minCoverage: 0.5,
});

export interface ConfidenceEvidence {
  similarity: number;
  coverage: number;
  /** (top similarity - mean similarity of the other candidate articles) / top similarity. */
  margin?: number;
}

export function isConfident(e: ConfidenceEvidence, t: ConfidenceThresholds = LOCAL_CONFIDENCE_THRESHOLDS): boolean {
  if (t.mode === 'relative') {
    const margin = e.margin ?? 0;
    if (e.similarity <= 0) return false;
    if (margin >= (t.strongMargin ?? 0.5)) return true;
    return margin >= (t.minMargin ?? 0.15) && e.coverage >= t.minCoverage;
  }
  if (e.similarity >= t.strongSimilarity) return true;
  return e.similarity >= t.minSimilarity && e.coverage >= t.minCoverage;
}
