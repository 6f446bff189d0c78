/**
 * TF-IDF over the named features of text-features.ts, fitted on the training texts.
 * Exact vocabulary rather than hashing: features unseen in training carry no weight anyway,
 * and an exact map keeps the weight matrix as small as the data allows.
 */
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions, type TextFeatures } from './text-features.js';

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface VectorizerOptions {
  features: Partial<FeatureOptions>;
  /** Relative weight of the word block and the character block (each block is L2-normalised first). */
  wordWeight: number;
  charWeight: number;
  /** Character n-grams seen in fewer training texts are dropped: they mostly memorise one example. */
  charMinDf: number;
}

export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  wordWeight: 1,
  charWeight: 1,
  charMinDf: 2,
};

export interface TfidfVectorizer {
  readonly dim: number;
  transform(text: string): SparseVector;
  transformFeatures(f: TextFeatures): SparseVector;
}

export function fitTfidfVectorizer(
  texts: string[],
  options: Partial<VectorizerOptions> = {},
  pre?: TextFeatures[],
): TfidfVectorizer {
  const opts = { ...DEFAULT_VECTORIZER_OPTIONS, ...options };
  const feats = pre ?? texts.map((t) => extractFeatures(t, opts.features));
  const dfWord = new Map<string, number>();
  const dfChar = new Map<string, number>();
  for (const f of feats) {
    for (const k of f.word.keys()) dfWord.set(k, (dfWord.get(k) ?? 0) + 1);
    for (const k of f.char.keys()) dfChar.set(k, (dfChar.get(k) ?? 0) + 1);
  }
  // One index per block, so looking a gram up never builds a prefixed key string.
  const wordIndex = new Map<string, number>();
  const charIndex = new Map<string, number>();
  const idfList: number[] = [];
  const n = feats.length;
  const add = (index: Map<string, number>, key: string, df: number): void => {
    index.set(key, idfList.length);
    idfList.push(Math.log((1 + n) / (1 + df)) + 1);
  };
  for (const [k, df] of dfWord) {
    add(wordIndex, k, df);
  }
  for (const [k, df] of dfChar) if (df >= opts.charMinDf) add(charIndex, k, df);
  const idf = Float32Array.from(idfList);

  const block = (
    counts: Map<string, number>,
    index: Map<string, number>,
    weight: number,
    idx: number[],
    val: number[],
  ): void => {
    if (weight === 0) return;
    const start = val.length;
    let norm = 0;
    for (const [k, c] of counts) {
      const i = index.get(k);
      if (i === undefined) continue;
      const v = (1 + Math.log(c)) * idf[i]!;
      idx.push(i);
      val.push(v);
      norm += v * v;
    }
    if (norm === 0) return;
    const s = weight / Math.sqrt(norm);
    for (let j = start; j < val.length; j++) val[j] = val[j]! * s;
  };

  const transformFeatures = (f: TextFeatures): SparseVector => {
    const idx: number[] = [];
    const val: number[] = [];
    block(f.word, wordIndex, opts.wordWeight, idx, val);
    block(f.char, charIndex, opts.charWeight, idx, val);
    // Renormalise the concatenation so every text has unit length whatever its blocks hit.
    let norm = 0;
    for (const v of val) norm += v * v;
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    return { idx: Int32Array.from(idx), val: Float32Array.from(val, (v) => v * s) };
  };

  return {
    dim: idf.length,
    transformFeatures,
    transform: (text) => transformFeatures(extractFeatures(text, opts.features)),
  };
}
