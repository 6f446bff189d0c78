/**
 * Raw per-class decision values for a text: TF-IDF (word + character n-grams) into a
 * one-vs-rest linear SVM. Calibration and out-of-scope decisions live in intent-classifier.ts.
 */
import { trainLinearSvm, scoreLinear, type LinearSvmOptions } from './linear-svm.js';
import { extractFeatures } from './text-features.js';
import { fitTfidfVectorizer, type VectorizerOptions } from './tfidf-vectorizer.js';

export interface IntentScorerOptions {
  svm: Partial<LinearSvmOptions>;
  vectorizer: Partial<VectorizerOptions>;
}

export type IntentScorer = (text: string) => Float64Array;

export function trainIntentScorer(
  texts: string[],
  labels: Int32Array,
  classes: number,
  options: Partial<IntentScorerOptions> = {},
): IntentScorer {
  const vopts = options.vectorizer ?? {};
  const feats = texts.map((t) => extractFeatures(t, vopts.features));
  const vectorizer = fitTfidfVectorizer(texts, vopts, feats);
  const xs = feats.map((f) => vectorizer.transformFeatures(f));
  const model = trainLinearSvm(xs, labels, classes, vectorizer.dim, options.svm ?? {});
  return (text) => scoreLinear(model, vectorizer.transform(text));
}
