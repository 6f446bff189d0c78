import type { ConversationStatus, Signal } from '../../protocol/domain.js';
import type { Decision, IntentOutcome, LoopOutcome, SentimentOutcome } from './turn.js';
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, type Language } from '../../protocol/messages/languages.js';
import { socialMessage } from '../../understanding/social-message.js';

export interface PolicyThresholds {
  /** Hand off when the smoothed sentiment falls below this. */
  minSentiment: number;
  /** Hand off when sentiment falls this fast in one turn (negative number). */
  maxSentimentDrop: number;
  /** A signal counts as present at or above this strength. */
  signalStrength: number;
  /** Accounts at or above this value get a human on any negative signal. */
  highValueAccount: number;
  /** Sentiment at or below this counts as negative for high-value accounts. */
  negativeSentiment: number;
  /** Ask which one was meant when the two best intents are this close and retrieval is unsure. */
  clarifyMargin: number;
  /** A renewal this many days away or closer, plus any negative signal, is a handoff. */
  renewalWindowDays: number;
}

/** A talk_to_human prediction without the human_request signal needs at least this confidence. */
const HUMAN_INTENT_CONFIDENCE = 0.8;

export const DEFAULT_THRESHOLDS: PolicyThresholds = {
  minSentiment: -0.5,
  maxSentimentDrop: -0.45,
  signalStrength: 0.5,
  highValueAccount: 10_000,
  negativeSentiment: -0.2,
  clarifyMargin: 0.08,
  renewalWindowDays: 30,
};

/** What the policy knows before the knowledge base is asked: the visitor, the message and the conversation. */
export interface SignalInput {
  status: ConversationStatus;
  text: string;
  intent: IntentOutcome;
  sentiment: SentimentOutcome;
  loop: LoopOutcome;
  account: { plan?: string; accountValue?: number; renewalDate?: string };
  /** The time of the turn; passed in (not read from a clock) so the policy stays pure. Renewal needs it. */
  now?: Date;
  /** True when the previous AI turn already asked a clarifying question. */
  clarifiedLastTurn: boolean;
  /** The visitor pressed "Talk to a person" (one click, always offered: EU AI Act Art. 50). */
  asksForHuman?: boolean;
  /** The visitor's language, for reasons agents read. */
  language?: Language;
}

export interface PolicyInput extends SignalInput {
  retrieval: { confident: boolean; topScore: number | null };
  /**
   * The candidate answer's own check (draft-answer stage), when one was written: `grounded: false`
   * when the composer found the context does not answer the question (the model said NO_ANSWER).
   */
  draft?: { grounded: boolean; problem?: string } | null;
}

type Verdict = Omit<Decision, 'signals'>;

/**
 * Answer, clarify or hand off: a pure function of the turn, returning the signals and
 * thresholds that decided it so an agent can always see why. Signal rules come first; the
 * knowledge base and the candidate answer only decide what the signals leave open.
 */
export function decideEscalation(input: PolicyInput, t: PolicyThresholds = DEFAULT_THRESHOLDS): Decision {
  const verdict = decideOnSignals(input, t) ?? decideOnKnowledge(input, t);
  return { ...verdict, signals: evidenceFor(input, t) };
}

/**
 * The reason code of the decision when the knowledge base cannot change it (an explicit request for
 * a person, a security report, an upset visitor...), or null when it depends on what the knowledge
 * base says. Pure, and the same rules decideEscalation applies first, so skipping retrieval on it
 * never changes a decision.
 */
export function decisionWithoutKnowledge(input: SignalInput, t: PolicyThresholds = DEFAULT_THRESHOLDS): string | null {
  return decideOnSignals(input, t)?.reasonCode ?? null;
}

function evidenceFor(input: PolicyInput, t: PolicyThresholds): Signal[] {
  const renewalDays = daysUntil(input.account.renewalDate, input.now);
  const evidence: Signal[] = [
    ...input.sentiment.signals.map((s) => ({
      name: s.name,
      value: round(s.value),
      threshold: t.signalStrength,
      trips: 'above' as const,
    })),
    {
      name: 'sentiment',
      value: round(input.sentiment.trajectory.smoothed),
      threshold: t.minSentiment,
      trips: 'below' as const,
    },
    {
      name: 'sentiment_trend',
      value: round(input.sentiment.trajectory.trend),
      threshold: t.maxSentimentDrop,
      trips: 'below' as const,
    },
    { name: 'intent', value: input.intent.intent ?? 'out_of_scope' },
    { name: 'intent_confidence', value: round(input.intent.confidence) },
    { name: 'kb_confident', value: input.retrieval.confident },
    ...(input.retrieval.topScore != null ? [{ name: 'kb_top_score', value: round(input.retrieval.topScore) }] : []),
    ...(input.draft ? [{ name: 'answer_grounded', value: input.draft.grounded }] : []),
    ...(input.asksForHuman ? [{ name: 'talk_to_person_button', value: true }] : []),
    ...(input.loop.looping ? [{ name: 'loop', value: input.loop.reason ?? 'repeated', threshold: undefined }] : []),
    ...(input.account.accountValue != null
      ? [
          {
            name: 'account_value',
            value: input.account.accountValue,
            threshold: t.highValueAccount,
            trips: 'above' as const,
          },
        ]
      : []),
    ...(renewalDays != null
      ? [{ name: 'renewal_days', value: renewalDays, threshold: t.renewalWindowDays, trips: 'below' as const }]
      : []),
  ];
  return evidence.map((s) => (s.threshold === undefined ? { name: s.name, value: s.value } : s));
}

function readSignals(input: SignalInput, t: PolicyThresholds) {
  const has = (name: string) => (input.sentiment.signals.find((s) => s.name === name)?.value ?? 0) >= t.signalStrength;
  // The intent alone counts only when the classifier is sure: "I don't need a human, just tell me
  // how to export" looks like talk_to_human to a bag of words, and the negation-aware signal is absent.
  // Nor when the visitor said they do not want one ("dont need a human agent, just ..."): the
  // negation-aware signal reads the words, the classifier only sees that they are about a human.
  const unsureHumanIntent =
    input.intent.intent === 'talk_to_human' &&
    (input.intent.confidence < HUMAN_INTENT_CONFIDENCE || has('declined_human'));
  const askedForHuman =
    input.asksForHuman === true ||
    has('human_request') ||
    (input.intent.intent === 'talk_to_human' && !unsureHumanIntent);
  // An unsure talk_to_human prediction does not bring its "straight to a human" policy with it.
  const policy = unsureHumanIntent ? undefined : input.intent.definition?.policy;
  return { has, askedForHuman, policy };
}

const handoff = (reasonCode: string, reason: string, urgent = false): Verdict => ({
  action: 'handoff',
  reasonCode,
  reason,
  urgent,
});

/** The rules that hold whatever the knowledge base says, in order; null when none applies. */
function decideOnSignals(input: SignalInput, t: PolicyThresholds): Verdict | null {
  const { has, askedForHuman, policy } = readSignals(input, t);
  // Thanks, a greeting or an "ok, great": a fitting reply in every state, never a knowledge-base section.
  const social = socialMessage(input.text);
  // Once with the team, the AI only answers what it knows for sure and never re-escalates.
  if (input.status === 'queued') {
    if (policy === 'handoff_now' || has('human_request') || input.asksForHuman) return WAIT;
    return social ? socialReply(social, true) : null;
  }
  if (input.asksForHuman) return handoff('explicit_request', 'The visitor pressed "Talk to a person".');
  if (askedForHuman) return handoff('explicit_request', 'The visitor asked for a human.');
  if (has('security')) return handoff('security_signal', 'The visitor reported a possible security problem.', true);
  if (has('legal')) return handoff('legal_signal', 'The visitor mentioned legal action or a legal matter.', true);
  if (social) return socialReply(social, false);
  if (policy === 'handoff_now')
    return handoff('intent_policy', `The intent "${input.intent.intent}" always goes straight to a human.`, true);
  if (has('churn_risk'))
    return handoff('churn_risk', 'The visitor may cancel or leave: a human should talk to them.', true);
  if (input.sentiment.trajectory.smoothed < t.minSentiment)
    return handoff('negative_sentiment', 'The visitor is upset.');
  if (input.sentiment.trajectory.count > 1 && input.sentiment.trajectory.trend < t.maxSentimentDrop)
    return handoff('sentiment_falling', "The visitor's mood is dropping fast.");
  // The visitor pressed "No" on "Did this help?": the next decision is a human, whatever else holds.
  if (input.loop.looping && input.loop.reason === 'negative_feedback') {
    return handoff('negative_feedback', 'The visitor said the last AI answer did not help.');
  }
  if (input.loop.looping)
    return handoff(
      'loop_detected',
      `The conversation is going in circles (${input.loop.reason ?? 'repeated question'}).`,
    );
  const negative = input.sentiment.score <= t.negativeSentiment || has('frustration');
  if ((input.account.accountValue ?? 0) >= t.highValueAccount && negative) {
    return handoff('high_value_negative', 'A high-value account shows a negative signal.');
  }
  const renewalDays = daysUntil(input.account.renewalDate, input.now);
  if (renewalDays != null && renewalDays <= t.renewalWindowDays && negative) {
    return handoff(
      'renewal_at_risk',
      `The account renews in ${renewalDays} day(s) and the visitor shows a negative signal.`,
    );
  }
  if (policy === 'handoff')
    return handoff('intent_policy', `The intent "${input.intent.intent}" needs a human to act.`);
  return null;
}

/** Reason codes of social replies (compose-reply writes them; analytics does not count them as answers). */
export const SOCIAL_REASON_CODES = [
  'small_talk',
  'thanks',
  'small_talk_while_waiting',
  'thanks_while_waiting',
] as const;

function socialReply(kind: 'thanks' | 'greeting', waiting: boolean): Verdict {
  const reasonCode = `${kind === 'thanks' ? 'thanks' : 'small_talk'}${waiting ? '_while_waiting' : ''}`;
  const reason = kind === 'thanks' ? 'The visitor said thanks or goodbye.' : 'A greeting or small talk.';
  return { action: 'answer', reasonCode, reason: waiting ? `${reason} (waiting for an agent)` : reason, urgent: false };
}

const WAIT: Verdict = {
  action: 'wait',
  reasonCode: 'waiting_for_agent',
  reason: 'The conversation is already waiting for an agent; the AI stays quiet.',
  urgent: false,
};
const NOT_IN_CONTEXT = 'The AI could not find the answer in the knowledge base.';
/** Offline, the answer exists only in articles in another language than the visitor's. */
export const NO_ARTICLE_IN_LANGUAGE = 'no_article_in_language';

/** What the signals leave open: answer from the knowledge base, ask which one was meant, or hand off. */
function decideOnKnowledge(input: PolicyInput, t: PolicyThresholds): Verdict {
  // The candidate answer failed its own check: the knowledge base does not answer this after all.
  const answerable = input.retrieval.confident && input.draft?.grounded !== false;
  if (input.status === 'queued') {
    return answerable
      ? {
          action: 'answer',
          reasonCode: 'answer_while_waiting',
          reason: 'The visitor asked something the knowledge base answers while waiting for an agent.',
          urgent: false,
        }
      : WAIT;
  }
  if (input.intent.intent === 'greeting_smalltalk' && !input.retrieval.confident) {
    return { action: 'answer', reasonCode: 'small_talk', reason: 'A greeting or small talk.', urgent: false };
  }
  if (input.intent.intent === 'thanks_goodbye' && !input.retrieval.confident) {
    return { action: 'answer', reasonCode: 'thanks', reason: 'The visitor said thanks or goodbye.', urgent: false };
  }
  if (!input.retrieval.confident) {
    const [first, second] = input.intent.ranked;
    const close = first && second && first.confidence - second.confidence < t.clarifyMargin;
    if (close && !input.clarifiedLastTurn && input.intent.intent !== null) {
      return {
        action: 'clarify',
        reasonCode: 'ambiguous_intent',
        reason: 'Two intents are equally likely; the AI asks which one was meant.',
        urgent: false,
      };
    }
    return handoff('no_confident_answer', 'The knowledge base has no confident answer to this question.');
  }
  if (input.draft?.problem === 'other_language') {
    const name = LANGUAGE_NAMES[input.language ?? DEFAULT_LANGUAGE];
    return handoff(
      NO_ARTICLE_IN_LANGUAGE,
      `No help article answers this in ${name}, the visitor's language; an agent who speaks ${name} should reply.`,
    );
  }
  if (!answerable) return handoff('answer_not_in_context', NOT_IN_CONTEXT);
  return {
    action: 'answer',
    reasonCode: 'kb_answer',
    reason: 'The knowledge base has a confident answer.',
    urgent: false,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Whole days from `now` to a date (0 = today); null when unknown, unparseable or more than a day past. */
export function daysUntil(date: string | undefined, now: Date | undefined): number | null {
  if (!date || !now) return null;
  const at = Date.parse(date);
  if (Number.isNaN(at)) return null;
  const days = (at - now.getTime()) / 86_400_000;
  // A date-only renewal ("2026-03-01") is midnight UTC: later that same day it is still "today".
  return days <= -1 ? null : Math.max(0, Math.ceil(days));
}
