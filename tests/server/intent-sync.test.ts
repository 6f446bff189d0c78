// Intent changes reach every server process: two servers on one database, a change through one
// node's API, and the other node's `intents` job retraining (or refusing a set that cannot train).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/start-server.js';
import { captureLog, LogLevel, type LogLine } from '../helpers/capture-log.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer, testConfig } from '../helpers/test-server.js';
import { PIZZA_INTENT } from '../helpers/test-intents.js';

const pizza = PIZZA_INTENT;
const PIZZA_TEXT = 'I would like to order a pepperoni pizza please';

describe(`intent changes across server processes (${dbKind})`, () => {
  let tdb: TestDb;
  let a: RunningServer;
  let b: RunningServer;
  let admin: string;
  let bLines: LogLine[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    a = await startTestServer(tdb.db, {}, { startWorkers: false });
    const captured = captureLog();
    bLines = captured.lines;
    b = await startServer(testConfig(), { db: tdb.db, log: captured.log, startWorkers: false });
    admin = await login(a);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await b?.close();
    await a?.close();
    await tdb?.dispose();
  });

  const call = (server: RunningServer, method: string, path: string, body?: string, type = 'application/json') =>
    fetch(`${server.url}/api/intents${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      body,
    });

  /** The intent `server` classified `text` as, read from the decision trace. */
  async function intentOn(server: RunningServer, text: string): Promise<string | null> {
    const s = await connect(`${server.url}/visitor`, {});
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    expect((await emitAck(s, 'message', { clientMessageId: 'x', text })).ok).toBe(true);
    await server.idle();
    const res = await fetch(`${server.url}/api/conversations/${conversationId}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const d = (await res.json()) as { decisions: Array<{ trace: { intent: { name: string | null } | null } }> };
    return d.decisions.at(-1)!.trace.intent?.name ?? null;
  }

  it('does nothing while the intents are unchanged', async () => {
    expect(await a.jobs.intents()).toBe('unchanged');
    expect(await b.jobs.intents()).toBe('unchanged');
  });

  it("uses an intent created through another node's API once its job has run", async () => {
    expect((await call(a, 'POST', '', JSON.stringify(pizza))).status).toBe(201);
    expect(await intentOn(a, PIZZA_TEXT)).toBe('pizza_order');
    // The node that made the change already trained on it: no second retrain.
    expect(await a.jobs.intents()).toBe('unchanged');

    expect(await intentOn(b, PIZZA_TEXT)).not.toBe('pizza_order');
    expect(await b.jobs.intents()).toBe('reloaded');
    expect(await intentOn(b, PIZZA_TEXT)).toBe('pizza_order');
    expect(await b.jobs.intents()).toBe('unchanged');
    expect(bLines.find((l) => l.msg.includes('retrained'))).toMatchObject({
      level: LogLevel.info,
      intents: expect.any(Number),
    });
  });

  it('picks up an update and a delete the same way', async () => {
    const {
      name: _n,
      updatedAt: _u,
      ...rest
    } = (await (await call(a, 'GET', '/pizza_order')).json()) as Record<string, unknown>;
    expect((await call(a, 'PUT', '/pizza_order', JSON.stringify({ ...rest, severity: 3 }))).status).toBe(200);
    expect(await b.jobs.intents()).toBe('reloaded');
    expect((await call(a, 'DELETE', '/pizza_order')).status).toBe(204);
    expect(await b.jobs.intents()).toBe('reloaded');
    expect(await intentOn(b, PIZZA_TEXT)).not.toBe('pizza_order');
    expect(await a.jobs.intents()).toBe('unchanged');
  });

  it('never swaps in a set that cannot be trained: it logs an error once and keeps the old catalog', async () => {
    expect((await call(a, 'POST', '', JSON.stringify(pizza))).status).toBe(201);
    expect(await b.jobs.intents()).toBe('reloaded');
    const backup = await (await call(a, 'GET', '/export')).text();

    // Written behind the API's back (another version of the server, a manual fix): one intent cannot train.
    await tdb.db.query(`DELETE FROM intents WHERE name <> 'pizza_order'`);
    const errorsBefore = bLines.filter((l) => l.level === LogLevel.error).length;
    expect(await b.jobs.intents()).toBe('failed');
    const errors = bLines.filter((l) => l.level === LogLevel.error);
    expect(errors).toHaveLength(errorsBefore + 1);
    expect(errors.at(-1)).toMatchObject({
      msg: expect.stringMatching(/cannot be trained.*previous set/),
      intents: 1,
      err: { message: expect.stringMatching(/at least two intents/) },
    });
    // The old catalog still classifies, with every intent it knew.
    expect(await intentOn(b, PIZZA_TEXT)).toBe('pizza_order');
    expect(await intentOn(b, 'I want a refund, you charged me twice')).toBe('refund_or_charge_dispute');
    // The same broken set is not retrained or logged again on every pass.
    expect(await b.jobs.intents()).toBe('unchanged');
    expect(bLines.filter((l) => l.level === LogLevel.error)).toHaveLength(errorsBefore + 1);

    // Fixed through the API: both nodes converge again.
    expect((await call(a, 'POST', '/import?replace=1', backup, 'application/x-ndjson')).status).toBe(200);
    expect(await b.jobs.intents()).toBe('reloaded');
    expect(await intentOn(b, 'I want a refund, you charged me twice')).toBe('refund_or_charge_dispute');
  });

  it('serializes changes saved on two nodes at once, and both nodes end up with both', async () => {
    const sushi = {
      ...pizza,
      name: 'sushi_order',
      examples: ['I want to order sushi', 'a salmon maki roll please', 'sushi delivery tonight', 'order some nigiri'],
    };
    const tacos = {
      ...pizza,
      name: 'taco_order',
      examples: [
        'I want to order tacos',
        'two carnitas tacos please',
        'taco delivery tonight',
        'order some burritos and tacos',
      ],
    };
    const [one, two] = await Promise.all([
      call(a, 'POST', '', JSON.stringify(sushi)),
      call(b, 'POST', '', JSON.stringify(tacos)),
    ]);
    expect([one.status, two.status]).toEqual([201, 201]);
    // Whichever node saved second trained on both; the other retrains once.
    const outcomes = [await a.jobs.intents(), await b.jobs.intents()].sort();
    expect(outcomes).toEqual(['reloaded', 'unchanged']);
    for (const server of [a, b]) {
      expect(await intentOn(server, 'can I order a salmon maki roll for delivery')).toBe('sushi_order');
      expect(await intentOn(server, 'I want two carnitas tacos delivered')).toBe('taco_order');
    }
  });

  it('runs the job on the sweep interval when workers run', async () => {
    const captured = captureLog();
    const c = await startServer(testConfig({ SWEEP_INTERVAL_MS: '100' }), { db: tdb.db, log: captured.log });
    try {
      expect((await call(a, 'DELETE', '/pizza_order')).status).toBe(204);
      const deadline = Date.now() + 5000;
      while (!captured.lines.some((l) => l.msg.includes('retrained')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(captured.lines.some((l) => l.msg.includes('retrained'))).toBe(true);
      expect(await intentOn(c, PIZZA_TEXT)).not.toBe('pizza_order');
    } finally {
      await c.close();
    }
  });
});
