import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalibrationStatusResponse } from '../../protocol/knowledge-calibration.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

describe(`knowledge calibration API (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const call = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return server.app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  };

  beforeAll(async () => {
    tdb = await openTestDb();
    // Start-up calibrates the seeded demo knowledge base before it serves.
    server = await startTestServer(tdb.db, { SEED_DEMO: '1' }, { startWorkers: false });
    const res = await call('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    admin = ((await res.json()) as { token: string }).token;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('shows how many pseudo-questions the calibration used and the expected false-confident rate', async () => {
    const res = await call('/api/knowledge/calibration', { token: admin });
    expect(res.status).toBe(200);
    const s = (await res.json()) as CalibrationStatusResponse;
    expect(s.state).toBe('ready');
    expect(s.upToDate).toBe(true);
    expect(s.calibration!.pseudoQuestions).toBeGreaterThan(50);
    expect(s.expected!.falseConfident).toBeLessThanOrEqual(s.targetFalseConfident);
    expect(s.calibration!.curve.length).toBe(101);
  });

  it('moves the threshold by the false-confident rate the admin accepts, and validates it', async () => {
    const strict = (await (
      await call('/api/knowledge/calibration', { method: 'PUT', token: admin, json: { targetFalseConfident: 0.02 } })
    ).json()) as CalibrationStatusResponse;
    const loose = (await (
      await call('/api/knowledge/calibration', { method: 'PUT', token: admin, json: { targetFalseConfident: 0.3 } })
    ).json()) as CalibrationStatusResponse;
    expect(strict.customTarget).toBe(0.02);
    expect(strict.threshold!).toBeGreaterThan(loose.threshold!);
    expect(strict.expected!.falseConfident).toBeLessThanOrEqual(0.02);
    const bad = await call('/api/knowledge/calibration', {
      method: 'PUT',
      token: admin,
      json: { targetFalseConfident: 0.9 },
    });
    expect(bad.status).toBe(400);
    const reset = (await (
      await call('/api/knowledge/calibration', { method: 'PUT', token: admin, json: { targetFalseConfident: null } })
    ).json()) as CalibrationStatusResponse;
    expect(reset.customTarget).toBeNull();
  });

  it('search reports the calibrated probability next to `confident`', async () => {
    const res = await call('/api/knowledge/search', {
      method: 'POST',
      token: admin,
      json: { query: 'how do I change my billing email?' },
    });
    const body = (await res.json()) as { confident: boolean; confidence?: number };
    expect(body.confident).toBe(true);
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it('recalibrates on request in the background', async () => {
    const res = await call('/api/knowledge/calibration/run', { method: 'POST', token: admin });
    expect(res.status).toBe(202);
    expect(['running', 'ready']).toContain(((await res.json()) as CalibrationStatusResponse).state);
  });

  it('is for admins only', async () => {
    expect((await call('/api/knowledge/calibration')).status).toBe(401);
  });
});
