import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, nextEvent, startTestServer } from '../helpers/test-server.js';
import { deepJson, openRawSocket, type RawSocket } from '../helpers/raw-socket.js';

const DEPTH = 10_000;
const page = (contextJson: string) => `{"url":"http://localhost/billing","title":"Billing","context":${contextJson}}`;

/** Finding 1: one frame with a 10,000-deep `page.context` used to throw a RangeError nobody caught. */
describe(`frames that used to crash the server (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const raws: RawSocket[] = [];
  const raw = async () => {
    const r = await openRawSocket(server.url);
    raws.push(r);
    return r;
  };

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
  });
  afterAll(async () => {
    for (const r of raws) r.close();
    await server?.close();
    await tdb?.dispose();
  });

  const stillServes = async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const visitor = await connect(`${server.url}/visitor`, {});
    try {
      await nextEvent(visitor, 'session');
      expect(
        await emitAck(visitor, 'message', { clientMessageId: 'after', text: 'How do I change my billing email?' }),
      ).toMatchObject({ ok: true });
    } finally {
      visitor.close();
    }
  };

  it('the frame is small: about 20 KB', () => {
    expect(deepJson(DEPTH).length).toBeLessThan(21_000);
  });

  it('refuses a deep handshake auth.page.context with connect_error invalid_handshake', async () => {
    const r = await raw();
    const answer = await r.connect('/visitor', `{"page":${page(deepJson(DEPTH))}}`);
    expect(answer).toMatchObject({ ok: false, data: { code: 'invalid_handshake' } });
    expect(answer).toMatchObject({ message: expect.stringMatching(/page\.context/) });
    await stillServes();
  });

  it('answers a deep `page` event with invalid_payload and keeps the socket usable', async () => {
    const r = await raw();
    expect(await r.connect('/visitor', '{}')).toMatchObject({ ok: true });
    expect(await r.emitAck('/visitor', 'page', page(deepJson(DEPTH)), 5000)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/context/) },
    });
    // Without an ack too (the widget sends `page` without one).
    r.emit('/visitor', 'page', page(deepJson(DEPTH)));
    expect(
      await r.emitAck('/visitor', 'message', '{"clientMessageId":"ok-1","text":"hello there"}', 5000),
    ).toMatchObject({ ok: true });
    await stillServes();
  });

  it('answers a deep message.page.context with invalid_payload and stores nothing', async () => {
    const r = await raw();
    expect(await r.connect('/visitor', '{}')).toMatchObject({ ok: true });
    // An earlier test's message may still be getting its AI answer: count once that is stored.
    await server.idle();
    const before = await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages`);
    const ack = await r.emitAck(
      '/visitor',
      'message',
      `{"clientMessageId":"deep-1","text":"hi","page":${page(deepJson(DEPTH))}}`,
      5000,
    );
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringMatching(/context/) },
    });
    const after = await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    expect(
      await r.emitAck('/visitor', 'message', '{"clientMessageId":"ok-2","text":"hello again"}', 5000),
    ).toMatchObject({ ok: true });
    await stillServes();
  });

  it('answers deep payloads on every agent event with invalid_payload', async () => {
    const { login } = await import('../helpers/test-server.js');
    const token = await login(server);
    const r = await raw();
    expect(await r.connect('/agent', JSON.stringify({ token }))).toMatchObject({ ok: true });
    for (const event of ['claim', 'message', 'resolve', 'presence']) {
      expect(await r.emitAck('/agent', event, deepJson(DEPTH), 5000)).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload' },
      });
    }
    const deepAuth = await (await raw()).connect('/agent', `{"token":${deepJson(DEPTH)}}`);
    expect(deepAuth).toMatchObject({ ok: false, data: { code: 'unauthorized' } });
    await stillServes();
  });
});
