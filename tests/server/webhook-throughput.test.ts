import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Socket } from 'socket.io-client';
import { enqueueDelivery } from '../../server/notifications/outbox.js';
import { backoffMs, DEFAULT_WEBHOOK_OPTIONS } from '../../server/notifications/webhook-worker.js';
import type { WebhookStats } from '../../server/notifications/webhook-stats.js';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, fakeClock, login, nextEvent, startTestServer, testConfig } from '../helpers/test-server.js';
import { WebhookReceiver, type Received } from '../helpers/webhook-receiver.js';

const CONCURRENCY = 4;

/** Outbound webhooks at volume: a bounded pool that drains what is due, on several nodes at once. */
describe(`webhook delivery keeps up (${dbKind})`, () => {
  let tdb: TestDb;
  let one: RunningServer;
  let two: RunningServer;
  let admin: string;
  const receiver = new WebhookReceiver();
  const clock = fakeClock();
  const logs: Array<{ level: number; msg: string; [k: string]: unknown }> = [];
  const sockets: Socket[] = [];

  const enqueue = async (
    event: string,
    n: number,
    opts: { path?: string; at?: Date; conversation?: (i: number) => string } = {},
  ) => {
    for (let i = 0; i < n; i++) {
      const payload = { i, ...(opts.conversation ? { conversationId: opts.conversation(i) } : {}) };
      await enqueueDelivery(
        tdb.db,
        { target: 'webhook', url: `${receiver.url}${opts.path ?? '/hooks'}`, event, payload },
        opts.at ?? clock(),
      );
    }
  };
  const bodyOf = (r: Received) =>
    JSON.parse(r.body) as { id: number; event: string; data: { i: number; conversationId?: string } };
  const got = (event: string) => receiver.received.map(bodyOf).filter((b) => b.event === event);
  const waitFor = async (what: string, ok: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const stats = async (server: RunningServer) => {
    const res = await server.app.request('/api/webhooks/stats', { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as WebhookStats;
  };

  beforeAll(async () => {
    await receiver.start();
    tdb = await openTestDb();
    const env = {
      WEBHOOK_URL: `${receiver.url}/hooks`,
      WEBHOOK_SECRET: 'whsec-volume',
      SEED_DEMO: '0',
      WEBHOOK_CONCURRENCY: String(CONCURRENCY),
      WEBHOOK_BACKLOG_WARN: '5',
      WEBHOOK_LAG_WARN_SECONDS: '30',
    };
    // Node one logs into `logs`, so the lag warnings can be read.
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    one = await startServer(testConfig(env), { db: tdb.db, log, clock, startWorkers: false });
    two = await startTestServer(tdb.db, env, { clock, startWorkers: false });
    admin = await login(one);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await two?.close();
    await one?.close();
    await tdb?.dispose();
    await receiver.stop();
  });

  it(
    'delivers a backlog many times one old batch (20) ' + 'in a single pass, through a pool of WEBHOOK_CONCURRENCY',
    async () => {
      await enqueue('bulk', 150);
      receiver.maxInFlight = 0;
      // A receiver that takes a moment, so requests in flight together can be seen.
      receiver.delay = () => new Promise((r) => setTimeout(r, 2));
      try {
        expect(await one.jobs.webhooks()).toEqual({ delivered: 150, failed: 0 });
      } finally {
        receiver.delay = null;
      }
      const bodies = got('bulk');
      expect(bodies).toHaveLength(150);
      expect(new Set(bodies.map((b) => b.data.i)).size).toBe(150);
      // Really concurrent, and never past the bound.
      expect(receiver.maxInFlight).toBeGreaterThan(1);
      expect(receiver.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
      expect((await stats(one)).backlog).toBe(0);
    },
  );

  it('two nodes draining one database at the same time never send a delivery twice', async () => {
    await enqueue('shared', 200);
    // A little latency per request, so both nodes are claiming while the other has rows in flight.
    receiver.delay = () => new Promise((r) => setTimeout(r, 2));
    try {
      const [a, b] = await Promise.all([one.jobs.webhooks(), two.jobs.webhooks()]);
      expect(a.delivered + b.delivered).toBe(200);
    } finally {
      receiver.delay = null;
    }
    const ids = got('shared').map((b) => b.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const left = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE event = 'shared' AND status <> 'delivered'`,
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it("keeps each conversation's events in order while conversations go out in parallel, on two nodes", async () => {
    // 10 conversations x 8 events, interleaved; random receiver latency would reorder concurrent sends.
    await enqueue('ordered', 80, { conversation: (i) => `conv-${i % 10}` });
    receiver.maxInFlight = 0;
    receiver.delay = () => new Promise((r) => setTimeout(r, Math.random() * 6));
    try {
      await Promise.all([one.jobs.webhooks(), two.jobs.webhooks()]);
    } finally {
      receiver.delay = null;
    }
    const bodies = got('ordered');
    expect(bodies).toHaveLength(80);
    for (let c = 0; c < 10; c++) {
      const seen = bodies.filter((b) => b.data.conversationId === `conv-${c}`).map((b) => b.data.i);
      expect(seen).toEqual([...seen].sort((x, y) => x - y));
      expect(seen).toHaveLength(8);
    }
    expect(receiver.maxInFlight).toBeGreaterThan(1);
  });

  it('a slow receiver holds only the slots it uses: the others keep delivering', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    receiver.delay = (path) => (path === '/slow' ? gate : undefined);
    receiver.maxInFlight = 0;
    try {
      await enqueue('slow', 2, { path: '/slow' });
      await enqueue('fast', 40);
      const run = one.jobs.webhooks();
      // Two of the four slots wait on the slow receiver; all 40 others go out meanwhile.
      await waitFor('the fast deliveries', () => got('fast').length === 40);
      expect(got('slow')).toHaveLength(0);
      expect(receiver.inFlight).toBe(2);
      release();
      expect(await run).toEqual({ delivered: 42, failed: 0 });
      expect(got('slow')).toHaveLength(2);
      expect(receiver.maxInFlight).toBeLessThanOrEqual(CONCURRENCY);
    } finally {
      release();
      receiver.delay = null;
    }
  });

  it(
    'a failing delivery is retried with doubling backoff, ' +
      'not again in the same pass, and given up after 8 attempts',
    async () => {
      receiver.failNext = 1000;
      try {
        await enqueue('flaky', 1);
        const row = async () =>
          (
            await tdb.db.query<{ status: string; attempts: number; next_attempt_at: Date; last_attempt_at: Date }>(
              `SELECT status, attempts, next_attempt_at, last_attempt_at FROM webhook_deliveries WHERE event = 'flaky'`,
            )
          ).rows[0]!;
        for (let attempt = 1; attempt <= DEFAULT_WEBHOOK_OPTIONS.maxAttempts; attempt++) {
          expect(await one.jobs.webhooks()).toEqual({ delivered: 0, failed: 1 });
          expect(got('flaky')).toHaveLength(attempt);
          // Not due yet: nothing is sent.
          expect(await one.jobs.webhooks()).toEqual({ delivered: 0, failed: 0 });
          const r = await row();
          expect(r.attempts).toBe(attempt);
          if (attempt < DEFAULT_WEBHOOK_OPTIONS.maxAttempts) {
            expect(r.status).toBe('pending');
            expect(r.next_attempt_at.getTime() - r.last_attempt_at.getTime()).toBe(
              backoffMs(attempt, DEFAULT_WEBHOOK_OPTIONS),
            );
            clock.advance(backoffMs(attempt, DEFAULT_WEBHOOK_OPTIONS) / 1000);
          } else {
            expect(r.status).toBe('failed');
          }
        }
        clock.advance(24 * 3600);
        expect(await one.jobs.webhooks()).toEqual({ delivered: 0, failed: 0 });
        const s = await stats(one);
        expect(s.failedTotal).toBeGreaterThanOrEqual(1);
        expect(s.failedLastMinute).toBe(0);
      } finally {
        receiver.failNext = 0;
      }
    },
  );

  it('reports backlog and lag at GET /api/webhooks/stats and warns, once a minute, while behind', async () => {
    expect((await one.app.request('/api/webhooks/stats')).status).toBe(401);
    const quiet = await stats(one);
    expect(quiet).toMatchObject({
      webhookConfigured: true,
      backlog: 0,
      lagSeconds: 0,
      behind: false,
      concurrency: CONCURRENCY,
      thresholds: { backlog: 5, lagSeconds: 30 },
    });

    // Eight deliveries that have waited 45 s, and one retry not due yet.
    await enqueue('late', 8, { at: new Date(clock().getTime() - 45_000) });
    await enqueue('later', 1, { at: new Date(clock().getTime() + 60_000) });
    const behind = await stats(one);
    expect(behind).toMatchObject({ backlog: 8, retrying: 1, behind: true });
    expect(behind.lagSeconds).toBeGreaterThanOrEqual(45);
    expect(behind.lagSeconds).toBeLessThan(46);

    const warnings = () => logs.filter((l) => l.level === 40 && /webhooks are falling behind/.test(l.msg));
    await one.jobs.webhookLag();
    await one.jobs.webhookLag();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({ backlog: 8, thresholds: { backlog: 5, lagSeconds: 30 } });
    clock.advance(61);
    await one.jobs.webhookLag();
    expect(warnings()).toHaveLength(2);

    expect((await one.jobs.webhooks()).delivered).toBe(9);
    const caughtUp = await stats(one);
    expect(caughtUp).toMatchObject({ backlog: 0, lagSeconds: 0, retrying: 0, behind: false });
    expect(caughtUp.deliveredLastMinute).toBeGreaterThanOrEqual(9);
    await one.jobs.webhookLag();
    expect(warnings()).toHaveLength(2);
    expect(logs.filter((l) => l.msg === 'webhooks caught up')).toHaveLength(1);
  });

  it('with workers running, a new event is delivered right after its commit, not at the next sweep', async () => {
    // A sweep every 10 minutes: only the wake-up after the commit can deliver within the test.
    const live = await startTestServer(tdb.db, {
      WEBHOOK_URL: `${receiver.url}/hooks`,
      SEED_DEMO: '0',
      SWEEP_INTERVAL_MS: '600000',
    });
    try {
      const v = await connect(`${live.url}/visitor`, { visitor: { name: 'Wren' } });
      sockets.push(v);
      const { conversationId } = await nextEvent<{ conversationId: string }>(v, 'session');
      expect(
        await emitAck(v, 'message', { clientMessageId: 'wake-1', text: 'Hello, where can I change my password?' }),
      ).toMatchObject({ ok: true });
      await waitFor('the message.created webhook', () =>
        receiver.received
          .map(bodyOf)
          .some((b) => b.event === 'message.created' && b.data.conversationId === conversationId),
      );
    } finally {
      await live.close();
    }
  });
});
