import { EventEmitter } from 'node:events';
import type { MessageSentiment } from '../../protocol/agent-socket.js';
import type { ChatMessage, Handoff } from '../../protocol/domain.js';
import { DomainEvents } from '../../protocol/events.js';
import type { ConversationSummary } from '../conversations/conversation-types.js';
import type { ConsoleNotification } from '../notifications/notification-repository.js';

export interface DomainEventMap {
  [DomainEvents.messageCreated]: { message: ChatMessage; conversation: ConversationSummary };
  [DomainEvents.handoffRequested]: { conversation: ConversationSummary; handoff: Handoff };
  [DomainEvents.conversationAssigned]: { conversation: ConversationSummary; agent: { id: string; name: string } };
  [DomainEvents.conversationResolved]: { conversation: ConversationSummary; by: string };
  [DomainEvents.conversationOffered]: { conversation: ConversationSummary; agentId: string; expiresAt: string };
  [DomainEvents.conversationRequeued]: { conversation: ConversationSummary; fromAgentId: string; reason: string };
  [DomainEvents.conversationTransferred]: {
    conversation: ConversationSummary;
    fromAgentId: string;
    to: { agentId?: string; teamId?: string };
    kind: 'functional' | 'hierarchical';
    note: string;
  };
  [DomainEvents.slaWarning]: {
    conversation: ConversationSummary;
    deadline: 'first_response' | 'resolution';
    dueAt: string;
  };
  [DomainEvents.slaBreached]: {
    conversation: ConversationSummary;
    deadline: 'first_response' | 'resolution';
    dueAt: string;
  };
  [DomainEvents.csatReceived]: { conversationId: string; score: number; comment: string | null };
  /** A visitor message agents were sent has its sentiment stored in its meta. */
  [DomainEvents.messageScored]: { conversationId: string; messageId: string; sentiment: MessageSentiment };
  /** The pipeline decided on a visitor message (after the decision row is stored). */
  [DomainEvents.decisionRecorded]: {
    conversationId: string;
    messageId: string;
    question: string;
    page: { url: string; title?: string } | null;
    action: string;
    reasonCode: string;
    retrieval: { confident: boolean; topArticleId: string | null; topSimilarity: number | null } | null;
    /**
     * What the visitor got: an answer, a question back, a handoff (also when the answerer found nothing to say), or
     * nothing.
     */
    replyKind?: 'answer' | 'clarify' | 'handoff' | 'none';
  };
  /**
   * An agent came online or went away (by hand, or unseen past the grace period); null: several at once (the presence
   * sweep).
   */
  [DomainEvents.agentPresenceChanged]: { agentId: string | null };
  /** An admin added or changed an agent (skills, capacity, role, disabled). */
  [DomainEvents.agentRosterChanged]: { agentId: string };
  /** Stored for one agent (`userId`) or, with `userId` null, for every manager. */
  [DomainEvents.notificationCreated]: { notification: ConsoleNotification };
}
export type DomainEventName = keyof DomainEventMap;
export type Listener<K extends DomainEventName> = (payload: DomainEventMap[K]) => void | Promise<void>;

/** Types a handler by the event it is for; server/listeners.ts subscribes it. */
export const listenerFor = <K extends DomainEventName>(_event: K, listener: Listener<K>): Listener<K> => listener;

export interface EventBus {
  emit<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void;
  on<K extends DomainEventName>(name: K, listener: Listener<K>): () => void;
  /** Resolves once no listener's work is in flight (idle checks and shutdown: a gap row, a push). */
  settled(): Promise<void>;
}

/**
 * In-process domain events. Listeners run after the state change is committed; a failing
 * listener is logged and never breaks the emitter or other listeners.
 */
export function createEventBus(onListenerError: (event: string, err: unknown) => void): EventBus {
  const ee = new EventEmitter();
  ee.setMaxListeners(50);
  const inFlight = new Set<Promise<void>>();
  return {
    emit(name, payload) {
      ee.emit(name, payload);
    },
    async settled() {
      // A listener may emit again: wait until a pass finds nothing new.
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    on<K extends DomainEventName>(name: K, listener: Listener<K>) {
      const wrapped = (payload: DomainEventMap[K]) => {
        try {
          const out = listener(payload);
          if (out && typeof (out as Promise<void>).catch === 'function') {
            const running = (out as Promise<void>).catch((err) => onListenerError(name, err));
            inFlight.add(running);
            void running.finally(() => inFlight.delete(running));
          }
        } catch (err) {
          onListenerError(name, err);
        }
      };
      ee.on(name, wrapped as (p: unknown) => void);
      return () => ee.off(name, wrapped as (p: unknown) => void);
    },
  };
}
