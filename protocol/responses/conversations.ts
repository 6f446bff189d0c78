import { z } from 'zod';
import { ChatMessage, ConversationStatus, Handoff, PageInfo, Role, Signal, VisitorIdentity } from '../domain.js';
import { MessageSentiment } from '../agent-socket.js';
import { Language } from '../messages/languages.js';
import { VerdictBody } from '../http.js';
import { Iso, PersonRef } from './common.js';

/**
 * The visitor as the server stores and shows it: the identity without its proofs (userHash, jwt
 * are never stored), the server's own id, and whether IDENTITY_SECRET proved it. Unverified
 * identities never raise priority or change policy.
 */
export const VisitorRecord = VisitorIdentity.omit({ userHash: true, jwt: true }).extend({
  id: z.string(),
  /** The host app's own user id, from the widget's identify call. */
  externalId: z.string().optional(),
  verified: z.boolean(),
});
export type VisitorRecord = z.infer<typeof VisitorRecord>;

/** A page the visitor went through. */
export const PageVisit = z.object({
  url: z.string(),
  title: z.string(),
  at: Iso,
  context: z.record(z.string(), z.unknown()).optional(),
});
export type PageVisit = z.infer<typeof PageVisit>;

/** The conversation row: state, routing and SLA fields. */
export const ConversationSummary = z.object({
  id: z.string(),
  status: ConversationStatus,
  visitorId: z.string(),
  assigneeId: z.string().nullable(),
  page: PageInfo.nullable(),
  priority: z.number(),
  handoff: Handoff.nullable(),
  aiResolved: z.boolean(),
  createdAt: Iso,
  updatedAt: Iso,
  /** When the AI handed over. */
  handedOffAt: Iso.nullable(),
  resolvedAt: Iso.nullable(),
  assignedAt: Iso.nullable(),
  firstHumanResponseAt: Iso.nullable(),
  /** The skill or team the handoff needs, from the intent. */
  skill: z.string().nullable(),
  tier: z.string().nullable(),
  teamId: z.string().nullable(),
  /** Who helped this customer last: a re-escalation goes back to them when possible. */
  previousAssigneeId: z.string().nullable(),
  offeredTo: z.string().nullable(),
  offerExpiresAt: Iso.nullable(),
  firstResponseDueAt: Iso.nullable(),
  resolutionDueAt: Iso.nullable(),
  slaBreachedAt: Iso.nullable(),
  /** Where to continue by email when nobody is online. */
  contactEmail: z.string().nullable(),
  /** How many times the AI handed this conversation off (more than one is a re-escalation). */
  handoffCount: z.number().int(),
  /** The visitor's language: detected from their messages, else the browser's, else null (English). */
  language: Language.nullable(),
  /** `navigator.language` as the widget reported it, when supported. */
  browserLanguage: Language.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** A row of `GET /api/conversations`. */
export const ConversationListItem = ConversationSummary.extend({
  effectivePriority: z
    .number()
    .describe(
      'queued: priority plus 1 point per minute waited (at most 30), ' +
        'the order agents are served in; otherwise equal to priority',
    ),
  visitor: VisitorRecord,
  assignee: PersonRef.nullable(),
  /** The last thing the visitor, the AI or an agent said (a system notice only when there is nothing else). */
  lastMessage: z.object({ text: z.string(), role: Role, createdAt: Iso }).nullable(),
});
export type ConversationListItem = z.infer<typeof ConversationListItem>;
export const ConversationListResponse = z.object({ conversations: z.array(ConversationListItem) });
export type ConversationListResponse = z.infer<typeof ConversationListResponse>;

/** One entry of the escalation log: every transition, who, when, from, to and why. */
export const TimelineEntry = z.object({
  id: z.number().int(),
  type: z.string(),
  actor: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: Iso,
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const TimelineResponse = z.object({ timeline: z.array(TimelineEntry) });
export type TimelineResponse = z.infer<typeof TimelineResponse>;

/** An internal note on a conversation: agents only, never sent to the visitor. */
export const Note = z.object({
  id: z.string(),
  conversationId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: Iso,
});
export type Note = z.infer<typeof Note>;

/** A stored decision of the escalation policy, with the signals and thresholds that made it. */
export const Decision = z.object({
  action: z.string(),
  reason: z.string(),
  signals: z.array(Signal),
  trace: z.unknown(),
  createdAt: Iso,
});
export type Decision = z.infer<typeof Decision>;

export const Verdict = VerdictBody.shape.verdict;
export type Verdict = z.infer<typeof Verdict>;

/** A message as agents see it: visitor messages carry the pipeline's sentiment (and intent) once scored. */
export const ScoredMessage = ChatMessage.extend({
  sentiment: MessageSentiment.extend({ signals: z.unknown().optional() }).optional(),
  intent: z.unknown().optional(),
});
export type ScoredMessage = z.infer<typeof ScoredMessage>;

/** `GET /api/conversations/:id`. */
export const ConversationDetail = ConversationSummary.extend({
  visitor: VisitorRecord,
  pageTrail: z.array(PageVisit),
  assignee: PersonRef.nullable(),
  messages: z.array(ScoredMessage),
  decisions: z.array(Decision),
  notes: z.array(Note),
  timeline: z.array(TimelineEntry),
  verdicts: z.array(z.object({ agentId: z.string(), verdict: Verdict })),
  /** A language model is configured: the console offers "Translate to English". */
  translation: z.boolean(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** `POST /api/conversations/:id/transfer`. */
export const TransferResult = z.object({
  status: ConversationStatus,
  assigneeId: z.string().nullable(),
  kind: z.enum(['functional', 'hierarchical']),
});
export type TransferResult = z.infer<typeof TransferResult>;

/** `POST /api/conversations/:id/resolve`. */
export const ResolveResult = z.object({ status: ConversationStatus });
export type ResolveResult = z.infer<typeof ResolveResult>;

/** A visitor's message translated for the agent. */
export const Translation = z.object({ text: z.string(), language: Language });
export type Translation = z.infer<typeof Translation>;
