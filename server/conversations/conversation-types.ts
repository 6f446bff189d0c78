import type { ConversationStatus, Handoff, PageInfo, VisitorIdentity } from '../../protocol/domain.js';

export interface VisitorRecord extends VisitorIdentity {
  id: string;
  /** The host app's own user id, from the widget's identify call. */
  externalId?: string;
}

export interface PageVisit {
  url: string;
  title: string;
  at: string;
  context?: Record<string, unknown>;
}

/** The conversation row as the rest of the server sees it. */
export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  visitorId: string;
  assigneeId: string | null;
  page: PageInfo | null;
  priority: number;
  handoff: Handoff | null;
  aiResolved: boolean;
  createdAt: string;
  updatedAt: string;
  handedOffAt: string | null;
  resolvedAt: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  visitor: VisitorRecord;
  pageTrail: PageVisit[];
  assignee: { id: string; name: string } | null;
}
