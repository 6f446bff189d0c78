/**
 * trainIntentClassifier: an offline intent classifier trained in-process from example
 * utterances. Scores come from intent-scorer.ts; this file adds what makes the number usable by
 * a policy: a softmax temperature fitted on a held-out split (so `confidence` is a probability),
 * and out-of-scope rejection (low calibrated confidence, or wording the examples never used),
 * with thresholds also taken from the held-out split so they adapt to the data set's size.
 */
import { fitTemperature, quantile, softmax } from './calibration.js';
import { mulberry32 } from './linear-svm.js';
import { trainIntentScorer, type IntentScorerOptions } from './intent-scorer.js';
import { contentTokens, type TextFeatures } from './text-features.js';
import type { IntentClassifier, IntentPrediction } from './types.js';
import { fitVocabularyCoverage, type VocabularyCoverage } from './vocabulary-coverage.js';

export interface IntentClassifierOptions extends Partial<IntentScorerOptions> {
  /** Share of each intent's examples held out to fit the temperature and the thresholds. */
  holdoutFraction: number;
  /**
   * Confidence threshold = this quantile of held-out confidences (roughly this share of in-scope
   * messages is handed over as "not sure"). Ignored when minConfidence is set.
   */
  rejectQuantile: number;
  /** Fixed calibrated-confidence threshold below which the intent is null. */
  minConfidence?: number;
  /**
   * Used instead of the rejectQuantile threshold when there are too few held-out texts to
   * estimate that quantile (fewer than 1 / rejectQuantile), e.g. a few hundred intent examples.
   */
  fallbackMinConfidence: number;
  /**
   * Familiarity = character-gram coverage + noveltyScoreWeight * best raw score. Messages below
   * the noveltyQuantile of held-out familiarity are out of scope; so are messages below the
   * unsureNoveltyQuantile when the classifier is also below unsureConfidence.
   */
  noveltyQuantile: number;
  unsureNoveltyQuantile: number;
  unsureConfidence: number;
  noveltyScoreWeight: number;
  /** Fixed familiarity threshold (replaces the noveltyQuantile one). */
  minFamiliarity?: number;
  /** Lower bound on the learnt familiarity threshold: a few held-out texts make a loose quantile. */
  familiarityFloor: number;
  /**
   * The fitted temperature is shrunk toward defaultTemperature as if that default had been seen
   * on this many held-out texts: a handful of texts all classified right would otherwise fit a
   * near-zero temperature and every answer would claim 100%.
   */
  temperaturePriorWeight: number;
  defaultTemperature: number;
  /** How many candidates `ranked` lists. */
  topK: number;
  seed: number;
}

/**
 * Quantiles chosen on BANKING77 vs StackExchange FAQ queries: every in-scope message rejected
 * costs accuracy, so the thresholds sit low (about 0.5% of in-scope messages rejected) and still
 * catch about three quarters of off-topic ones.
 */
export const DEFAULT_INTENT_CLASSIFIER_OPTIONS: IntentClassifierOptions = {
  holdoutFraction: 0.2,
  rejectQuantile: 0.002,
  fallbackMinConfidence: 0.25,
  noveltyQuantile: 0.002,
  unsureNoveltyQuantile: 0.01,
  unsureConfidence: 0.5,
  noveltyScoreWeight: 0.1,
  familiarityFloor: 0.25,
  temperaturePriorWeight: 50,
  defaultTemperature: 0.2,
  topK: 5,
  seed: 13,
};

export interface TrainedIntentClassifier extends IntentClassifier {
  readonly labels: readonly string[];
  readonly temperature: number;
  /** Calibrated confidence below which classify() answers intent null. */
  readonly threshold: number;
  /** Familiarity thresholds (hard, and when unsure). */
  readonly familiarity: { readonly min: number; readonly unsure: number };
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

  const familiarityOf = (vocabulary: VocabularyCoverage, scores: Float64Array, features: TextFeatures): number =>
    vocabulary.coverage(features) + o.noveltyScoreWeight * Math.max(...scores);

  // Fit calibration on a model that has not seen the held-out texts, then retrain on everything.
  let temperature = o.defaultTemperature;
  let threshold = o.minConfidence ?? o.fallbackMinConfidence;
  let minFamiliarity = o.minFamiliarity ?? -Infinity;
  let unsureFamiliarity = -Infinity;
  if (o.holdoutFraction > 0) {
    const held = stratifiedSplit(y, labels.length, o.holdoutFraction, o.seed);
    const fitIdx = [...y.keys()].filter((i) => !held[i]);
    const heldIdx = [...y.keys()].filter((i) => held[i]);
    if (heldIdx.length > 0) {
      const fitTexts = fitIdx.map((i) => texts[i]!);
      const probe = trainIntentScorer(fitTexts, Int32Array.from(fitIdx, (i) => y[i]!), labels.length, o);
      const probeVocabulary = fitVocabularyCoverage(probe.trainingFeatures);
      const heldFeatures = heldIdx.map((i) => probe.extract(texts[i]!));
      const scores = heldFeatures.map((f) => probe.score(f));
      const fitted = fitTemperature(scores, heldIdx.map((i) => y[i]!));
      const n = heldIdx.length;
      temperature = Math.exp((n * Math.log(fitted) + o.temperaturePriorWeight * Math.log(o.defaultTemperature)) / (n + o.temperaturePriorWeight));
      if (o.minConfidence === undefined && heldIdx.length * o.rejectQuantile >= 1) {
        const confidences = scores.map((s) => Math.max(...softmax(s, temperature)));
        threshold = quantile(confidences, o.rejectQuantile);
      }
      const familiarity = heldFeatures.map((f, j) => familiarityOf(probeVocabulary, scores[j]!, f));
      if (o.minFamiliarity === undefined) minFamiliarity = quantile(familiarity, o.noveltyQuantile);
      unsureFamiliarity = Math.max(minFamiliarity, quantile(familiarity, o.unsureNoveltyQuantile));
    }
  }
  if (o.minFamiliarity === undefined) minFamiliarity = Math.max(o.familiarityFloor, minFamiliarity);
  const scorer = trainIntentScorer(texts, y, labels.length, o);
  const vocabulary = fitVocabularyCoverage(scorer.trainingFeatures);

  const classify = (text: string): IntentPrediction => {
    if (contentTokens(text).length === 0) return { intent: null, confidence: 0, ranked: [] };
    const features = scorer.extract(text);
    const scores = scorer.score(features);
    const probs = softmax(scores, temperature);
    const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!).slice(0, o.topK);
    const ranked = order.map((k) => ({ intent: labels[k]!, confidence: probs[k]! }));
    const best = ranked[0]!;
    const familiar = familiarityOf(vocabulary, scores, features);
    const outOfScope =
      best.confidence < threshold ||
      familiar < minFamiliarity ||
      (familiar < unsureFamiliarity && best.confidence < o.unsureConfidence);
    return { intent: outOfScope ? null : best.intent, confidence: best.confidence, ranked, familiarity: familiar };
  };

  return { labels, temperature, threshold, familiarity: { min: minFamiliarity, unsure: unsureFamiliarity }, classify };
}
