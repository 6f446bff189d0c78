import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import { createTokenService, resolveAuthSecret } from '../../server/auth/tokens.js';
import { createUserRepository } from '../../server/auth/user-repository.js';
import { createConversationService } from '../../server/conversations/conversation-service.js';
import { createEventBus } from '../../server/events/event-bus.js';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, fakeClock, login, nextEvent, serverNodes } from '../helpers/test-server.js';

interface ConversationBody {
  status: string;
  messages: Array<ChatMessage & { replyTo?: string }>;
  handoff?: { reason: string; signals: Array<{ name: string; value: unknown }> };
  decisions: Array<{ action: string; reason: string; trace: { reasonCode?: string } }>;
}

/**
 * "A restart, a reconnect or a crashed node loses no message": a visitor message is a durable
 * pending turn from the moment it is stored until its answer (or handoff) commits, and any node
 * runs the turns a stopped node left behind, each exactly once.
 */
describe(`visitor messages survive a crash before they are answered (${dbKind})`, () => {
  let tdb: TestDb;
  const clock = fakeClock();
  const fake = new FakeOpenAiServer();
  const sockets: Socket[] = [];

  // The lease cases below move the fake clock past a 30 s lease; the 3 s default is covered in
  // node-death-recovery.test.ts.
  const nodes = serverNodes(
    () => tdb.db,
    clock,
    () => ({ TURN_LEASE_SECONDS: '30' }),
  );
  const { start, stop } = nodes;

  /**
   * Stores visitor messages through the real service on a bus nobody listens to: the node took the
   * message, committed it, and died before its responder ran. Returns a token to reconnect with.
   */
  async function storeThenCrash(conversationId: string, texts: string[]): Promise<{ token: string; ids: string[] }> {
    const conversations = createConversationService({ db: tdb.db, bus: createEventBus(() => undefined), clock });
    const visitorId = `visitor-${conversationId}`;
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) {
      ids.push(
        (
          await conversations.receiveVisitorMessage({
            conversationId,
            visitorId,
            clientMessageId: `${conversationId}-${i}`,
            text,
          })
        ).message.id,
      );
    }
    const tokens = createTokenService({
      secret: await resolveAuthSecret(tdb.db),
      agentTtlSeconds: 3600,
      sessions: createUserRepository(tdb.db),
    });
    return { token: await tokens.signVisitor({ cid: conversationId, vid: visitorId }), ids };
  }

  async function visitor(server: RunningServer, token: string): Promise<Socket> {
    const s = await connect(`${server.url}/visitor`, { token });
    sockets.push(s);
    await nextEvent(s, 'session');
    return s;
  }

  async function conversation(server: RunningServer, id: string): Promise<ConversationBody> {
    const res = await server.app.request(`/api/conversations/${id}`, {
      headers: { authorization: `Bearer ${await login(server)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as ConversationBody;
  }

  /** Polls until cond holds (socket deliveries, a request reaching the fake model). */
  async function until(cond: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const pendingTurns = async (conversationId: string) =>
    (
      await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_turns WHERE conversation_id = $1', [
        conversationId,
      ])
    ).rows[0]!.n;

  beforeAll(async () => {
    await fake.start();
    tdb = await openTestDb();
    // A first process migrates and seeds the knowledge base, then goes away.
    await stop(await start());
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await nodes.stopAll();
    await tdb?.dispose();
    await fake.stop();
  });

  it('answers, once, a message stored by a node that died, after a new node starts', async () => {
    const { token, ids } = await storeThenCrash('conv-restart', ['How do I invite a teammate?']);
    expect(await pendingTurns('conv-restart')).toBe(1);

    const server = await start();
    const v = await visitor(server, token);
    // Within the lease the turn still belongs to the node that took it: nobody else runs it yet.
    expect(await server.jobs.turns()).toEqual({ claimed: 0, ran: 0, expired: 0 });

    clock.advance(31);
    const answer = nextEvent<ChatMessage & { replyTo?: string }>(v, 'message', (m) => m.role === 'ai');
    expect(await server.jobs.turns()).toEqual({ claimed: 1, ran: 1, expired: 0 });
    expect((await answer).replyTo).toBe(ids[0]);

    // Nothing is left to run, now or later.
    clock.advance(3600);
    expect(await server.jobs.turns()).toEqual({ claimed: 0, ran: 0, expired: 0 });
    const c = await conversation(server, 'conv-restart');
    expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'ai']);
    expect(c.decisions).toHaveLength(1);
    expect(await pendingTurns('conv-restart')).toBe(0);
    await stop(server);
  });

  it('runs each turn once, in order, when two nodes recover at the same moment', async () => {
    const { token, ids } = await storeThenCrash('conv-two-nodes', [
      'How do I invite a teammate?',
      'And how do I change my billing email?',
    ]);
    const one = await start();
    const two = await start();
    // The visitor is connected to both nodes (as after a reconnect behind a load balancer).
    const [v1, v2] = [await visitor(one, token), await visitor(two, token)];
    const seen: ChatMessage[] = [];
    for (const v of [v1, v2]) v.on('message', (m: ChatMessage) => m.role === 'ai' && seen.push(m));

    clock.advance(31);
    const passes = [];
    for (let i = 0; i < 3; i++) passes.push(...(await Promise.all([one.jobs.turns(), two.jobs.turns()])));
    expect(passes.reduce((n, p) => n + p.claimed, 0)).toBe(2);
    expect(passes.reduce((n, p) => n + p.ran, 0)).toBe(2);

    const c = await conversation(one, 'conv-two-nodes');
    expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'visitor', 'ai', 'ai']);
    expect(c.messages.filter((m) => m.role === 'ai').map((m) => m.replyTo)).toEqual(ids);
    expect(c.decisions).toHaveLength(2);
    expect(await pendingTurns('conv-two-nodes')).toBe(0);
    await until(() => seen.length >= 2);
    expect(seen.map((m) => m.replyTo)).toEqual(ids);
    await Promise.all([stop(one), stop(two)]);
  });

  it('does not run again a message its node is answering, and commits one answer if the lease is lost', async () => {
    const env = {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_CHAT_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '5000',
    };
    const answers = () => fake.requests.filter((r) => r.stream).length;
    const live = await start(env);
    const other = await start(env);
    const v = await connect(`${live.url}/visitor`, {});
    sockets.push(v);
    const { conversationId, token } = await nextEvent<{ conversationId: string; token: string }>(v, 'session');
    // Connected to both nodes, so it sees whichever one answers.
    const seen: ChatMessage[] = [];
    for (const s of [v, await visitor(other, token)])
      s.on('message', (m: ChatMessage) => m.role === 'ai' && seen.push(m));

    // A slow model: the live run is in flight while both nodes sweep, within the lease.
    fake.reply = (body) =>
      body.stream ? { text: 'Open Settings > Team and click Invite [1].', delayMs: 600 } : { status: 500 };
    const before = answers();
    await emitAck(v, 'message', { clientMessageId: 'live-1', text: 'How do I invite a teammate?' });
    expect(await Promise.all([live.jobs.turns(), other.jobs.turns()])).toEqual([
      { claimed: 0, ran: 0, expired: 0 },
      { claimed: 0, ran: 0, expired: 0 },
    ]);
    clock.advance(20);
    expect((await other.jobs.turns()).claimed).toBe(0);
    await live.idle();
    expect(answers() - before).toBe(1);
    expect((await conversation(live, conversationId)).decisions).toHaveLength(1);

    // The live node stalls past its lease (a long GC pause, a frozen VM): another node takes the
    // turn over and answers it; the stalled run's late outcome is refused, so one answer commits.
    fake.reply = (body) =>
      body.stream ? { text: 'Open Settings > Billing and edit the billing email [1].', delayMs: 800 } : { status: 500 };
    await emitAck(v, 'message', { clientMessageId: 'live-2', text: 'How do I change my billing email?' });
    await until(() => answers() - before === 2); // the live run is waiting for the model
    clock.advance(31);
    expect(await other.jobs.turns()).toMatchObject({ claimed: 1, ran: 1 });
    await live.idle();
    const c = await conversation(live, conversationId);
    expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'ai', 'visitor', 'ai']);
    expect(c.decisions).toHaveLength(2);
    expect(await pendingTurns(conversationId)).toBe(0);
    await until(() => seen.length >= 2);
    expect(seen.map((m) => m.text)).toEqual([
      'Open Settings > Team and click Invite [1].',
      'Open Settings > Billing and edit the billing email [1].',
    ]);
    expect(answers() - before).toBe(3); // the stalled run's answer was generated, but never committed
    await Promise.all([stop(live), stop(other)]);
  });

  it('hands an old unanswered message to a person, with the reason, instead of answering late', async () => {
    const { token } = await storeThenCrash('conv-stale', ['How do I invite a teammate?']);
    clock.advance(11 * 60);
    const server = await start();
    const v = await visitor(server, token);
    const late = nextEvent<ChatMessage>(v, 'message', (m) => m.role === 'system');
    const handoff = nextEvent<{ reason: string }>(v, 'handoff');
    expect(await server.jobs.turns()).toEqual({ claimed: 1, ran: 0, expired: 1 });
    expect((await late).text).toMatch(/couldn't answer this in time/);
    expect((await handoff).reason).toMatch(/could not answer in time/);

    const c = await conversation(server, 'conv-stale');
    expect(c.status).toBe('queued');
    expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'system']);
    expect(c.handoff?.reason).toMatch(/^The AI could not answer in time: the message waited 11 min/);
    expect(c.handoff?.signals).toEqual([{ name: 'turn_age_seconds', value: 660, threshold: 600, trips: 'above' }]);
    expect(c.decisions).toMatchObject([{ action: 'handoff', trace: { reasonCode: 'turn_expired' } }]);
    expect(await pendingTurns('conv-stale')).toBe(0);
    await stop(server);
  });

  it('at capacity, a node claims only as many orphaned turns as it has room for, ' +
    'and never the turns it already holds', { timeout: 60_000 }, async () => {
    const env = {
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: fake.url,
      OPENAI_CHAT_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '10000',
    };
    // One turn runs, two may wait: room for three.
    const live = await start({ ...env, TURNS_IN_FLIGHT: '1', TURN_QUEUE: '2' });
    fake.reply = (body) =>
      body.stream ? { text: 'Open Settings > Team and click Invite [1].', delayMs: 1500 } : { status: 500 };
    const before = fake.requests.filter((r) => r.stream).length;
    const [a, b] = [await connect(`${live.url}/visitor`, {}), await connect(`${live.url}/visitor`, {})];
    sockets.push(a, b);
    const [ca, cb] = [
      await nextEvent<{ conversationId: string }>(a, 'session'),
      await nextEvent<{ conversationId: string }>(b, 'session'),
    ];
    await emitAck(a, 'message', { clientMessageId: 'cap-a', text: 'How do I invite a teammate?' });
    await emitAck(b, 'message', { clientMessageId: 'cap-b', text: 'How do I invite a teammate?' });
    await until(() => fake.requests.filter((r) => r.stream).length > before); // a runs, b waits for the slot

    // Both are past the lease by the clock, but this node holds them: nothing to claim.
    clock.advance(31);
    expect(await live.jobs.turns()).toEqual({ claimed: 0, ran: 0, expired: 0 });

    // Two orphans from a dead node, and room for one more turn: one is claimed now, the other later.
    await storeThenCrash('conv-orphan-1', ['How do I invite a teammate?']);
    await storeThenCrash('conv-orphan-2', ['How do I invite a teammate?']);
    clock.advance(31);
    expect(await live.jobs.turns()).toEqual({ claimed: 1, ran: 1, expired: 0 });
    expect(await live.jobs.turns()).toEqual({ claimed: 1, ran: 1, expired: 0 });
    await live.idle();

    for (const id of [ca.conversationId, cb.conversationId, 'conv-orphan-1', 'conv-orphan-2']) {
      const c = await conversation(live, id);
      expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'ai']);
      expect(c.decisions).toHaveLength(1);
      expect(await pendingTurns(id)).toBe(0);
    }
    await stop(live);
  });

  it('hands off a message whose runs keep failing instead of running it a fourth time', async () => {
    await storeThenCrash('conv-poison', ['How do I invite a teammate?']);
    // Three nodes started it and died (the lease of the last ran out).
    await tdb.db.query(
      `UPDATE pending_turns SET attempts = 3, claim_token = 'dead-node', lease_until = $2 WHERE conversation_id = $1`,
      ['conv-poison', clock()],
    );
    const server = await start();
    expect(await server.jobs.turns()).toEqual({ claimed: 1, ran: 0, expired: 1 });
    const c = await conversation(server, 'conv-poison');
    expect(c.status).toBe('queued');
    expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'system']);
    expect(c.decisions).toMatchObject([{ action: 'handoff', trace: { reasonCode: 'turn_failed' } }]);
    await stop(server);
  });
});
