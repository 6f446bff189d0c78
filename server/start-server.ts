import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Server as SocketServer } from 'socket.io';
import { openKnowledgeBase } from './bootstrap/knowledge-base.js';
import { createKnowledgeGaps } from '../knowledge/knowledge-gaps.js';
import { createGapListener } from './knowledge/gap-listener.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { DEFAULT_INTENTS } from '../understanding/default-intents.js';
import { trainIntentClassifier } from '../understanding/intent-classifier.js';
import { createTokenService, resolveAuthSecret } from './auth/tokens.js';
import { createUserRepository } from './auth/user-repository.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { ensureAdminAccount, type AdminLogin } from './bootstrap/admin-account.js';
import { DEMO_AGENT_EMAILS, seedDemoTeam } from './bootstrap/demo-team.js';
import { seedDemoCannedReplies } from './bootstrap/demo-canned-replies.js';
import type { Config } from './config.js';
import { createConversationService } from './conversations/conversation-service.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open-db.js';
import { createEventBus } from './events/event-bus.js';
import { createApp, type App } from './http/app.js';
import { answerClientError } from './http/client-error.js';
import { createIntentCatalog } from './intents/intent-catalog.js';
import { createIntentService, type IntentRefreshOutcome } from './intents/intent-service.js';
import { createLlmIntentChecker } from './llm/llm-intent-check.js';
import { createLlmHandoffSummarizer } from './llm/llm-handoff-summary.js';
import { createModelFailureLog } from './llm/model-failure-log.js';
import { createLogger, type Logger } from './logger.js';
import { createExtractiveAnswerer } from './pipeline/answerer.js';
import { createDefaultPipeline } from './pipeline/default-pipeline.js';
import type { AnyStage } from './pipeline/stage.js';
import { createLlmAnswerer } from './llm/llm-answerer.js';
import { createLlmTranslator } from './llm/llm-translator.js';
import { createOpenAiChatModel } from './llm/openai-chat-model.js';
import { createTurnRunner } from './pipeline/turn-runner.js';
import type { TurnRecoveryResult } from './pipeline/turn-recovery.js';
import { createTurnAdmission } from './pipeline/turn-admission.js';
import { setupAgentNamespace, type AgentNamespace } from './realtime/agent-namespace.js';
import { createBroadcastListeners } from './realtime/broadcast-listeners.js';
import { attachListeners } from './listeners.js';
import { agentRoom } from './realtime/rooms.js';
import { createSocketAdapter } from './realtime/socket-adapter.js';
import { createClusterPeers, soleNode } from './realtime/cluster-peers.js';
import { allowOrigin, createOriginGate } from './realtime/allowed-origins.js';
import { setupVisitorNamespace, type VisitorNamespace } from './realtime/visitor-namespace.js';
import { createLimiterStore } from './limits/limiter-store.js';
import { createVisitorLimits } from './limits/visitor-limits.js';
import { createClientAddress } from './limits/client-address.js';
import { createIdentityVerifier } from './visitors/identity-verifier.js';
import { createVerifiedVisitors } from './visitors/verified-visitors.js';
import { DomainEvents } from '../protocol/events.js';
import { systemClock, type Clock } from './clock.js';
import { createRouter, type DrainResult } from './routing/router.js';
import { createPresenceTracker } from './routing/presence.js';
import { createNotificationRepository } from './notifications/notification-repository.js';
import { createWebhookWorker } from './notifications/webhook-worker.js';
import { createWebhookOutbox } from './notifications/webhook-outbox.js';
import { wakeAfterOutboxCommit } from './notifications/outbox-wakeup.js';
import { createWebhookStats, type WebhookStats } from './notifications/webhook-stats.js';
import { createWebhookEndpoints } from './notifications/webhook-endpoints.js';
import { createEndpointPresence } from './notifications/endpoint-presence.js';
import { createWebhookLagMonitor } from './notifications/webhook-lag-monitor.js';
import { createSlaSweeper, type SlaSweepResult } from './sla/sla-sweeper.js';
import { DEFAULT_SLA_POLICIES } from './sla/sla-policy.js';
import { startTicker } from './workers/ticker.js';
import { createConversationNotes } from './conversations/conversation-notes.js';
import { createBugReportService } from './bug-reports/bug-report-service.js';
import { createConversationTransfers } from './conversations/conversation-transfers.js';
import { createConversationFeedback } from './conversations/conversation-feedback.js';
import { createConversationSuiteRunner } from './conversation-tests/run-conversation-suite.js';
import { createAttachmentService } from './attachments/attachment-service.js';
import { createDbAttachmentStore } from './attachments/attachment-store.js';
import { imagesForModel } from './attachments/images-for-model.js';
import { createRuntimeStats } from './runtime/runtime-stats.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  kb: KnowledgeBase;
  log: Logger;
  /** The Hono app, for `app.request()` in tests. */
  app: App;
  admin: AdminLogin;
  jobs: BackgroundJobs;
  clock: Clock;
  demoAgents: Array<{ email: string; password: string }>;
  /** Demo agents seeded at an earlier start (their passwords were printed then). */
  earlierDemoAgents: string[];
  /** Resolves when no pipeline run is in flight (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already open, migrated-or-not database (tests share one per file). */
  db?: Db;
  log?: Logger;
  /** Tests move time by hand. */
  clock?: Clock;
  /** False: no background ticker; tests call `jobs` themselves. */
  startWorkers?: boolean;
  /** Outbound HTTP for webhooks (tests may observe it). */
  fetch?: typeof fetch;
}

/** The background jobs, exposed so tests (and operators' scripts) can run one pass on demand. */
export interface BackgroundJobs {
  route(): Promise<DrainResult>;
  sla(): Promise<SlaSweepResult>;
  /** Delivers every due webhook (a bounded pool; returns when nothing is due). */
  webhooks(): Promise<{ delivered: number; failed: number }>;
  /** Rereads whether any console webhook endpoint is enabled (one added on another node). */
  webhookEndpoints(): Promise<boolean>;
  /** Reads webhook backlog and lag, and warns when they are past the thresholds. */
  webhookLag(): Promise<WebhookStats>;
  presence(): Promise<number>;
  /** Runs the visitor messages no node finished answering (crash, restart) and waits for them. */
  turns(): Promise<TurnRecoveryResult>;
  /** Retrains this process's intent classifier when another process changed the intents. */
  intents(): Promise<IntentRefreshOutcome>;
}

/** The composition root: config -> db -> services -> app -> realtime -> listen. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  let ready = false;

  const rawDb = opts.db ?? (await openDb(config, { log }));
  // With background workers, a committed webhook wakes the delivery worker at once.
  let wakeWebhooks = () => undefined as void;
  const db = opts.startWorkers === false ? rawDb : wakeAfterOutboxCommit(rawDb, () => wakeWebhooks());
  const applied = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const users = createUserRepository(db);
  const tokens = createTokenService({ secret: await resolveAuthSecret(db, config.authSecret), agentTtlSeconds: config.tokenTtlSeconds, sessions: users });
  // One counter store for every limit: Redis with REDIS_URL (all nodes count together), else memory.
  const limiterStore = await createLimiterStore({ redisUrl: config.redisUrl, prefix: config.rateLimitPrefix, log });
  // Sign-in throttling is never switched off: RATE_LIMITS=off is for visitor load tests.
  const loginThrottle = createLoginThrottle({ limits: config.loginThrottle, store: limiterStore });
  const admin = await ensureAdminAccount(users, config.adminEmail, config.adminPassword);
  const demoAgents = config.seedDemo ? await seedDemoTeam(users) : [];
  // Demo agents created at an earlier start: the banner says how to reset their passwords.
  const earlierDemoAgents = config.seedDemo ? DEMO_AGENT_EMAILS.filter((email) => !demoAgents.some((a) => a.email === email)) : [];
  if (config.seedDemo) {
    const replies = await seedDemoCannedReplies(db);
    if (replies > 0) log.info({ replies }, 'demo canned replies seeded');
  }

  const kb = await openKnowledgeBase(config, db, log);

  // Intents live in the database (seeded from DEFAULT_INTENTS); edits retrain this catalog in-process,
  // and the `intents` job retrains it when another process changed them.
  const intents = createIntentService({ db, log, build: (defs) => createIntentCatalog(defs, (examples) => trainIntentClassifier(examples)) });
  const intentSeed = await intents.start(DEFAULT_INTENTS);
  if (intentSeed.seeded > 0) log.info({ intents: intentSeed.seeded }, 'default intents seeded');
  const clock = opts.clock ?? systemClock;
  const bus = createEventBus((event, err) => log.error({ err, event }, 'domain event listener failed'));
  const knowledgeGaps = createKnowledgeGaps({ db });
  // Domain-event webhooks are written into the outbox in the transaction of each change.
  const endpointPresence = createEndpointPresence(db);
  await endpointPresence.refresh();
  const webhookOutbox = createWebhookOutbox({ url: config.webhook?.url, clock, endpoints: endpointPresence });
  const conversations = createConversationService({ db, bus, clock, sla: DEFAULT_SLA_POLICIES, webhooks: webhookOutbox });
  const router = createRouter({ db, bus, conversations, clock, options: config.routing });
  const presence = createPresenceTracker({ db, graceSeconds: config.presenceGraceSeconds });
  const notifications = createNotificationRepository(db);
  const { concurrency, timeoutMs, backlogWarn, lagWarnSeconds } = config.webhookDelivery;
  const webhooks = createWebhookWorker({ db, clock, log, secret: config.webhook?.secret, fetch: opts.fetch, options: { concurrency, timeoutMs } });
  const webhookStats = createWebhookStats({ db, clock, webhookConfigured: Boolean(config.webhook), concurrency, thresholds: { backlog: backlogWarn, lagSeconds: lagWarnSeconds } });
  const webhookLag = createWebhookLagMonitor({ stats: webhookStats, log, clock });
  wakeWebhooks = () => void webhooks.deliverDue().catch((err) => log.error({ err }, 'webhook delivery failed'));
  const answerer = config.openai
    ? createLlmAnswerer({
        model: createOpenAiChatModel({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.chatModel, timeoutMs: config.openai.timeoutMs }),
        timeoutMs: config.openai.timeoutMs,
      })
    : createExtractiveAnswerer({ articles: (id) => kb.getArticle(id) });
  let stages: AnyStage[] = [];
  // With a model configured, agents can read a visitor's message translated (conversation routes).
  const translator = config.openai
    ? createLlmTranslator({
        model: createOpenAiChatModel({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.chatModel, timeoutMs: config.openai.timeoutMs, maxRetries: 0 }),
        timeoutMs: Math.min(config.openai.timeoutMs, 5000),
        onFailure: createModelFailureLog({ log, model: config.openai.chatModel, task: 'translation', clock }),
      })
    : undefined;

  const notes = createConversationNotes(db);
  const transfers = createConversationTransfers({ db, bus, users, conversations, notes });
  const feedback = createConversationFeedback({ db, bus, webhooks: webhookOutbox });
  const visitorLimits = createVisitorLimits({ settings: config.rateLimits, store: config.rateLimits.enabled ? limiterStore : null });
  const attachments = createAttachmentService({ db, store: createDbAttachmentStore(db), limits: config.attachments, log });
  const bugReports = createBugReportService({ db, conversations, clock, log, linear: config.linear, webhookUrl: config.webhook?.url, fetch: opts.fetch });
  let onSessionsRevoked = (_userId: string) => undefined as void;
  const clientAddress = createClientAddress(config.trustProxy);
  const turnAdmission = createTurnAdmission(config.turnAdmission);
  const runtime = createRuntimeStats({ turns: turnAdmission });
  const app = createApp({ attachments, visitorLimits, db, runtime, log, tokens, users, conversations, kb, answerer, knowledgeGaps, ready: () => ready, clock, notes, transfers, feedback, notifications, webhookStats, webhookEndpoints: createWebhookEndpoints({ db, clock, config: config.webhook, onChange: () => endpointPresence.refresh() }), intents, bugReports, linearWebhookSecret: config.linearWebhookSecret, allowedOrigins: config.allowedOrigins, clientAddress, bus, loginThrottle, onSessionsRevoked: (id) => onSessionsRevoked(id), conversationTests: createConversationSuiteRunner({ stages: () => stages, kb }), translator });
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  httpServer.on('clientError', answerClientError(log));
  const adapter = await createSocketAdapter(config.redisUrl, log, config.clusterChannel);
  const io = new SocketServer(httpServer, {
    cors: { origin: (origin, cb) => cb(null, allowOrigin(origin, config.allowedOrigins)), credentials: false },
    // `cors` covers polling only; this gate also covers WebSocket upgrades, for both namespaces.
    allowRequest: createOriginGate(config.allowedOrigins),
    maxHttpBufferSize: 64 * 1024,
    ...(adapter ? { adapter: adapter.factory } : {}),
  });
  const visitors = io.of('/visitor') as VisitorNamespace;
  const agents = io.of('/agent') as AgentNamespace;
  const broadcast = createBroadcastListeners({ db, conversations, visitors, agents, log });
  setupVisitorNamespace(visitors, {
    tokens,
    conversations,
    feedback,
    log,
    limits: visitorLimits,
    identities: createIdentityVerifier(config.identitySecret),
    verifiedVisitors: createVerifiedVisitors(db),
    clientAddress,
    onConnected: (id) => void broadcast.sendQueueStatus(id).catch((err) => log.warn({ err }, 'queue status failed')),
  });
  const sla = createSlaSweeper({
    db,
    bus,
    clock,
    sla: DEFAULT_SLA_POLICIES,
    notifications,
    webhooks: webhookOutbox,
    pagerduty: config.pagerduty,
  });
  const routeLogged = () => void router.drain().catch((err) => log.error({ err }, 'routing failed'));
  setupAgentNamespace(agents, { tokens, users, conversations, log, bus });
  // Their tokens no longer verify: close their sockets on every node (the adapter carries it).
  onSessionsRevoked = (id) => agents.in(agentRoom(id)).disconnectSockets(true);
  const jobs: BackgroundJobs = {
    async route() {
      const r = await router.drain();
      // Waiting adds priority, so time alone can reorder the queue: keep visitors' positions in step.
      await broadcast.refreshQueue();
      return r;
    },
    sla: () => sla.sweep(),
    webhooks: () => webhooks.deliverDue(),
    webhookEndpoints: () => endpointPresence.refresh(),
    webhookLag: () => webhookLag.check(),
    async presence() {
      const local = await agents.local.fetchSockets();
      await presence.heartbeat([...new Set(local.map((s) => s.data.agent.id))], clock());
      const away = await presence.sweep(clock());
      if (away > 0) bus.emit(DomainEvents.agentPresenceChanged, { agentId: null });
      return away;
    },
    intents: () => intents.refresh(),
    turns: () => responder.recover(),
  };
  // With a model configured: a second opinion on unsure intents, and a written summary on handoff
  // briefs. Both are bounded well below the answer timeout; on failure the offline result stands.
  const llmAssist = config.openai
    ? (() => {
        const model = createOpenAiChatModel({ apiKey: config.openai.apiKey, baseURL: config.openai.baseURL, model: config.openai.chatModel, timeoutMs: config.openai.timeoutMs, maxRetries: 0 });
        const timeoutMs = Math.min(config.openai.timeoutMs, 5000);
        const failureLog = (task: string) => createModelFailureLog({ log, model: model.name, task, clock });
        return {
          intentChecker: createLlmIntentChecker({ model, timeoutMs, onFailure: failureLog('intent check') }),
          summarizer: createLlmHandoffSummarizer({ model, timeoutMs, onFailure: failureLog('handoff summary') }),
        };
      })()
    : {};
  // OPENAI_VISION: the model answering also sees the screenshots attached to the question.
  const images = config.openai?.readsImages ? imagesForModel(attachments) : undefined;
  stages = createDefaultPipeline({ catalog: () => intents.catalog(), kb, answerer, stream: broadcast.delta, images, ...llmAssist });
  // Node liveness: an embedded database this process opened has no other node (turns held under
  // other tokens are from before a restart); a cluster asks its nodes (Redis adapter). PostgreSQL
  // without Redis, or a database handed in (tests run several nodes on one), cannot tell: there a
  // dead node's turns wait for their leases.
  const turnToken = randomUUID();
  const peers = adapter ? createClusterPeers(io, turnToken, { timeoutMs: 500, log }) : rawDb.kind === 'pglite' && !opts.db ? soleNode(turnToken) : null;
  const responder = createTurnRunner({ bus, db, conversations, stages: () => stages, hooks: broadcast, log, turns: config.turns, admission: turnAdmission, token: turnToken, ...(peers ? { liveTokens: peers.liveTokens } : {}) });
  // Turn recovery has its own, faster sweep: with the short turn lease, a dead node's visitors are answered in seconds.
  const { turns, ...slowJobs } = jobs;
  const ticker = opts.startWorkers === false ? null : startTicker(slowJobs, config.sweepIntervalMs, log);
  const turnTicker = opts.startWorkers === false ? null : startTicker({ turns }, config.turnSweepMs, log);
  // Every domain-event subscription, in one list (server/listeners.ts), before the first job runs.
  attachListeners({
    bus,
    broadcast: broadcast.on,
    turns: responder,
    recordGap: createGapListener({ gaps: knowledgeGaps, log }),
    route: routeLogged,
    refreshQueue: () => void broadcast.refreshQueue(),
  });
  // Messages a stopped node never answered: one pass now, then on every sweep.
  const firstRecovery = ticker ? jobs.turns().catch((err) => log.error({ err }, 'turn recovery failed')) : null;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  ready = true;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    db,
    kb,
    log,
    app,
    admin,
    jobs,
    clock,
    demoAgents,
    earlierDemoAgents,
    async idle() {
      // A pipeline run can trigger routing, and routing can post messages: settle both.
      do {
        await responder.idle();
        await router.idle();
      } while (await responder.busy());
    },
    async close() {
      ready = false;
      runtime.stop();
      await webhooks.stop();
      await ticker?.stop();
      await turnTicker?.stop();
      await firstRecovery;
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await responder.idle();
      await kb.calibration.close();
      await adapter?.close();
      await limiterStore.close();
      if (!opts.db) await rawDb.close();
    },
  };
}
