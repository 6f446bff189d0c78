import { tokenize } from '../text/tokenize.js';

/** Words that thank or say goodbye / hello, and words that only go with them ("that worked, great"). */
const THANKS = new Set(
  (
    'thanks thank thx ty cheers worked works helped perfect great ' +
    'awesome brilliant excellent bye goodbye danke merci gracias'
  ).split(' '),
);
const GREETING = new Set('hi hello hey hiya morning afternoon evening hallo bonjour hola'.split(' '));
const FILLER = new Set(
  (
    'ok okay cool nice good much lot fine super sorted solved fixed yes ' +
    "yep yeah that's lovely wonderful guys folks team there all now day"
  ).split(' '),
);

/**
 * "Thanks, that worked", "hi there", "ok great, bye": a message that only thanks, greets or
 * acknowledges, with no question in it, gets a fitting reply in every state, never a knowledge-base
 * section. Null when the message asks or says anything else.
 */
export function socialMessage(text: string): 'thanks' | 'greeting' | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 80 || (trimmed.includes('?') && !/^\W*(hi|hello|hey)\b/i.test(trimmed))) return null;
  const words = tokenize(trimmed, { keepStopwords: true }).map((t) => t.word);
  let kind: 'thanks' | 'greeting' | null = null;
  for (const w of words) {
    if (THANKS.has(w)) kind = 'thanks';
    else if (GREETING.has(w)) kind ??= 'greeting';
    else if (!FILLER.has(w) && !tokenize(w).length)
      continue; // a function word ("you", "that", "it")
    else if (!FILLER.has(w)) return null;
  }
  return kind;
}
