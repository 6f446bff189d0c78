import { isStopword } from './english-stopwords.js';
import { stemEnglish } from './stem-english.js';

export interface Token {
  /** Lowercased surface form, used for character n-grams. */
  word: string;
  stem: string;
  stopword: boolean;
}

// Letters and digits, keeping inner hyphens/apostrophes ("e-mail", "don't") together.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

// Per-word results are cached: stemming dominates tokenising otherwise. Bounded by clearing.
const CACHE = new Map<string, Token>();
const CACHE_MAX = 100_000;

/** Content words of a text, stopwords removed unless asked, in order. */
export function tokenize(text: string, opts: { keepStopwords?: boolean } = {}): Token[] {
  const out: Token[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const token = tokenOf(match[0]);
    if (opts.keepStopwords || !token.stopword) out.push(token);
  }
  return out;
}

function tokenOf(raw: string): Token {
  let token = CACHE.get(raw);
  if (token) return token;
  const word = raw.includes('’') ? raw.replace(/’/g, "'") : raw;
  const apostrophe = word.indexOf("'");
  const stopword = isStopword(word) || (apostrophe > 0 && isStopword(word.slice(0, apostrophe)));
  token = { word, stem: stemEnglish(word), stopword };
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(raw, token);
  return token;
}
