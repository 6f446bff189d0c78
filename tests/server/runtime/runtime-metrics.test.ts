import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/start-server.js';
import { RuntimeMetrics } from '../../../protocol/http.js';
import { dbKind, openTestDb, type TestDb } from '../../helpers/test-db.js';
import { login, startTestServer } from '../../helpers/test-server.js';

describe(`GET /api/metrics/runtime: the process's event-loop delay, memory and CPU (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const get = (path: string, token?: string) =>
    server.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    admin = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('answers admins with figures for this process', async () => {
    const res = await get('/api/metrics/runtime', admin);
    expect(res.status).toBe(200);
    const body = RuntimeMetrics.parse(await res.json());
    expect(body.memory.rssBytes).toBeGreaterThan(0);
    expect(body.eventLoopDelayMs.max).toBeGreaterThanOrEqual(body.eventLoopDelayMs.p99);
    expect(body.eventLoopDelayMs.p99).toBeGreaterThanOrEqual(body.eventLoopDelayMs.p50);
    // AI turn admission with the defaults (TURNS_IN_FLIGHT 32, TURN_QUEUE 1000), idle.
    expect(body.turns).toMatchObject({
      inFlight: 0,
      queued: 0,
      limits: { inFlight: 32, queued: 1000 },
      deferredTotal: 0,
    });
  });

  it('starts a new delay window after a read with reset=1', async () => {
    await new Promise((r) => setTimeout(r, 50));
    const first = RuntimeMetrics.parse(await (await get('/api/metrics/runtime?reset=1', admin)).json());
    const second = RuntimeMetrics.parse(await (await get('/api/metrics/runtime', admin)).json());
    expect(second.windowSeconds).toBeLessThan(first.windowSeconds);
  });

  it('is not public: no token is 401, bad query is 400', async () => {
    expect((await get('/api/metrics/runtime')).status).toBe(401);
    expect((await get('/api/metrics/runtime?reset=yes', admin)).status).toBe(400);
  });
});
