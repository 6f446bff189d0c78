// No zod here: the console imports this list, and zod's compiled parsers need eval, which its CSP blocks.
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
