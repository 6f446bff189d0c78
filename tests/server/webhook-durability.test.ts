import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Handoff } from '../../protocol/domain.js';
import { createUserRepository } from '../../server/auth/user-repository.js';
import { createConversationFeedback } from '../../server/conversations/conversation-feedback.js';
import { createConversationNotes } from '../../server/conversations/conversation-notes.js';
import { createConversationService, type Actor } from '../../server/conversations/conversation-service.js';
import { createConversationTransfers } from '../../server/conversations/conversation-transfers.js';
import { createEventBus } from '../../server/events/event-bus.js';
import { createWebhookOutbox } from '../../server/notifications/webhook-outbox.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, fakeClock, login, nextEvent, serverNodes } from '../helpers/test-server.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

interface Delivered {
  delivery: string;
  event: string;
  data: Record<string, unknown>;
}

/**
 * Domain-event webhooks are written in the transaction of the change, not by a listener after it,
 * so a process that dies right after a commit cannot lose one, and a restart sends each once.
 */
describe(`domain-event webhooks survive a crash after the commit (${dbKind})`, () => {
  let tdb: TestDb;
  const receiver = new WebhookReceiver();
  const clock = fakeClock();
  const sockets: Socket[] = [];
  let env: Record<string, string>;

  const nodes = serverNodes(
    () => tdb.db,
    clock,
    () => env,
  );
  const { start, stop, running } = nodes;
  const deliveredFor = (conversationId: string): Delivered[] =>
    receiver.received
      .filter((r) => r.path === '/hooks')
      .map((r) => {
        const body = JSON.parse(r.body) as { id: number; event: string; data: Record<string, unknown> };
        return { delivery: String(r.headers['x-firstline-delivery']), event: body.event, data: body.data };
      })
      .filter((d) => d.data.conversationId === conversationId);
  const outboxFor = async (conversationId: string) =>
    (
      await tdb.db.query<{ id: number; event: string; status: string }>(
        `SELECT id, event, status FROM webhook_deliveries WHERE payload->>'conversationId' = $1 ORDER BY id`,
        [conversationId],
      )
    ).rows;
  const countBy = (events: string[]) =>
    events.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e]: (acc[e] ?? 0) + 1 }), {});

  beforeAll(async () => {
    await receiver.start();
    tdb = await openTestDb();
    env = { WEBHOOK_URL: `${receiver.url}/hooks`, WEBHOOK_SECRET: 'whsec-durable', SEED_DEMO: '0' };
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await nodes.stopAll();
    await tdb?.dispose();
    await receiver.stop();
  });

  it('delivers exactly once, after a restart on two servers, changes whose listeners never ran', async () => {
    // A server process sets the stage (schema, two agents), then goes away.
    const before = await start();
    const admin = await login(before);
    const agents: Actor[] = [];
    for (const name of ['Ann', 'Ben']) {
      const res = await before.app.request('/api/agents', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `${name.toLowerCase()}@durable.test`,
          name,
          password: 'long-enough-pw',
          role: 'agent',
          skills: ['billing'],
          maxConcurrent: 3,
        }),
      });
      agents.push({ id: ((await res.json()) as { id: string }).id, name, role: 'agent' });
    }
    await stop(before);
    const [ann, ben] = agents as [Actor, Actor];

    // Every change commits through the real services, but on an event bus nobody listens to:
    // the process "died" right after each commit, before any listener could run.
    const bus = createEventBus(() => undefined);
    const webhooks = createWebhookOutbox({ url: env.WEBHOOK_URL, clock });
    const conversations = createConversationService({ db: tdb.db, bus, clock, webhooks });
    const transfers = createConversationTransfers({
      db: tdb.db,
      bus,
      users: createUserRepository(tdb.db),
      conversations,
      notes: createConversationNotes(tdb.db),
    });
    const feedback = createConversationFeedback({ db: tdb.db, bus, webhooks });
    const id = 'conv-crash';
    await conversations.receiveVisitorMessage({
      conversationId: id,
      visitorId: 'visitor-crash',
      clientMessageId: 'vm-1',
      text: 'I was charged twice, I want a person',
    });
    const handoff: Handoff = {
      reason: 'Asked for a person',
      signals: [{ name: 'human_request', value: true }],
      brief: 'Double charge.',
      priority: 42,
      intent: 'billing_refund',
      sentiment: -0.2,
      skill: 'billing',
      createdAt: clock().toISOString(),
    };
    await conversations.handOff(id, handoff);
    await conversations.claim(id, ann);
    await conversations.agentReply({
      conversationId: id,
      agent: ann,
      clientMessageId: 'am-1',
      text: 'Sorry about that, looking now.',
    });
    await transfers.transfer({ conversationId: id, from: ann, toAgentId: ben.id, note: 'refunds are yours' });
    await conversations.resolve(id, ben);
    await feedback.recordCsat(id, 5, 'quick');

    const messages = await conversations.repo.messages(id);
    const expected = {
      'message.created': messages.length,
      'conversation.handoff_requested': 1,
      'conversation.assigned': 2,
      'conversation.transferred': 1,
      'conversation.resolved': 1,
      'csat.received': 1,
    };
    const outbox = await outboxFor(id);
    expect(countBy(outbox.map((r) => r.event))).toEqual(expected);
    expect(outbox.every((r) => r.status === 'pending')).toBe(true);

    // Restart as two server processes; both run the delivery worker at the same moments.
    const one = await start();
    const two = await start();
    for (let i = 0; i < 3; i++) await Promise.all([one.jobs.webhooks(), two.jobs.webhooks()]);

    const got = deliveredFor(id);
    expect(got).toHaveLength(outbox.length);
    expect(new Set(got.map((d) => d.delivery)).size).toBe(outbox.length);
    expect(countBy(got.map((d) => d.event))).toEqual(expected);
    expect((await outboxFor(id)).every((r) => r.status === 'delivered')).toBe(true);

    // The same bodies the in-process listeners used to send.
    const of = (event: string) => got.filter((d) => d.event === event).map((d) => d.data);
    expect(of('conversation.handoff_requested')).toEqual([{ conversationId: id, ...handoff }]);
    expect(of('conversation.assigned')).toEqual([
      { conversationId: id, agent: { id: ann.id, name: 'Ann' } },
      { conversationId: id, agent: { id: ben.id, name: 'Ben' } },
    ]);
    expect(of('conversation.transferred')).toEqual([
      {
        conversationId: id,
        fromAgentId: ann.id,
        to: { agentId: ben.id },
        kind: 'functional',
        note: 'refunds are yours',
      },
    ]);
    expect(of('conversation.resolved')).toEqual([{ conversationId: id, by: ben.id }]);
    expect(of('csat.received')).toEqual([{ conversationId: id, score: 5, comment: 'quick' }]);
    const sent = of('message.created');
    expect(sent.map((m) => m.id).sort()).toEqual(messages.map((m) => m.id).sort());
    const reply = messages.find((m) => m.role === 'agent')!;
    expect(sent.find((m) => m.id === reply.id)).toEqual(JSON.parse(JSON.stringify(reply)));

    // Nothing is left to send, by either server.
    const count = receiver.received.length;
    clock.advance(3600);
    await Promise.all([one.jobs.webhooks(), two.jobs.webhooks()]);
    expect(receiver.received.length).toBe(count);
  });

  it('writes each webhook once for a conversation run through a live server', async () => {
    const server = running[0] ?? (await start());
    const admin = await login(server);
    await server.app.request('/api/agents', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'cat@durable.test',
        name: 'Cat',
        password: 'long-enough-pw',
        role: 'agent',
        skills: ['billing'],
        maxConcurrent: 3,
      }),
    });
    const agent = await connect(`${server.url}/agent`, {
      token: await login(server, 'cat@durable.test', 'long-enough-pw'),
    });
    const v = await connect(`${server.url}/visitor`, { visitor: { name: 'Vic' } });
    sockets.push(agent, v);
    const { conversationId: id } = await nextEvent<{ conversationId: string }>(v, 'session');
    await emitAck(v, 'message', { clientMessageId: 'live-1', text: 'I want to talk to a human please' });
    await server.idle();
    expect(await emitAck(agent, 'claim', { conversationId: id })).toMatchObject({ ok: true });
    expect(
      await emitAck(agent, 'message', { conversationId: id, clientMessageId: 'live-a1', text: 'Hi, I am here.' }),
    ).toMatchObject({ ok: true });
    expect(await emitAck(agent, 'resolve', { conversationId: id })).toMatchObject({ ok: true });
    expect(await emitAck(v, 'csat', { score: 4 })).toMatchObject({ ok: true });
    await server.idle();

    const messages = await tdb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1',
      [id],
    );
    expect(countBy((await outboxFor(id)).map((r) => r.event))).toEqual({
      'message.created': messages.rows[0]!.n,
      'conversation.handoff_requested': 1,
      'conversation.assigned': 1,
      'conversation.resolved': 1,
      'csat.received': 1,
    });
  });
});
