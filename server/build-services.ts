import { openKnowledgeBase } from './bootstrap/knowledge-base.js';
import { createKnowledgeGaps } from '../knowledge/knowledge-gaps.js';
import { createArticleSuggestions } from '../knowledge/suggest-articles.js';
import { DEFAULT_INTENTS } from '../understanding/default-intents.js';
import { trainIntentClassifier } from '../understanding/intent-classifier.js';
import { createMetricsReader } from './analytics/metrics.js';
import { createWidgetAppearanceStore } from './appearance/widget-appearance-store.js';
import { createTokenService, resolveAuthSecret } from './auth/tokens.js';
import { createUserRepository } from './auth/user-repository.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { ensureAdminAccount, type AdminLogin } from './bootstrap/admin-account.js';
import { DEMO_AGENT_EMAILS, seedDemoTeam } from './bootstrap/demo-team.js';
import { seedDemoCannedReplies } from './bootstrap/demo-canned-replies.js';
import type { Config } from './config.js';
import { createCannedResponses } from './conversations/canned-responses.js';
import { createConversationSearch } from './conversations/conversation-search.js';
import { createConversationService } from './conversations/conversation-service.js';
import { createConversationTimeline } from './conversations/conversation-timeline.js';
import { createVisitorHistory } from './conversations/visitor-history.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open-db.js';
import { createEventBus } from './events/event-bus.js';
import type { AppDeps } from './http/app.js';
import { createIntentCatalog } from './intents/intent-catalog.js';
import { createIntentService } from './intents/intent-service.js';
import { buildModelServices } from './llm/build-model-services.js';
import { createLogger, type Logger } from './logger.js';
import type { Answerer } from './pipeline/answerer.js';
import type { PipelineDeps } from './pipeline/default-pipeline.js';
import { createTurnAdmission, type TurnAdmission } from './pipeline/turn-admission.js';
import { createLimiterStore } from './limits/limiter-store.js';
import { createVisitorLimits } from './limits/visitor-limits.js';
import { createClientAddress } from './limits/client-address.js';
import { createIdentityVerifier } from './visitors/identity-verifier.js';
import { createVerifiedVisitors } from './visitors/verified-visitors.js';
import { systemClock, type Clock } from './clock.js';
import { createRouter } from './routing/router.js';
import { createPresenceTracker } from './routing/presence.js';
import { createTeams } from './routing/teams.js';
import { createNotificationRepository } from './notifications/notification-repository.js';
import { createWebhookWorker } from './notifications/webhook-worker.js';
import { createWebhookOutbox } from './notifications/webhook-outbox.js';
import { wakeAfterOutboxCommit } from './notifications/outbox-wakeup.js';
import { createWebhookStats } from './notifications/webhook-stats.js';
import { createWebhookEndpoints } from './notifications/webhook-endpoints.js';
import { createWebhookDeliveryLog } from './notifications/webhook-delivery-log.js';
import { createEndpointPresence } from './notifications/endpoint-presence.js';
import { createWebhookLagMonitor } from './notifications/webhook-lag-monitor.js';
import { createEscalationTasks } from './sla/escalation-tasks.js';
import { createSlaSweeper } from './sla/sla-sweeper.js';
import { DEFAULT_SLA_POLICIES } from './sla/sla-policy.js';
import { createConversationNotes } from './conversations/conversation-notes.js';
import { createBugReportService } from './bug-reports/bug-report-service.js';
import { createConversationTransfers } from './conversations/conversation-transfers.js';
import { createConversationFeedback } from './conversations/conversation-feedback.js';
import { createAttachmentService } from './attachments/attachment-service.js';
import { createDbAttachmentStore } from './attachments/attachment-store.js';
import { imagesForModel } from './attachments/images-for-model.js';
import { createRuntimeStats } from './runtime/runtime-stats.js';

export interface ServiceOptions {
  /** An already open database (tests share one per file); left open by `close()`. */
  db?: Db;
  log?: Logger;
  clock?: Clock;
  /** Outbound HTTP for webhooks and bug reports (tests may observe it). */
  fetch?: typeof fetch;
  /** A committed webhook wakes the delivery worker at once (with background workers). */
  wakeWebhooksOnCommit?: boolean;
}

/** What the HTTP routes are given; the server adds readiness, the sessions hook and the test-conversation runner. */
export type HttpServices = Omit<AppDeps, 'ready' | 'onSessionsRevoked' | 'conversationTests'>;

/** Everything the server runs on, built and wired; nothing listens yet. */
export interface Services {
  log: Logger;
  /** Migrated. The routes never see it (`http` has no `db`); sockets, broadcasts and the turn runner use it. */
  db: Db;
  clock: Clock;
  http: HttpServices;
  admin: AdminLogin;
  demoAgents: Array<{ email: string; password: string }>;
  /** Demo agents seeded at an earlier start (their passwords were printed then). */
  earlierDemoAgents: string[];
  tokens: AppDeps['tokens'];
  users: AppDeps['users'];
  bus: AppDeps['bus'];
  conversations: AppDeps['conversations'];
  feedback: AppDeps['feedback'];
  kb: Awaited<ReturnType<typeof openKnowledgeBase>>;
  intents: AppDeps['intents'];
  knowledgeGaps: ReturnType<typeof createKnowledgeGaps>;
  answerer: Answerer;
  attachments: AppDeps['attachments'];
  visitorLimits: AppDeps['visitorLimits'];
  clientAddress: ReturnType<typeof createClientAddress>;
  identities: ReturnType<typeof createIdentityVerifier>;
  verifiedVisitors: ReturnType<typeof createVerifiedVisitors>;
  router: ReturnType<typeof createRouter>;
  presence: ReturnType<typeof createPresenceTracker>;
  sla: ReturnType<typeof createSlaSweeper>;
  webhooks: ReturnType<typeof createWebhookWorker>;
  endpointPresence: ReturnType<typeof createEndpointPresence>;
  webhookLag: ReturnType<typeof createWebhookLagMonitor>;
  turnAdmission: TurnAdmission;
  runtime: ReturnType<typeof createRuntimeStats>;
  /**
   * With a model configured: a second opinion on unsure intents, a written summary on handoff briefs, screenshots for
   * the answer.
   */
  pipelineAssist: Pick<PipelineDeps, 'intentChecker' | 'summarizer' | 'images'>;
  /** Stops the runtime sampler and the webhook worker (first, before the sockets close). */
  stop(): Promise<void>;
  /** Closes what building opened: calibration, the limiter store, and the database unless it was given. */
  close(): Promise<void>;
}

/**
 * The first half of the composition root: config + database -> migrated schema, seeded accounts
 * and every service, wired to each other. Opens no port and starts no worker (only the runtime
 * figures' event-loop sampler runs); `startServer` puts HTTP, socket.io, the listeners and the
 * workers on top.
 */
export async function buildServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const log = opts.log ?? createLogger(config.logLevel);
  const rawDb = opts.db ?? (await openDb(config, { log }));
  // With background workers, a committed webhook wakes the delivery worker at once.
  let wakeWebhooks = () => undefined as void;
  const db = opts.wakeWebhooksOnCommit ? wakeAfterOutboxCommit(rawDb, () => wakeWebhooks()) : rawDb;
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const users = createUserRepository(db);
  const tokens = createTokenService({
    secret: await resolveAuthSecret(db, config.authSecret),
    agentTtlSeconds: config.tokenTtlSeconds,
    sessions: users,
  });
  // One counter store for every limit: Redis with REDIS_URL (all nodes count together), else memory.
  const limiterStore = await createLimiterStore({ redisUrl: config.redisUrl, prefix: config.rateLimitPrefix, log });
  // Sign-in throttling is never switched off: RATE_LIMITS=off is for visitor load tests.
  const loginThrottle = createLoginThrottle({ limits: config.loginThrottle, store: limiterStore });
  const admin = await ensureAdminAccount(users, config.adminEmail, config.adminPassword);
  const demoAgents = config.seedDemo ? await seedDemoTeam(users) : [];
  // Demo agents created at an earlier start: the banner says how to reset their passwords.
  const earlierDemoAgents = config.seedDemo
    ? DEMO_AGENT_EMAILS.filter((email) => !demoAgents.some((a) => a.email === email))
    : [];
  if (config.seedDemo) {
    const replies = await seedDemoCannedReplies(db);
    if (replies > 0) log.info({ replies }, 'demo canned replies seeded');
  }

  const kb = await openKnowledgeBase(config, db, log);

  // Intents live in the database (seeded from DEFAULT_INTENTS); edits retrain this catalog in-process,
  // and the `intents` job retrains it when another process changed them.
  const intents = createIntentService({
    db,
    log,
    build: (defs) => createIntentCatalog(defs, (examples) => trainIntentClassifier(examples)),
  });
  const intentSeed = await intents.start(DEFAULT_INTENTS);
  if (intentSeed.seeded > 0) log.info({ intents: intentSeed.seeded }, 'default intents seeded');
  const clock = opts.clock ?? systemClock;
  const bus = createEventBus((event, err) => log.error({ err, event }, 'domain event listener failed'));
  const knowledgeGaps = createKnowledgeGaps({ db });
  // Domain-event webhooks are written into the outbox in the transaction of each change.
  const endpointPresence = createEndpointPresence(db);
  await endpointPresence.refresh();
  const webhookOutbox = createWebhookOutbox({ url: config.webhook?.url, clock, endpoints: endpointPresence });
  const conversations = createConversationService({
    db,
    bus,
    clock,
    sla: DEFAULT_SLA_POLICIES,
    webhooks: webhookOutbox,
  });
  const router = createRouter({ db, bus, conversations, clock, options: config.routing });
  const presence = createPresenceTracker({ db, graceSeconds: config.presenceGraceSeconds });
  const notifications = createNotificationRepository(db);
  const { concurrency, timeoutMs, backlogWarn, lagWarnSeconds } = config.webhookDelivery;
  const webhooks = createWebhookWorker({
    db,
    clock,
    log,
    secret: config.webhook?.secret,
    fetch: opts.fetch,
    options: { concurrency, timeoutMs },
  });
  const webhookStats = createWebhookStats({
    db,
    clock,
    webhookConfigured: Boolean(config.webhook),
    concurrency,
    thresholds: { backlog: backlogWarn, lagSeconds: lagWarnSeconds },
  });
  const webhookLag = createWebhookLagMonitor({ stats: webhookStats, log, clock });
  wakeWebhooks = () => void webhooks.deliverDue().catch((err) => log.error({ err }, 'webhook delivery failed'));
  // With a model configured, agents can also read a visitor's message translated (conversation routes).
  const { answerer, translator, assist } = buildModelServices(config, { kb, log, clock });

  const notes = createConversationNotes(db);
  const transfers = createConversationTransfers({ db, bus, users, conversations, notes });
  const feedback = createConversationFeedback({ db, bus, webhooks: webhookOutbox });
  const visitorLimits = createVisitorLimits({
    settings: config.rateLimits,
    store: config.rateLimits.enabled ? limiterStore : null,
  });
  const attachments = createAttachmentService({
    db,
    store: createDbAttachmentStore(db),
    limits: config.attachments,
    log,
  });
  const bugReports = createBugReportService({
    db,
    conversations,
    clock,
    log,
    linear: config.linear,
    webhookUrl: config.webhook?.url,
    fetch: opts.fetch,
  });
  const clientAddress = createClientAddress(config.trustProxy);
  const turnAdmission = createTurnAdmission(config.turnAdmission);
  const runtime = createRuntimeStats({ turns: turnAdmission });
  const sla = createSlaSweeper({
    db,
    bus,
    clock,
    sla: DEFAULT_SLA_POLICIES,
    notifications,
    webhooks: webhookOutbox,
    pagerduty: config.pagerduty,
  });
  // OPENAI_VISION: the model answering also sees the screenshots attached to the question.
  const images = config.openai?.readsImages ? imagesForModel(attachments) : undefined;

  const http: HttpServices = {
    attachments,
    visitorLimits,
    runtime,
    log,
    tokens,
    users,
    conversations,
    kb,
    answerer,
    knowledgeGaps,
    clock,
    notes,
    transfers,
    feedback,
    notifications,
    escalationTasks: createEscalationTasks(db),
    webhookStats,
    webhookDeliveries: createWebhookDeliveryLog(db),
    webhookEndpoints: createWebhookEndpoints({
      db,
      clock,
      config: config.webhook,
      onChange: () => endpointPresence.refresh(),
    }),
    conversationSearch: createConversationSearch(db),
    visitorHistory: createVisitorHistory(db),
    timeline: createConversationTimeline(db),
    teams: createTeams(db),
    cannedResponses: createCannedResponses(db),
    widgetAppearance: createWidgetAppearanceStore(db),
    suggestions: createArticleSuggestions({ db, kb }),
    metrics: createMetricsReader(db),
    intents,
    bugReports,
    linearWebhookSecret: config.linearWebhookSecret,
    allowedOrigins: config.allowedOrigins,
    clientAddress,
    bus,
    loginThrottle,
    translator,
  };

  return {
    log,
    db,
    clock,
    http,
    admin,
    demoAgents,
    earlierDemoAgents,
    tokens,
    users,
    bus,
    conversations,
    feedback,
    kb,
    intents,
    knowledgeGaps,
    answerer,
    attachments,
    visitorLimits,
    clientAddress,
    identities: createIdentityVerifier(config.identitySecret),
    verifiedVisitors: createVerifiedVisitors(db),
    router,
    presence,
    sla,
    webhooks,
    endpointPresence,
    webhookLag,
    turnAdmission,
    runtime,
    pipelineAssist: { ...assist, images },
    async stop() {
      runtime.stop();
      await webhooks.stop();
    },
    async close() {
      await kb.calibration.close();
      await limiterStore.close();
      if (!opts.db) await rawDb.close();
    },
  };
}
