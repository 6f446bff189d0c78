// Intents as data over HTTP: CRUD, JSONL import/export, and the live classifier retraining on change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Handoff } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { DEFAULT_INTENTS } from '../../understanding/default-intents.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { PIZZA_INTENT } from '../helpers/test-intents.js';

const pizza = PIZZA_INTENT;

describe(`/api/intents (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  let agent: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    admin = await login(server);
    agent = await login(server, server.demoAgents[0]!.email, server.demoAgents[0]!.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  const call = (token: string, method: string, path: string, body?: unknown, type = 'application/json') =>
    fetch(`${server.url}/api/intents${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function handoffFor(
    text: string,
    visitor: Record<string, unknown> = {},
  ): Promise<{ reasonCode: string; handoff?: Handoff }> {
    const s = await connect(`${server.url}/visitor`, { visitor });
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    await emitAck(s, 'message', { clientMessageId: 'x', text });
    await server.idle();
    const res = await fetch(`${server.url}/api/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const d = (await res.json()) as { handoff?: Handoff; decisions: Array<{ trace: { reasonCode: string } }> };
    return { reasonCode: d.decisions.at(-1)!.trace.reasonCode, handoff: d.handoff };
  }

  it('is seeded from the default intents; agents can read', async () => {
    const res = await call(agent, 'GET', '');
    expect(res.status).toBe(200);
    const { intents } = (await res.json()) as { intents: Array<{ name: string; thresholds: object }> };
    expect(intents.map((i) => i.name).sort()).toEqual(DEFAULT_INTENTS.map((i) => i.name).sort());
    const one = await call(agent, 'GET', '/refund_or_charge_dispute');
    expect(await one.json()).toMatchObject({
      name: 'refund_or_charge_dispute',
      policy: 'handoff',
      skill: 'billing',
      thresholds: {},
    });
    expect((await call(agent, 'GET', '/no_such_intent')).status).toBe(404);
  });

  it('only lets admins change intents', async () => {
    expect((await call(agent, 'POST', '', pizza)).status).toBe(403);
    expect((await call(agent, 'DELETE', '/how_to')).status).toBe(403);
    expect((await call(agent, 'POST', '/import', '{}', 'application/x-ndjson')).status).toBe(403);
  });

  it('creates an intent and the live classifier knows it at once', async () => {
    const res = await call(admin, 'POST', '', pizza);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'pizza_order', updatedAt: expect.any(String) });
    expect((await call(admin, 'POST', '', pizza)).status).toBe(409);
    const turn = await handoffFor('I would like to order a pepperoni pizza please');
    expect(turn.reasonCode).toBe('intent_policy');
    expect(turn.handoff).toMatchObject({ intent: 'pizza_order', skill: 'kitchen' });
  });

  it('validates bodies with messages that say what to fix', async () => {
    const res = await call(admin, 'POST', '', {
      ...pizza,
      name: 'Bad Name',
      examples: ['one'],
      thresholds: { minSentiment: 5 },
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/name: intent names/);
    expect(error.message).toMatch(/examples: give at least 3 examples/);
    expect(error.message).toMatch(/thresholds.minSentiment/);
  });

  it('updates thresholds per intent, and the next decision uses them', async () => {
    const text = 'Hmm ok, not great. How do I export my projects to CSV?';
    expect((await handoffFor(text)).reasonCode).toBe('kb_answer');
    const current = (await (await call(admin, 'GET', '/data_export')).json()) as Record<string, unknown>;
    const { name: _name, updatedAt: _at, ...rest } = current;
    const res = await call(admin, 'PUT', '/data_export', { ...rest, thresholds: { minSentiment: -0.3 } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ thresholds: { minSentiment: -0.3 } });
    expect((await handoffFor(text)).reasonCode).toBe('negative_sentiment');
  });

  it('exports JSONL that imports unchanged', async () => {
    const res = await call(agent, 'GET', '/export');
    expect(res.headers.get('content-type')).toMatch(/ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/intents\.jsonl/);
    const text = await res.text();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(DEFAULT_INTENTS.length + 1);
    expect(JSON.parse(lines.find((l) => l.includes('"pizza_order"'))!)).toMatchObject({
      name: 'pizza_order',
      policy: 'handoff_now',
    });
    const back = await call(admin, 'POST', '/import', text, 'application/x-ndjson');
    expect(back.status).toBe(200);
    expect(await back.json()).toEqual({ imported: lines.length, total: lines.length });
  });

  it('rejects a bad import as a whole, naming every bad line', async () => {
    const good = JSON.stringify({
      ...pizza,
      name: 'sushi_order',
      examples: ['order sushi', 'sushi delivery', 'a salmon roll please'],
    });
    const body = [good, '{"name": "broken"', JSON.stringify({ ...pizza, policy: 'maybe' }), '', good].join('\n');
    const res = await call(admin, 'POST', '/import', body, 'application/x-ndjson');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_import');
    expect(error.message).toMatch(/^Nothing was imported\./);
    expect(error.message).toMatch(/line 2: not valid JSON/);
    expect(error.message).toMatch(/line 3: policy/);
    expect(error.message).toMatch(/line 5: intent "sushi_order" is already defined on line 1/);
    expect((await call(admin, 'GET', '/sushi_order')).status).toBe(404);
    expect((await call(admin, 'POST', '/import', '', 'application/x-ndjson')).status).toBe(400);
  });

  it('replaces the whole set on request, refusing one the classifier cannot learn', async () => {
    const only = JSON.stringify(pizza);
    const res = await call(admin, 'POST', '/import?replace=1', only, 'application/x-ndjson');
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('training_failed');
    expect(((await (await call(admin, 'GET', '')).json()) as { intents: unknown[] }).intents.length).toBe(
      DEFAULT_INTENTS.length + 1,
    );
  });

  it('deletes an intent and the classifier forgets it', async () => {
    expect((await call(admin, 'DELETE', '/pizza_order')).status).toBe(204);
    expect((await call(admin, 'DELETE', '/pizza_order')).status).toBe(404);
    const turn = await handoffFor('I would like to order a pepperoni pizza please');
    expect(turn.handoff?.intent ?? null).not.toBe('pizza_order');
  });

  // Last: the server answers 413 before reading the body and closes that connection.
  it('refuses an oversized import', async () => {
    expect((await call(admin, 'POST', '/import', 'x'.repeat(1024 * 1024 + 10), 'application/x-ndjson')).status).toBe(
      413,
    );
  });
});
