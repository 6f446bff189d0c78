/**
 * Turns a support message into named sparse features: words, light stems, word bigrams,
 * unordered skip-pairs of content words, and word-boundary character n-grams. Names are strings;
 * the vectorizer maps them to indices. Normalising, stemming and stop words come from text/, the
 * toolkit retrieval uses too, so both read "charges" as the same word.
 */
import { ENGLISH_GRAMMAR_WORDS, ENGLISH_STOPWORDS } from '../text/english-stopwords.js';
import { normalizeText } from '../text/normalize-text.js';
import { stemEnglish as stem } from '../text/stem-english.js';

/**
 * Feature tokens of already-normalised text: words split at hyphens and apostrophes (so "top-up"
 * and "top up" share features), the marks that carry intent, and numbers as their shape class so
 * "£25" ~ "£40".
 */
export function featureTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[\p{L}\p{N}]+|[£$€¥%?!]/gu)) {
    const tok = m[0];
    out.push(/^\d+$/.test(tok) ? (tok.length <= 2 ? '0' : '00') : tok);
  }
  return out;
}

export interface FeatureOptions {
  /** Smallest and largest character n-gram, taken inside padded words. */
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  /** Unordered pairs of content-word stems within this distance (0 = off): "card ... arrive". */
  skipWindow: number;
  /**
   * Skip-pairs pass over only the grammar words (text/english-stopwords.ts), keeping "not", "when", "why", "can" ...
   */
  skipKeepsQuestionWords: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  skipWindow: 0,
  skipKeepsQuestionWords: false,
};

/** Raw term counts per block; word-block names carry a kind prefix (w:, s:, b:, p:) so kinds never collide. */
export interface TextFeatures {
  word: Map<string, number>;
  char: Map<string, number>;
}

function bump(m: Map<string, number>, key: string): void {
  m.set(key, (m.get(key) ?? 0) + 1);
}

export function extractFeatures(text: string, options: Partial<FeatureOptions> = {}): TextFeatures {
  const opts = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  const tokens = featureTokens(normalizeText(text));
  const word = new Map<string, number>();
  const char = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    bump(word, 'w:' + tok);
    const s = stem(tok);
    if (s !== tok) bump(word, 's:' + s);
    if (opts.wordBigrams && i + 1 < tokens.length) bump(word, 'b:' + s + ' ' + stem(tokens[i + 1]!));
    if (tok.length === 1 && !/[\p{L}\p{N}]/u.test(tok)) continue;
    const padded = ' ' + tok + ' ';
    for (let n = opts.charMin; n <= opts.charMax; n++) {
      if (n > padded.length) break;
      for (let j = 0; j + n <= padded.length; j++) bump(char, padded.slice(j, j + n));
    }
  }
  if (opts.skipWindow > 0) {
    const skip = opts.skipKeepsQuestionWords ? ENGLISH_GRAMMAR_WORDS : ENGLISH_STOPWORDS;
    const content = tokens.filter((t) => !skip.has(t) && /[\p{L}\p{N}]/u.test(t)).map(stem);
    for (let i = 0; i < content.length; i++) {
      for (let j = i + 1; j < Math.min(content.length, i + 1 + opts.skipWindow); j++) {
        const [a, b] = content[i]! < content[j]! ? [content[i]!, content[j]!] : [content[j]!, content[i]!];
        if (a !== b) bump(word, 'p:' + a + ' ' + b);
      }
    }
  }
  return { word, char };
}

/** Word tokens used for vocabulary-overlap checks (out-of-scope detection, loop detection). */
export function contentTokens(text: string): string[] {
  return featureTokens(normalizeText(text)).filter((t) => /[\p{L}\p{N}]/u.test(t));
}
