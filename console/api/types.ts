// Response shapes of the HTTP API as the console reads them: the protocol's schemas, inferred.
// Types only (`import type`), so no zod reaches the console's bundle. Names the console used before
// the shapes moved to protocol/ are kept as aliases.
import type {
  ChatMessage,
  ConversationStatus,
  Handoff,
  PageInfo,
  Signal,
  UserRole,
  VisitorIdentity,
} from '../../protocol/domain.js';
import type { MessageSentiment } from '../../protocol/agent-socket.js';
import type { SignedInUser } from '../../protocol/responses/auth.js';
import type {
  ConversationListItem,
  ConversationSummary as ConversationRow,
  ScoredMessage,
  TimelineEntry,
  VisitorRecord,
} from '../../protocol/responses/conversations.js';
import type {
  Article as StoredArticle,
  ArticleSummary,
  GapGroup,
  SearchHit,
} from '../../protocol/responses/knowledge.js';
import type { Intent } from '../../protocol/responses/intents.js';
import type { Notification as FeedEntry } from '../../protocol/responses/notifications.js';

export type {
  ConversationSuiteResult,
  ConversationTestResult,
  ConversationTestTurn,
} from '../../protocol/conversation-tests.js';
export type {
  CalibrationPoint,
  CalibrationStatusResponse as CalibrationStatus,
} from '../../protocol/knowledge-calibration.js';
export type { ChatMessage, ConversationStatus, Handoff, MessageSentiment, Signal, UserRole, VisitorIdentity };
export type { LoginResponse } from '../../protocol/responses/auth.js';
export type { Agent, AgentLevel, DirectoryEntry, WorkingHours } from '../../protocol/responses/agents.js';
export type {
  ConversationDetail,
  Decision,
  Note,
  ScoredMessage,
  TransferResult,
  Verdict,
} from '../../protocol/responses/conversations.js';
export type {
  ArticleFormat,
  PreviewAnswer,
  SearchResponse,
  UploadFileResult,
} from '../../protocol/responses/knowledge.js';
export type { Breakdown, DailyPoint, Metrics } from '../../protocol/responses/metrics.js';
export type { Team } from '../../protocol/responses/teams.js';
export type { OfficeHours } from '../../protocol/office-hours.js';
export type { CannedResponse } from '../../protocol/responses/canned-responses.js';
export type { DeliveryStatus, EscalationTask, WebhookDelivery } from '../../protocol/responses/notifications.js';
export type { WebhookStats } from '../../protocol/webhook-stats.js';
export type {
  EndpointDelivery,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointInput,
  WebhookEventName,
} from '../../protocol/webhook-endpoints.js';
export type { Intent };
export type {
  ArticleInput as NewArticle,
  AgentInput as NewAgent,
  AgentPatchInput as AgentPatch,
} from '../../protocol/http.js';

/** The signed-in user; `displayName` is absent in sessions saved by older versions. */
export type User = Omit<SignedInUser, 'displayName'> & { displayName?: string | null };

/** The visitor as the server returns it; a row built from a live handoff notice knows only the identity. */
export type Visitor = Omit<VisitorRecord, 'id' | 'verified'> & Partial<Pick<VisitorRecord, 'id' | 'verified'>>;
export type PageRef = PageInfo;

/** What a queue row shows of the handoff (a live handoff notice carries no brief or signals). */
export type HandoffSummary = Pick<Handoff, 'reason' | 'intent' | 'priority' | 'sentiment' | 'createdAt'>;

/**
 * A row of the conversation list: `GET /api/conversations` fills it, and so do live events (a
 * handoff notice, a status change) and a conversation's detail, which cannot know every field.
 */
export type ConversationSummary = Pick<
  ConversationListItem,
  'id' | 'status' | 'priority' | 'page' | 'assignee' | 'lastMessage' | 'createdAt' | 'updatedAt'
> &
  Partial<Pick<ConversationListItem, 'handedOffAt' | 'effectivePriority'>> &
  RoutingFields & { visitor: Visitor; handoff: HandoffSummary | null };

/** Routing and SLA fields of every row and detail (issue #5); a row built from a live event may lack them. */
export type RoutingFields = Partial<
  Pick<
    ConversationRow,
    | 'skill'
    | 'tier'
    | 'teamId'
    | 'offeredTo'
    | 'offerExpiresAt'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'slaBreachedAt'
    | 'firstHumanResponseAt'
    | 'assignedAt'
    | 'handoffCount'
    | 'contactEmail'
    | 'previousAssigneeId'
  >
>;

export type TimelineEvent = TimelineEntry;
export type Article = ArticleSummary;
/** One article with its stored (cleaned) body, for viewing and editing. */
export type ArticleDetail = StoredArticle;
export type SearchResult = SearchHit;
export type KnowledgeGapGroup = GapGroup;
/** A notification of the feed, or one pushed live (those carry no `userId`). */
export type Notification = Omit<FeedEntry, 'userId'>;
export type IntentInput = Omit<Intent, 'updatedAt'>;

/** A transcript entry: a stored message, or one of ours still on its way. */
export type TranscriptMessage = ScoredMessage & { pending?: boolean; failed?: string };
