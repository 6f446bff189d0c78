import { tokenize } from '../../text/tokenize.js';
import type { QueryTerms } from './query-terms.js';

/** Weight left to a word only the "what I already did" clause of a problem description has. */
const DONE_WEIGHT = 0.35;

/**
 * "<what I did> but <what went wrong>"; a plain "and" only after "I ..." / "we ..." ("I updated it and the email didn't
 * arrive").
 */
const BUT =
  /^(.+?)(?:,\s*|\s+)(?:but|however|yet|and still|and then|and now)\s+(.+)$|^((?:i|we)\b.+?)(?:,\s*|\s+)and\s+(.+)$/i;
/** "<what went wrong> after I <what I did>" */
const AFTER = /^(.+?)\s+(?:after|since|once|even though|although)\s+(?:i|we)\s+(.+)$/i;

/**
 * In a problem description the visitor says what they already did and what went wrong: "I updated
 * the billing email but never got the confirmation email". The words of the done part ("update
 * the billing email") match the how-to heading they already followed; the answer is about the
 * other part. Words only the done part has keep DONE_WEIGHT; the rest is unchanged. A question
 * with no such split, or whose "problem" part describes nothing wrong, is returned as it is.
 */
export function focusOnProblem(
  question: string,
  terms: QueryTerms,
  describesProblem: (text: string) => boolean,
): QueryTerms {
  const text = question.trim();
  const but = BUT.exec(text);
  const after = but ? null : AFTER.exec(text);
  const [done, problem] = but ? [but[1] ?? but[3]!, but[2] ?? but[4]!] : after ? [after[2]!, after[1]!] : [null, null];
  if (done === null || problem === null || !describesProblem(problem) || describesProblem(done)) return terms;
  const problemStems = new Set(tokenize(problem).map((t) => t.stem));
  const doneStems = new Set(tokenize(done).map((t) => t.stem));
  const out = new Map(terms);
  for (const [stem, w] of terms)
    if (doneStems.has(stem) && !problemStems.has(stem)) out.set(stem, Math.min(w, DONE_WEIGHT));
  return out;
}
