import { DomainEvents } from '../../protocol/events.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { EventBus } from '../events/event-bus.js';
import { enqueueDelivery } from './outbox.js';

/** Every domain event becomes a signed outbound webhook (SLA events are written by the sweeper itself). */
export function attachWebhookListeners(deps: { bus: EventBus; db: Db; clock: Clock; url: string }): void {
  const enqueue = (event: string, payload: unknown) => enqueueDelivery(deps.db, { target: 'webhook', url: deps.url, event, payload }, deps.clock());
  const { bus } = deps;
  bus.on(DomainEvents.messageCreated, ({ message }) => enqueue(DomainEvents.messageCreated, message));
  bus.on(DomainEvents.handoffRequested, ({ conversation, handoff }) => enqueue(DomainEvents.handoffRequested, { conversationId: conversation.id, ...handoff }));
  bus.on(DomainEvents.conversationAssigned, ({ conversation, agent }) => enqueue(DomainEvents.conversationAssigned, { conversationId: conversation.id, agent }));
  bus.on(DomainEvents.conversationResolved, ({ conversation, by }) => enqueue(DomainEvents.conversationResolved, { conversationId: conversation.id, by }));
  bus.on(DomainEvents.conversationTransferred, ({ conversation, fromAgentId, to, kind, note }) =>
    enqueue(DomainEvents.conversationTransferred, { conversationId: conversation.id, fromAgentId, to, kind, note }),
  );
  bus.on(DomainEvents.csatReceived, (p) => enqueue(DomainEvents.csatReceived, p));
}
