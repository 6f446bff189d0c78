import { randomUUID } from 'node:crypto';
import type { Citation } from '../../protocol/domain.js';
import { DomainEvents } from '../../protocol/events.js';
import type { ConversationService, ConversationWork } from '../conversations/conversation-service.js';
import { createPendingTurns, type PendingTurn } from './pending-turns.js';
import type { Db } from '../db/db.js';
import { listenerFor, type EventBus, type Listener } from '../events/event-bus.js';
import type { Logger } from '../logger.js';
import { runPipeline, type PipelineRun } from './run-pipeline.js';
import type { AnyStage } from './stage.js';
import type { Trajectory, TurnInput } from './turn.js';
import { createKeyedSerializer } from './keyed-serializer.js';
import { SENTIMENT_STAGE } from './stages/track-sentiment.js';
import { say } from '../../protocol/messages/catalogue.js';
import { DEFAULT_LANGUAGE } from '../../protocol/messages/languages.js';
import { NO_ARTICLE_IN_LANGUAGE } from './escalation-policy.js';
import { expireTurn, handOffOnFailure } from './turn-handoffs.js';
import {
  createTurnRecovery,
  DEFAULT_TURN_OPTIONS,
  type TurnOptions,
  type TurnOutcome,
  type TurnRecoveryResult,
} from './turn-recovery.js';
import { createTurnAdmission, type TurnAdmission } from './turn-admission.js';

export interface ResponderHooks {
  typing(conversationId: string, on: boolean): void;
  /** Withdraws answer text streamed for `replyTo` that did not become the turn's outcome. */
  discardDraft(conversationId: string, replyTo: string): void;
}

/** Another run took this turn over (its lease ran out); its outcome, not ours, commits. */
class TurnTakenOver extends Error {
  override name = 'TurnTakenOver';
}

/**
 * The turn runner: runs the pipeline on each visitor message, one at a time per conversation,
 * then applies the reply. Any failure hands the visitor to a human: never left hanging.
 *
 * Each visitor message of a conversation with the AI is a durable pending turn (stored with the
 * message). A run holds its turn under a lease it renews while running, and removes it in the
 * transaction that commits the outcome (decision, reply or handoff). `recover()` runs, on this
 * node, turns whose node never finished them (crash, restart): see turn-recovery.ts.
 *
 * Turns go through `admission` (turn-admission.ts): a bounded number run at once, a bounded number
 * wait; past that a turn is only left in `pending_turns`, and the turn sweep runs it when this node
 * (or another) has room. The visitor sees "typing" as soon as the message is accepted.
 */
export function createTurnRunner(deps: {
  bus: EventBus;
  db: Db;
  conversations: ConversationService;
  stages: () => readonly AnyStage[];
  hooks: ResponderHooks;
  log: Logger;
  turns?: Partial<TurnOptions>;
  /** Shared with the runtime metrics; default: 32 in flight, 1000 waiting. */
  admission?: TurnAdmission;
  /** This node's turn token (default: a fresh one); the cluster peers answer with it. */
  token?: string;
  /** Which nodes are alive: a dead node's turns are taken over without waiting out their leases. */
  liveTokens?: () => Promise<readonly string[] | null>;
}): {
  onMessageCreated: Listener<typeof DomainEvents.messageCreated>;
  idle(): Promise<void>;
  busy(): Promise<boolean>;
  recover(): Promise<TurnRecoveryResult>;
} {
  const { conversations, log } = deps;
  const options: TurnOptions = { ...DEFAULT_TURN_OPTIONS, ...deps.turns };
  const clock = conversations.clock;
  const serial = createKeyedSerializer();
  const admission = deps.admission ?? createTurnAdmission();
  // Turns this node has queued or is running (message id -> runs queued): the sweep does not claim them again.
  const held = new Map<string, number>();
  const pending = createPendingTurns(deps.db);
  // This node's runs; only the holder of a turn's token can commit its outcome.
  const token = deps.token ?? randomUUID();
  const leaseFrom = (now: Date) => new Date(now.getTime() + options.leaseSeconds * 1000);

  const onMessageCreated = listenerFor(DomainEvents.messageCreated, ({ message, conversation }) => {
    if (message.role !== 'visitor') return;
    // With an agent the AI stays quiet, but the agent still sees how the visitor feels.
    const withAgent = conversation.status !== 'bot' && conversation.status !== 'queued';
    if (withAgent) {
      serial
        .run(conversation.id, () => scoreOnly(conversation.id, message.id))
        .catch((err) => log.error({ err, conversationId: conversation.id }, 'visitor responder failed'));
      return;
    }
    // At once, not when the turn starts: past capacity it may wait a while for a slot.
    deps.hooks.typing(conversation.id, true);
    enqueueTurn(conversation.id, message.id, false).catch((err) =>
      log.error({ err, conversationId: conversation.id }, 'visitor responder failed'),
    );
  });

  /**
   * Queues the turn behind its conversation's earlier ones, then through admission. Deferred: no
   * room on this node; the turn stays pending for the sweep.
   */
  function enqueueTurn(conversationId: string, messageId: string, recovered: boolean): Promise<TurnOutcome> {
    // Behind an earlier turn of its conversation, whose end cleared the typing dots: show them again.
    const behind = serial.has(conversationId);
    held.set(messageId, (held.get(messageId) ?? 0) + 1);
    const outcome = serial.run(
      conversationId,
      () =>
        admission.run((waited) => runTurn(messageId, recovered, recovered || waited || behind)) ??
        Promise.resolve<TurnOutcome>('deferred'),
    );
    const release = () => {
      const n = held.get(messageId)! - 1;
      if (n > 0) held.set(messageId, n);
      else held.delete(messageId);
    };
    outcome.then(release, release);
    return outcome;
  }

  const recovery = createTurnRecovery({
    turns: pending,
    token,
    clock,
    options,
    // Through the same per-conversation queue and admission as live messages, oldest first.
    run: (turn) => enqueueTurn(turn.conversationId, turn.messageId, true),
    room: () => admission.room(),
    held: () => [...held.keys()],
    ...(deps.liveTokens ? { liveTokens: deps.liveTokens } : {}),
    log,
  });

  /** Starts the turn (if it is still owed and ours to run), keeps its lease while it runs, then settles it. */
  async function runTurn(messageId: string, recovered: boolean, announce: boolean): Promise<TurnOutcome> {
    const turn = await pending.start(messageId, token, leaseFrom(clock()));
    if (!turn) return 'skipped';
    const heartbeat = setInterval(
      () => {
        pending
          .renew(messageId, token, leaseFrom(clock()))
          .catch((err) => log.warn({ err, messageId }, 'renewing a turn lease failed'));
      },
      (options.leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    try {
      const ageSeconds = (clock().getTime() - turn.createdAt.getTime()) / 1000;
      // A stale answer helps nobody, and a turn that keeps killing its node must not run again.
      const why =
        recovered && ageSeconds > options.staleSeconds
          ? 'stale'
          : turn.attempts > options.maxAttempts
            ? 'attempts'
            : null;
      if (!why) return await respond(turn, announce);
      await settle(turn, (w) => expireTurn(w, turn, { why, ageSeconds, options, clock }));
      deps.hooks.typing(turn.conversationId, false);
      return 'expired';
    } catch (err) {
      if (!(err instanceof TurnTakenOver)) throw err;
      log.warn(
        { conversationId: turn.conversationId, messageId },
        'turn taken over by another run; its outcome stands',
      );
      return 'skipped';
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Commits fn's changes together with removing the turn, or nothing if another run holds it now. */
  async function settle(turn: PendingTurn, fn: (w: ConversationWork) => Promise<unknown>): Promise<void> {
    await conversations.atomically(async (w) => {
      if (!(await createPendingTurns(w.tx).complete(turn.messageId, token))) throw new TurnTakenOver();
      await fn(w);
    });
  }

  /** `announce`: say "typing" again (the dots shown when the message was accepted may be gone). */
  async function respond(pendingTurn: PendingTurn, announce: boolean): Promise<TurnOutcome> {
    const { conversationId, messageId } = pendingTurn;
    const input = await loadTurnInput(conversationId, messageId);
    if (!input || (input.status !== 'bot' && input.status !== 'queued')) {
      // Gone, or a person has it now: nothing for the AI to say (the dots shown on accepting it go).
      await settle(pendingTurn, async () => undefined);
      deps.hooks.typing(conversationId, false);
      return 'skipped';
    }
    if (announce) deps.hooks.typing(conversationId, true);
    try {
      const run = await runPipeline(deps.stages(), input);
      // The decision, the reply or handoff and the end of the pending turn commit as one.
      await settle(pendingTurn, (w) => apply(w, input, run));
      return 'ran';
    } catch (err) {
      if (err instanceof TurnTakenOver) throw err;
      log.error({ err, conversationId }, 'pipeline failed; handing off');
      await settle(pendingTurn, async (w) => {
        await handOffOnFailure(w, conversationId, err, clock);
        // Whatever was streamed before the failure is not the outcome: the visitor sees only the handoff.
        w.afterCommit(() => deps.hooks.discardDraft(conversationId, messageId));
      });
      return 'ran';
    } finally {
      deps.hooks.typing(conversationId, false);
    }
  }

  /** Stores the run's scores and decision, then posts its reply or hands off (inside the turn's settlement). */
  async function apply(w: ConversationWork, input: TurnInput, { turn, timings }: PipelineRun): Promise<void> {
    const { conversationId, messageId } = input;
    const { decision, reply, intent, sentiment, retrieval } = turn;
    // Agents are told a score only for messages they were sent: ones that arrived while the team had
    // the chat (a handoff this turn commits does not make its own message one of those).
    if (sentiment && input.status !== 'bot') {
      const scored = {
        conversationId,
        messageId,
        sentiment: { score: sentiment.score, trajectory: sentiment.trajectory },
      };
      w.afterCommit(() => deps.bus.emit(DomainEvents.messageScored, scored));
    }
    await w.repo.recordDecision({
      conversationId,
      messageId,
      // What the console shows next to the visitor's message, stored with the decision in one statement.
      messageMeta: {
        intent: intent ? { name: intent.intent, confidence: intent.confidence } : null,
        sentiment: sentiment
          ? { score: sentiment.score, signals: sentiment.signals, trajectory: sentiment.trajectory }
          : null,
      },
      action: decision!.action,
      reason: decision!.reason,
      signals: decision!.signals,
      trace: {
        reasonCode: decision!.reasonCode,
        timings,
        intent: intent
          ? {
              name: intent.intent,
              confidence: intent.confidence,
              ranked: intent.ranked.slice(0, 3),
              ...(intent.check ? { check: intent.check } : {}),
            }
          : null,
        retrieval: retrieval
          ? {
              confident: retrieval.confident,
              results: retrieval.results
                .slice(0, 3)
                .map((r) => ({ articleId: r.articleId, title: r.title, score: r.score })),
            }
          : null,
        loop: turn.loop ?? null,
      },
    });
    w.afterCommit(() =>
      deps.bus.emit(DomainEvents.decisionRecorded, {
        conversationId,
        messageId,
        question: input.text,
        page: input.page,
        action: decision!.action,
        reasonCode: decision!.reasonCode,
        retrieval: retrieval
          ? {
              confident: retrieval.confident,
              topArticleId: retrieval.results[0]?.articleId ?? null,
              topSimilarity: retrieval.signals?.topSimilarity ?? null,
            }
          : null,
        ...(reply ? { replyKind: reply.kind } : {}),
      }),
    );
    // Streamed text that is not the answer this turn ends with is withdrawn: one outcome on screen.
    if (turn.draft?.streamed && reply?.kind !== 'answer')
      w.afterCommit(() => deps.hooks.discardDraft(conversationId, messageId));
    if (!reply || reply.kind === 'none') return;
    if (reply.kind === 'handoff' && reply.handoff) {
      const key = decision!.reasonCode === NO_ARTICLE_IN_LANGUAGE ? 'handoffOtherLanguage' : 'handoff';
      await w.postBotMessage({
        conversationId,
        role: 'system',
        text: say(input.language, key),
        meta: { event: 'handoff' },
      });
      await w.handOff(conversationId, reply.handoff);
      return;
    }
    await w.postBotMessage({
      conversationId,
      role: 'ai',
      text: reply.text,
      citations: reply.citations,
      meta: {
        kind: reply.kind,
        reasonCode: decision!.reasonCode,
        citations: reply.citations satisfies Citation[],
        replyTo: messageId,
        ...(reply.rich ? { rich: reply.rich } : {}),
      },
    });
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
    deps.bus.emit(DomainEvents.messageScored, {
      conversationId,
      messageId,
      sentiment: { score: sentiment.score, trajectory: sentiment.trajectory },
    });
  }

  async function loadTurnInput(conversationId: string, messageId: string): Promise<TurnInput | null> {
    const context = await conversations.repo.turnContext(conversationId);
    if (!context) return null;
    const { detail, transcript: all } = context;
    const index = all.findIndex((m) => m.id === messageId);
    if (index < 0) return null;
    const current = all[index]!;
    const history = all.slice(0, index).map((m) => ({ role: m.role, text: m.text, meta: m.meta }));
    const lastVisitor = [...history].reverse().find((m) => m.role === 'visitor' && m.meta.sentiment);
    const previousTrajectory =
      (lastVisitor?.meta.sentiment as { trajectory?: Trajectory } | undefined)?.trajectory ?? null;
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
      language: detail.language ?? DEFAULT_LANGUAGE,
      asksForHuman: current.meta.asksForHuman === true,
    };
  }

  // onMessageCreated is subscribed in server/listeners.ts.
  return {
    onMessageCreated,
    idle: () => serial.idle(),
    busy: async () => serial.size() > 0,
    recover: () => recovery.recover(),
  };
}
