/**
 * trainIntentClassifier: an offline intent classifier trained in-process from example
 * utterances. Scores come from intent-scorer.ts; this file adds what makes the number usable by
 * a policy: a softmax temperature fitted on a held-out split (so `confidence` is a probability),
 * and out-of-scope rejection (low calibrated confidence, or vocabulary the examples never used).
 */
import { fitTemperature, quantile, softmax } from './calibration.js';
import { mulberry32 } from './linear-svm.js';
import { trainIntentScorer, type IntentScorerOptions } from './intent-scorer.js';
import { contentTokens } from './text-features.js';
import type { IntentClassifier, IntentPrediction } from './types.js';
import { fitVocabularyCoverage } from './vocabulary-coverage.js';

export interface IntentClassifierOptions extends Partial<IntentScorerOptions> {
  /** Share of each intent's examples held out to fit the temperature and the reject threshold. */
  holdoutFraction: number;
  /**
   * The reject threshold is this quantile of held-out in-scope confidences, so roughly this
   * share of in-scope messages is handed to a human as "not sure". Ignored if minConfidence is set.
   */
  rejectQuantile: number;
  /** Fixed confidence threshold below which the intent is null. */
  minConfidence?: number;
  /** Texts whose IDF-weighted vocabulary coverage is below this are out of scope. */
  minCoverage: number;
  /** How many candidates `ranked` lists. */
  topK: number;
  seed: number;
}

export const DEFAULT_INTENT_CLASSIFIER_OPTIONS: IntentClassifierOptions = {
  holdoutFraction: 0.2,
  rejectQuantile: 0.05,
  minCoverage: 0.5,
  topK: 5,
  seed: 13,
};

export interface TrainedIntentClassifier extends IntentClassifier {
  readonly labels: readonly string[];
  readonly temperature: number;
  /** Calibrated confidence below which classify() answers intent null. */
  readonly threshold: number;
  readonly minCoverage: number;
}

/** Stratified split: every intent with at least 3 examples lends ~fraction of them to held-out. */
function stratifiedSplit(labels: Int32Array, classes: number, fraction: number, seed: number): Uint8Array {
  const rand = mulberry32(seed);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((l, i) => byClass[l]!.push(i));
  const held = new Uint8Array(labels.length);
  for (const idx of byClass) {
    if (idx.length < 3) continue;
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const k = Math.max(1, Math.round(idx.length * fraction));
    for (let i = 0; i < k; i++) held[idx[i]!] = 1;
  }
  return held;
}

export function trainIntentClassifier(
  examples: Array<{ text: string; label: string }>,
  options: Partial<IntentClassifierOptions> = {},
): TrainedIntentClassifier {
  const o = { ...DEFAULT_INTENT_CLASSIFIER_OPTIONS, ...options };
  const usable = examples.filter((e) => e.text.trim() !== '' && e.label !== '');
  const labels = [...new Set(usable.map((e) => e.label))].sort();
  if (labels.length < 2) throw new Error('trainIntentClassifier needs examples of at least two intents');
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const texts = usable.map((e) => e.text);
  const y = Int32Array.from(usable, (e) => labelIndex.get(e.label)!);

  // Fit calibration on a model that has not seen the held-out texts, then retrain on everything.
  let temperature = 0.1;
  let threshold = o.minConfidence ?? 0;
  if (o.holdoutFraction > 0) {
    const held = stratifiedSplit(y, labels.length, o.holdoutFraction, o.seed);
    const fitIdx = [...y.keys()].filter((i) => !held[i]);
    const heldIdx = [...y.keys()].filter((i) => held[i]);
    if (heldIdx.length > 0) {
      const probe = trainIntentScorer(
        fitIdx.map((i) => texts[i]!),
        Int32Array.from(fitIdx, (i) => y[i]!),
        labels.length,
        o,
      );
      const scores = heldIdx.map((i) => probe(texts[i]!));
      temperature = fitTemperature(scores, heldIdx.map((i) => y[i]!));
      if (o.minConfidence === undefined) {
        const confidences = scores.map((s) => Math.max(...softmax(s, temperature)));
        threshold = quantile(confidences, o.rejectQuantile);
      }
    }
  }
  const scorer = trainIntentScorer(texts, y, labels.length, o);
  const vocabulary = fitVocabularyCoverage(texts);
  const probs = new Float64Array(labels.length);

  const classify = (text: string): IntentPrediction => {
    if (contentTokens(text).length === 0) return { intent: null, confidence: 0, ranked: [] };
    softmax(scorer(text), temperature, probs);
    const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!).slice(0, o.topK);
    const ranked = order.map((k) => ({ intent: labels[k]!, confidence: probs[k]! }));
    const best = ranked[0]!;
    const inScope = best.confidence >= threshold && vocabulary.coverage(text) >= o.minCoverage;
    return { intent: inScope ? best.intent : null, confidence: best.confidence, ranked };
  };

  return { labels, temperature, threshold, minCoverage: o.minCoverage, classify };
}
