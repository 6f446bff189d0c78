import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { KnowledgeGaps } from '../../knowledge/knowledge-gaps.js';
import type { Answerer } from '../pipeline/answerer.js';
import type { TokenService } from '../auth/tokens.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { agentRoutes } from './agent-routes.js';
import { authRoutes } from './auth-routes.js';
import { conversationRoutes } from './conversation-routes.js';
import { knowledgeRoutes } from './knowledge-routes.js';
import { metricsRoutes, reportRoutes } from './metrics-routes.js';
import { staticRoutes } from './static-routes.js';
import { rejectNulPath } from './reject-nul-path.js';
import { teamRoutes } from './team-routes.js';
import { cannedResponseRoutes } from './canned-response-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { bugReportRoutes } from './bug-report-routes.js';
import { openApiRoutes } from './openapi.js';
import type { BugReportService } from '../bug-reports/bug-report-service.js';
import { intentRoutes } from './intent-routes.js';
import { conversationTestRoutes } from './conversation-test-routes.js';
import type { ConversationSuiteRunner } from '../conversation-tests/run-conversation-suite.js';
import type { IntentService } from '../intents/intent-service.js';
import type { Clock } from '../clock.js';
import type { ConversationNotes } from '../conversations/conversation-notes.js';
import type { ConversationTransfers } from '../conversations/conversation-transfers.js';
import type { ConversationFeedback } from '../conversations/conversation-feedback.js';
import type { NotificationRepository } from '../notifications/notification-repository.js';
import type { ClientAddress } from './request-address.js';
import type { MessageTranslator } from '../llm/llm-translator.js';
import type { WebhookStatsReader } from '../notifications/webhook-stats.js';
import type { WebhookEndpoints } from '../notifications/webhook-endpoints.js';
import { webhookEndpointRoutes } from './webhook-endpoint-routes.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import type { VisitorLimits } from '../limits/visitor-limits.js';
import { VISITOR_UPLOAD_PATH, visitorAttachmentRoutes } from './visitor-attachment-routes.js';
import { widgetAppearanceRoutes } from './widget-appearance-routes.js';
import type { RuntimeStats } from '../runtime/runtime-stats.js';
import type { EventBus } from '../events/event-bus.js';
import type { ArticleSuggestions } from '../../knowledge/suggest-articles.js';
import type { MetricsReader } from '../analytics/metrics.js';
import type { WidgetAppearanceStore } from '../appearance/widget-appearance-store.js';
import type { CannedResponses } from '../conversations/canned-responses.js';
import type { ConversationSearch } from '../conversations/conversation-search.js';
import type { ConversationTimeline } from '../conversations/conversation-timeline.js';
import type { VisitorHistory } from '../conversations/visitor-history.js';
import type { WebhookDeliveryLog } from '../notifications/webhook-delivery-log.js';
import type { Teams } from '../routing/teams.js';
import type { EscalationTasks } from '../sla/escalation-tasks.js';

/** What the routes are given: services only, never the database (tests/architecture/routes-call-services.test.ts). */
export interface AppDeps {
  log: Logger;
  tokens: TokenService;
  users: UserRepository;
  conversations: ConversationService;
  kb: KnowledgeBase;
  /** False until migrations ran and sockets accept connections. */
  ready: () => boolean;
  clock: Clock;
  notes: ConversationNotes;
  transfers: ConversationTransfers;
  feedback: ConversationFeedback;
  notifications: NotificationRepository;
  escalationTasks: EscalationTasks;
  /** Every outbound delivery, for the console's delivery log. */
  webhookDeliveries: WebhookDeliveryLog;
  conversationSearch: ConversationSearch;
  visitorHistory: VisitorHistory;
  /** Each conversation's escalation log. */
  timeline: ConversationTimeline;
  teams: Teams;
  cannedResponses: CannedResponses;
  widgetAppearance: WidgetAppearanceStore;
  /** Articles the widget offers before the visitor types. */
  suggestions: ArticleSuggestions;
  metrics: MetricsReader;
  /** Webhook backlog and lag, for the console's webhook screen. */
  webhookStats: WebhookStatsReader;
  /** The console's webhook endpoints (and WEBHOOK_URL, read-only). */
  webhookEndpoints: WebhookEndpoints;
  /** Intents as data (CRUD, import/export); changes retrain the live classifier. */
  intents: IntentService;
  bugReports: BugReportService;
  linearWebhookSecret?: string;
  /**
   * Domain events: agents' presence and roster changes (server/listeners.ts routes again and refreshes waiting times).
   */
  bus: EventBus;
  /** Failed sign-ins per address and account (server/auth/login-throttle.ts). */
  loginThrottle: LoginThrottle;
  /** Every token of this user was just revoked (role change, disable, password, sign out everywhere). */
  onSessionsRevoked?: (userId: string) => void;
  /** Composes the knowledge playground's answer preview (the pipeline's answerer). */
  answerer?: Answerer;
  knowledgeGaps?: KnowledgeGaps;
  /** ALLOWED_ORIGINS, for the public routes the widget calls from customers' sites. */
  allowedOrigins?: readonly string[];
  /** Which address per-address limits count (TRUST_PROXY). */
  clientAddress?: ClientAddress;
  /** Visitors' files (upload, read back; agents read them in the conversation). */
  attachments: AttachmentService;
  /** The visitor-side rate limits (uploads count like messages). */
  visitorLimits: VisitorLimits;
  /** This process's event-loop delay, memory and CPU (`GET /api/metrics/runtime`, admins). */
  runtime?: RuntimeStats;
  /** Runs admins' test conversations through the live pipeline (nothing is stored). */
  conversationTests?: ConversationSuiteRunner;
  /** Translates visitors' messages for agents (a language model is configured). */
  translator?: MessageTranslator;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The HTTP surface: JSON API under /api, health, and the static apps. */
export function createApp(deps: AppDeps) {
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `Request bodies are limited to ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    },
  });
  const api = new Hono()
    .use((c, next) =>
      // File uploads carry their own, larger limits (knowledge-upload.ts, visitor-attachment-routes.ts).
      c.req.method === 'POST' && (c.req.path.endsWith('/api/knowledge/upload') || c.req.path === VISITOR_UPLOAD_PATH)
        ? next()
        : jsonBodyLimit(c, next),
    )
    .route('/visitor', visitorAttachmentRoutes({ ...deps, limits: deps.visitorLimits }))
    .route('/auth', authRoutes(deps))
    .route('/agents', agentRoutes(deps))
    .route(
      '/knowledge',
      knowledgeRoutes({ ...deps, onError: (err) => deps.log.error({ err }, 'confidence calibration failed') }),
    )
    .route('/conversations', conversationRoutes(deps))
    .route('/metrics', metricsRoutes(deps))
    .route('/intents', intentRoutes(deps))
    .route('/conversation-tests', conversationTestRoutes(deps))
    .route('/reports', reportRoutes(deps))
    .route('/teams', teamRoutes(deps))
    .route('/canned-responses', cannedResponseRoutes(deps))
    .route('/webhooks/endpoints', webhookEndpointRoutes(deps))
    .route('/', widgetAppearanceRoutes(deps))
    .route('/', notificationRoutes(deps))
    .route('/', bugReportRoutes(deps))
    .route('/', openApiRoutes())
    .all('*', () => {
      throw new AppError(404, 'not_found', 'No such API route.');
    });

  const app = new Hono()
    .use(rejectNulPath)
    .get('/healthz', (c) => (deps.ready() ? c.json({ status: 'ok' }) : c.json({ status: 'starting' }, 503)))
    .route('/api', api)
    .route('/', staticRoutes());

  app.onError((err, c) => {
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message } }, err.status);
    if (err instanceof HTTPException)
      return c.json({ error: { code: 'http_error', message: err.message || 'Request failed.' } }, err.status);
    deps.log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side; please try again.' } }, 500);
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api/')
      ? c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404)
      : c.text('Not found', 404),
  );
  return app;
}
export type App = ReturnType<typeof createApp>;
