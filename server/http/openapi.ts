import { Hono } from 'hono';
import { z } from 'zod';
import {
  AgentAuth,
  AgentBody,
  AgentMessageIn,
  AgentPatchBody,
  ArticleBody,
  AttachmentRef,
  AttachmentUploadQuery,
  CannedResponseBody,
  ConversationSuiteBody,
  ChatMessage,
  Citation,
  ContactIn,
  ConversationRef,
  ConversationsQuery,
  ConversationSearchQuery,
  ConversationSearchResponse,
  ProfileBody,
  VisitorHistoryResponse,
  ConversationStatus,
  CsatIn,
  ErrorBody,
  FeedbackIn,
  GapsQuery,
  Handoff,
  IntentBody,
  IntentUpdateBody,
  LoginBody,
  MarkReadBody,
  MetricsQuery,
  RuntimeMetrics,
  RuntimeQuery,
  NoteBody,
  PasswordChangeBody,
  PageInfo,
  PresenceBody,
  PresenceIn,
  MessageSentiment,
  MessageSentimentNotice,
  PreviewAnswerBody,
  SearchBody,
  SuggestionsQuery,
  SyncIn,
  TeamBody,
  TransferBody,
  UserRole,
  VerdictBody,
  VisitorAuth,
  VisitorIdentity,
  VisitorMessageIn,
  VisitorPageIn,
  WorkingHoursBody,
} from '../../protocol/index.js';
import { OfficeHours, OfficeHoursBody } from '../../protocol/office-hours.js';
import { WidgetAppearanceBody } from '../../protocol/widget-appearance.js';
import { EndpointDeliveriesQuery, EndpointDelivery, WebhookEndpoint, WebhookEndpointBody, WebhookEndpointCreated, WebhookEndpointPatch } from '../../protocol/webhook-endpoints.js';
import { FileBody, LinearWebhook } from './bug-report-routes.js';
import { UPLOAD_LIMITS } from './knowledge-upload.js';
import { CalibrationStatusResponse, CalibrationTargetBody } from '../../protocol/knowledge-calibration.js';

/**
 * The OpenAPI 3.1 description of the whole HTTP API, plus the socket.io namespaces in the
 * `x-socketio` extension. Request bodies and socket payloads come from the protocol's zod
 * schemas through `z.toJSONSchema`; response shapes are described here (they are TypeScript
 * types, not zod). tests/server/openapi.test.ts fails when a mounted route is missing.
 */

type JsonSchema = Record<string, unknown>;
type Access = 'public' | 'visitor' | 'agent' | 'admin' | 'signature';

/** Request side: defaults make fields optional. */
function inSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** Response side: "at least these fields" (the contract lets servers add fields), so no `additionalProperties: false`. */
function outSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  return openObjects(rest) as JsonSchema;
}
function openObjects(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(openObjects);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) if (!(k === 'additionalProperties' && val === false)) out[k] = openObjects(val);
  return out;
}

// ---- Response shapes (the handlers return TypeScript types; these mirror them) ----
const Iso = z.string().describe('ISO 8601 timestamp');
const Id = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });
const SignedInUser = z.object({ id: z.string(), email: z.string(), name: z.string(), displayName: z.string().nullable().describe('the name customers see; null until chosen (the console asks at first sign-in)'), role: UserRole });
const LoginResponse = z.object({ token: z.string(), user: SignedInUser });
const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  displayName: z.string().nullable(),
  role: UserRole,
  skills: z.array(z.string()),
  maxConcurrent: z.number().int(),
  presence: z.enum(['online', 'away', 'offline']),
  level: z.enum(['agent', 'senior', 'manager']),
  teamId: z.string().nullable(),
  presenceManual: z.enum(['away', 'offline']).nullable(),
  onCall: z.boolean(),
  workingHours: WorkingHoursBody.nullable(),
  disabled: z.boolean(),
});
const DirectoryEntry = Agent.pick({ id: true, name: true, level: true, skills: true, teamId: true, presence: true });
const WidgetAppearance = z.object({
  color: z.string(),
  greeting: z.string(),
  position: z.enum(['left', 'right']),
  teamName: z.string(),
  avatarUrl: z.string(),
  onColor: z.string().describe('#ffffff or #111827, whichever contrasts more with color'),
  colorDark: z.string(),
  initial: z.string(),
  contrast: z.number(),
});
const Team = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  members: z.number().int(),
  officeHours: OfficeHours.nullable().describe('null: always open'),
  openNow: z.boolean(),
  backAt: z.string().nullable().describe('when closed: the next opening (ISO)'),
});
const ConversationTestTurnOut = z.object({
  visitor: z.string(),
  outcome: z.enum(['answer', 'clarify', 'handoff', 'none']),
  decision: z.object({ action: z.string(), reasonCode: z.string(), reason: z.string(), urgent: z.boolean() }).nullable(),
  handoffReason: z.string().optional(),
  text: z.string(),
  citations: z.array(Citation),
  trace: z.object({ intent: z.unknown(), sentiment: z.unknown(), loop: z.unknown(), retrieval: z.unknown(), timings: z.array(z.object({ stage: z.string(), ms: z.number() })) }),
});
const ConversationSuiteResult = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  ms: z.number(),
  results: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean(),
      problems: z.array(z.string()),
      expect: z.record(z.string(), z.unknown()),
      got: z.object({ outcome: z.string(), reasonCode: z.string().nullable(), intent: z.string().nullable(), article: z.object({ id: z.string(), title: z.string() }).nullable(), text: z.string(), turn: z.number().int() }),
      turns: z.array(ConversationTestTurnOut),
      ms: z.number(),
    }),
  ),
});
const ArticleSummary = z.object({ id: z.string(), title: z.string(), url: z.string().nullable(), pages: z.array(z.string()), tags: z.array(z.string()), lang: z.string(), updatedAt: Iso, chunks: z.number().int() });
const Article = ArticleSummary.extend({ body: z.string(), format: z.enum(['markdown', 'html', 'text']), contentHash: z.string(), createdAt: Iso });
const SearchHit = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  text: z.string(),
  score: z.number().describe('higher is more relevant'),
  headingPath: z.string(),
  pageMatch: z.boolean(),
});
const SearchResponse = z.object({
  results: z.array(SearchHit),
  confident: z.boolean(),
  confidence: z.number().optional().describe("calibrated probability that the top article answers the query (this knowledge base's own calibration); absent before the first calibration"),
});
const Suggestions = z.object({ suggestions: z.array(z.object({ articleId: z.string(), title: z.string(), url: z.string().nullable(), reason: z.enum(['page', 'title']) })) });
const PreviewAnswer = z.object({
  confident: z.boolean(),
  wouldAnswer: z.boolean(),
  answerer: z.string(),
  answer: z.object({ text: z.string(), citations: z.array(Citation), unanswerable: z.boolean() }).nullable(),
  results: z.array(SearchHit),
  signals: z.object({ topSimilarity: z.number(), topCoverage: z.number(), candidates: z.number(), margin: z.number().optional() }).nullable(),
});
const Gaps = z.object({
  groups: z.array(
    z.object({ question: z.string(), count: z.number().int(), examples: z.array(z.string()), pages: z.array(z.object({ url: z.string(), count: z.number().int() })), firstSeenAt: Iso, lastSeenAt: Iso }),
  ),
  total: z.number().int(),
});
const UploadResult = z.object({
  results: z.array(
    z.object({
      name: z.string(),
      status: z.enum(['added', 'updated', 'unchanged', 'failed']),
      id: z.string().optional(),
      title: z.string().optional(),
      chunks: z.number().int().optional(),
      error: ErrorBody.shape.error.optional(),
    }),
  ),
});
const ConversationSummary = z.object({
  id: z.string(),
  status: ConversationStatus,
  visitorId: z.string(),
  assigneeId: z.string().nullable(),
  page: PageInfo.nullable(),
  priority: z.number(),
  handoff: Handoff.nullable(),
  aiResolved: z.boolean(),
  skill: z.string().nullable(),
  tier: z.string().nullable(),
  teamId: z.string().nullable(),
  handoffCount: z.number().int(),
  createdAt: Iso,
  updatedAt: Iso,
  handedOffAt: Iso.nullable(),
  resolvedAt: Iso.nullable(),
});
const ConversationListItem = ConversationSummary.extend({
  effectivePriority: z.number().describe('queued: priority plus 1 point per minute waited (at most 30), the order agents are served in; otherwise equal to priority'),
});
const TimelineEntry = z.object({ id: z.number().int(), type: z.string(), actor: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(), data: z.record(z.string(), z.unknown()), at: Iso });
const Note = z.object({ id: z.string(), conversationId: z.string(), authorName: z.string(), text: z.string(), createdAt: Iso });
const ConversationDetail = ConversationSummary.extend({
  // Stored and shown identity: the proofs (userHash, jwt) are never stored; `verified` says whether IDENTITY_SECRET proved it.
  visitor: VisitorIdentity.omit({ userHash: true, jwt: true }).extend({ id: z.string(), externalId: z.string().optional(), verified: z.boolean() }),
  pageTrail: z.array(z.object({ url: z.string(), title: z.string(), at: Iso, context: z.record(z.string(), z.unknown()).optional() })),
  messages: z.array(ChatMessage.extend({ sentiment: MessageSentiment.extend({ signals: z.unknown().optional() }).optional(), intent: z.unknown().optional() })),
  decisions: z.array(z.object({ action: z.string(), reason: z.string(), signals: z.unknown(), trace: z.unknown(), createdAt: Iso })),
  notes: z.array(Note),
  timeline: z.array(TimelineEntry),
  verdicts: z.array(z.object({ agentId: z.string(), verdict: VerdictBody.shape.verdict })),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  handoff: Handoff.optional(),
});
const Breakdown = z.object({ key: z.string(), conversations: z.number(), handoffs: z.number(), escalationRate: z.number() });
const Metrics = z.object({
  from: Iso,
  to: Iso,
  conversations: z.number(),
  aiResolved: z.number(),
  aiResolvedShare: z.number(),
  aiResolvedDefinition: z.string().describe('what counts as resolved by the AI, shown next to the figure'),
  handoffs: z.number(),
  escalationRate: z.number(),
  medianTimeToHandoffSeconds: z.number().nullable(),
  medianTimeToFirstHumanResponseSeconds: z.number().nullable(),
  medianResolutionAfterEscalationSeconds: z.number().nullable(),
  reEscalationRate: z.number(),
  transfersPerConversation: z.number(),
  csat: z.number().nullable().describe('mean score 1..5; null without ratings'),
  csatResponses: z.number(),
  slaBreaches: z.number(),
  unnecessaryHandoffs: z.number(),
  missedHandoffs: z.number(),
  byIntent: z.array(Breakdown),
  byTier: z.array(Breakdown),
  byPage: z.array(Breakdown),
  daily: z.array(z.object({ day: z.string(), conversations: z.number(), handoffs: z.number(), aiResolved: z.number() })),
});
const Intent = IntentBody.extend({ updatedAt: Iso });
const CannedResponse = z.object({ id: z.string(), title: z.string(), text: z.string(), shortcut: z.string().nullable() });
const Notification = z.object({ id: z.number().int(), userId: z.string().nullable(), kind: z.string(), conversationId: z.string().nullable(), title: z.string(), body: z.string(), createdAt: Iso, readAt: Iso.nullable() });
const EscalationTask = z.object({ id: z.number().int(), conversationId: z.string(), kind: z.string(), reason: z.string(), status: z.string(), dueAt: Iso.nullable().describe('the deadline that was missed'), createdAt: Iso });
const WebhookDelivery = z.object({
  id: z.number().int(),
  target: z.string(),
  url: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: Iso,
  createdAt: Iso,
  deliveredAt: Iso.nullable(),
});
const BugDraft = z.object({ title: z.string(), steps: z.string(), expected: z.string(), actual: z.string(), pageUrl: z.string().nullable(), errorState: z.string().nullable() });
const BugReport = BugDraft.extend({
  id: z.string(),
  status: z.enum(['open', 'fixed']),
  reportCount: z.number().int(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  affectedCustomers: z.number().int(),
  affectedAccountValue: z.number(),
  attachments: z.array(AttachmentRef.extend({ conversationId: z.string() })).describe("visitors' files on the reporting conversations (GET /api/conversations/{conversationId}/attachments/{id})"),
  createdAt: Iso,
  updatedAt: Iso,
});

// ---- Query schemas that live inline in the route files ----
const ReportQuery = MetricsQuery.extend({ format: z.enum(['md', 'csv']).default('md') });
const WebhookStats = z.object({
  webhookConfigured: z.boolean().describe('WEBHOOK_URL is set'),
  backlog: z.number().int().describe('deliveries due now and not yet delivered, in flight included'),
  inFlight: z.number().int(),
  retrying: z.number().int().describe('pending deliveries waiting out a retry backoff'),
  lagSeconds: z.number().describe('how long the oldest due delivery has waited; 0 with no backlog'),
  oldestPendingAgeSeconds: z.number().describe('age of the oldest pending delivery since it was enqueued'),
  deliveredLastMinute: z.number().int(),
  failedLastMinute: z.number().int().describe('deliveries whose latest attempt in the last minute failed'),
  failedTotal: z.number().int().describe('given up after every attempt'),
  concurrency: z.number().int().describe("this node's deliveries in flight at once (WEBHOOK_CONCURRENCY)"),
  thresholds: z.object({ backlog: z.number().int(), lagSeconds: z.number() }),
  behind: z.boolean().describe('backlog or lag past its threshold (the server logs a warning)'),
  at: Iso,
});
const DeliveriesQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() });
const BugDraftQuery = z.object({ conversationId: z.string().min(1).max(100) });
const ImportQuery = z.object({ replace: z.enum(['1', 'true']).optional().describe('replace every intent instead of merging by name') });

const ATTACHMENT_SERVING = 'Served with its checked Content-Type, `X-Content-Type-Options: nosniff`, a sandboxing CSP and `Content-Disposition` (`inline` for images, `attachment` for PDFs); never as HTML.';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono style, `:param`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  description?: string;
  body?: z.ZodType | { contentType: string; schema: JsonSchema; description: string };
  query?: z.ZodObject;
  status?: number;
  response?: z.ZodType | { contentType: string; description: string } | null;
  /** Error statuses beyond the automatic ones (400 with a body/query, 401/403 by access, 404 with a path param). */
  errors?: number[];
}

const OPERATIONS: Operation[] = [
  // Auth
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    summary: 'Sign in; returns a bearer token',
    access: 'public',
    description:
      'Failed attempts are counted per client address and per account (LOGIN_* settings); past the limit the answer is 429 `too_many_attempts` with Retry-After, and the lock doubles each time. A disabled account gets 403 `account_disabled` (only with the right password).',
    body: LoginBody,
    response: LoginResponse,
    errors: [401, 403, 429],
  },
  {
    method: 'put',
    path: '/api/auth/profile',
    tag: 'auth',
    summary: 'Set my display name, the name customers see ("Maya joined the conversation.")',
    access: 'agent',
    description: 'One line, 1-40 characters, without `<` or `>`. Until it is set, customers see the account name and the console asks for it.',
    body: ProfileBody,
    response: z.object({ user: SignedInUser }),
  },
  { method: 'post', path: '/api/auth/logout-all', tag: 'auth', summary: 'Sign out everywhere: every token issued to me so far stops working, open sockets close', access: 'agent', response: Ok },
  {
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    summary: 'Change my password; signs out every other session and returns a fresh token',
    access: 'agent',
    description: 'The new password needs at least 10 characters and must not be easy to guess (422 `weak_password` says why). A wrong current password is 403 `wrong_password` and counts as a failed sign-in.',
    body: PasswordChangeBody,
    response: z.object({ token: z.string() }),
    errors: [403, 422, 429],
  },
  // Agents
  { method: 'get', path: '/api/agents', tag: 'agents', summary: 'List agents and admins', access: 'admin', response: z.object({ agents: z.array(Agent) }) },
  {
    method: 'post',
    path: '/api/agents',
    tag: 'agents',
    summary: 'Create an agent or admin',
    access: 'admin',
    description: 'The password needs at least 10 characters and must not be easy to guess (422 `weak_password` says why).',
    body: AgentBody,
    status: 201,
    response: Id,
    errors: [409, 422],
  },
  { method: 'get', path: '/api/agents/directory', tag: 'agents', summary: 'Who can take a transfer (names, skills, presence)', access: 'agent', response: z.object({ agents: z.array(DirectoryEntry) }) },
  { method: 'put', path: '/api/agents/me/presence', tag: 'agents', summary: 'Set my presence (online or away)', access: 'agent', body: PresenceBody, response: z.object({ ok: z.literal(true), status: PresenceBody.shape.status }) },
  {
    method: 'put',
    path: '/api/agents/:id',
    tag: 'agents',
    summary: 'Update an agent (any subset of fields)',
    access: 'admin',
    description: 'A role change or `disabled: true` ends every session of that user at once (tokens and sockets). Admins cannot disable themselves (409).',
    body: AgentPatchBody,
    response: Agent,
    errors: [409],
  },
  { method: 'post', path: '/api/agents/:id/logout-all', tag: 'agents', summary: "Sign an agent out everywhere: their tokens stop working, open sockets close", access: 'admin', response: Ok },
  // Teams
  { method: 'get', path: '/api/teams', tag: 'teams', summary: 'List teams with member counts', access: 'agent', response: z.object({ teams: z.array(Team) }) },
  { method: 'post', path: '/api/teams', tag: 'teams', summary: 'Create a team', access: 'admin', body: TeamBody, status: 201, response: Id, errors: [409] },
  { method: 'put', path: '/api/teams/:id', tag: 'teams', summary: 'Rename a team or change its skills', access: 'admin', body: TeamBody, response: Id },
  {
    method: 'put',
    path: '/api/teams/:id/office-hours',
    tag: 'teams',
    summary: "Set a team's office hours (weekly schedule, time zone, holidays; null: always open). Outside them the widget says when the team is back and SLA clocks pause",
    access: 'admin',
    body: OfficeHoursBody,
    response: z.object({ id: z.string(), officeHours: OfficeHours.nullable() }),
    errors: [404],
  },
  { method: 'delete', path: '/api/teams/:id', tag: 'teams', summary: 'Delete a team', access: 'admin', status: 204, response: null },
  // Knowledge
  { method: 'post', path: '/api/knowledge/search', tag: 'knowledge', summary: 'Search the knowledge base', access: 'agent', body: SearchBody, response: SearchResponse },
  {
    method: 'get',
    path: '/api/knowledge/suggestions',
    tag: 'knowledge',
    summary: "Articles to offer on a page before the visitor types (the widget's empty panel)",
    access: 'public',
    description: 'Rate limited to 30 requests per minute per client address (429 with Retry-After).',
    query: SuggestionsQuery,
    response: Suggestions,
    errors: [429],
  },
  { method: 'post', path: '/api/knowledge/preview-answer', tag: 'knowledge', summary: 'Playground: retrieval plus the answer the AI would give', access: 'admin', body: PreviewAnswerBody, response: PreviewAnswer, errors: [503] },
  { method: 'get', path: '/api/knowledge/calibration', tag: 'knowledge', summary: 'How `confident` is decided: the knowledge base\'s own calibration, threshold and trade-off curve', access: 'admin', response: CalibrationStatusResponse, errors: [503] },
  {
    method: 'put',
    path: '/api/knowledge/calibration',
    tag: 'knowledge',
    summary: 'Choose the threshold by its expected false-confident rate (null: default); kept across recalibrations',
    access: 'admin',
    body: CalibrationTargetBody,
    response: CalibrationStatusResponse,
    errors: [503],
  },
  { method: 'post', path: '/api/knowledge/calibration/run', tag: 'knowledge', summary: 'Recalibrate now, in the background (poll GET for progress)', access: 'admin', status: 202, response: CalibrationStatusResponse, errors: [503] },
  { method: 'get', path: '/api/knowledge/gaps', tag: 'knowledge', summary: 'Unanswered questions grouped by similar wording', access: 'admin', query: GapsQuery, response: Gaps, errors: [503] },
  {
    method: 'post',
    path: '/api/knowledge/upload',
    tag: 'knowledge',
    summary: 'Upload article files (Markdown, HTML, text, PDF); each file succeeds or fails on its own',
    access: 'admin',
    body: {
      contentType: 'multipart/form-data',
      description: `One or many files in any field (conventionally "files"); at most ${UPLOAD_LIMITS.files} files, ${UPLOAD_LIMITS.fileBytes / 1024 / 1024} MB per file, ${UPLOAD_LIMITS.requestBytes / 1024 / 1024} MB per request.`,
      schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
    },
    response: UploadResult,
    errors: [413, 415],
  },
  { method: 'post', path: '/api/knowledge/reindex', tag: 'knowledge', summary: 'Re-embed every article with the configured embedder', access: 'admin', response: z.object({ articles: z.number().int(), chunks: z.number().int() }), errors: [503] },
  { method: 'get', path: '/api/knowledge/articles', tag: 'knowledge', summary: 'List articles', access: 'admin', response: z.object({ articles: z.array(ArticleSummary) }) },
  { method: 'post', path: '/api/knowledge/articles', tag: 'knowledge', summary: 'Add an article (indexed before the answer)', access: 'admin', body: ArticleBody, status: 201, response: z.object({ id: z.string(), chunks: z.number().int() }) },
  { method: 'get', path: '/api/knowledge/articles/:id', tag: 'knowledge', summary: 'One article with its body', access: 'admin', response: Article },
  { method: 'put', path: '/api/knowledge/articles/:id', tag: 'knowledge', summary: 'Replace an article and re-index it', access: 'admin', body: ArticleBody, response: z.object({ id: z.string(), chunks: z.number().int(), changed: z.boolean() }) },
  { method: 'delete', path: '/api/knowledge/articles/:id', tag: 'knowledge', summary: 'Delete an article', access: 'admin', status: 204, response: null },
  // Visitor files
  {
    method: 'post',
    path: '/api/visitor/attachments',
    tag: 'attachments',
    summary: 'Upload a screenshot or file for the visitor\'s conversation; send its id in the next `message`',
    access: 'visitor',
    description:
      'The type is read from the bytes (PNG, JPEG, WebP, GIF or PDF; anything else is 415 `unsupported_attachment`); images are re-encoded with their orientation applied and all metadata (EXIF, GPS) removed. ' +
      'Over ATTACHMENT_MAX_MB (default 10 MB) is 413 `attachment_too_large`; past ATTACHMENTS_PER_CONVERSATION (default 20) is 409 `too_many_attachments`; rate limited like messages (429). CORS as for the sockets.',
    query: AttachmentUploadQuery,
    body: { contentType: 'application/octet-stream', description: 'The raw file bytes (any Content-Type; it is not trusted).', schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    status: 201,
    response: AttachmentRef,
    errors: [409, 415, 422, 429],
  },
  { method: 'get', path: '/api/visitor/attachments/:id', tag: 'attachments', summary: 'A file of the visitor\'s own conversation', access: 'visitor', description: ATTACHMENT_SERVING, response: { contentType: 'image/png', description: 'The file as stored (see the upload).' } },
  // Conversations
  { method: 'get', path: '/api/conversations', tag: 'conversations', summary: 'List conversations, optionally by status', access: 'agent', query: ConversationsQuery, response: z.object({ conversations: z.array(ConversationListItem) }) },
  {
    method: 'get',
    path: '/api/conversations/search',
    tag: 'conversations',
    summary: 'Search conversations: full text over messages, visitor name and email',
    access: 'agent',
    description:
      'Messages are matched with PostgreSQL full text search (`english`: "refunds" finds "refund"), the visitor\'s name and email by substring. Newest activity first, one result per conversation with the matching text cut around the match. `q` 2-200 characters; `limit` 1-50 (default 20); `offset` up to 1000; `nextOffset` is null on the last page.',
    query: ConversationSearchQuery,
    response: ConversationSearchResponse,
  },
  {
    method: 'get',
    path: '/api/conversations/:id/history',
    tag: 'conversations',
    summary: "The visitor's other conversations (same visitor, or the same verified email), newest first, at most 20",
    access: 'agent',
    response: VisitorHistoryResponse,
  },
  { method: 'get', path: '/api/conversations/:id', tag: 'conversations', summary: 'One conversation: messages, handoff brief, decisions, notes, timeline', access: 'agent', response: ConversationDetail },
  { method: 'post', path: '/api/conversations/:id/messages/:messageId/translation', tag: 'conversations', summary: "A visitor's message translated into English for the agent (409 translation_unavailable without a language model)", access: 'agent', response: z.object({ text: z.string(), language: z.string() }) },
  {
    method: 'get',
    path: '/api/conversations/:id/attachments/:attachmentId',
    tag: 'attachments',
    summary: "A visitor's attached file (the console's image preview and PDF download)",
    access: 'agent',
    description: ATTACHMENT_SERVING,
    response: { contentType: 'image/png', description: 'The file as stored: image/png, image/jpeg, image/webp, image/gif or application/pdf.' },
  },
  { method: 'get', path: '/api/conversations/:id/timeline', tag: 'conversations', summary: 'The escalation log: every transition, who, when and why', access: 'agent', response: z.object({ timeline: z.array(TimelineEntry) }) },
  { method: 'post', path: '/api/conversations/:id/notes', tag: 'conversations', summary: 'Add an internal note (never sent to the visitor)', access: 'agent', body: NoteBody, status: 201, response: Note },
  {
    method: 'post',
    path: '/api/conversations/:id/transfer',
    tag: 'conversations',
    summary: 'Transfer to exactly one of an agent or a team',
    access: 'agent',
    body: TransferBody,
    response: z.object({ status: ConversationStatus, assigneeId: z.string().nullable(), kind: z.string() }),
    errors: [409],
  },
  {
    method: 'post',
    path: '/api/conversations/:id/resolve',
    tag: 'conversations',
    summary: 'Resolve a conversation (the assignee, a manager or an admin)',
    access: 'agent',
    description: 'Other agents get 403 `forbidden`. Same rule as the `/agent` socket `resolve` event.',
    response: z.object({ status: ConversationStatus }),
  },
  { method: 'post', path: '/api/conversations/:id/verdict', tag: 'conversations', summary: "Judge the AI's handoff decision", access: 'agent', body: VerdictBody, response: Ok },
  // Metrics and reports
  { method: 'get', path: '/api/metrics', tag: 'metrics', summary: 'Dashboard figures for a date range (default: the last 30 days, at most 400)', access: 'admin', query: MetricsQuery, response: Metrics },
  {
    method: 'get',
    path: '/api/metrics/runtime',
    tag: 'metrics',
    summary: "This server process's event-loop delay, memory, CPU and AI turn admission",
    access: 'admin',
    description:
      'Per process (in a cluster, the node that answers). Event-loop delay and `turns.peakQueued` cover the window since start or the last `reset=1`. `turns`: AI turns running (`inFlight`, at most TURNS_IN_FLIGHT) and waiting for a slot (`queued`, at most TURN_QUEUE); `deferredTotal` counts turns left in the database for the turn sweep because the queue was full.',
    query: RuntimeQuery,
    response: RuntimeMetrics,
  },
  {
    method: 'get',
    path: '/api/reports/escalations',
    tag: 'metrics',
    summary: 'Escalation report as a Markdown or CSV download (default: the last 7 days)',
    access: 'admin',
    query: ReportQuery,
    response: { contentType: 'text/markdown', description: 'Markdown (`format=md`) or `text/csv` (`format=csv`), as an attachment.' },
  },
  // Intents
  { method: 'get', path: '/api/intents', tag: 'intents', summary: 'List intent definitions', access: 'agent', response: z.object({ intents: z.array(Intent) }) },
  { method: 'post', path: '/api/intents', tag: 'intents', summary: 'Create an intent; retrains the classifier before answering', access: 'admin', body: IntentBody, status: 201, response: Intent, errors: [409] },
  { method: 'get', path: '/api/intents/export', tag: 'intents', summary: 'Every intent as JSONL (one per line)', access: 'agent', response: { contentType: 'application/x-ndjson', description: 'One intent definition (IntentBody) per line.' } },
  {
    method: 'post',
    path: '/api/intents/import',
    tag: 'intents',
    summary: 'Import intents from JSONL, all or nothing, with line-numbered errors',
    access: 'admin',
    query: ImportQuery,
    body: { contentType: 'application/x-ndjson', description: 'One intent definition per line (at most 1 MB / 300 intents).', schema: inSchema(IntentBody) },
    response: z.object({ imported: z.number().int(), total: z.number().int() }),
    errors: [413],
  },
  { method: 'get', path: '/api/intents/:name', tag: 'intents', summary: 'One intent', access: 'agent', response: Intent },
  { method: 'put', path: '/api/intents/:name', tag: 'intents', summary: 'Replace an intent (body without `name`); retrains the classifier', access: 'admin', body: IntentUpdateBody, response: Intent },
  { method: 'delete', path: '/api/intents/:name', tag: 'intents', summary: 'Delete an intent; retrains the classifier', access: 'admin', status: 204, response: null },
  // Conversation tests
  {
    method: 'post',
    path: '/api/conversation-tests/run',
    tag: 'conversation-tests',
    summary: 'Run test conversations through the live pipeline (nothing is stored)',
    access: 'admin',
    description:
      'Body: `{jsonl}` (one ConversationTestCase per line, `#` lines are comments) or `{conversations:[...]}`. At most 512 KB / 300 conversations / 12 turns each (413 `suite_too_large`); a malformed suite is 400 `invalid_suite` listing every problem by line. Each conversation runs in a fresh in-memory conversation against the live knowledge base and intents. Judging: turns before the last must not hand off; `answer: ref` (article id, title or url slug) = the last turn answers citing that article; `handoff` = the last turn hands off; `noAnswer` = the last turn does not answer from the knowledge base; `mustContain` phrases must appear in the last reply.',
    body: ConversationSuiteBody,
    response: ConversationSuiteResult,
    errors: [413],
  },
  // Canned responses
  { method: 'get', path: '/api/canned-responses', tag: 'canned responses', summary: 'Saved replies', access: 'agent', response: z.object({ cannedResponses: z.array(CannedResponse) }) },
  { method: 'post', path: '/api/canned-responses', tag: 'canned responses', summary: 'Add a saved reply', access: 'admin', body: CannedResponseBody, status: 201, response: Id, errors: [409] },
  { method: 'delete', path: '/api/canned-responses/:id', tag: 'canned responses', summary: 'Delete a saved reply', access: 'admin', status: 204, response: null },
  // Notifications, escalation tasks, webhooks
  { method: 'get', path: '/api/notifications', tag: 'notifications', summary: "My notification feed (managers also see the team's alerts)", access: 'agent', response: z.object({ notifications: z.array(Notification) }) },
  { method: 'post', path: '/api/notifications/read', tag: 'notifications', summary: 'Mark notifications read', access: 'agent', body: MarkReadBody, response: Ok },
  { method: 'get', path: '/api/escalation-tasks', tag: 'notifications', summary: 'Open escalation tasks (latest 200)', access: 'agent', response: z.object({ tasks: z.array(EscalationTask) }) },
  { method: 'get', path: '/api/webhooks/stats', tag: 'notifications', summary: 'Outbound webhook backlog, lag and delivery rate (all nodes)', access: 'admin', response: WebhookStats },
  { method: 'get', path: '/api/webhooks/deliveries', tag: 'notifications', summary: 'Outbound webhook delivery log (latest 200)', access: 'admin', query: DeliveriesQuery, response: z.object({ deliveries: z.array(WebhookDelivery) }) },
  // Widget appearance
  { method: 'get', path: '/api/widget/config', tag: 'widget', summary: "The widget's appearance, read by every widget at load (CORS as for the suggestions; no-cache, so a change shows on the next page load)", access: 'public', response: z.object({ appearance: WidgetAppearance }) },
  { method: 'get', path: '/api/settings/widget-appearance', tag: 'widget', summary: "The widget's appearance as saved, with the derived colours", access: 'admin', response: z.object({ appearance: WidgetAppearance }) },
  { method: 'put', path: '/api/settings/widget-appearance', tag: 'widget', summary: 'Set colour, greeting, launcher position, team name and avatar; the text colour on the brand colour is picked for contrast', access: 'admin', body: WidgetAppearanceBody, response: z.object({ appearance: WidgetAppearance }) },
  // Webhook endpoints
  { method: 'get', path: '/api/webhooks/endpoints', tag: 'webhooks', summary: 'Webhook endpoints (WEBHOOK_URL first, as a read-only `config` endpoint); never their secrets', access: 'admin', response: z.object({ endpoints: z.array(WebhookEndpoint) }) },
  { method: 'post', path: '/api/webhooks/endpoints', tag: 'webhooks', summary: 'Add an endpoint (http/https, no credentials in the URL); the answer holds its signing secret, shown this once', access: 'admin', body: WebhookEndpointBody, status: 201, response: WebhookEndpointCreated },
  { method: 'get', path: '/api/webhooks/endpoints/:id', tag: 'webhooks', summary: 'One endpoint with its delivery counts', access: 'admin', response: z.object({ endpoint: WebhookEndpoint }), errors: [404] },
  { method: 'patch', path: '/api/webhooks/endpoints/:id', tag: 'webhooks', summary: 'Change the URL, description, event filter or enabled flag (a disabled endpoint keeps its pending deliveries until enabled again)', access: 'admin', body: WebhookEndpointPatch, response: z.object({ endpoint: WebhookEndpoint }), errors: [404] },
  { method: 'delete', path: '/api/webhooks/endpoints/:id', tag: 'webhooks', summary: 'Delete an endpoint and its delivery log', access: 'admin', status: 204, response: null, errors: [404] },
  { method: 'post', path: '/api/webhooks/endpoints/:id/rotate-secret', tag: 'webhooks', summary: 'A new signing secret, shown this once; the old one stops signing at once', access: 'admin', response: WebhookEndpointCreated, errors: [404] },
  { method: 'post', path: '/api/webhooks/endpoints/:id/test', tag: 'webhooks', summary: 'Queue a signed `webhook.test` delivery to this endpoint alone; it appears in its log', access: 'admin', status: 202, response: z.object({ deliveryId: z.number().int() }), errors: [404] },
  { method: 'get', path: '/api/webhooks/endpoints/:id/deliveries', tag: 'webhooks', summary: "The endpoint's delivery log, newest 100: status, attempts, response code, last error, latency", access: 'admin', query: EndpointDeliveriesQuery, response: z.object({ deliveries: z.array(EndpointDelivery) }), errors: [404] },
  // Bug reports
  { method: 'get', path: '/api/bug-reports', tag: 'bug reports', summary: 'List bug reports', access: 'agent', response: z.object({ bugReports: z.array(BugReport) }) },
  {
    method: 'get',
    path: '/api/bug-reports/draft',
    tag: 'bug reports',
    summary: 'Propose a bug report from a conversation, with a similar existing report if any',
    access: 'agent',
    query: BugDraftQuery,
    response: z.object({ draft: BugDraft, attachments: z.array(AttachmentRef.extend({ conversationId: z.string() })), similarTo: BugReport.nullable(), customer: z.object({ name: z.string().nullable(), accountValue: z.number().nullable() }) }),
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/bug-reports',
    tag: 'bug reports',
    summary: 'File a bug report (201), or merge it into a similar one (200)',
    access: 'agent',
    body: FileBody,
    status: 201,
    response: z.object({ report: BugReport, merged: z.boolean() }),
    errors: [404],
  },
  { method: 'post', path: '/api/bug-reports/:id/fixed', tag: 'bug reports', summary: 'Mark fixed and notify the affected customers', access: 'admin', response: z.object({ notified: z.number().int() }) },
  {
    method: 'post',
    path: '/api/integrations/linear/webhook',
    tag: 'bug reports',
    summary: 'Linear issue webhook: a completed issue marks its bug report fixed',
    access: 'signature',
    description: 'Authenticated by the `Linear-Signature` header (hex HMAC-SHA256 of the raw body with LINEAR_WEBHOOK_SECRET); 404 when the secret is not configured.',
    body: LinearWebhook,
    response: z.object({ ok: z.literal(true), matched: z.boolean(), notified: z.number().int() }),
    errors: [401, 404],
  },
  // This document
  { method: 'get', path: '/api/openapi.json', tag: 'meta', summary: 'This OpenAPI document', access: 'public', response: { contentType: 'application/json', description: 'OpenAPI 3.1 document with the socket.io description in `x-socketio`.' } },
  { method: 'get', path: '/api/docs', tag: 'meta', summary: 'This document as a readable HTML page', access: 'public', response: { contentType: 'text/html', description: 'Static HTML, no scripts.' } },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid JSON or a body/query that fails validation (`invalid_json`, `invalid_request`).',
  401: 'Missing, invalid or expired bearer token (or wrong credentials / signature).',
  403: 'Signed in, but not allowed: this needs the admin role, or another rule applies (see the description).',
  404: 'No such resource (`not_found`).',
  409: 'Conflicts with existing data (for example a taken name or shortcut, or a state that does not allow it).',
  422: 'The request is well formed but refused (for example `weak_password`, with the reason).',
  413: 'Body over the size limit (`payload_too_large`; JSON bodies are limited to 5 MB).',
  415: 'Wrong content type.',
  429: 'Rate limited; see the Retry-After header.',
  500: 'Unexpected server error (`internal`); never a stack trace.',
  503: 'The feature is not configured on this server (`not_configured`).',
};

const ACCESS_TEXT: Record<Access, string> = {
  public: 'Public: no token needed.',
  visitor: "Bearer token: the visitor session token from the socket's `session` event (the widget's own conversation only).",
  agent: 'Bearer token; role `agent` or `admin`.',
  admin: 'Bearer token; role `admin` only.',
  signature: 'No bearer token: signed by the caller (see description).',
};

function buildOperation(op: Operation): JsonSchema {
  const params: JsonSchema[] = [];
  for (const m of op.path.matchAll(/:([A-Za-z_]+)/g)) params.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
  if (op.query) {
    const q = inSchema(op.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  const responses: Record<string, unknown> = {};
  const status = String(op.status ?? 200);
  if (op.response === null || op.response === undefined) responses[status] = { description: 'No content' };
  else if (op.response instanceof z.ZodType) responses[status] = { description: 'Success', content: { 'application/json': { schema: outSchema(op.response) } } };
  else responses[status] = { description: op.response.description, content: { [op.response.contentType]: { schema: { type: 'string' } } } };
  const errors = new Set<number>(op.errors ?? []);
  if (op.body || op.query || op.path.includes(':')) errors.add(400);
  if (op.access === 'agent' || op.access === 'admin' || op.access === 'visitor') errors.add(401);
  if (op.access === 'admin') errors.add(403);
  if (op.path.includes(':')) errors.add(404);
  if (op.body) errors.add(413);
  errors.add(500);
  for (const code of [...errors].sort()) responses[String(code)] = { $ref: `#/components/responses/Error${code}` };

  let requestBody: JsonSchema | undefined;
  if (op.body instanceof z.ZodType) requestBody = { required: true, content: { 'application/json': { schema: inSchema(op.body) } } };
  else if (op.body) requestBody = { required: true, description: op.body.description, content: { [op.body.contentType]: { schema: op.body.schema } } };

  return {
    operationId: `${op.method}${op.path.replace(/^\/api/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
    tags: [op.tag],
    summary: op.summary,
    description: [ACCESS_TEXT[op.access], op.description].filter(Boolean).join(' '),
    'x-firstline-access': op.access,
    ...(op.access === 'agent' || op.access === 'admin' || op.access === 'visitor' ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(params.length ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

// ---- socket.io ----
const ackOf = (extra: z.ZodRawShape = {}) => z.union([z.object({ ok: z.literal(true), ...extra }), z.object({ ok: z.literal(false), error: ErrorBody.shape.error })]);
/** Server-sent payloads: what clients receive. */
const event = (description: string, payload: z.ZodType) => ({ description, payload: outSchema(payload) });
/** Client-sent payloads are validated by the server: describe what it accepts. */
const clientEvent = (description: string, payload: z.ZodType, ack?: z.ZodType) => ({ description, payload: inSchema(payload), ...(ack ? { ack: outSchema(ack) } : {}) });

function socketDescription(): JsonSchema {
  const HandoffNotice = z.object({
    conversationId: z.string(),
    reason: z.string(),
    queuePosition: z.number().int(),
    etaSeconds: z.number(),
    agentsOnline: z.number().int().describe('0: nobody can answer now; offer to continue by email'),
    backAt: z.string().nullable().optional().describe("set while the team is outside its office hours: when it is back (ISO); the widget says so (\"We're back Monday 9:00\") and offers email"),
  });
  const AgentHandoffNotice = z.object({
    conversationId: z.string(),
    priority: z.number(),
    reason: z.string(),
    brief: z.string(),
    intent: z.string().nullable(),
    sentiment: z.number(),
    page: PageInfo.nullable(),
    visitor: VisitorIdentity.omit({ userHash: true, jwt: true }).extend({ verified: z.boolean() }),
  });
  return {
    path: '/socket.io',
    description: 'socket.io v4. Every acknowledged client event answers `{ok:true, ...}` or `{ok:false, error:{code,message}}`.',
    namespaces: {
      '/visitor': {
        description: 'The widget. A token from `session` resumes the same conversation later.',
        handshake: { auth: inSchema(VisitorAuth) },
        clientToServer: {
          message: clientEvent('A visitor message; the same clientMessageId twice stores one message.', VisitorMessageIn, ackOf({ id: z.string() })),
          page: clientEvent('The visitor moved to another page. The ack is optional (the widget sends none); with one, a refused page answers why.', VisitorPageIn, ackOf()),
          sync: clientEvent('Replay messages after `afterId`.', SyncIn, ackOf({ messages: z.array(ChatMessage) })),
          feedback: clientEvent('"Did this help?" on an AI answer; `resolved` when it closed the conversation.', FeedbackIn, ackOf({ resolved: z.boolean() })),
          csat: clientEvent('Rating after an agent resolved the conversation.', CsatIn, ackOf()),
          contact: clientEvent('Continue by email when nobody is online.', ContactIn, ackOf()),
        },
        serverToClient: {
          session: event('Sent on connect.', z.object({ conversationId: z.string(), token: z.string(), status: ConversationStatus })),
          message: event('A stored message in this conversation.', ChatMessage),
          'message:delta': event('Part of an AI answer being written; the full `message` with the same `replyTo` replaces it.', z.object({ conversationId: z.string(), replyTo: z.string(), delta: z.string() })),
          'message:discard': event('The text streamed for `replyTo` is withdrawn: it did not become the answer (a handoff follows). Remove the draft.', z.object({ conversationId: z.string(), replyTo: z.string() })),
          handoff: event('Handed to a person; sent again when the queue position changes.', HandoffNotice),
          'agent:joined': event('An agent took the conversation.', z.object({ name: z.string() })),
          'conversation:resolved': event('Closed; `csat` asks for a rating.', z.object({ conversationId: z.string(), csat: z.boolean().optional() })),
          typing: event('Typing indicator.', z.object({ role: z.enum(['ai', 'agent']), typing: z.boolean() })),
        },
      },
      '/agent': {
        description: 'The console. Only signed-in agents and admins connect; the stored user is checked at the handshake and before every event, and the sockets of a user who is disabled, changes role or is signed out everywhere are closed.',
        handshake: { auth: inSchema(AgentAuth) },
        clientToServer: {
          claim: clientEvent('Take a waiting conversation.', ConversationRef, ackOf()),
          message: clientEvent('Reply to the visitor.', AgentMessageIn, ackOf({ id: z.string() })),
          resolve: clientEvent('Close the conversation (the assignee, a manager or an admin; others get `forbidden`).', ConversationRef, ackOf()),
          presence: clientEvent('Set presence.', PresenceIn, ackOf()),
        },
        serverToClient: {
          handoff: event('A conversation needs a person.', AgentHandoffNotice),
          offer: event('Routing offers this agent a conversation; claim it before `expiresAt`.', z.object({ conversationId: z.string(), expiresAt: Iso, reason: z.string(), priority: z.number() })),
          notification: event('A console notification.', Notification.omit({ userId: true, readAt: true })),
          message: event('A message in a conversation agents handle (same shape as on the visitor side).', ChatMessage),
          'conversation:updated': event('Queue change.', z.object({ conversationId: z.string(), status: ConversationStatus, assigneeId: z.string().nullable() })),
          'message:sentiment': event('A visitor message agents were sent has been scored (also while an agent has the chat).', MessageSentimentNotice),
        },
      },
    },
  };
}

export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const p = op.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    (paths[p] ??= {})[op.method] = buildOperation(op);
  }
  paths['/healthz'] = {
    get: {
      operationId: 'getHealthz',
      tags: ['meta'],
      summary: 'Ready once migrations ran and sockets are accepted',
      'x-firstline-access': 'public',
      security: [],
      responses: {
        '200': { description: 'Ready', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] } } } },
        '503': { description: 'Starting', content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'starting' } }, required: ['status'] } } } },
      },
    },
  };
  const errorResponses: Record<string, unknown> = {};
  for (const [code, text] of Object.entries(ERROR_TEXT)) {
    errorResponses[`Error${code}`] = { description: text, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Firstline API',
      version: '1',
      description:
        'JSON API of the Firstline server. Sign in with `POST /api/auth/login` and send `Authorization: Bearer <token>`. Roles: `agent` and `admin` (admins may do everything agents may). Errors are always `{"error":{"code","message"}}`. Socket.io namespaces are described in `x-socketio`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login.' } },
      schemas: { Error: outSchema(ErrorBody) },
      responses: errorResponses,
    },
    'x-socketio': socketDescription(),
  };
}

let cached: { json: string; html: string } | null = null;
function rendered() {
  if (!cached) {
    const doc = buildOpenApiDocument();
    cached = { json: JSON.stringify(doc), html: renderDocsHtml(doc) };
  }
  return cached;
}

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const pre = (v: unknown) => `<details><summary>schema</summary><pre>${esc(JSON.stringify(v, null, 2))}</pre></details>`;

/** A plain, script-free rendering of the document. */
export function renderDocsHtml(doc: JsonSchema): string {
  const out: string[] = [];
  const info = doc.info as { title: string; description: string };
  out.push(`<h1>${esc(info.title)}</h1><p>${esc(info.description)}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a></p><h2>HTTP</h2>`);
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, op] of Object.entries(methods)) {
      out.push(`<section><h3><code>${esc(method.toUpperCase())} ${esc(path)}</code></h3><p>${esc(op.summary)}</p>${op.description ? `<p>${esc(op.description)}</p>` : ''}`);
      const params = (op.parameters as Array<{ name: string; in: string; required: boolean }> | undefined) ?? [];
      if (params.length) out.push(`<p>Parameters: ${params.map((p) => `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})`).join(', ')}</p>`);
      const body = op.requestBody as { content: Record<string, { schema: unknown }> } | undefined;
      if (body) for (const [type, c] of Object.entries(body.content)) out.push(`<p>Body: <code>${esc(type)}</code></p>${pre(c.schema)}`);
      const responses = op.responses as Record<string, { description?: string; $ref?: string; content?: Record<string, { schema: unknown }> }>;
      const items = Object.entries(responses).map(([code, r]) => {
        const content = r.content ? Object.entries(r.content).map(([type, c]) => ` <code>${esc(type)}</code>${pre(c.schema)}`).join('') : '';
        return `<li><b>${esc(code)}</b> ${esc(r.description ?? (r.$ref ? 'error body {error:{code,message}}' : ''))}${content}</li>`;
      });
      out.push(`<ul>${items.join('')}</ul></section>`);
    }
  }
  const sio = doc['x-socketio'] as { path: string; description: string; namespaces: Record<string, Record<string, unknown>> };
  out.push(`<h2>Socket.io (path <code>${esc(sio.path)}</code>)</h2><p>${esc(sio.description)}</p>`);
  for (const [ns, def] of Object.entries(sio.namespaces)) {
    out.push(`<h3>Namespace <code>${esc(ns)}</code></h3><p>${esc(def.description)}</p><p>Handshake auth</p>${pre((def.handshake as { auth: unknown }).auth)}`);
    for (const dir of ['clientToServer', 'serverToClient'] as const) {
      out.push(`<h4>${dir === 'clientToServer' ? 'client → server' : 'server → client'}</h4><ul>`);
      for (const [name, e] of Object.entries(def[dir] as Record<string, { description: string; payload: unknown; ack?: unknown }>)) {
        out.push(`<li><code>${esc(name)}</code>: ${esc(e.description)}${pre(e.payload)}${e.ack ? `ack${pre(e.ack)}` : ''}</li>`);
      }
      out.push('</ul>');
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title><style>body{font:14px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}pre{background:#f4f4f4;padding:.5em;overflow:auto}section{border-top:1px solid #ddd}</style></head><body>${out.join('\n')}</body></html>`;
}

/** `GET /openapi.json` and `GET /docs`, mounted under /api; public, built once and kept in memory. */
export function openApiRoutes() {
  return new Hono()
    .get('/openapi.json', (c) => c.body(rendered().json, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' }))
    .get('/docs', (c) =>
      c.body(rendered().html, 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      }),
    );
}
