import type { Language } from '../../protocol/messages/languages.js';
import type { ConversationStatus, Handoff, PageInfo, VisitorIdentity } from '../../protocol/domain.js';

export interface VisitorRecord extends Omit<VisitorIdentity, 'userHash' | 'jwt'> {
  id: string;
  /** The host app's own user id, from the widget's identify call. */
  externalId?: string;
  /**
   * The host app proved this identity (IDENTITY_SECRET). Unverified identities are shown to agents
   * as such; their plan, account value and renewal date never raise priority or change policy.
   */
  verified: boolean;
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
  assignedAt: string | null;
  firstHumanResponseAt: string | null;
  /** The skill or team the handoff needs, from the intent. */
  skill: string | null;
  tier: string | null;
  teamId: string | null;
  /** Who helped this customer last: a re-escalation goes back to them when possible. */
  previousAssigneeId: string | null;
  offeredTo: string | null;
  offerExpiresAt: string | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  slaBreachedAt: string | null;
  /** Where to continue by email when nobody is online. */
  contactEmail: string | null;
  /** How many times the AI handed this conversation off (more than one is a re-escalation). */
  handoffCount: number;
  /** The visitor's language: detected from their messages, else the browser's, else null (English). */
  language: Language | null;
  /** `navigator.language` as the widget reported it, when supported. */
  browserLanguage: Language | null;
}

export interface ConversationDetail extends ConversationSummary {
  visitor: VisitorRecord;
  pageTrail: PageVisit[];
  assignee: { id: string; name: string } | null;
}
