import { tokenize } from '../../text/tokenize.js';
import type { TurnInput } from '../pipeline/turn.js';

/** Words that point back at what was said before ("can guests do that too?", "and for my login email?"). */
const POINTS_BACK =
  /^(and|also|but|or|same|what about|how about|and what|and how|what if)\b|\b(it|that|this|those|these|them|they|there|too|either|as well|instead|one)\b/i;
/** A follow-up this short (content words) leans on the earlier question; a longer message stands alone. */
const MAX_CONTENT_WORDS = 5;
const MAX_CHARS = 120;

/**
 * The earlier question a short, anaphoric follow-up builds on, or null when the message stands
 * alone. Read from the conversation so far: the visitor's previous message (and the one before it
 * when that was a follow-up too).
 */
export function followUpContext(turn: Pick<TurnInput, 'text' | 'history'>): string | null {
  if (!isFollowUp(turn.text)) return null;
  const earlier = turn.history.filter((m) => m.role === 'visitor').map((m) => m.text);
  const previous = earlier[earlier.length - 1];
  if (!previous || !tokenize(previous).length) return null;
  const before = earlier[earlier.length - 2];
  return before && isFollowUp(previous) ? `${before} ${previous}` : previous;
}

export function isFollowUp(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_CHARS) return false;
  const content = tokenize(trimmed).length;
  // Short alone is not enough: "How do I enable 2FA?" after a webhook question is a new question.
  return content > 0 && content <= MAX_CONTENT_WORDS && POINTS_BACK.test(trimmed);
}

/** What to search for: a follow-up with its earlier question, the message alone otherwise. */
export function withFollowUpContext(query: string, turn: Pick<TurnInput, 'text' | 'history'>): string {
  const context = followUpContext(turn);
  return context ? `${query} ${context}` : query;
}
