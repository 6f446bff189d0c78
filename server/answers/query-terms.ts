import { conceptOf } from '../../knowledge/support-synonyms.js';
import { tokenize } from '../../text/tokenize.js';
import type { Language } from '../../protocol/messages/languages.js';

/** A question's content words (stems), weighted: the visitor's own words count fully, context words less. */
export type QueryTerms = ReadonlyMap<string, number>;

/** Weight of a word that only the earlier question (the follow-up's context) contributes. */
const CONTEXT_WEIGHT = 0.35;

export function queryTerms(question: string, context?: string | null, language?: Language | null): QueryTerms {
  const terms = new Map<string, number>();
  for (const t of tokenize(question, { language })) terms.set(t.stem, 1);
  for (const t of tokenize(context ?? '', { language })) if (!terms.has(t.stem)) terms.set(t.stem, CONTEXT_WEIGHT);
  return terms;
}

/** A few answer-side concepts retrieval's synonym groups leave out ("make it mandatory" is "require"). */
const LOCAL_CONCEPTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    requir: 'require',
    mandatori: 'require',
    enforc: 'require',
    forc: 'require',
    compulsori: 'require',
    cost: 'price',
    pric: 'price',
    much: 'price',
    rate: 'rate',
    limit: 'rate',
    minut: 'rate',
  }),
);
const conceptFor = (stem: string, language?: Language | null) =>
  language && language !== 'en' ? conceptOf(stem, language) : (LOCAL_CONCEPTS.get(stem) ?? conceptOf(stem));

/**
 * The stems of a text (parts of hyphenated words too), with their concepts ("update" also stands
 * for "change"), for matching; stemmed in the text's language (English when not given).
 */
export function termsOf(text: string, language?: Language | null): Set<string> {
  const out = new Set<string>();
  const add = (stem: string) => {
    out.add(stem);
    const c = conceptFor(stem, language);
    if (c) out.add(`~${c}`);
  };
  for (const t of tokenize(text, { language })) {
    add(t.stem);
    if (t.word.includes('-')) for (const part of tokenize(t.word.replace(/-/g, ' '), { language })) add(part.stem);
  }
  // A price ("$10 per member") answers "how much does it cost".
  if (/[$€£]\s?\d/.test(text)) out.add('~price');
  return out;
}

/**
 * How well a text's terms match a question: the words it has fully, words of the same concept at
 * half. A word the whole article never uses (`absent`), whose concept it does use ("rate limit"
 * against "100 requests per minute"), counts fully at the concept's own idf: the synonym is the
 * article's only way of saying it.
 */
export function matchScore(
  terms: QueryTerms,
  have: ReadonlySet<string>,
  idf: (stem: string) => number = () => 1,
  language?: Language | null,
  absent?: (stem: string) => boolean,
): number {
  let score = 0;
  for (const [stem, weight] of terms) {
    if (have.has(stem)) score += weight * idf(stem);
    else {
      const c = conceptFor(stem, language);
      if (!c || !have.has(`~${c}`)) continue;
      score += absent?.(stem) ? weight * idf(`~${c}`) : 0.5 * weight * idf(stem);
    }
  }
  return score;
}
