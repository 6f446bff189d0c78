/**
 * Negation scope, shared by the sentiment score, the signal patterns and the human-request
 * reading: is a word negated by something earlier in its clause?
 */
import { CLAUSE_BREAKERS, NEGATORS } from './sentiment-lexicon.js';

/** Words after "not" that make it a statement of intent: "don't want to cancel", "no need for a human". */
const VOLITION = new Set([
  'want',
  'need',
  'wish',
  'plan',
  'planning',
  'intend',
  'going',
  'gonna',
  'looking',
  'trying',
  'asking',
  'interested',
  'require',
]);

/** Words and clause punctuation of normalised text. */
const TOKEN = /[\p{L}\p{N}]+|[.,;!?]/gu;

export function tokens(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/** Is the word at `i` (or a phrase starting there) negated by something earlier in its clause? */
export function negatedAt(toks: string[], i: number, window = 3): boolean {
  for (let j = i - 1; j >= Math.max(0, i - window); j--) {
    const t = toks[j]!;
    if (CLAUSE_BREAKERS.has(t)) return false;
    if (NEGATORS.has(t)) return j === i - 1 || VOLITION.has(toks[j + 1] ?? '') || t !== 'not';
  }
  return false;
}
