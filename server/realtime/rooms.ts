/** Socket.io room names, in one place. */
export const visitorRoom = (conversationId: string) => `conv:${conversationId}`;
export const AGENTS_ROOM = 'agents';
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** Admins and managers: SLA breaches and other alerts for "whoever is in charge". */
export const MANAGERS_ROOM = 'managers';
