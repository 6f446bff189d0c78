/**
 * Query-side spelling correction for the lexical channel: a query lexeme the index has never seen
 * ("pasword", "memebr", "invois") is replaced by a close lexeme it has ("password", "member",
 * "invoic"), so a typo no longer zeroes that word's BM25 contribution and coverage. Works on the
 * stemmed lexemes `to_tsvector('english', ...)` produces, against the corpus vocabulary of the
 * term statistics snapshot.
 */
export interface TypoCorrector {
  /** The indexed lexeme to use instead of `lexeme`, or null to keep it (known, too short, a number, nothing close). */
  correct(lexeme: string): string | null;
}

export const TYPO_CORRECTION_DEFAULTS = {
  /** Lexemes shorter than this are never corrected: "rest" or "mail" are too often real words. */
  minLength: 4,
  /** From this length on two edits are allowed; below it one. */
  twoEditsFrom: 8,
  /**
   * A misspelt suffix stops the stemmer ("integraton" stays whole while "integration" becomes
   * "integr"): an unknown lexeme that begins with a known one of at least this length, followed by
   * at most `maxStemRemainder` letters, counts as two edits away from it.
   */
  minStemPrefix: 5,
  maxStemRemainder: 4,
};

/**
 * Builds a corrector over a vocabulary (lexeme -> number of chunks containing it). Candidates share
 * the first letter (typos there are rare, and it keeps the scan to a small slice of the
 * vocabulary); the closest wins (optimal string alignment: a swap of two neighbours is one edit),
 * then the most frequent, then the alphabetically first. Answers are cached: the vocabulary is a
 * snapshot.
 */
export function createTypoCorrector(
  vocabulary: ReadonlyMap<string, number>,
  options: Partial<typeof TYPO_CORRECTION_DEFAULTS> = {},
): TypoCorrector {
  const cfg = { ...TYPO_CORRECTION_DEFAULTS, ...options };
  const byFirstLetter = new Map<string, string[]>();
  for (const [word, df] of vocabulary) {
    if (df <= 0 || word.length < 2) continue;
    const list = byFirstLetter.get(word[0]!);
    if (list) list.push(word);
    else byFirstLetter.set(word[0]!, [word]);
  }
  const cache = new Map<string, string | null>();

  function find(lexeme: string): string | null {
    if (lexeme.length < cfg.minLength || /\d/.test(lexeme) || (vocabulary.get(lexeme) ?? 0) > 0) return null;
    const maxEdits = lexeme.length >= cfg.twoEditsFrom ? 2 : 1;
    let best: string | null = null;
    let bestEdits = maxEdits + 1;
    let bestDf = 0;
    for (const word of byFirstLetter.get(lexeme[0]!) ?? []) {
      let edits =
        Math.abs(word.length - lexeme.length) <= maxEdits ? boundedEditDistance(lexeme, word, maxEdits) : maxEdits + 1;
      if (edits > 2 && maxEdits === 2 && isStemPrefix(word, lexeme, cfg)) edits = 2;
      if (edits > maxEdits) continue;
      const df = vocabulary.get(word) ?? 0;
      if (
        edits < bestEdits ||
        (edits === bestEdits && (df > bestDf || (df === bestDf && best !== null && word < best)))
      ) {
        best = word;
        bestEdits = edits;
        bestDf = df;
      }
    }
    return best;
  }

  return {
    correct(lexeme) {
      let hit = cache.get(lexeme);
      if (hit === undefined) {
        hit = find(lexeme);
        cache.set(lexeme, hit);
      }
      return hit;
    },
  };
}

function isStemPrefix(word: string, lexeme: string, cfg: typeof TYPO_CORRECTION_DEFAULTS): boolean {
  return (
    word.length >= cfg.minStemPrefix && lexeme.length - word.length <= cfg.maxStemRemainder && lexeme.startsWith(word)
  );
}

/**
 * Optimal string alignment distance (insert, delete, substitute, swap neighbours), or `max + 1`
 * as soon as it must exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Each lexeme replaced by its correction when it has one; the replacements made, for signals and tests. */
export function correctLexemes(
  lexemes: string[],
  corrector: TypoCorrector,
): { lexemes: string[]; corrected: Array<[string, string]> } {
  const corrected: Array<[string, string]> = [];
  const out = lexemes.map((l) => {
    const c = corrector.correct(l);
    if (c === null) return l;
    corrected.push([l, c]);
    return c;
  });
  return { lexemes: out, corrected };
}
