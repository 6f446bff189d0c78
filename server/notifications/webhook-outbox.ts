import { DomainEvents } from '../../protocol/events.js';
import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import type { DomainEventMap } from '../events/event-bus.js';
import { enqueueDelivery } from './outbox.js';

/** The domain events that go out as signed webhooks, and the `data` each one carries. */
const WEBHOOK_BODIES = {
  [DomainEvents.messageCreated]: ({ message }: DomainEventMap['message.created']) => message,
  [DomainEvents.handoffRequested]: ({ conversation, handoff }: DomainEventMap['conversation.handoff_requested']) => ({ conversationId: conversation.id, ...handoff }),
  [DomainEvents.conversationAssigned]: ({ conversation, agent }: DomainEventMap['conversation.assigned']) => ({ conversationId: conversation.id, agent }),
  [DomainEvents.conversationResolved]: ({ conversation, by }: DomainEventMap['conversation.resolved']) => ({ conversationId: conversation.id, by }),
  [DomainEvents.conversationTransferred]: ({ conversation, fromAgentId, to, kind, note }: DomainEventMap['conversation.transferred']) => ({
    conversationId: conversation.id,
    fromAgentId,
    to,
    kind,
    note,
  }),
  [DomainEvents.csatReceived]: (p: DomainEventMap['csat.received']) => p,
};
export type WebhookEventName = keyof typeof WEBHOOK_BODIES;

export interface WebhookOutbox {
  /**
   * Writes the webhook for a domain event into the durable outbox. Call it with the transaction
   * that makes the change, so the webhook exists exactly when the change does (a crash after the
   * commit cannot lose it); the worker delivers it later. A no-op without WEBHOOK_URL.
   */
  record<K extends WebhookEventName>(q: Queryable, event: K, payload: DomainEventMap[K]): Promise<void>;
}

export const noWebhooks: WebhookOutbox = { record: async () => undefined };

export function createWebhookOutbox(deps: { url?: string; clock: Clock }): WebhookOutbox {
  const { url } = deps;
  if (!url) return noWebhooks;
  return {
    async record(q, event, payload) {
      const body = (WEBHOOK_BODIES[event] as (p: typeof payload) => unknown)(payload);
      await enqueueDelivery(q, { target: 'webhook', url, event, payload: body }, deps.clock());
    },
  };
}
