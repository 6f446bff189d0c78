// Response shapes of the HTTP API as the console reads them. Types only, so nothing here reaches the bundle.
import type { ChatMessage, ConversationStatus, Handoff, PageInfo, Signal, UserRole, VisitorIdentity } from '../../protocol/domain.js';
import type { MessageSentiment } from '../../protocol/agent-socket.js';
import type { ConversationSuiteResult, ConversationTestResult, ConversationTestTurn } from '../../protocol/conversation-tests.js';

export type { ConversationSuiteResult, ConversationTestResult, ConversationTestTurn };
export type { CalibrationPoint, CalibrationStatusResponse as CalibrationStatus } from '../../protocol/knowledge-calibration.js';

export type { ChatMessage, ConversationStatus, Handoff, MessageSentiment, PageInfo, Signal, UserRole, VisitorIdentity };

/** A message as agents see it: visitor messages carry the pipeline's sentiment once scored. */
export type ScoredMessage = ChatMessage & { sentiment?: MessageSentiment };

export interface User {
  id: string;
  email: string;
  name: string;
  /** The name customers see; null until chosen (asked at sign-in), absent in sessions saved by older versions. */
  displayName?: string | null;
  role: UserRole;
}

export interface LoginResponse {
  token: string;
  user: User;
}

/** The visitor as the server returns it: the identity plus the server's own id and whether the host app proved it. */
export type Visitor = Omit<VisitorIdentity, 'userHash' | 'jwt'> & { id?: string; externalId?: string; verified?: boolean };

export interface PageRef {
  url: string;
  title: string;
}

export interface HandoffSummary {
  reason: string;
  intent: string | null;
  priority: number;
  sentiment: number;
  createdAt: string;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  priority: number;
  visitor: Visitor;
  page: PageRef | null;
  assignee: { id: string; name: string } | null;
  handoff: HandoffSummary | null;
  lastMessage: { text: string; role: ChatMessage['role']; createdAt: string } | null;
  createdAt: string;
  updatedAt: string;
  /** When the AI handed over; the server sends it, older rows may not have it. */
  handedOffAt?: string | null;
  /** Queued: priority plus points for time waited, as of the fetch; the order agents are served in. */
  effectivePriority?: number;
}

/** Routing and SLA fields the server adds to list rows and details (issue #5). */
export interface RoutingFields {
  skill?: string | null;
  tier?: string | null;
  teamId?: string | null;
  offeredTo?: string | null;
  offerExpiresAt?: string | null;
  firstResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
  slaBreachedAt?: string | null;
  firstHumanResponseAt?: string | null;
  assignedAt?: string | null;
  handoffCount?: number;
  contactEmail?: string | null;
  previousAssigneeId?: string | null;
}

// Merged into the summary so every row can show its SLA and offer state.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConversationSummary extends RoutingFields {}

export interface Decision {
  action: string;
  reason: string;
  signals: Signal[];
  createdAt: string;
  trace: unknown;
}

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  priority?: number;
  visitor: Visitor;
  page: PageRef | null;
  pageTrail?: Array<{ url: string; title: string; at: string }>;
  messages: ScoredMessage[];
  assignee?: { id: string; name: string } | null;
  handoff?: Handoff | null;
  decisions?: Decision[];
  createdAt?: string;
  updatedAt?: string;
  handedOffAt?: string | null;
  notes?: Note[];
  timeline?: TimelineEvent[];
  verdicts?: Array<{ agentId: string; verdict: Verdict }>;
  /** The visitor's language (ISO 639-1); null when not known yet (English). */
  language?: string | null;
  /** A language model is configured: visitors' messages can be translated. */
  translation?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConversationDetail extends RoutingFields {}

/** An internal note on a conversation: agents only, never sent to the visitor. */
export interface Note {
  id: string | number;
  authorName: string;
  text: string;
  createdAt: string;
}

/** One entry of the escalation log. */
export interface TimelineEvent {
  id: number;
  type: string;
  actor: string | null;
  from: string | null;
  to: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

export type Verdict = 'correct' | 'unnecessary' | 'missed';

export type ArticleFormat = 'markdown' | 'html' | 'text';

export interface Article {
  id: string;
  title: string;
  url: string | null;
  pages: string[];
  tags: string[];
  updatedAt: string;
  chunks: number;
}

export interface NewArticle {
  title: string;
  body: string;
  format: ArticleFormat;
  url?: string;
  pages?: string[];
  tags?: string[];
}

export interface SearchResult {
  articleId: string;
  title: string;
  url: string | null;
  text: string;
  score: number;
}

export interface SearchResponse {
  results: SearchResult[];
  confident: boolean;
  /** Calibrated probability behind `confident` (absent before the first calibration). */
  confidence?: number;
}

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  presence: 'online' | 'away' | 'offline' | string;
  level?: AgentLevel;
  teamId?: string | null;
  presenceManual?: string | null;
  onCall?: boolean;
  workingHours?: WorkingHours | null;
}

export type AgentLevel = 'agent' | 'senior' | 'manager';

export interface WorkingHours {
  timezone: string;
  /** 0 = Sunday .. 6 = Saturday. */
  days: number[];
  start: string;
  end: string;
}

export type AgentPatch = Partial<{
  name: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
  level: AgentLevel;
  teamId: string | null;
  onCall: boolean;
  workingHours: WorkingHours | null;
}>;

export interface NewAgent {
  email: string;
  name: string;
  displayName?: string;
  password: string;
  role: UserRole;
  skills: string[];
  maxConcurrent: number;
}

export interface Metrics {
  conversations: number;
  aiResolved: number;
  handoffs: number;
  escalationRate: number | null;
  medianTimeToHandoffSeconds: number | null;
  /** Extra the server provides beyond the contract; shown when present. */
  medianTimeToFirstHumanResponseSeconds?: number | null;
  reEscalationRate: number | null;
  csat: number | null;
  aiResolvedShare?: number | null;
  /** The server's definition of an AI resolution, shown next to the figure. */
  aiResolvedDefinition?: string;
  medianResolutionAfterEscalationSeconds?: number | null;
  transfersPerConversation?: number | null;
  csatResponses?: number;
  slaBreaches?: number;
  unnecessaryHandoffs?: number;
  missedHandoffs?: number;
  byIntent?: Breakdown[];
  byTier?: Breakdown[];
  byPage?: Breakdown[];
  daily?: DailyPoint[];
}

export interface Breakdown {
  key: string;
  conversations: number;
  handoffs: number;
  escalationRate: number | null;
}

export interface DailyPoint {
  day: string;
  conversations: number;
  handoffs: number;
  aiResolved: number;
}

export interface Team {
  id: string;
  name: string;
  skills: string[];
  /** How many agents belong to the team. */
  members: number;
  /** Null: always open. */
  officeHours?: OfficeHours | null;
  openNow?: boolean;
  /** When closed: the next opening (ISO). */
  backAt?: string | null;
}
export type { OfficeHours } from '../../protocol/office-hours.js';
import type { OfficeHours } from '../../protocol/office-hours.js';

export interface CannedResponse {
  id: string | number;
  title: string;
  text: string;
  shortcut: string | null;
}

export interface Notification {
  id: number;
  kind: string;
  conversationId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt?: string | null;
}

export interface EscalationTask {
  id: number;
  conversationId: string;
  kind: string;
  reason: string;
  status: string;
  /** The deadline that was missed (older servers: absent). */
  dueAt?: string | null;
  createdAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: number;
  target: string;
  url: string;
  event: string;
  status: DeliveryStatus | string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** `GET /api/webhooks/stats`: how far behind outbound webhooks are, across all nodes. */
export type { WebhookStats } from '../../protocol/webhook-stats.js';
export type { EndpointDelivery, WebhookEndpoint, WebhookEndpointCreated, WebhookEventName } from '../../protocol/webhook-endpoints.js';
/** What the console sends to create or change an endpoint (the server fills defaults). */
export type WebhookEndpointInput = { url: string; description?: string; events?: string[]; enabled?: boolean };

export interface TransferResult {
  status: string;
  assigneeId: string | null;
  kind: 'functional' | 'hierarchical' | string;
}

/** A transcript entry: a stored message, or one of ours still on its way. */
export type TranscriptMessage = ScoredMessage & { pending?: boolean; failed?: string };

/** One article with its stored (cleaned) body, for viewing and editing. */
export interface ArticleDetail extends Article {
  body: string;
  format: ArticleFormat;
}

export interface UploadFileResult {
  name: string;
  status: 'added' | 'updated' | 'unchanged' | 'failed';
  id?: string;
  title?: string;
  chunks?: number;
  error?: { code: string; message: string };
}

export interface PreviewAnswer {
  confident: boolean;
  wouldAnswer: boolean;
  answerer: string;
  answer: { text: string; citations: Array<{ articleId: string; title: string; url?: string | null }>; unanswerable: boolean } | null;
  results: SearchResult[];
}

export interface KnowledgeGapGroup {
  question: string;
  count: number;
  examples: string[];
  pages: Array<{ url: string; count: number }>;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** An intent as /api/intents returns it (server/intents/intent-store.ts). */
export interface Intent {
  name: string;
  description: string;
  examples: string[];
  skill: string;
  policy: 'ai_answer' | 'handoff' | 'handoff_now';
  severity: number;
  /** Per-intent overrides of the escalation thresholds, e.g. {minSentiment: -0.3}. */
  thresholds: Record<string, number>;
  updatedAt: string;
}
export type IntentInput = Omit<Intent, 'updatedAt'>;
