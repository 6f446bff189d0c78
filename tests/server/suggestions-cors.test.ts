import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

const path = '/api/knowledge/suggestions?pageUrl=https%3A%2F%2Fshop.example%2Fbilling&title=Billing';

describe(`CORS on the public suggestions route (${dbKind})`, () => {
  let tdb: TestDb;
  let restricted: RunningServer;
  let open: RunningServer;

  beforeAll(async () => {
    tdb = await openTestDb();
    restricted = await startTestServer(tdb.db, { ALLOWED_ORIGINS: 'https://shop.example' });
    open = await startTestServer(tdb.db, { SEED_DEMO: '0' });
  });
  afterAll(async () => {
    await restricted?.close();
    await open?.close();
    await tdb?.dispose();
  });

  it('lets the widget on an allowed customer site read the answer', async () => {
    const res = await fetch(`${restricted.url}${path}`, { headers: { Origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('vary')?.toLowerCase()).toContain('origin');
    expect(((await res.json()) as { suggestions: unknown[] }).suggestions.length).toBeGreaterThan(0);
  });

  it('answers a preflight for an allowed origin', async () => {
    const res = await fetch(`${restricted.url}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });

  it('gives a foreign origin no CORS header, so its browser withholds the answer', async () => {
    const res = await fetch(`${restricted.url}${path}`, { headers: { Origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('without ALLOWED_ORIGINS reflects the calling origin, never *', async () => {
    const res = await fetch(`${open.url}${path}`, { headers: { Origin: 'https://any-customer.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://any-customer.example');
  });
});
