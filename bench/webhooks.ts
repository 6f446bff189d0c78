/**
 * Outbound webhooks against a local receiver: events enqueued through the outbox at a target rate
 * (each in its own transaction, as the services do), delivered by the worker wired as in the
 * server (woken after each commit, plus the sweep). Reports deliveries/s, enqueue-to-delivery
 * lag and how long the backlog takes to reach zero once the load stops; and, in the same run, the
 * old behaviour (one batch of 20 per 5 s sweep) as the baseline. PGlite and PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { ChatMessage } from '../protocol/domain.js';
import type { ConversationSummary } from '../server/conversations/conversation-types.js';
import type { Db, Queryable } from '../server/db/db.js';
import { createPgDb } from '../server/db/pg-db.js';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createLogger } from '../server/logger.js';
import { systemClock } from '../server/clock.js';
import { createWebhookOutbox } from '../server/notifications/webhook-outbox.js';
import { createEndpointPresence } from '../server/notifications/endpoint-presence.js';
import { wakeAfterOutboxCommit } from '../server/notifications/outbox-wakeup.js';
import { createWebhookWorker, type WebhookWorkerOptions } from '../server/notifications/webhook-worker.js';
import { percentile, round } from './bench-result.js';

const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const BURST = Number(process.env.BENCH_WEBHOOK_BURST ?? 3000);
/** Conversations the events are spread over (one conversation's events go out one at a time). */
const CONVERSATIONS = 500;
const SWEEP_MS = 5000;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function benchWebhooks(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {
    ratePerSecond: RATE,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    burst: BURST,
    targets: { deliveriesPerSecond: 200, backlogZeroWithinSeconds: 5 },
  };
  results.pglite = await onDatabase(async () => {
    const db = await createPgliteDb();
    return { db, drop: () => db.close() };
  });
  const pg = await throwAwaySchema();
  if ('skipped' in pg) {
    console.warn(`[webhooks] PostgreSQL part skipped: ${pg.skipped}`);
    results.postgres = pg;
  } else {
    results.postgres = await onDatabase(async () => pg);
  }
  return results;
}

/** A fresh schema on PostgreSQL, dropped afterwards. */
async function throwAwaySchema(): Promise<{ db: Db; drop(): Promise<void> } | { skipped: string }> {
  const schema = `bench_webhooks_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: Db;
  try {
    admin = await createPgDb({ connectionString: PG_URL, max: 1 });
  } catch (err) {
    return { skipped: `PostgreSQL not reachable at ${PG_URL}: ${err instanceof Error ? err.message : err}` };
  }
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = await createPgDb({ connectionString: PG_URL, max: 10, options: `-c search_path=${schema},public` });
  return {
    db,
    async drop() {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

async function onDatabase(open: () => Promise<{ db: Db; drop(): Promise<void> }>): Promise<Record<string, unknown>> {
  const { db, drop } = await open();
  try {
    await migrate(db);
    const enqueueCpuMs = await enqueueCost(db);
    const sustained = await scenario(db, 'sustained', { concurrency: CONCURRENCY });
    const burst = await scenario(db, 'burst', { concurrency: CONCURRENCY });
    const baseline = await scenario(
      db,
      'sustained',
      { concurrency: 20, maxPerPass: 20 },
      { wake: false, waitForDrainMs: 0 },
    );
    return { enqueueCpuMsPerEvent: enqueueCpuMs, sustained, burst, baselineOldSweep: baseline };
  } finally {
    await drop();
  }
}

/** CPU per enqueue transaction alone (no worker): the part of cpuMsPerDelivery that is the load, not the delivery. */
async function enqueueCost(db: Db): Promise<number> {
  await db.query(`DELETE FROM webhook_deliveries`);
  const endpoints = createEndpointPresence(db);
  await endpoints.refresh();
  const outbox = createWebhookOutbox({ url: 'http://127.0.0.1:9/hooks', clock: systemClock, endpoints });
  const n = 500;
  const from = process.cpuUsage();
  for (let seq = 0; seq < n; seq++) {
    const message: ChatMessage = {
      id: `m-${seq}`,
      conversationId: `bench-conv-${seq % CONVERSATIONS}`,
      role: 'visitor',
      text: String(seq),
      createdAt: new Date().toISOString(),
    };
    await db.transaction((tx) =>
      outbox.record(tx, 'message.created', { message, conversation: {} as ConversationSummary }),
    );
  }
  const cpu = process.cpuUsage(from);
  await db.query(`DELETE FROM webhook_deliveries`);
  return round((cpu.user + cpu.system) / 1000 / n, 3);
}

/** A receiver on 127.0.0.1 that answers 202 at once; it records arrival times and closes itself after `lifetimeMs`. */
async function startReceiver(expected: number, lifetimeMs: number) {
  const arrivals = new Map<number, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const seq = Number((JSON.parse(body) as { data: { text: string } }).data.text);
      if (arrivals.size < expected * 2) arrivals.set(seq, performance.now());
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const stop = () =>
    new Promise<void>((r) => {
      clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => r());
    });
  const timer = setTimeout(() => void stop(), lifetimeMs);
  timer.unref();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, arrivals, stop };
}

async function scenario(
  rawDb: Db,
  kind: 'sustained' | 'burst',
  options: Partial<WebhookWorkerOptions>,
  opts: { wake?: boolean; waitForDrainMs?: number } = {},
): Promise<Record<string, unknown>> {
  const wake = opts.wake ?? true;
  const waitForDrainMs = opts.waitForDrainMs ?? 60_000;
  const total = kind === 'sustained' ? RATE * SECONDS : BURST;
  await rawDb.query(`DELETE FROM webhook_deliveries`);
  const receiver = await startReceiver(total, (SECONDS + 90) * 1000);
  const log = createLogger('silent');
  const worker = createWebhookWorker({ db: rawDb, clock: systemClock, log, secret: 'bench-secret', options });
  const deliver = () => void worker.deliverDue().catch((err) => console.error('[webhooks] delivery pass failed:', err));
  const db = wake ? wakeAfterOutboxCommit(rawDb, deliver) : rawDb;
  // As the server wires it: no console endpoint, so WEBHOOK_URL alone is one plain insert.
  const endpoints = createEndpointPresence(rawDb);
  await endpoints.refresh();
  const outbox = createWebhookOutbox({ url: receiver.url, clock: systemClock, endpoints });
  const enqueuedAt: number[] = [];
  // A visitor message's webhook, as the conversation service writes it (only `message` goes out).
  const record = (q: Queryable, seq: number) => {
    const message: ChatMessage = {
      id: `m-${seq}`,
      conversationId: `bench-conv-${seq % CONVERSATIONS}`,
      role: 'visitor',
      text: String(seq),
      createdAt: new Date().toISOString(),
    };
    return outbox.record(q, 'message.created', { message, conversation: {} as ConversationSummary });
  };
  const enqueue = (seq: number) => {
    enqueuedAt[seq] = performance.now();
    return db.transaction((tx) => record(tx, seq));
  };

  let sweep: NodeJS.Timeout | null = null;
  let cpuFrom = process.cpuUsage();
  try {
    let loadStart: number;
    if (kind === 'burst') {
      // A backlog already there (say, after a receiver outage), then one pass drains it.
      for (let seq = 0; seq < total; seq++) await rawDb.transaction((tx) => record(tx, seq));
      loadStart = performance.now();
      cpuFrom = process.cpuUsage();
      for (let seq = 0; seq < total; seq++) enqueuedAt[seq] = loadStart;
      deliver();
    } else {
      sweep = setInterval(deliver, SWEEP_MS);
      loadStart = performance.now();
      // Paced in 10 ms ticks: each tick enqueues what the target rate owes by then.
      let seq = 0;
      while (seq < total) {
        const owed = Math.min(total, Math.floor(((performance.now() - loadStart) / 1000) * RATE));
        const batch: Promise<unknown>[] = [];
        while (seq < owed) batch.push(enqueue(seq++));
        await Promise.all(batch);
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const loadEnd = performance.now();
    const deliveredDuringLoad = receiver.arrivals.size;
    const drainUntil = loadEnd + waitForDrainMs;
    while (receiver.arrivals.size < total && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
    const drainedAt = receiver.arrivals.size >= total ? Math.max(...receiver.arrivals.values()) : null;
    const cpu = process.cpuUsage(cpuFrom);
    const lags = [...receiver.arrivals.entries()].map(([seq, at]) => at - enqueuedAt[seq]!);
    const loadSeconds = (loadEnd - loadStart) / 1000;
    const backlogAtLoadEnd = total - deliveredDuringLoad;
    const out: Record<string, unknown> = {
      events: total,
      ...(kind === 'sustained' ? { enqueuedPerSecond: round(total / loadSeconds) } : {}),
      worker: {
        concurrency: options.concurrency,
        maxPerPass: options.maxPerPass ?? null,
        wakeOnCommit: wake,
        sweepMs: kind === 'sustained' ? SWEEP_MS : null,
      },
      delivered: receiver.arrivals.size,
      lagMs: { p50: round(percentile(lags, 0.5)), p99: round(percentile(lags, 0.99)), max: round(percentile(lags, 1)) },
      // This process's CPU (enqueue, database when embedded, worker, receiver) per delivered event:
      // the figure a busy machine does not distort, unlike the wall-clock rates.
      cpuMsPerDelivery: receiver.arrivals.size
        ? round((cpu.user + cpu.system) / 1000 / receiver.arrivals.size, 3)
        : null,
    };
    if (kind === 'burst') {
      out.drainSeconds = drainedAt === null ? null : round((drainedAt - loadStart) / 1000);
      out.deliveriesPerSecond = drainedAt === null ? null : round(total / ((drainedAt - loadStart) / 1000));
    } else {
      out.deliveriesPerSecondDuringLoad = round(deliveredDuringLoad / loadSeconds);
      out.backlogAtLoadEnd = backlogAtLoadEnd;
      out.backlogZeroSecondsAfterLoad = drainedAt === null ? null : round(Math.max(0, drainedAt - loadEnd) / 1000);
      if (drainedAt === null) {
        // The old behaviour cannot drain within the run: say how long it would take at its rate.
        const rate = deliveredDuringLoad / loadSeconds;
        out.projectedBacklogZeroSecondsAfterLoad = rate > 0 ? round(backlogAtLoadEnd / rate) : null;
      }
    }
    return out;
  } finally {
    if (sweep) clearInterval(sweep);
    await worker.stop();
    await receiver.stop();
  }
}
