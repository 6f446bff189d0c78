/**
 * detectLoop: is the AI going round in circles with this visitor? Three independent hints, from
 * the recent turns only: the visitor re-asks an earlier question (high token overlap), says the
 * answer missed ("that didn't help", "not what I asked"), or the AI has answered many times in a
 * row without the visitor saying it worked.
 */
import { STOPWORDS, contentTokens, normalizeText, stem } from './text-features.js';

export interface LoopTurn {
  /** Conversation roles; only visitor and ai turns count, an agent turn starts a fresh count. */
  role: 'visitor' | 'ai' | 'agent' | 'system' | string;
  text: string;
}

export interface LoopOptions {
  /** Share of the shorter message's content words that must recur to call it a repeat. */
  overlapThreshold: number;
  /** Messages with fewer content words are never repeats ("ok", "yes"). */
  minTokens: number;
  /** AI answers in a row, without a "that worked", that count as a loop. */
  maxAiAnswers: number;
}

export const DEFAULT_LOOP_OPTIONS: LoopOptions = { overlapThreshold: 0.6, minTokens: 3, maxAiAnswers: 4 };

export interface LoopResult {
  looping: boolean;
  reason?: 'repeated_question' | 'not_helpful' | 'too_many_ai_answers';
  /** Earlier visitor messages the latest one repeats, plus "didn't help" complaints. */
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

const RESOLVED = /\b(that|it|this) (worked|works|fixed it|helped|did it|solved it)\b|\b(thanks|thank you|thx|perfect|great|solved|resolved|got it)\b/;

function keyTokens(text: string): Set<string> {
  return new Set(contentTokens(text).filter((t) => !STOPWORDS.has(t)).map(stem));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

export function detectLoop(turns: LoopTurn[], options: Partial<LoopOptions> = {}): LoopResult {
  const o = { ...DEFAULT_LOOP_OPTIONS, ...options };
  // A human already stepped in: the bot loop (if any) is over; only look at what came after.
  const lastHuman = turns.map((t) => t.role).lastIndexOf('agent');
  const recent = turns.slice(lastHuman + 1);
  const visitor = recent.filter((t) => t.role === 'visitor').map((t) => t.text);
  const latest = visitor[visitor.length - 1];
  if (latest === undefined) return { looping: false, repeats: 0 };

  const latestNorm = normalizeText(latest);
  if (RESOLVED.test(latestNorm) && !NOT_HELPFUL.some((re) => re.test(latestNorm))) return { looping: false, repeats: 0 };

  const latestKeys = keyTokens(latest);
  let repeatedQuestions = 0;
  if (latestKeys.size >= o.minTokens) {
    for (const earlier of visitor.slice(0, -1)) {
      const keys = keyTokens(earlier);
      if (keys.size >= o.minTokens && overlap(latestKeys, keys) >= o.overlapThreshold) repeatedQuestions++;
    }
  }
  const complaints = visitor.filter((t) => NOT_HELPFUL.some((re) => re.test(normalizeText(t)))).length;
  const repeats = repeatedQuestions + complaints;

  if (NOT_HELPFUL.some((re) => re.test(latestNorm))) return { looping: true, reason: 'not_helpful', repeats };
  if (repeatedQuestions > 0) return { looping: true, reason: 'repeated_question', repeats };

  let aiInARow = 0;
  for (const t of recent) {
    if (t.role === 'ai') aiInARow++;
    else if (t.role === 'visitor' && RESOLVED.test(normalizeText(t.text))) aiInARow = 0;
  }
  if (aiInARow >= o.maxAiAnswers) return { looping: true, reason: 'too_many_ai_answers', repeats };
  return { looping: false, repeats };
}
