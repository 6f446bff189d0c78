import type { Clock } from '../clock.js';
import type { ConversationWork } from '../conversations/conversation-service.js';
import type { PendingTurn } from './pending-turns.js';
import type { TurnOptions } from './turn-recovery.js';
import { say } from '../../protocol/messages/catalogue.js';

// Ways a visitor message ends with a person instead of an AI answer, written inside the
// transaction that settles its pending turn (see turn-runner.ts).

/** The pipeline failed: the visitor is handed to a person, never left hanging. */
export async function handOffOnFailure(
  w: ConversationWork,
  conversationId: string,
  err: unknown,
  clock: Clock,
): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  const language = (await w.repo.get(conversationId))?.language;
  await w.postBotMessage({
    conversationId,
    role: 'system',
    text: say(language, 'failure'),
    meta: { event: 'handoff', error: message },
  });
  await w.handOff(conversationId, {
    reason: 'The AI failed while answering; handed off so the visitor is not left waiting.',
    signals: [{ name: 'ai_error', value: message.slice(0, 200) }],
    brief: `Why: the AI pipeline failed (${message.slice(0, 200)}). Read the transcript for the question.`,
    priority: 50,
    intent: null,
    sentiment: 0,
    createdAt: clock().toISOString(),
  });
}

/**
 * Ends a turn without running the pipeline: records why and, if the conversation is still with the
 * AI, hands it to a person (a queued one already waits for one). Runs inside the turn's settlement.
 */
export async function expireTurn(
  w: ConversationWork,
  turn: PendingTurn,
  args: { why: 'stale' | 'attempts'; ageSeconds: number; options: TurnOptions; clock: Clock },
): Promise<void> {
  const { conversationId, messageId } = turn;
  const minutes = Math.max(1, Math.round(args.ageSeconds / 60));
  const stale = args.why === 'stale';
  const reason = stale
    ? `The AI could not answer in time: ` +
      `the message waited ${minutes} min unanswered (a server stopped before replying).`
    : `The AI could not answer this message: ${turn.attempts - 1} attempts to answer it never finished.`;
  const signals = stale
    ? [
        {
          name: 'turn_age_seconds',
          value: Math.round(args.ageSeconds),
          threshold: args.options.staleSeconds,
          trips: 'above' as const,
        },
      ]
    : [
        {
          name: 'turn_attempts',
          value: turn.attempts - 1,
          threshold: args.options.maxAttempts,
          trips: 'above' as const,
        },
      ];
  const reasonCode = stale ? 'turn_expired' : 'turn_failed';
  await w.repo.recordDecision({
    conversationId,
    messageId,
    action: 'handoff',
    reason,
    signals,
    trace: { reasonCode, recovered: true },
  });
  const conversation = await w.repo.get(conversationId);
  if (conversation?.status !== 'bot') return;
  await w.postBotMessage({
    conversationId,
    role: 'system',
    text: say(conversation.language, 'late'),
    meta: { event: 'handoff', reasonCode },
  });
  await w.handOff(conversationId, {
    reason,
    signals,
    brief: `Why: ${reason} Read the transcript for the question; the visitor has had no answer yet.`,
    priority: 50,
    intent: null,
    sentiment: 0,
    createdAt: args.clock().toISOString(),
  });
}
