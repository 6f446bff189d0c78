// Small builders so each test states only the fields it is about.
import type { ConversationDetail, ConversationSummary, ScoredMessage } from '../../console/api/types.js';

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

/** `GET /api/conversations/:id` as the server sends it (every field), with the test's own on top. */
export function detail(over: Partial<ConversationDetail> & { id: string }): ConversationDetail {
  const at = '2025-01-01T10:00:00.000Z';
  return {
    status: 'queued',
    visitorId: `v-${over.id}`,
    visitor: { id: `v-${over.id}`, name: `Visitor ${over.id}`, verified: false },
    assigneeId: null,
    assignee: null,
    page: null,
    pageTrail: [],
    priority: 0,
    handoff: null,
    aiResolved: false,
    createdAt: at,
    updatedAt: at,
    handedOffAt: null,
    resolvedAt: null,
    assignedAt: null,
    firstHumanResponseAt: null,
    skill: null,
    tier: null,
    teamId: null,
    previousAssigneeId: null,
    offeredTo: null,
    offerExpiresAt: null,
    firstResponseDueAt: null,
    resolutionDueAt: null,
    slaBreachedAt: null,
    contactEmail: null,
    handoffCount: 0,
    language: null,
    browserLanguage: null,
    messages: [],
    decisions: [],
    notes: [],
    timeline: [],
    verdicts: [],
    translation: false,
    ...over,
  };
}
