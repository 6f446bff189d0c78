import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import { verifyWebhook } from '../../server/notifications/webhook-signature.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { proven } from '../helpers/proven-identity.js';
import { connect, emitAck, fakeClock, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec-test-secret';

describe(`SLA timers, alerts and signed webhooks (${dbKind})`, () => {
  let tdb: TestDb;
  let one: RunningServer;
  let two: RunningServer;
  let admin: string;
  const receiver = new WebhookReceiver();
  const clock = fakeClock();
  const sockets: Socket[] = [];

  const count = async (sql: string, params: unknown[] = []) =>
    (await tdb.db.query<{ n: number }>(sql, params)).rows[0]!.n;
  async function criticalVisitor(
    server: RunningServer,
    text = 'Someone hacked my account and is changing our data right now',
  ) {
    const socket = await connect(`${server.url}/visitor`, {
      visitor: proven({ name: 'Cora', plan: 'enterprise', accountValue: 250000 }),
    });
    sockets.push(socket);
    const session = await nextEvent<{ conversationId: string }>(socket, 'session');
    await emitAck(socket, 'message', { clientMessageId: `c-${Math.random()}`, text });
    await server.idle();
    return { socket, id: session.conversationId };
  }

  beforeAll(async () => {
    await receiver.start();
    tdb = await openTestDb();
    const env = {
      WEBHOOK_URL: `${receiver.url}/hooks`,
      WEBHOOK_SECRET: SECRET,
      PAGERDUTY_ROUTING_KEY: 'pd-routing-key',
      PAGERDUTY_EVENTS_URL: `${receiver.url}/pagerduty`,
    };
    one = await startTestServer(tdb.db, env, { clock, startWorkers: false });
    // A second server process on the same database, in auto-assign mode.
    two = await startTestServer(
      tdb.db,
      { ...env, ROUTING_MODE: 'auto', RESPONSE_TIMEOUT_SECONDS: '30' },
      { clock, startWorkers: false },
    );
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
    'warns before the first-response deadline, then breaches once: ' +
      'task, manager alert, customer notice, webhook and page',
    async () => {
      const v = await criticalVisitor(one);
      const c = (
        await tdb.db.query<{ priority: number; first_response_due_at: Date; handed_off_at: Date }>(
          'SELECT priority, first_response_due_at, handed_off_at FROM conversations WHERE id = $1',
          [v.id],
        )
      ).rows[0]!;
      expect(c.priority).toBeGreaterThanOrEqual(70);
      // Critical and enterprise: 5 minutes halved.
      expect((c.first_response_due_at.getTime() - c.handed_off_at.getTime()) / 1000).toBe(150);

      clock.advance(125);
      expect(await one.jobs.sla()).toEqual({ warned: 1, breached: 0 });
      expect(await one.jobs.sla()).toEqual({ warned: 0, breached: 0 });

      const escalated = nextEvent<ChatMessage>(
        v.socket,
        'message',
        (m) => m.role === 'system' && /escalated/.test(m.text),
      );
      clock.advance(30);
      expect(await one.jobs.sla()).toEqual({ warned: 0, breached: 1 });
      expect(await one.jobs.sla()).toEqual({ warned: 0, breached: 0 });
      await escalated;
      expect(await count(`SELECT count(*)::int AS n FROM escalation_tasks WHERE conversation_id = $1`, [v.id])).toBe(1);
      // The task says what passed in words and carries the deadline as data (no raw timestamp in the text).
      const tasks = (await (
        await one.app.request('/api/escalation-tasks', { headers: { authorization: `Bearer ${admin}` } })
      ).json()) as { tasks: Array<{ conversationId: string; reason: string; dueAt: string }> };
      const task = tasks.tasks.find((t) => t.conversationId === v.id)!;
      expect(task.reason).toBe('The first response deadline passed.');
      expect(task.dueAt).toBe(c.first_response_due_at.toISOString());
      const notes = (await (
        await one.app.request('/api/notifications', { headers: { authorization: `Bearer ${admin}` } })
      ).json()) as { notifications: Array<{ kind: string; conversationId: string }> };
      expect(
        notes.notifications
          .filter((n) => n.conversationId === v.id)
          .map((n) => n.kind)
          .sort(),
      ).toEqual(['sla_breach', 'sla_warning']);

      await one.jobs.webhooks();
      const breach = receiver.received.find(
        (r) => r.path === '/hooks' && r.headers['x-firstline-event'] === 'sla.breached',
      );
      expect(breach).toBeTruthy();
      expect(
        verifyWebhook(
          SECRET,
          String(breach!.headers['x-firstline-timestamp']),
          breach!.body,
          String(breach!.headers['x-firstline-signature']),
        ),
      ).toBe(true);
      expect(
        verifyWebhook(
          'wrong-secret',
          String(breach!.headers['x-firstline-timestamp']),
          breach!.body,
          String(breach!.headers['x-firstline-signature']),
        ),
      ).toBe(false);
      expect(JSON.parse(breach!.body)).toMatchObject({
        event: 'sla.breached',
        data: { conversationId: v.id, deadline: 'first_response' },
      });
      const page = receiver.received.find((r) => r.path === '/pagerduty');
      expect(JSON.parse(page!.body)).toMatchObject({
        routing_key: 'pd-routing-key',
        event_action: 'trigger',
        dedup_key: `firstline-sla-${v.id}-first_response`,
        payload: { severity: 'critical', source: 'firstline' },
      });
      // Other domain events go out too, signed the same way.
      expect(receiver.received.some((r) => r.headers['x-firstline-event'] === 'conversation.handoff_requested')).toBe(
        true,
      );
    },
  );

  it('retries a failed delivery with backoff and shows it in the delivery log', async () => {
    const before = receiver.received.length;
    receiver.failNext = 1;
    await tdb.db.query(
      `INSERT INTO webhook_deliveries (target, url, event, payload, ` +
        `next_attempt_at) VALUES ('webhook', $1, 'test.ping', '{"hello":1}', $2)`,
      [`${receiver.url}/hooks`, clock()],
    );
    await one.jobs.webhooks();
    const log1 = (await (
      await one.app.request('/api/webhooks/deliveries?status=pending', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as {
      deliveries: Array<{ event: string; attempts: number; responseStatus: number; nextAttemptAt: string }>;
    };
    const ping = log1.deliveries.find((d) => d.event === 'test.ping')!;
    expect(ping).toMatchObject({ attempts: 1, responseStatus: 500 });
    expect(new Date(ping.nextAttemptAt).getTime()).toBeGreaterThan(clock().getTime());
    await one.jobs.webhooks(); // not due yet: nothing sent
    expect(receiver.received.filter((r) => r.body.includes('test.ping')).length).toBe(1);
    clock.advance(5);
    await one.jobs.webhooks();
    expect(receiver.received.slice(before).filter((r) => r.body.includes('test.ping')).length).toBe(2);
    const log2 = (await (
      await one.app.request('/api/webhooks/deliveries?status=delivered', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { deliveries: Array<{ event: string; attempts: number }> };
    expect(log2.deliveries.find((d) => d.event === 'test.ping')?.attempts).toBe(2);
  });

  it('two servers sweeping at the same moment raise each alert once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await criticalVisitor(one, `Our account was hacked, attacker number ${i} is inside`)).id);
    clock.advance(151);
    const [a, b] = await Promise.all([one.jobs.sla(), two.jobs.sla()]);
    expect(a.breached + b.breached).toBe(3);
    for (const id of ids) {
      expect(await count(`SELECT count(*)::int AS n FROM escalation_tasks WHERE conversation_id = $1`, [id])).toBe(1);
      expect(
        await count(`SELECT count(*)::int AS n FROM notifications WHERE conversation_id = $1 AND kind = 'sla_breach'`, [
          id,
        ]),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM webhook_deliveries ` +
            `WHERE target = 'pagerduty' AND payload->>'dedup_key' LIKE $1`,
          [`%${id}%`],
        ),
      ).toBe(1);
    }
    await Promise.all([one.jobs.webhooks(), two.jobs.webhooks()]);
    const pages = receiver.received.filter((r) => r.path === '/pagerduty' && ids.some((id) => r.body.includes(id)));
    expect(pages).toHaveLength(3);
  });

  it('auto-assigns, and gives the chat to the next agent when nobody answers in time', async () => {
    await tdb.db.query(`UPDATE conversations SET status = 'resolved' WHERE status <> 'resolved'`);
    const agents = [];
    for (const name of ['Ann', 'Ben']) {
      const email = `${name.toLowerCase()}@auto.test`;
      await two.app.request('/api/agents', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          name,
          password: 'long-enough-pw',
          role: 'agent',
          skills: ['security'],
          maxConcurrent: 3,
        }),
      });
      const socket = await connect(`${two.url}/agent`, { token: await login(two, email, 'long-enough-pw') });
      sockets.push(socket);
      agents.push({ name, socket });
    }
    await new Promise((r) => setTimeout(r, 100));
    const v = await criticalVisitor(two, 'I think we had a data breach, someone accessed my account');
    await two.jobs.route();
    const first = (
      await tdb.db.query<{ assignee_id: string; status: string }>(
        'SELECT assignee_id, status FROM conversations WHERE id = $1',
        [v.id],
      )
    ).rows[0]!;
    expect(first.status).toBe('assigned');
    clock.advance(31);
    await two.jobs.route();
    const second = (
      await tdb.db.query<{ assignee_id: string; status: string }>(
        'SELECT assignee_id, status FROM conversations WHERE id = $1',
        [v.id],
      )
    ).rows[0]!;
    expect(second.status).toBe('assigned');
    expect(second.assignee_id).not.toBe(first.assignee_id);
    const events = (
      await tdb.db.query<{ type: string }>(
        'SELECT type FROM conversation_events WHERE conversation_id = $1 ORDER BY id',
        [v.id],
      )
    ).rows.map((r) => r.type);
    expect(events).toEqual(expect.arrayContaining(['handoff', 'assigned', 'requeued']));
  });
});
