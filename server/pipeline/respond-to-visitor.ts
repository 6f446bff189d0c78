import type { Citation } from '../../protocol/domain.js';
import { DomainEvents } from '../../protocol/events.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { runPipeline } from './run-pipeline.js';
import type { AnyStage } from './stage.js';
import type { Trajectory, TurnInput } from './turn.js';
import { createKeyedSerializer } from './keyed-serializer.js';
import { SENTIMENT_STAGE } from './stages/track-sentiment.js';

const HANDOFF_TEXT = "I'm handing this conversation to our support team. Someone will be with you shortly — you can keep writing here in the meantime.";
const FAILURE_TEXT = "Sorry, I ran into a problem answering that. I'm passing you to our support team so you are not left waiting.";

export interface ResponderHooks {
  typing(conversationId: string, on: boolean): void;
}

/**
 * Listens for visitor messages and runs the pipeline on each, one at a time per conversation,
 * then applies the reply. Any failure hands the visitor to a human: never left hanging.
 */
export function attachVisitorResponder(deps: {
  bus: EventBus;
  conversations: ConversationService;
  stages: () => readonly AnyStage[];
  hooks: ResponderHooks;
  log: Logger;
}): { idle(): Promise<void>; busy(): Promise<boolean> } {
  const { conversations, log } = deps;
  const serial = createKeyedSerializer();

  deps.bus.on(DomainEvents.messageCreated, ({ message, conversation }) => {
    if (message.role !== 'visitor') return;
    // With an agent the AI stays quiet, but the agent still sees how the visitor feels.
    const withAgent = conversation.status !== 'bot' && conversation.status !== 'queued';
    serial.run(conversation.id, () => (withAgent ? scoreOnly : respond)(conversation.id, message.id)).catch((err) => {
      log.error({ err, conversationId: conversation.id }, 'visitor responder failed');
    });
  });

  async function respond(conversationId: string, messageId: string): Promise<void> {
    const input = await loadTurnInput(conversationId, messageId);
    if (!input || (input.status !== 'bot' && input.status !== 'queued')) return;
    deps.hooks.typing(conversationId, true);
    try {
      const { turn, timings } = await runPipeline(deps.stages(), input);
      const { decision, reply, intent, sentiment, retrieval } = turn;
      await conversations.repo.setMessageMeta(messageId, {
        intent: intent ? { name: intent.intent, confidence: intent.confidence } : null,
        sentiment: sentiment ? { score: sentiment.score, signals: sentiment.signals, trajectory: sentiment.trajectory } : null,
      });
      if (sentiment) deps.bus.emit(DomainEvents.messageScored, { conversationId, messageId });
      await conversations.repo.recordDecision({
        conversationId,
        messageId,
        action: decision!.action,
        reason: decision!.reason,
        signals: decision!.signals,
        trace: {
          reasonCode: decision!.reasonCode,
          timings,
          intent: intent ? { name: intent.intent, confidence: intent.confidence, ranked: intent.ranked.slice(0, 3), ...(intent.check ? { check: intent.check } : {}) } : null,
          retrieval: retrieval
            ? { confident: retrieval.confident, results: retrieval.results.slice(0, 3).map((r) => ({ articleId: r.articleId, title: r.title, score: r.score })) }
            : null,
          loop: turn.loop ?? null,
        },
      });
      deps.bus.emit(DomainEvents.decisionRecorded, {
        conversationId,
        messageId,
        question: input.text,
        page: input.page,
        action: decision!.action,
        reasonCode: decision!.reasonCode,
        retrieval: retrieval ? { confident: retrieval.confident, topArticleId: retrieval.results[0]?.articleId ?? null, topSimilarity: retrieval.signals?.topSimilarity ?? null } : null,
      });
      if (!reply || reply.kind === 'none') return;
      if (reply.kind === 'handoff' && reply.handoff) {
        await conversations.postBotMessage({ conversationId, role: 'system', text: HANDOFF_TEXT, meta: { event: 'handoff' } });
        await conversations.handOff(conversationId, reply.handoff);
        return;
      }
      await conversations.postBotMessage({
        conversationId,
        role: 'ai',
        text: reply.text,
        citations: reply.citations,
        meta: { kind: reply.kind, reasonCode: decision!.reasonCode, citations: reply.citations satisfies Citation[], replyTo: messageId },
      });
    } catch (err) {
      log.error({ err, conversationId }, 'pipeline failed; handing off');
      await handOffOnFailure(conversationId, err);
    } finally {
      deps.hooks.typing(conversationId, false);
    }
  }

  /** Runs only the pipeline's sentiment stage (if it has one) and stores its score. */
  async function scoreOnly(conversationId: string, messageId: string): Promise<void> {
    const stage = deps.stages().find((s) => s.name === SENTIMENT_STAGE);
    if (!stage) return;
    const input = await loadTurnInput(conversationId, messageId);
    if (!input) return;
    const { sentiment } = await stage.run(input);
    if (!sentiment) return;
    await conversations.repo.setMessageMeta(messageId, {
      sentiment: { score: sentiment.score, signals: sentiment.signals, trajectory: sentiment.trajectory },
    });
    deps.bus.emit(DomainEvents.messageScored, { conversationId, messageId });
  }

  async function handOffOnFailure(conversationId: string, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    await conversations.postBotMessage({ conversationId, role: 'system', text: FAILURE_TEXT, meta: { event: 'handoff', error: message } });
    await conversations.handOff(conversationId, {
      reason: 'The AI failed while answering; handed off so the visitor is not left waiting.',
      signals: [{ name: 'ai_error', value: message.slice(0, 200) }],
      brief: `Why: the AI pipeline failed (${message.slice(0, 200)}). Read the transcript for the question.`,
      priority: 50,
      intent: null,
      sentiment: 0,
      createdAt: new Date().toISOString(),
    });
  }

  async function loadTurnInput(conversationId: string, messageId: string): Promise<TurnInput | null> {
    const detail = await conversations.repo.detail(conversationId);
    if (!detail) return null;
    const all = await conversations.repo.messages(conversationId);
    const index = all.findIndex((m) => m.id === messageId);
    if (index < 0) return null;
    const current = all[index]!;
    const history = all.slice(0, index).map((m) => ({ role: m.role, text: m.text, meta: m.meta }));
    const lastVisitor = [...history].reverse().find((m) => m.role === 'visitor' && m.meta.sentiment);
    const previousTrajectory = (lastVisitor?.meta.sentiment as { trajectory?: Trajectory } | undefined)?.trajectory ?? null;
    return {
      conversationId,
      messageId,
      text: current.text,
      status: detail.status,
      page: detail.page,
      pageTrail: detail.pageTrail,
      visitor: detail.visitor,
      history,
      previousTrajectory,
    };
  }

  return { idle: () => serial.idle(), busy: async () => serial.size() > 0 };
}
