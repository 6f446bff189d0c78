import type {
  ConversationDetail as ConversationDetailResponse,
  ConversationSummary,
} from '../../protocol/responses/conversations.js';

// The conversation as the rest of the server sees it is the API's own shape (protocol/responses/conversations.ts).
export type { ConversationSummary, PageVisit, VisitorRecord } from '../../protocol/responses/conversations.js';

/** The stored part of a conversation's detail; the route adds messages, decisions, notes, timeline and verdicts. */
export type ConversationDetail = ConversationSummary &
  Pick<ConversationDetailResponse, 'visitor' | 'pageTrail' | 'assignee'>;
