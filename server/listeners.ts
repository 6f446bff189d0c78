import { DomainEvents } from '../protocol/events.js';
import type { EventBus, Listener } from './events/event-bus.js';
import type { BroadcastListeners } from './realtime/broadcast-listeners.js';

/**
 * Every side effect of a domain event, in one list (chatwoot's dispatcher): services change state
 * and emit; what follows is subscribed here and nowhere else. Listeners of one event run in the
 * order listed. Webhooks are not listeners: they are written in the transaction of each change.
 */
export function attachListeners(deps: {
  bus: EventBus;
  /** Pushes to the widget and the consoles (server/realtime/broadcast-listeners.ts). */
  broadcast: BroadcastListeners['on'];
  /** Runs the AI's turn on a visitor message (server/pipeline/turn-runner.ts). */
  turns: { onMessageCreated: Listener<typeof DomainEvents.messageCreated> };
  /** Records questions the knowledge base could not answer (server/knowledge/gap-listener.ts). */
  recordGap: Listener<typeof DomainEvents.decisionRecorded>;
  /** One routing pass over the queue (logged on failure). */
  route: () => void;
  /** Tells waiting visitors their position and wait again (logged on failure). */
  refreshQueue: () => void;
}): () => void {
  const { bus, broadcast, route } = deps;
  const staffingChanged = () => {
    deps.refreshQueue();
    route();
  };
  const subscriptions = [
    bus.on(DomainEvents.messageCreated, broadcast.messageCreated),
    bus.on(DomainEvents.messageCreated, deps.turns.onMessageCreated),
    bus.on(DomainEvents.messageScored, broadcast.messageScored),
    bus.on(DomainEvents.decisionRecorded, deps.recordGap),

    // The queue changed: consoles and waiting visitors first, then a routing pass.
    bus.on(DomainEvents.handoffRequested, broadcast.handoffRequested),
    bus.on(DomainEvents.handoffRequested, route),
    bus.on(DomainEvents.conversationOffered, broadcast.conversationOffered),
    bus.on(DomainEvents.conversationAssigned, broadcast.conversationAssigned),
    bus.on(DomainEvents.conversationResolved, broadcast.conversationResolved),
    bus.on(DomainEvents.conversationResolved, route),
    bus.on(DomainEvents.conversationRequeued, broadcast.conversationRequeued),
    bus.on(DomainEvents.conversationRequeued, route),
    bus.on(DomainEvents.conversationTransferred, broadcast.conversationTransferred),
    bus.on(DomainEvents.conversationTransferred, route),
    bus.on(DomainEvents.slaWarning, broadcast.slaChanged),
    bus.on(DomainEvents.slaBreached, broadcast.slaChanged),
    bus.on(DomainEvents.notificationCreated, broadcast.notificationCreated),

    // Who can take chats changed: waiting visitors' estimates, then a routing pass.
    bus.on(DomainEvents.agentPresenceChanged, staffingChanged),
    bus.on(DomainEvents.agentRosterChanged, staffingChanged),
  ];
  return () => {
    for (const off of subscriptions) off();
  };
}
