import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
        responses: Record<string, unknown>;
        security?: unknown[];
      }
    >
  >;
  components: { responses: Record<string, unknown>; schemas: Record<string, unknown> };
  'x-socketio': {
    namespaces: Record<
      string,
      {
        handshake: unknown;
        clientToServer: Record<string, { payload: unknown }>;
        serverToClient: Record<string, { payload: unknown }>;
      }
    >;
  };
};

/** The contract's routes (CONTRACT.md), in OpenAPI path syntax. */
const CONTRACT_ROUTES: Array<[string, string]> = [
  ['post', '/api/auth/login'],
  ['post', '/api/knowledge/articles'],
  ['get', '/api/knowledge/articles'],
  ['get', '/api/knowledge/articles/{id}'],
  ['put', '/api/knowledge/articles/{id}'],
  ['delete', '/api/knowledge/articles/{id}'],
  ['post', '/api/knowledge/search'],
  ['post', '/api/agents'],
  ['get', '/api/agents'],
  ['get', '/api/conversations'],
  ['get', '/api/conversations/{id}'],
  ['get', '/api/metrics'],
  ['get', '/healthz'],
];

describe(`OpenAPI document (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let doc: Doc;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    const res = await server.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = JSON.parse(await res.text()) as Doc;
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('is a public OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(20);
    expect(doc.components.schemas.Error).toMatchObject({
      properties: { error: { properties: { code: { type: 'string' }, message: { type: 'string' } } } },
    });
  });

  it('documents every route mounted under /api, with its method', () => {
    const mounted = new Set<string>();
    for (const r of server.app.routes) {
      // Middleware (`use`) and the catch-all 404 register as ALL and/or wildcard paths.
      if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
      mounted.add(`${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
    expect(mounted.size).toBeGreaterThan(20);
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)),
    );
    const missing = [...mounted].filter((r) => !documented.has(r));
    expect(missing, 'routes mounted in server/http but missing from their route file RouteDocs').toEqual([]);
    // And nothing documented that does not exist.
    const stale = [...documented].filter((r) => r.includes(' /api/') && !mounted.has(r));
    expect(stale, 'routes documented in a RouteDocs list that are not mounted').toEqual([]);
  });

  it('has the contract routes with the right methods, bodies and auth', () => {
    for (const [method, path] of CONTRACT_ROUTES)
      expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    const login = doc.paths['/api/auth/login']!.post!;
    expect(login.security).toEqual([]);
    expect(login.requestBody!.content['application/json']!.schema).toMatchObject({
      properties: { email: { type: 'string' }, password: { type: 'string' } },
    });
    const article = doc.paths['/api/knowledge/articles']!.post!;
    expect(article.responses['201']).toBeDefined();
    expect(article.responses['403']).toBeDefined();
    expect(article.requestBody!.content['application/json']!.schema).toMatchObject({
      properties: { format: { enum: ['markdown', 'html', 'text'] } },
      required: ['title', 'body'],
    });
    expect(doc.paths['/api/conversations']!.get!.security).toEqual([{ bearer: [] }]);
  });

  it('describes both socket namespaces in x-socketio', () => {
    const { '/visitor': visitor, '/agent': agent } = doc['x-socketio'].namespaces;
    expect(Object.keys(visitor!.clientToServer)).toEqual(expect.arrayContaining(['message', 'page']));
    expect(Object.keys(visitor!.serverToClient)).toEqual(
      expect.arrayContaining(['session', 'message', 'handoff', 'agent:joined', 'conversation:resolved']),
    );
    expect(Object.keys(agent!.clientToServer)).toEqual(expect.arrayContaining(['claim', 'message', 'resolve']));
    expect(Object.keys(agent!.serverToClient)).toEqual(expect.arrayContaining(['handoff', 'message']));
    expect(visitor!.clientToServer.message!.payload).toMatchObject({
      required: expect.arrayContaining(['clientMessageId', 'text']),
    });
  });

  it('serves a script-free HTML rendering at /api/docs', async () => {
    const res = await server.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/api/knowledge/articles');
    expect(html).not.toMatch(/<script/i);
  });
});
