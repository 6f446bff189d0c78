/**
 * Word valences for support conversations, on a -3..3 scale in the spirit of AFINN/VADER, plus
 * the modifiers sentiment.ts applies. Written for chat support, so "broken", "charged twice" and
 * "refund" matter more than poetry; words are matched after normalizeText (lowercase, contractions
 * expanded: "doesn't" -> "does not").
 */

export const WORD_VALENCE: Record<string, number> = {
  // positive
  thanks: 2, thank: 2, thx: 2, ty: 1.5, appreciate: 2, appreciated: 2, great: 3, awesome: 3, amazing: 3,
  excellent: 3, perfect: 3, fantastic: 3, wonderful: 3, love: 3, loved: 3, lovely: 2.5, brilliant: 3,
  good: 2, nice: 2, cool: 1.5, fine: 1, ok: 0.5, okay: 0.5, helpful: 2, useful: 2, happy: 2.5, glad: 2,
  pleased: 2, satisfied: 2, easy: 1.5, quick: 1, fast: 1, solved: 2, fixed: 2, resolved: 2, works: 1,
  working: 1, work: 0.5, worked: 1.5, clear: 1, best: 2.5, impressed: 2.5, recommend: 2, kind: 1.5,
  // negative
  bad: -2.5, terrible: -3, awful: -3, horrible: -3, worst: -3, hate: -3, hated: -3, sucks: -3, suck: -3,
  useless: -3, pointless: -2.5, ridiculous: -3, unacceptable: -3, absurd: -2.5, pathetic: -3, joke: -2,
  disappointed: -2.5, disappointing: -2.5, frustrated: -2.5, frustrating: -2.5, annoyed: -2, annoying: -2,
  angry: -3, furious: -3.5, upset: -2, mad: -2.5, sad: -2, unhappy: -2.5, confusing: -1.5,
  buggy: -2, unusable: -3, impossible: -2, nightmare: -3, mess: -2, disaster: -3,
  scam: -3.5, fraud: -3, worse: -2.5, waste: -2.5, wasted: -2.5, complaint: -2,
  lousy: -2.5, garbage: -3, trash: -3, crap: -3, damn: -2, wtf: -3, ugh: -2, horrendous: -3.5,
};

/**
 * Words that describe what went wrong, not how the visitor feels about us: "I lost my phone",
 * "my payment failed", "there is an error". They never lower the score (a calm problem description
 * is not anger, and must not hand off a high-value account that only needs the article); they are
 * reported as the `problem` signal instead. Judgements of the product ("useless", "ridiculous",
 * "unusable") stay in WORD_VALENCE.
 */
export const SITUATION_WORDS: ReadonlySet<string> = new Set([
  'broken', 'broke', 'bug', 'bugs', 'error', 'errors', 'fail', 'fails', 'failed', 'failing', 'failure', 'crash', 'crashes', 'crashed', 'crashing', 'slow', 'stuck', 'wrong', 'problem', 'problems', 'issue', 'issues', 'missing', 'lost', 'down', 'outage', 'stolen', 'hacked', 'breach', 'overcharged', 'unfortunately', 'sorry', 'cancel', 'refund', 'confused',
]);

/** Multi-word problem descriptions, reported like SITUATION_WORDS (patterns run on normalised text). */
export const SITUATION_PHRASES: RegExp[] = [
  /\b(does|do|did|is|are|was|still) not (work|working|load|loading|sync|syncing)\b/g,
  /\bstopped (working|loading|syncing)\b/g,
  /\b(can|could|will) not (log ?in|login|sign ?in|access|open|load|connect|find|pay|save)\b/g,
  /\bcharged twice\b/g,
];

/** Multi-word expressions scored as one unit (patterns run on normalised text). */
export const PHRASE_VALENCE: Array<[RegExp, number]> = [
  [/\b(does|do|did|is|are|was|still) not (help|helping)\b/g, -2],
  [/\bwaste of (time|money)\b/g, -3],
  [/\bthird time\b/g, -1.5],
  [/\bfed up\b/g, -2.5],
  [/\bsick of\b/g, -2.5],
  [/\bwell done\b/g, 2.5],
  [/\bthank you\b/g, 2],
];

export const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'none', 'neither', 'nor', 'without', 'hardly', 'barely', 'nobody',
]);

/** Multiplies the next sentiment word. */
export const INTENSIFIERS: Record<string, number> = {
  very: 1.4, extremely: 1.6, so: 1.3, really: 1.3, super: 1.4, totally: 1.4, absolutely: 1.5,
  incredibly: 1.6, completely: 1.4, utterly: 1.6, insanely: 1.6, seriously: 1.3, too: 1.2, most: 1.3,
  slightly: 0.6, somewhat: 0.7, bit: 0.7, little: 0.7, kinda: 0.7, barely: 0.6,
};

/** Words or punctuation that end a negation's reach ("not great, but thanks" keeps the thanks). */
export const CLAUSE_BREAKERS = new Set(['but', 'however', 'though', 'although', 'yet', '.', ',', ';', '!', '?']);
