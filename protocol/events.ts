/** The domain event vocabulary, used end to end (service emitters, listeners, webhooks). */
export const DomainEvents = {
  messageCreated: 'message.created',
  conversationCreated: 'conversation.created',
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
} as const;
export type DomainEventName = (typeof DomainEvents)[keyof typeof DomainEvents];
