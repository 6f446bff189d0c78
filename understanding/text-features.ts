/**
 * Turns a support message into named sparse features: words, light stems, word bigrams,
 * unordered skip-pairs of content words, and word-boundary character n-grams. Names are strings;
 * the vectorizer maps them to indices.
 */

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan['’]?t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\bain['’]t\b/g, 'is not'],
  [/n['’]t\b/g, ' not'],
  [/['’]re\b/g, ' are'],
  [/['’]ve\b/g, ' have'],
  [/['’]ll\b/g, ' will'],
  [/['’]d\b/g, ' would'],
  [/['’]m\b/g, ' am'],
  [/['’]s\b/g, ''],
  // Apostrophe-less spellings are common in chat ("dont", "cant", "wont", "didnt").
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must)nt\b/g, '$1 not'],
  [/\bcant\b/g, 'can not'],
  [/\bwont\b/g, 'will not'],
  [/\bcannot\b/g, 'can not'],
];

/** Lowercases and expands contractions so negation is a token ("doesn't" -> "does not"). */
export function normalizeText(text: string): string {
  let t = text.toLowerCase().normalize('NFKC');
  for (const [re, rep] of CONTRACTIONS) t = t.replace(re, rep);
  return t;
}

/** Word tokens of already-normalised text; numbers keep their shape class so "£25" ~ "£40". */
export function tokenize(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(/[\p{L}\p{N}]+|[£$€¥%?!]/gu)) {
    const tok = m[0];
    out.push(/^\d+$/.test(tok) ? (tok.length <= 2 ? '0' : '00') : tok);
  }
  return out;
}

/**
 * A deliberately crude suffix stripper: enough to merge "charged/charges/charging" without a
 * dictionary. Exactness does not matter because stems are features beside the raw words.
 */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  const rules: Array<[string, string]> = [
    ['ational', 'ate'], ['ization', 'ize'], ['iveness', 'ive'], ['fulness', 'ful'],
    ['ousness', 'ous'], ['ations', 'ate'], ['ation', 'ate'], ['ments', ''], ['ment', ''],
    ['ings', ''], ['ing', ''], ['edly', ''], ['ied', 'y'], ['ies', 'y'], ['ed', ''],
    ['ly', ''], ['es', ''], ['s', ''],
  ];
  for (const [suffix, rep] of rules) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      if (suffix === 's' && (word.endsWith('ss') || word.endsWith('us'))) return word;
      return word.slice(0, word.length - suffix.length) + rep;
    }
  }
  return word;
}

export interface FeatureOptions {
  /** Smallest and largest character n-gram, taken inside padded words. */
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  /** Unordered pairs of content-word stems within this distance (0 = off): "card ... arrive". */
  skipWindow: number;
  /** Skip-pairs ignore only pure function words, keeping "not", "when", "why", "can" ... */
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
  const tokens = tokenize(normalizeText(text));
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
    const skip = opts.skipKeepsQuestionWords ? FUNCTION_WORDS : STOPWORDS;
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
  return tokenize(normalizeText(text)).filter((t) => /[\p{L}\p{N}]/u.test(t));
}

/** Function words that say nothing about the topic (loop detection and skip-pairs ignore them). */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'it', 'its', 'is', 'am', 'are', 'was', 'were', 'be',
  'been', 'the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'for', 'from', 'by', 'and', 'or', 'but', 'do',
  'does', 'did', 'can', 'could', 'how', 'what', 'why', 'when', 'where', 'which', 'who', 'this', 'that',
  'these', 'those', 'with', 'please', 'pls', 'again', 'so', 'just', 'have', 'has', 'had', 'would', 'will',
  'there', 'here', 'if', 'as', 'not', 'no', 'any', 'some', 'all', 'get', 'hi', 'hello', 'hey', 'should',
  'them', 'they', 'their', 'he', 'she', 'his', 'her', 'about', 'into', 'up', 'out',
]);

/** Articles, pronouns, prepositions and auxiliaries: the stopwords minus those that carry intent. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  [...STOPWORDS].filter(
    (w) =>
      !['not', 'no', 'how', 'what', 'why', 'when', 'where', 'which', 'who', 'can', 'could', 'will', 'would', 'should', 'get', 'all', 'any', 'again'].includes(w),
  ),
);
