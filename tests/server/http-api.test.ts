import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

describe(`HTTP API (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let adminToken: string;
  let agentToken: string;

  const call = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return server.app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    const res = await call('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    adminToken = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('answers health once ready', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('logs in and returns the user, refusing wrong passwords with the same message', async () => {
    const ok = await call('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { token: string; user: { role: string; email: string } };
    expect(body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
    const wrong = await call('/api/auth/login', {
      method: 'POST',
      json: { email: TEST_ADMIN.email, password: 'nope' },
    });
    const unknown = await call('/api/auth/login', { method: 'POST', json: { email: 'who@x.io', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('gives clear JSON errors for bad bodies, never a stack trace', async () => {
    const notJson = await call('/api/auth/login', {
      method: 'POST',
      body: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { code: 'invalid_json', message: expect.any(String) } });
    const missing = await call('/api/auth/login', { method: 'POST', json: { email: 'not-an-email' } });
    expect(missing.status).toBe(400);
    const err = (await missing.json()) as { error: { message: string } };
    expect(err.error.message).toMatch(/email/);
    expect(err.error.message).not.toMatch(/at .*\.ts/);
  });

  it('refuses API routes without a token and admin routes for agents', async () => {
    expect((await call('/api/conversations')).status).toBe(401);
    const created = await call('/api/agents', {
      method: 'POST',
      token: adminToken,
      json: {
        email: 'kim@test.local',
        name: 'Kim',
        password: 'long-enough-pw',
        role: 'agent',
        skills: ['billing'],
        maxConcurrent: 3,
      },
    });
    expect(created.status).toBe(201);
    const dup = await call('/api/agents', {
      method: 'POST',
      token: adminToken,
      json: {
        email: 'kim@test.local',
        name: 'Kim',
        password: 'long-enough-pw',
        role: 'agent',
        skills: [],
        maxConcurrent: 3,
      },
    });
    expect(dup.status).toBe(409);
    const login = await call('/api/auth/login', {
      method: 'POST',
      json: { email: 'kim@test.local', password: 'long-enough-pw' },
    });
    agentToken = ((await login.json()) as { token: string }).token;
    expect((await call('/api/conversations', { token: agentToken })).status).toBe(200);
    expect((await call('/api/agents', { token: agentToken })).status).toBe(403);
    // Agents may see who can take a transfer, without emails.
    const directory = (await (await call('/api/agents/directory', { token: agentToken })).json()) as {
      agents: Array<Record<string, unknown>>;
    };
    expect(directory.agents.find((a) => a.name === 'Kim')).toMatchObject({ skills: ['billing'], level: 'agent' });
    expect(directory.agents.every((a) => !('email' in a))).toBe(true);
    const list = (await (await call('/api/agents', { token: adminToken })).json()) as {
      agents: Array<{ email: string; skills: string[] }>;
    };
    expect(list.agents.find((a) => a.email === 'kim@test.local')?.skills).toEqual(['billing']);
  });

  it('manages knowledge articles and searches them with higher-is-better scores', async () => {
    const created = await call('/api/knowledge/articles', {
      method: 'POST',
      token: adminToken,
      json: {
        title: 'Exporting timesheets',
        body:
          '# Exporting timesheets\n\nGo to Reports > Timesheets and press Export CSV. ' +
          'The file arrives by email within five minutes.',
        format: 'markdown',
        url: '/help/timesheets',
        pages: ['/reports/*'],
        tags: ['reports'],
      },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const list = (await (await call('/api/knowledge/articles', { token: adminToken })).json()) as {
      articles: Array<{ id: string; chunks: number }>;
    };
    expect(list.articles.find((a) => a.id === id)?.chunks).toBeGreaterThan(0);

    const search = await call('/api/knowledge/search', {
      method: 'POST',
      token: agentToken,
      json: { query: 'how to export timesheets as CSV', pageUrl: '/reports/weekly' },
    });
    const body = (await search.json()) as { results: Array<{ articleId: string; score: number }>; confident: boolean };
    expect(body.results[0]?.articleId).toBe(id);
    expect(body.confident).toBe(true);
    const scores = body.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    expect((await call(`/api/knowledge/articles/${id}`, { method: 'DELETE', token: adminToken })).status).toBe(204);
    expect((await call(`/api/knowledge/articles/${id}`, { token: adminToken })).status).toBe(404);
  });

  it('refuses an empty article body with a message that says so', async () => {
    const res = await call('/api/knowledge/articles', {
      method: 'POST',
      token: adminToken,
      json: { title: 'x', body: '  ', format: 'markdown' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/empty/);
  });

  it('rejects an unknown conversation status filter', async () => {
    const res = await call('/api/conversations?status=nonsense', { token: agentToken });
    expect(res.status).toBe(400);
  });

  it('returns metrics with the contract fields', async () => {
    const res = await call('/api/metrics', { token: adminToken });
    expect(res.status).toBe(200);
    const m = await res.json();
    for (const key of [
      'conversations',
      'aiResolved',
      'handoffs',
      'escalationRate',
      'medianTimeToHandoffSeconds',
      'reEscalationRate',
      'csat',
    ]) {
      expect(m).toHaveProperty(key);
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await call('/api/nope', { token: adminToken });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
