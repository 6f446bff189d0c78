/** The domain event vocabulary, used end to end (service emitters, listeners, webhooks). */
export const DomainEvents = {
  messageCreated: 'message.created',
  handoffRequested: 'conversation.handoff_requested',
  conversationAssigned: 'conversation.assigned',
  conversationResolved: 'conversation.resolved',
  decisionRecorded: 'decision.recorded',
  /** A visitor message's sentiment was stored (internal: drives the agents' live sentiment trend). */
  messageScored: 'message.scored',
  conversationOffered: 'conversation.offered',
  conversationRequeued: 'conversation.requeued',
  conversationTransferred: 'conversation.transferred',
  slaWarning: 'sla.warning',
  slaBreached: 'sla.breached',
  csatReceived: 'csat.received',
  /** Internal (no webhook): who may take chats changed, so the queue is routed and visitors' waits refreshed. */
  agentPresenceChanged: 'agent.presence_changed',
  agentRosterChanged: 'agent.roster_changed',
  /** Internal: a console notification was stored; its agent (or every manager) is told live. */
  notificationCreated: 'notification.created',
} as const;
export type DomainEventName = (typeof DomainEvents)[keyof typeof DomainEvents];
