/**
 * How much of a message's vocabulary the training set knows, weighted by rarity so that
 * "how do I ..." does not make an off-topic question look familiar.
 */
import { STOPWORDS, contentTokens, stem } from './text-features.js';

export interface VocabularyCoverage {
  /** 0..1: IDF-weighted share of the text's tokens seen in training (1 for empty text). */
  coverage(text: string): number;
}

export function fitVocabularyCoverage(texts: string[]): VocabularyCoverage {
  const df = new Map<string, number>();
  for (const t of texts) {
    for (const tok of new Set(contentTokens(t).filter((w) => !STOPWORDS.has(w)).map(stem))) df.set(tok, (df.get(tok) ?? 0) + 1);
  }
  const n = texts.length;
  const unseenIdf = Math.log(1 + n);
  return {
    coverage(text) {
      let known = 0;
      let total = 0;
      for (const tok of contentTokens(text)) {
        if (STOPWORDS.has(tok)) continue;
        const d = df.get(stem(tok));
        const idf = d === undefined ? unseenIdf : Math.log(1 + n / d);
        total += idf;
        if (d !== undefined) known += idf;
      }
      return total === 0 ? 1 : known / total;
    },
  };
}
