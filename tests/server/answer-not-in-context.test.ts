// One decision, recorded truthfully: when the drafted answer finds the knowledge base does not
// answer the question (answer_not_in_context), every record of the turn says what the visitor saw:
// a handoff. Through the real server, a visitor socket, an OpenAI-compatible fake and a webhook receiver.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, Handoff } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

interface Detail {
  status: string;
  handoff?: Handoff;
  decisions: Array<{ action: string; reason: string; trace: { reasonCode: string } }>;
  messages: ChatMessage[];
}

describe(`answer_not_in_context: the record agrees with what the visitor saw (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const fake = new FakeOpenAiServer();
  const receiver = new WebhookReceiver();
  const sockets: Socket[] = [];
  let n = 0;
  const get = async <T>(path: string): Promise<T> => {
    const res = await server.app.request(path, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    await Promise.all([fake.start(), receiver.start()]);
    tdb = await openTestDb();
    server = await startTestServer(
      tdb.db,
      {
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        OPENAI_CHAT_MODEL: 'fake-model',
        OPENAI_TIMEOUT_MS: '3000',
        WEBHOOK_URL: `${receiver.url}/hooks`,
        WEBHOOK_SECRET: 'webhook-secret-0123456789',
      },
      { startWorkers: false },
    );
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
    await fake.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  /** Asks one question and records everything the visitor's socket is sent until the pipeline is done. */
  async function ask(question: string) {
    const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    const seen: Array<{ event: string; payload: any }> = [];
    s.onAny((event, payload) => seen.push({ event, payload }));
    const handedOff = nextEvent(s, 'handoff');
    const told = nextEvent<ChatMessage>(s, 'message', (m) => m.role === 'system');
    const ack = await emitAck(s, 'message', { clientMessageId: `q-${++n}`, text: question });
    await server.idle();
    await Promise.all([handedOff, told]);
    return { conversationId, messageId: ack.id!, seen };
  }

  /** What the widget would show for the answer to `replyTo`: streamed text not withdrawn, plus AI messages. */
  function visibleAnswer(seen: Array<{ event: string; payload: any }>, replyTo: string): string {
    let draft = '';
    for (const { event, payload } of seen) {
      if (event === 'message:delta' && payload.replyTo === replyTo) draft += payload.delta;
      if (event === 'message:discard' && payload.replyTo === replyTo) draft = '';
    }
    const ai = seen
      .filter((e) => e.event === 'message' && e.payload.role === 'ai')
      .map((e) => e.payload.text as string);
    return [draft, ...ai].join('');
  }

  const cases = [
    { name: 'the model answers NO_ANSWER', reply: { text: 'NO_ANSWER', chunks: ['NO_', 'ANS', 'WER'] } },
    {
      name: 'the model starts writing, then gives up with NO_ANSWER',
      reply: {
        text: 'Let me look at the billing settings for you. NO_ANSWER',
        chunks: ['Let me look ', 'at the billing ', 'settings for you. ', 'NO_', 'ANSWER'],
      },
    },
  ];

  for (const c of cases) {
    it(`${c.name}: visitor, decision, brief, webhook and analytics all say handoff`, async () => {
      fake.reply = () => c.reply;
      const question = `How do I change my billing email? (case ${cases.indexOf(c) + 1})`;
      const before = await get<{ handoffs: number; conversations: number }>('/api/metrics');
      const { conversationId, messageId, seen } = await ask(question);

      // The visitor: one outcome, a handoff; no answer text on screen, and never the marker.
      expect(visibleAnswer(seen, messageId)).toBe('');
      expect(
        seen.filter((e) => e.payload?.role !== 'visitor').some((e) => JSON.stringify(e.payload).includes('NO_')),
      ).toBe(false);
      expect(seen.filter((e) => e.event === 'message' && e.payload.role === 'ai')).toEqual([]);

      // The stored decision is the handoff the visitor saw, with the same reason as the brief.
      const detail = await get<Detail>(`/api/conversations/${conversationId}`);
      expect(detail.status).toBe('queued');
      expect(detail.decisions).toHaveLength(1);
      expect(detail.decisions[0]).toMatchObject({ action: 'handoff', trace: { reasonCode: 'answer_not_in_context' } });
      expect(detail.handoff?.reason).toBe(detail.decisions[0]!.reason);
      expect(detail.handoff?.brief).toContain(detail.decisions[0]!.reason);
      expect(detail.handoff?.signals).toContainEqual({ name: 'answer_grounded', value: false });

      // The webhook carries the same handoff.
      await server.jobs.webhooks();
      const hooks = receiver.received
        .filter((r) => r.headers['x-firstline-event'] === 'conversation.handoff_requested')
        .map((r) => JSON.parse(r.body));
      const hook = hooks.find((h) => h.data.conversationId === conversationId);
      expect(hook?.data).toMatchObject({ reason: detail.decisions[0]!.reason, brief: detail.handoff!.brief });

      // Analytics count it as a handoff, and the question as one the knowledge base does not answer.
      const after = await get<{ handoffs: number; conversations: number; aiResolved: number }>('/api/metrics');
      expect(after.handoffs - before.handoffs).toBe(1);
      expect(after.conversations - before.conversations).toBe(1);
      const gaps = await get<{ groups: Array<{ questions?: string[]; examples?: string[] }> }>('/api/knowledge/gaps');
      expect(JSON.stringify(gaps)).toContain(`(case ${cases.indexOf(c) + 1})`);
    });
  }

  it('a grounded answer is still streamed and answered, and counted as one', async () => {
    fake.reply = () => ({ text: 'Open Settings > Billing and edit the billing email field [1].' });
    const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    const discarded: unknown[] = [];
    s.on('message:discard', (p) => discarded.push(p));
    const answer = nextEvent<ChatMessage>(s, 'message', (m) => m.role === 'ai');
    await emitAck(s, 'message', { clientMessageId: `q-${++n}`, text: 'How do I change my billing email?' });
    expect((await answer).text).toMatch(/billing email/);
    await server.idle();
    expect(discarded).toEqual([]);
    const detail = await get<Detail>(`/api/conversations/${conversationId}`);
    expect(detail.decisions.at(-1)).toMatchObject({ action: 'answer', trace: { reasonCode: 'kb_answer' } });
    expect(detail.status).toBe('bot');
  });
});
