import type { Citation, ConversationStatus, Handoff, PageInfo, Role, Signal } from '../../protocol/domain.js';
import type { RichBlock } from '../../protocol/rich-text.js';
import type { RetrievalResult } from '../../knowledge/types.js';
import type { IntentDefinition, IntentPrediction, SentimentResult } from '../../understanding/types.js';
import type { VisitorRecord } from '../conversations/conversation-types.js';
import type { Language } from '../../protocol/messages/languages.js';

export interface Trajectory {
  smoothed: number;
  trend: number;
  count: number;
}

/** What the pipeline knows before any stage runs: the new message and the conversation so far. */
export interface TurnInput {
  conversationId: string;
  messageId: string;
  text: string;
  /** Conversation status when the message arrived. */
  status: ConversationStatus;
  page: PageInfo | null;
  pageTrail: Array<{ url: string; title: string; at: string }>;
  visitor: VisitorRecord;
  /** Earlier messages, oldest first, without the new one. */
  history: Array<{ role: Role; text: string; meta: Record<string, unknown> }>;
  previousTrajectory: Trajectory | null;
  /** The visitor's language (the conversation's, see server/i18n/detect-language.ts); absent: English. */
  language?: Language;
  /** The visitor pressed "Talk to a person" for this message. */
  asksForHuman?: boolean;
}

/** What the language model said about a low-confidence local prediction (see server/llm/llm-intent-check.ts). */
export interface IntentCheck {
  model: string;
  /** confirmed: same intent; overridden: the model chose another (or none); error: local prediction kept. */
  outcome: 'confirmed' | 'overridden' | 'error';
  local: { intent: string | null; confidence: number };
  /** The model's choice (null = none of the intents); absent on error. */
  chosen?: string | null;
  error?: string;
  ms: number;
}

export interface IntentOutcome extends IntentPrediction {
  definition: IntentDefinition | null;
  /** Present when a language model was asked to confirm the local classifier. */
  check?: IntentCheck;
}
export interface SentimentOutcome extends SentimentResult {
  trajectory: Trajectory;
}
export interface LoopOutcome {
  looping: boolean;
  reason?: string;
  repeats: number;
  aiAnswers: number;
}

export type Action = 'answer' | 'clarify' | 'handoff' | 'wait';
export interface Decision {
  action: Action;
  /** Stable machine code, e.g. `explicit_request`. */
  reasonCode: string;
  /** One sentence for agents. */
  reason: string;
  signals: Signal[];
  /** Bypasses queue order (security, legal, churn). */
  urgent: boolean;
}

/**
 * The candidate answer, written before the decision so its own check counts (draft-answer stage).
 * Only a grounded draft is ever shown: compose-reply renders it when the decision is to answer.
 */
export interface Draft {
  text: string;
  citations: Citation[];
  /** The answer with its structure, when the answerer has it (`text` is its plain fallback). */
  rich?: RichBlock[];
  /** The composer's own check: the context answers the question. */
  grounded: boolean;
  /**
   * Why it is not grounded: `no_answer` (the model said the context has no answer), `empty`,
   * `other_language` (the answer is only in articles in another language than the visitor's, and
   * the answerer cannot translate).
   */
  problem?: 'no_answer' | 'empty' | 'other_language';
  /** Part of it already reached the visitor as `message:delta`. */
  streamed: boolean;
  /** Why no answer was drafted (the decision cannot be a knowledge answer). */
  skipped?: string;
}

export interface Reply {
  kind: 'answer' | 'clarify' | 'handoff' | 'none';
  text: string;
  citations: Citation[];
  rich?: RichBlock[];
  handoff?: Handoff;
}

/** Every stage adds its own slice; the finished turn is the full, explainable record. */
export interface Turn extends TurnInput {
  intent?: IntentOutcome;
  sentiment?: SentimentOutcome;
  loop?: LoopOutcome;
  retrieval?: RetrievalResult;
  draft?: Draft;
  decision?: Decision;
  reply?: Reply;
}
