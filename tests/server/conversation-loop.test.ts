import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

const page = { url: 'http://localhost/billing', title: 'Billing' };

describe(`the whole loop over real sockets (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const open: Socket[] = [];
  const track = (s: Socket) => (open.push(s), s);

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('answers from the knowledge base with a citation', async () => {
    const visitor = track(await connect(`${server.url}/visitor`, { page, visitor: { name: 'Dana', plan: 'pro' } }));
    const session = await nextEvent<{ conversationId: string; token: string }>(visitor, 'session');
    expect(session.conversationId).toBeTruthy();
    const answer = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role === 'ai');
    const ack = await emitAck(visitor, 'message', {
      clientMessageId: 'c1',
      text: 'How do I change my billing email?',
      page,
    });
    expect(ack.ok).toBe(true);
    const ai = await answer;
    expect(ai.text.toLowerCase()).toContain('billing');
    expect(ai.citations?.[0]?.title).toBeTruthy();
  });

  it('stores a message once when the same clientMessageId is sent twice', async () => {
    const visitor = track(await connect(`${server.url}/visitor`, { page }));
    const session = await nextEvent<{ conversationId: string }>(visitor, 'session');
    const a = await emitAck(visitor, 'message', { clientMessageId: 'dup-1', text: 'hello there' });
    const b = await emitAck(visitor, 'message', { clientMessageId: 'dup-1', text: 'hello there' });
    expect(a.ok && b.ok).toBe(true);
    expect(b.id).toBe(a.id);
    await server.idle();
    const token = await login(server);
    const res = await fetch(`${server.url}/api/conversations/${session.conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const conv = (await res.json()) as { messages: ChatMessage[] };
    expect(conv.messages.filter((m) => m.role === 'visitor')).toHaveLength(1);
  });

  it('rejects an invalid message with a clear error and stores nothing', async () => {
    const visitor = track(await connect(`${server.url}/visitor`, {}));
    await nextEvent(visitor, 'session');
    const empty = await emitAck(visitor, 'message', { clientMessageId: 'x', text: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(empty.error?.message).toMatch(/empty/);
    const huge = await emitAck(visitor, 'message', { clientMessageId: 'y', text: 'a'.repeat(5000) });
    expect(huge.ok).toBe(false);
  });

  it('hands off on request, routes to an agent who claims, replies and resolves', async () => {
    const token = await login(server);
    const agent = track(await connect(`${server.url}/agent`, { token }));
    const visitor = track(
      await connect(`${server.url}/visitor`, {
        page,
        visitor: { name: 'Eve', email: 'eve@example.com', plan: 'business', accountValue: 5000 },
      }),
    );
    const session = await nextEvent<{ conversationId: string }>(visitor, 'session');

    const agentSeesHandoff = nextEvent<{
      conversationId: string;
      brief: string;
      reason: string;
      visitor: { name?: string };
    }>(agent, 'handoff', (h) => h.conversationId === session.conversationId);
    const queueNotice = nextEvent<{ queuePosition: number; etaSeconds: number }>(visitor, 'handoff');
    await emitAck(visitor, 'message', { clientMessageId: 'h1', text: 'I want to talk to a person', page });

    const handoff = await agentSeesHandoff;
    expect(handoff.reason).toMatch(/human/i);
    expect(handoff.brief).toContain('Eve');
    expect(handoff.brief).toContain('/billing');
    expect(handoff.visitor.name).toBe('Eve');
    const notice = await queueNotice;
    expect(notice.queuePosition).toBeGreaterThanOrEqual(1);
    expect(notice.etaSeconds).toBeGreaterThan(0);

    const joined = nextEvent<{ name: string }>(visitor, 'agent:joined');
    expect(await emitAck(agent, 'claim', { conversationId: session.conversationId })).toMatchObject({ ok: true });
    expect((await joined).name).toBe('Admin');

    // A second claim by the same agent is harmless; replying works only once claimed.
    const reply = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role === 'agent');
    const sent = await emitAck(agent, 'message', {
      conversationId: session.conversationId,
      clientMessageId: 'a1',
      text: 'Hi Eve, I can help.',
    });
    expect(sent.ok).toBe(true);
    const got = await reply;
    expect(got.text).toBe('Hi Eve, I can help.');
    expect(got.authorName).toBe('Admin');

    const resolved = nextEvent<{ conversationId: string }>(visitor, 'conversation:resolved');
    expect(await emitAck(agent, 'resolve', { conversationId: session.conversationId })).toMatchObject({ ok: true });
    expect((await resolved).conversationId).toBe(session.conversationId);

    const res = await fetch(`${server.url}/api/conversations/${session.conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const conv = (await res.json()) as {
      status: string;
      handoff: { reason: string; signals: unknown[] };
      decisions: Array<{ action: string }>;
    };
    expect(conv.status).toBe('resolved');
    expect(conv.handoff.signals.length).toBeGreaterThan(0);
    expect(conv.decisions.map((d) => d.action)).toContain('handoff');
  });

  it('keeps scoring the visitor once an agent has the chat, and tells the agents live', async () => {
    const token = await login(server);
    const agent = track(await connect(`${server.url}/agent`, { token }));
    const visitor = track(await connect(`${server.url}/visitor`, { page }));
    const session = await nextEvent<{ conversationId: string }>(visitor, 'session');
    await emitAck(visitor, 'message', { clientMessageId: 's1', text: 'I want to talk to a person' });
    await server.idle();
    expect(await emitAck(agent, 'claim', { conversationId: session.conversationId })).toMatchObject({ ok: true });

    const scored = nextEvent<{
      conversationId: string;
      messageId: string;
      sentiment: { score: number; trajectory: { smoothed: number; count: number } };
    }>(agent, 'message:sentiment', (s) => s.conversationId === session.conversationId);
    const sent = await emitAck<{ ok: boolean; id?: string }>(visitor, 'message', {
      clientMessageId: 's2',
      text: 'This is ridiculous, still broken and nobody fixes it. Terrible service!',
    });
    const notice = await scored;
    expect(notice.messageId).toBe(sent.id);
    expect(notice.sentiment.score).toBeLessThan(0);
    expect(notice.sentiment.trajectory.count).toBeGreaterThanOrEqual(2);
    await server.idle();
    // Scoring is all: with an agent on the chat the AI does not speak.
    const res = await fetch(`${server.url}/api/conversations/${session.conversationId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const conv = (await res.json()) as {
      messages: Array<ChatMessage & { sentiment?: { score: number }; intent?: { name: string | null } }>;
    };
    expect(conv.messages.filter((m) => m.role === 'ai')).toHaveLength(0);
    const angry = conv.messages.find((m) => m.id === notice.messageId);
    expect(angry?.text).toMatch(/ridiculous/);
    // The score the agent was told live is the one stored with the message (written with the decision).
    expect(angry?.sentiment?.score).toBe(notice.sentiment.score);
    expect(conv.messages.find((m) => m.role === 'visitor')?.intent?.name).toBe('talk_to_human');
  });

  it('lets an agent reply only after claiming', async () => {
    const token = await login(server);
    const agent = track(await connect(`${server.url}/agent`, { token }));
    const visitor = track(await connect(`${server.url}/visitor`, {}));
    const session = await nextEvent<{ conversationId: string }>(visitor, 'session');
    await emitAck(visitor, 'message', { clientMessageId: 'q', text: 'can I speak to a human agent please' });
    await server.idle();
    const res = await emitAck(agent, 'message', {
      conversationId: session.conversationId,
      clientMessageId: 'z',
      text: 'hi',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'not_assigned' } });
  });

  it('does not drop a message sent in the same instant as connecting', async () => {
    // socket.io-client buffers this emit and sends it right behind the handshake.
    const raw = track(io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true, reconnection: false }));
    const ack = await (raw
      .timeout(10_000)
      .emitWithAck('message', { clientMessageId: 'early-1', text: 'How do I export my data?' }) as Promise<{
      ok: boolean;
      id: string;
    }>);
    expect(ack.ok).toBe(true);
    expect(ack.id).toBeTruthy();
  });

  it('refuses the agent namespace without a valid token', async () => {
    await expect(connect(`${server.url}/agent`, { token: 'forged' })).rejects.toThrow(/sign in/i);
  });

  it('resumes the same conversation with the session token and replays missed messages', async () => {
    const first = track(await connect(`${server.url}/visitor`, { page }));
    const session = await nextEvent<{ conversationId: string; token: string }>(first, 'session');
    const aiReply = nextEvent<ChatMessage>(first, 'message', (m) => m.role === 'ai');
    const ack = await emitAck(first, 'message', { clientMessageId: 'r1', text: 'How do I reset my password?' });
    await aiReply;
    first.close();

    const again = track(await connect(`${server.url}/visitor`, { token: session.token, lastMessageId: ack.id }));
    const resumed = await nextEvent<{ conversationId: string }>(again, 'session');
    expect(resumed.conversationId).toBe(session.conversationId);
    const sync = await emitAck<{ ok: boolean; messages: ChatMessage[] }>(again, 'sync', { afterId: ack.id });
    expect(sync.ok).toBe(true);
    expect(sync.messages.map((m) => m.role)).toContain('ai');
    expect(sync.messages.find((m) => m.id === ack.id)).toBeUndefined();
  });
});
