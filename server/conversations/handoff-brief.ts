import type { Citation, PageInfo, Role } from '../../protocol/domain.js';
import { daysUntil } from '../pipeline/escalation-policy.js';
import { saysNotHelpful } from '../../understanding/loop-detection.js';
import { ENGLISH_STOPWORDS } from '../../text/english-stopwords.js';
import { contentTokens } from '../../understanding/text-features.js';
import type { Decision, IntentOutcome, SentimentOutcome } from '../pipeline/turn.js';
import type { VisitorRecord } from './conversation-types.js';
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, type Language } from '../../protocol/messages/languages.js';

export interface BriefInput {
  text: string;
  visitor: VisitorRecord;
  page: PageInfo | null;
  pageTrail: Array<{ url: string; title: string }>;
  intent: IntentOutcome;
  sentiment: SentimentOutcome;
  decision: Decision;
  /** What the AI already showed the visitor. */
  aiAnswers: Array<{ text: string; citations: Citation[] }>;
  visitorMessages: string[];
  /**
   * The conversation before this message, oldest first, with what the pipeline stored on each
   * visitor message: used to name the visitor's actual question when this one only asks for a
   * person or says the answer missed.
   */
  earlier?: EarlierMessage[];
  /**
   * The language model's written summary, or why there is none. Absent when no model is
   * configured: the structured brief alone is the offline default.
   */
  summary?: { text: string } | { unavailable: string };
  /** When the brief is written (for "renews in N days"). */
  now?: Date;
  /** The visitor's language; the brief says which when it is not English. */
  language?: Language;
}

export interface EarlierMessage {
  role: Role;
  text: string;
  /** Visitor messages: the intent they were classified as, and whether they asked for a person. */
  intent?: string | null;
  asksForHuman?: boolean;
  citations?: Citation[];
}

/** Intents that are about the chat itself, not the visitor's problem. */
const ABOUT_THE_CHAT = new Set(['talk_to_human', 'greeting_smalltalk', 'thanks_goodbye']);

/**
 * A message that states no problem: asks for a person, greets, thanks, says the answer missed, or says nothing ("ok").
 */
function statesNoProblem(m: { text: string; intent?: string | null; asksForHuman?: boolean }): boolean {
  if (m.asksForHuman || (m.intent && ABOUT_THE_CHAT.has(m.intent)) || saysNotHelpful(m.text)) return true;
  return contentTokens(m.text).filter((t) => !ENGLISH_STOPWORDS.has(t)).length === 0;
}

/**
 * The "Issue:" line: what the visitor needs, not merely their last words. When the last message
 * only asks for a person (or says the answer missed), the issue is the latest earlier message that
 * states a problem, with its intent and what the AI answered to it.
 */
export function describeIssue(b: Pick<BriefInput, 'text' | 'intent' | 'decision' | 'sentiment' | 'earlier'>): string {
  const current = {
    text: b.text,
    intent: b.intent.intent,
    asksForHuman:
      b.decision.reasonCode === 'explicit_request' ||
      b.sentiment.signals.some((s) => s.name === 'human_request' && s.value >= 0.5),
  };
  if (!statesNoProblem(current)) return oneLine(b.text, 240);
  const earlier = b.earlier ?? [];
  let at = -1;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const m = earlier[i]!;
    if (m.role === 'visitor' && !statesNoProblem(m)) {
      at = i;
      break;
    }
  }
  if (at < 0) return `not stated yet; the visitor only wrote "${oneLine(b.text, 160)}"`;
  const question = earlier[at]!;
  const reply = earlier.slice(at + 1).find((m) => m.role === 'ai' || m.role === 'visitor');
  const cited = [...new Set((reply?.role === 'ai' ? (reply.citations ?? []) : []).map((c) => c.title))];
  const ai =
    reply?.role === 'ai'
      ? `the AI answered${cited.length ? ` from "${cited.join('", "')}"` : ''}: "${oneLine(reply.text, 120)}"`
      : 'the AI gave no answer';
  const intent = question.intent ? ` (${question.intent})` : '';
  return `${oneLine(question.text, 200)}${intent}; ${ai}; then the visitor wrote "${oneLine(b.text, 100)}"`;
}

/** The structured, offline handoff brief: everything an agent needs before saying hello. */
export function writeHandoffBrief(b: BriefInput): string {
  const who = [b.visitor.name ?? 'Anonymous visitor', b.visitor.email && `<${b.visitor.email}>`]
    .filter(Boolean)
    .join(' ');
  // Said by the page, not proven by the host app: the agent should not take it on trust.
  const claimed =
    b.visitor.name ||
    b.visitor.email ||
    b.visitor.plan ||
    b.visitor.accountValue != null ||
    b.visitor.renewalDate ||
    b.visitor.externalId;
  const unverified = claimed && !b.visitor.verified ? ' (unverified identity)' : '';
  const account = [
    b.visitor.plan && `plan ${b.visitor.plan}`,
    b.visitor.accountValue != null && `account value ${b.visitor.accountValue.toLocaleString('en-US')}`,
    b.visitor.renewalDate && `renews ${b.visitor.renewalDate}`,
  ].filter(Boolean);
  const articles = [...new Set(b.aiAnswers.flatMap((a) => a.citations.map((c) => c.title)))];
  const trail = b.pageTrail.slice(-5).map((p) => p.url);
  const context = b.page?.context
    ? Object.entries(b.page.context).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    : [];
  const trend = b.sentiment.trajectory.trend;
  const renewal = daysUntil(b.visitor.renewalDate, b.now);
  const summary = !b.summary
    ? null
    : 'text' in b.summary
      ? `Summary: ${b.summary.text}`
      : `Summary: unavailable (${oneLine(b.summary.unavailable, 160)})`;
  const lines = [
    summary,
    `Why: ${b.decision.reason}`,
    `Issue: ${describeIssue(b)}`,
    `Intent: ${b.intent.intent ?? 'unknown (out of scope)'} (${Math.round(b.intent.confidence * 100)}% confident)`,
    b.language && b.language !== DEFAULT_LANGUAGE
      ? `Language: ${LANGUAGE_NAMES[b.language]} (${b.language}) — reply in ${LANGUAGE_NAMES[b.language]}`
      : null,
    `Customer: ${who}${unverified}${account.length ? ` — ${account.join(', ')}` : ''}`,
    renewal != null ? `Renewal: ${b.visitor.renewalDate} (in ${renewal} day${renewal === 1 ? '' : 's'})` : null,
    `Page: ${b.page ? `${b.page.title || b.page.url} (${b.page.url})` : 'unknown'}` +
      `${context.length ? ` — ${context.join(', ')}` : ''}`,
    trail.length > 1 ? `Page trail: ${trail.join(' → ')}` : null,
    `Sentiment: ${b.sentiment.trajectory.smoothed.toFixed(2)} ` +
      `(${trend < -0.05 ? 'falling' : trend > 0.05 ? 'rising' : 'steady'})`,
    b.sentiment.signals.length
      ? `Signals: ${b.sentiment.signals.map((s) => `${s.name} ${s.value.toFixed(2)}`).join(', ')}`
      : null,
    'AI tried: ' +
      (b.aiAnswers.length
        ? `${b.aiAnswers.length} answer(s)` + (articles.length ? `, citing ${articles.join('; ')}` : '')
        : 'nothing yet'),
    b.visitorMessages.length > 1
      ? `Earlier the visitor said: ${b.visitorMessages
          .slice(-4, -1)
          .map((m) => `"${oneLine(m, 100)}"`)
          .join(' / ')}`
      : null,
  ];
  return lines.filter((l): l is string => l !== null).join('\n');
}

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
