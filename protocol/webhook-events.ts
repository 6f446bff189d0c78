// Kept apart from the zod schemas in webhook-endpoints.ts: the console imports this list, and zod in
// the console bundle would try `new Function` (a violation under the console's strict CSP).

/** The events an endpoint can subscribe to (an empty filter means all of them). */
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.handoff_requested',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.resolved',
  'csat.received',
  'sla.warning',
  'sla.breached',
] as const;
