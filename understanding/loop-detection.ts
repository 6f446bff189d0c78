/**
 * detectLoop: is the AI going round in circles with this visitor? A loop is the same unresolved
 * topic coming back, not several different questions in a row. Two hints, from the turns since a
 * person last stepped in: the visitor asks again about something the AI already answered and they
 * never said worked (similar wording: shared key words or character n-grams, so paraphrases and
 * typos count), or they say the answer missed ("that didn't help", "not what I asked").
 */
import { ENGLISH_STOPWORDS } from '../text/english-stopwords.js';
import { normalizeText } from '../text/normalize-text.js';
import { stemEnglish } from '../text/stem-english.js';
import { contentTokens, extractFeatures } from './text-features.js';

export interface LoopTurn {
  /** Conversation roles; only visitor and ai turns count, an agent turn starts a fresh count. */
  role: 'visitor' | 'ai' | 'agent' | 'system' | string;
  text: string;
}

export interface LoopOptions {
  /** Share of the shorter message's key words that must recur to call it a repeat. */
  overlapThreshold: number;
  /** Cosine of the two questions' word and character features at which it is the same topic. */
  similarityThreshold: number;
  /** Messages with fewer key words are never repeats ("ok", "yes"). */
  minTokens: number;
}

/**
 * Similarity 0.6: paraphrases of one question score 0.65-1.0 ("change my billing email" / "where
 * can I update the email for billing" 0.71), neighbouring but different questions 0.3-0.55
 * ("invite a teammate" / "remove a teammate" 0.55), unrelated ones 0.
 */
export const DEFAULT_LOOP_OPTIONS: LoopOptions = { overlapThreshold: 0.6, similarityThreshold: 0.6, minTokens: 2 };

export interface LoopResult {
  looping: boolean;
  reason?: 'repeated_question' | 'not_helpful';
  /** Earlier unresolved questions the latest one repeats, plus "didn't help" complaints. */
  repeats: number;
}

const NOT_HELPFUL = [
  /\b(did|does|do|has|have) not (help|work|answer|solve|fix)\b/,
  /\bnot (what|the thing) i (asked|meant|said|need|wanted)\b/,
  /\b(not|none of (this|that|these)) (helpful|relevant|useful)\b/,
  /\b(you|u) (are|r) not (understanding|listening|getting it|reading)\b/,
  /\b(you|u) (already|just) (said|told|sent|gave)\b/,
  /\bsame (answer|reply|response|thing|link|article)\b/,
  /\b(wrong|useless|irrelevant) (answer|reply|response|article|link)\b/,
  /\bi (already|just) (tried|did|read|checked|followed) (that|this|it|those|these)\b/,
  /\bread my (question|message)\b/,
  /\bthat is not (it|what)\b/,
  /\b(still|same) (problem|issue|error)\b/,
];

/** True when the visitor says an answer missed ("that didn't help", "not what I asked"). */
export function saysNotHelpful(text: string): boolean {
  const norm = normalizeText(text);
  return NOT_HELPFUL.some((re) => re.test(norm));
}

/**
 * Said right after an answer, these mean it did not work ("I did exactly that ... it's still not
 * working"); in a first message they only describe the problem, so they count only when an
 * answer is open.
 */
const STILL_BROKEN = [
  /\bstill (not|nothing|no luck|does not|do not|is not|will not|cannot|can not)\b/,
  /\bi (did|tried|followed) exactly\b/,
];
const stillBroken = (text: string) => STILL_BROKEN.some((re) => re.test(normalizeText(text)));

const RESOLVED =
  /\b(that|it|this) (worked|works|fixed it|helped|did it|solved it)\b|\b(thanks|thank you|thx|perfect|great|solved|resolved|got it)\b/;

const notHelpful = (text: string) => NOT_HELPFUL.some((re) => re.test(normalizeText(text)));
const resolved = (text: string) => RESOLVED.test(normalizeText(text)) && !notHelpful(text);

interface Topic {
  keys: Set<string>;
  words: Map<string, number>;
  chars: Map<string, number>;
}

function topicOf(text: string): Topic {
  const content = contentTokens(text).filter((t) => !ENGLISH_STOPWORDS.has(t));
  const f = extractFeatures(content.join(' '), { charMin: 3, charMax: 5, wordBigrams: false });
  return { keys: new Set(content.map(stemEnglish)), words: f.word, chars: f.char };
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/** Cosine with sublinear term frequency. */
function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    const w = Math.log1p(v);
    na += w * w;
    const u = b.get(k);
    if (u) dot += w * Math.log1p(u);
  }
  for (const v of b.values()) nb += Math.log1p(v) ** 2;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Does `b` ask about the same thing as `a`? Shared key words, or similar words and character n-grams. */
function sameTopic(a: Topic, b: Topic, o: LoopOptions): boolean {
  if (a.keys.size < o.minTokens || b.keys.size < o.minTokens) return false;
  if (overlap(a.keys, b.keys) >= o.overlapThreshold) return true;
  return 0.5 * cosine(a.words, b.words) + 0.5 * cosine(a.chars, b.chars) >= o.similarityThreshold;
}

export function detectLoop(turns: LoopTurn[], options: Partial<LoopOptions> = {}): LoopResult {
  const o = { ...DEFAULT_LOOP_OPTIONS, ...options };
  // A human already stepped in: the bot loop (if any) is over; only look at what came after.
  const lastHuman = turns.map((t) => t.role).lastIndexOf('agent');
  const recent = turns.slice(lastHuman + 1);
  const latestAt = recent.map((t) => t.role).lastIndexOf('visitor');
  if (latestAt < 0) return { looping: false, repeats: 0 };
  const latest = recent[latestAt]!.text;
  if (resolved(latest)) return { looping: false, repeats: 0 };

  // Questions the AI answered since the visitor last said something worked: the open topics.
  const open: string[] = [];
  let complaints = 0;
  recent.slice(0, latestAt).forEach((t, i, list) => {
    if (t.role !== 'visitor') return;
    if (resolved(t.text)) {
      open.length = 0;
      return;
    }
    if (notHelpful(t.text)) complaints++;
    if (list.slice(i + 1).some((later) => later.role === 'ai')) open.push(t.text);
  });
  const latestTopic = topicOf(latest);
  const repeatedQuestions = open.filter((earlier) => sameTopic(latestTopic, topicOf(earlier), o)).length;
  const saysNotHelpful = notHelpful(latest) || (open.length > 0 && stillBroken(latest));
  const repeats = repeatedQuestions + complaints + (saysNotHelpful ? 1 : 0);
  if (saysNotHelpful) return { looping: true, reason: 'not_helpful', repeats };
  if (repeatedQuestions > 0) return { looping: true, reason: 'repeated_question', repeats };
  return { looping: false, repeats };
}
