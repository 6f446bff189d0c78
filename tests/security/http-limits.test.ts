import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';
import { rawHttp } from '../helpers/raw-http.js';

/** Finding 10 (last item): what node refuses before any route runs still answers in the error shape. */
describe(`requests node's HTTP parser refuses (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  it('answers a 64 KB cookie with 431 and the JSON error shape', async () => {
    const res = await rawHttp(server.port, `GET /api/conversations HTTP/1.1\r\nHost: localhost\r\nCookie: session=${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'headers_too_large', message: expect.stringMatching(/headers/) } });
    await healthy();
  });

  it('answers many medium headers adding up past the limit the same way', async () => {
    const headers = Array.from({ length: 40 }, (_, i) => `X-Pad-${i}: ${'b'.repeat(1000)}`).join('\r\n');
    const res = await rawHttp(server.port, `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n${headers}\r\nContent-Length: 2\r\n\r\n{}`);
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('answers a request that is not HTTP with 400 and the JSON error shape', async () => {
    const res = await rawHttp(server.port, 'HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    await healthy();
  });
});
