import { stemsFor, wordForStemming } from './language-stems.js';
import { normalizeText } from './normalize-text.js';

export interface Token {
  /** Lowercased surface form, used for character n-grams. */
  word: string;
  stem: string;
  stopword: boolean;
}

export interface TokenizeOptions {
  keepStopwords?: boolean;
  /**
   * The text's language (ISO 639-1): its stemmer and stop words (German, French, Spanish); English when absent or not
   * stemmed.
   */
  language?: string | null;
}

// Letters and digits, keeping inner hyphens/apostrophes ("e-mail", "don't") together.
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

// Per-word results are cached: stemming dominates tokenising otherwise. Bounded by clearing.
const CACHE = new Map<string, Token>();
const CACHE_MAX = 100_000;

/**
 * Content words of a text (normalised as everywhere: contractions spelled out), stop words removed unless asked, in
 * order.
 */
export function tokenize(text: string, opts: TokenizeOptions = {}): Token[] {
  const out: Token[] = [];
  const language = opts.language && opts.language !== 'en' ? opts.language : null;
  for (const match of normalizeText(text, language).matchAll(WORD)) {
    const token = tokenOf(match[0], language);
    if (opts.keepStopwords || !token.stopword) out.push(token);
  }
  return out;
}

function tokenOf(raw: string, language: string | null): Token {
  const key = language ? `${language}:${raw}` : raw;
  let token = CACHE.get(key);
  if (token) return token;
  const word = wordForStemming(raw.includes('’') ? raw.replace(/’/g, "'") : raw, language);
  const { stem, isStopword } = stemsFor(language);
  const apostrophe = word.indexOf("'");
  const stopword = isStopword(word) || (apostrophe > 0 && isStopword(word.slice(0, apostrophe)));
  token = { word, stem: stem(word), stopword };
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(key, token);
  return token;
}
