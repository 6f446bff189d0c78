import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import { RuntimeMetrics } from '../../protocol/http.js';
import type { RunningServer } from '../../server/start-server.js';
import { LOAD_QUESTIONS } from '../../bench/throughput-load.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

const VISITORS = 8;
const QUESTIONS_EACH = 3;
const page = { url: 'http://localhost/billing', title: 'Billing' };

/**
 * One node flooded far past its turn capacity (2 in flight, 3 waiting): every message is still
 * answered exactly once, late answers make no false "going in circles" handoff, the visitor sees
 * "typing" first, and `/healthz` keeps answering while turns queue up.
 */
describe(`a node past TURNS_IN_FLIGHT delays AI turns instead of dropping or doubling them (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const sockets: Socket[] = [];
  // A model that takes 250 ms per answer, so turns pile up however fast the database stores messages.
  const model = new FakeOpenAiServer();
  model.reply = (body) => (body.stream ? { text: 'Here is how, step by step [1].', delayMs: 250 } : { status: 500 });

  beforeAll(async () => {
    await model.start();
    tdb = await openTestDb();
    // Background workers on: turns past the queue are left to the turn sweep, as in production.
    server = await startTestServer(tdb.db, {
      TURNS_IN_FLIGHT: '2',
      TURN_QUEUE: '3',
      TURN_SWEEP_MS: '200',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_CHAT_MODEL: 'fake-model',
    });
    admin = await login(server);
  }, 180_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
    await model.stop();
  });

  const metrics = async () =>
    RuntimeMetrics.parse(
      await (
        await server.app.request('/api/metrics/runtime', { headers: { authorization: `Bearer ${admin}` } })
      ).json(),
    );

  it('answers every message once, shows typing at once, never hands off, and /healthz answers throughout', {
    timeout: 90_000,
  }, async () => {
    const visitors = await Promise.all(
      Array.from({ length: VISITORS }, async () => {
        const socket = await connect(`${server.url}/visitor`, { page });
        sockets.push(socket);
        const events: Array<{ event: string; payload: unknown }> = [];
        socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
        const { conversationId } = await nextEvent<{ conversationId: string }>(socket, 'session');
        return { socket, events, conversationId };
      }),
    );

    // Health and turn counts sampled while the flood runs.
    let flooding = true;
    const health: Array<{ ok: boolean; ms: number }> = [];
    const samples: RuntimeMetrics[] = [];
    const probe = (async () => {
      while (flooding) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/healthz`).catch(() => null);
        health.push({
          ok: res?.status === 200 && ((await res.json()) as { status: string }).status === 'ok',
          ms: performance.now() - t0,
        });
        samples.push(await metrics());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    // Every visitor asks its questions at once, without waiting for answers: 24 turns for 2 slots and 3 places.
    const acks = await Promise.all(
      visitors.flatMap((v, i) =>
        Array.from({ length: QUESTIONS_EACH }, (_, q) =>
          emitAck(v.socket, 'message', {
            clientMessageId: `flood-${i}-${q}`,
            text: LOAD_QUESTIONS[(i + q) % LOAD_QUESTIONS.length],
            page,
          }),
        ),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const ids = new Set(acks.map((a) => a.id!));

    const aiReplies = () =>
      visitors.flatMap((v) =>
        v.events
          .filter((e) => e.event === 'message' && (e.payload as ChatMessage).role === 'ai')
          .map((e) => e.payload as ChatMessage & { replyTo?: string }),
      );
    const deadline = Date.now() + 75_000;
    while (aiReplies().length < ids.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A moment more: a doubled answer would arrive now.
    await server.idle();
    await new Promise((r) => setTimeout(r, 500));
    flooding = false;
    await probe;

    const replies = aiReplies();
    expect(replies.map((m) => m.replyTo).sort()).toEqual([...ids].sort());
    for (const v of visitors) {
      // Dots first: "typing" reached the visitor before its first answer.
      const firstTyping = v.events.findIndex((e) => e.event === 'typing' && (e.payload as { typing: boolean }).typing);
      const firstAnswer = v.events.findIndex((e) => e.event === 'message' && (e.payload as ChatMessage).role === 'ai');
      expect(firstTyping).toBeGreaterThanOrEqual(0);
      expect(firstTyping).toBeLessThan(firstAnswer);
      expect(v.events.filter((e) => e.event === 'handoff')).toEqual([]);
    }

    // The flood was past capacity: turns waited, some were left to the sweep, and never more ran than allowed.
    const last = await metrics();
    expect(last.turns).toMatchObject({ inFlight: 0, queued: 0, limits: { inFlight: 2, queued: 3 } });
    expect(last.turns!.waitedTotal).toBeGreaterThan(0);
    expect(last.turns!.deferredTotal).toBeGreaterThan(0);
    expect(Math.max(...samples.map((s) => s.turns!.inFlight))).toBeLessThanOrEqual(2);
    expect(Math.max(...samples.map((s) => s.turns!.queued))).toBeLessThanOrEqual(3);
    expect(last.turns!.peakQueued).toBeLessThanOrEqual(3);

    // /healthz answered ok all along (a generous bound: on a shared test machine the process itself waits for a core).
    expect(health.length).toBeGreaterThan(3);
    expect(health.every((h) => h.ok)).toBe(true);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(10_000);

    // Stored once each: one AI answer and one decision per visitor message, nothing left pending.
    for (const v of visitors) {
      const res = await server.app.request(`/api/conversations/${v.conversationId}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      const c = (await res.json()) as { status: string; messages: ChatMessage[]; decisions: Array<{ action: string }> };
      expect(c.status).toBe('bot');
      expect(c.messages.filter((m) => m.role === 'visitor')).toHaveLength(QUESTIONS_EACH);
      expect(c.messages.filter((m) => m.role === 'ai')).toHaveLength(QUESTIONS_EACH);
      expect(c.messages.filter((m) => m.role === 'system')).toHaveLength(0);
      expect(c.decisions.map((d) => d.action)).toEqual(Array(QUESTIONS_EACH).fill('answer'));
    }
    const { rows } = await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_turns');
    expect(rows[0]!.n).toBe(0);
  });
});
