import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Server as SocketServer } from 'socket.io';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { AdminLogin } from './bootstrap/admin-account.js';
import { buildServices } from './build-services.js';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { createApp, type App } from './http/app.js';
import { answerClientError } from './http/client-error.js';
import type { IntentRefreshOutcome } from './intents/intent-service.js';
import { createGapListener } from './knowledge/gap-listener.js';
import type { Logger } from './logger.js';
import { createDefaultPipeline } from './pipeline/default-pipeline.js';
import type { AnyStage } from './pipeline/stage.js';
import { createTurnRunner } from './pipeline/turn-runner.js';
import type { TurnRecoveryResult } from './pipeline/turn-recovery.js';
import { setupAgentNamespace, type AgentNamespace } from './realtime/agent-namespace.js';
import { createBroadcastListeners } from './realtime/broadcast-listeners.js';
import { attachListeners } from './listeners.js';
import { agentRoom } from './realtime/rooms.js';
import { createSocketAdapter } from './realtime/socket-adapter.js';
import { createClusterPeers, soleNode } from './realtime/cluster-peers.js';
import { allowOrigin, createOriginGate } from './realtime/allowed-origins.js';
import { setupVisitorNamespace, type VisitorNamespace } from './realtime/visitor-namespace.js';
import { DomainEvents } from '../protocol/events.js';
import type { Clock } from './clock.js';
import type { DrainResult } from './routing/router.js';
import type { WebhookStats } from './notifications/webhook-stats.js';
import type { SlaSweepResult } from './sla/sla-sweeper.js';
import { startTicker } from './workers/ticker.js';
import { createConversationSuiteRunner } from './conversation-tests/run-conversation-suite.js';

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

/**
 * The composition root, second half: the services (build-services.ts) -> app -> realtime ->
 * listeners -> workers -> listen.
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  let ready = false;
  const services = await buildServices(config, {
    db: opts.db,
    log: opts.log,
    clock: opts.clock,
    fetch: opts.fetch,
    wakeWebhooksOnCommit: opts.startWorkers !== false,
  });
  const {
    log,
    db,
    clock,
    tokens,
    users,
    bus,
    conversations,
    kb,
    router,
    presence,
    intents,
    webhooks,
    endpointPresence,
  } = services;

  let stages: AnyStage[] = [];
  let onSessionsRevoked = (_userId: string) => undefined as void;
  const app = createApp({
    ...services.http,
    ready: () => ready,
    onSessionsRevoked: (id) => onSessionsRevoked(id),
    conversationTests: createConversationSuiteRunner({ stages: () => stages, kb }),
  });
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
    feedback: services.feedback,
    log,
    limits: services.visitorLimits,
    identities: services.identities,
    verifiedVisitors: services.verifiedVisitors,
    clientAddress: services.clientAddress,
    onConnected: (id) => void broadcast.sendQueueStatus(id).catch((err) => log.warn({ err }, 'queue status failed')),
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
    sla: () => services.sla.sweep(),
    webhooks: () => webhooks.deliverDue(),
    webhookEndpoints: () => endpointPresence.refresh(),
    webhookLag: () => services.webhookLag.check(),
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
  stages = createDefaultPipeline({
    catalog: () => intents.catalog(),
    kb,
    answerer: services.answerer,
    stream: broadcast.delta,
    ...services.pipelineAssist,
  });
  // Node liveness: an embedded database this process opened has no other node (turns held under
  // other tokens are from before a restart); a cluster asks its nodes (Redis adapter). PostgreSQL
  // without Redis, or a database handed in (tests run several nodes on one), cannot tell: there a
  // dead node's turns wait for their leases.
  const turnToken = randomUUID();
  const peers = adapter
    ? createClusterPeers(io, turnToken, { timeoutMs: 500, log })
    : db.kind === 'pglite' && !opts.db
      ? soleNode(turnToken)
      : null;
  const responder = createTurnRunner({
    bus,
    db,
    conversations,
    stages: () => stages,
    hooks: broadcast,
    log,
    turns: config.turns,
    admission: services.turnAdmission,
    token: turnToken,
    ...(peers ? { liveTokens: peers.liveTokens } : {}),
  });
  // Turn recovery has its own, faster sweep: with the short turn lease, a dead node's visitors are answered in seconds.
  const { turns, ...slowJobs } = jobs;
  const ticker = opts.startWorkers === false ? null : startTicker(slowJobs, config.sweepIntervalMs, log);
  const turnTicker = opts.startWorkers === false ? null : startTicker({ turns }, config.turnSweepMs, log);
  // Every domain-event subscription, in one list (server/listeners.ts), before the first job runs.
  attachListeners({
    bus,
    broadcast: broadcast.on,
    turns: responder,
    recordGap: createGapListener({ gaps: services.knowledgeGaps, log }),
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
    admin: services.admin,
    jobs,
    clock,
    demoAgents: services.demoAgents,
    earlierDemoAgents: services.earlierDemoAgents,
    async idle() {
      // A pipeline run can trigger routing, and routing can post messages: settle both.
      do {
        await responder.idle();
        await router.idle();
        await bus.settled();
      } while (await responder.busy());
    },
    async close() {
      ready = false;
      await services.stop();
      await ticker?.stop();
      await turnTicker?.stop();
      await firstRecovery;
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await responder.idle();
      await adapter?.close();
      await services.close();
    },
  };
}
