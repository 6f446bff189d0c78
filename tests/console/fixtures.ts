// Small builders so each test states only the fields it is about.
import type { ConversationSummary, ScoredMessage } from '../../console/api/types.js';

export function summary(over: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    status: 'queued',
    priority: 0,
    visitor: { name: `Visitor ${over.id}` },
    page: null,
    assignee: null,
    handoff: null,
    lastMessage: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...over,
  };
}

export function handoffAt(createdAt: string, priority = 0) {
  return { reason: 'asked for a human', intent: 'billing', priority, sentiment: -0.3, createdAt };
}

export function message(over: Partial<ScoredMessage> & { id: string }): ScoredMessage {
  return {
    conversationId: 'c1',
    role: 'visitor',
    text: `text ${over.id}`,
    createdAt: '2025-01-01T10:00:00.000Z',
    ...over,
  };
}
