import { sign } from 'hono/jwt';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '../../server/auth/tokens.js';
import { buildOpenApiDocument } from '../../server/http/openapi.js';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, createUser, signIn, startConversation, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

/**
 * Every route of the OpenAPI document x every kind of caller: the documented access level
 * (`x-firstline-access`) decides whether the answer must be 401/403 or must not be. A route added
 * to the document is covered without touching this file.
 */
type Access = 'public' | 'visitor' | 'agent' | 'admin' | 'signature';
type Op = { 'x-firstline-access': Access; requestBody?: { content: Record<string, unknown> } };
const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Op>> };
const ROUTES = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    access: op['x-firstline-access'],
    json: !!op.requestBody?.content['application/json'],
  })),
);

const SUBJECTS = [
  'none',
  'visitor',
  'agent',
  'admin',
  'demoted admin',
  'disabled agent',
  'deleted user',
  'token without exp',
  'other secret',
] as const;
type Subject = (typeof SUBJECTS)[number];

/** 'allowed': anything but 401/403; otherwise the exact refusal. */
function expected(access: Access, subject: Subject): 'allowed' | 401 | 403 {
  if (access === 'public') return 'allowed';
  // The widget's own routes take the visitor session token and nothing else (agent tokens are not visitors).
  if (access === 'visitor') return subject === 'visitor' ? 'allowed' : 401;
  if (subject === 'admin') return 'allowed';
  if (subject === 'agent') return access === 'agent' ? 'allowed' : 403;
  return 401;
}

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
// Calls that end the caller's own sessions: sign the good subjects in again afterwards.
const SELF_REVOKING = new Set(['POST /api/auth/logout-all']);

describe(`authorization matrix from the OpenAPI document (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let conversationId: string;
  let agentEmail: string;
  const tokens = {} as Record<Subject, string | undefined>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    call = apiClient(server);
    const admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
    const conversation = await startConversation(server);
    sockets.push(conversation.visitor);
    conversationId = conversation.conversationId;

    const agent = await createUser(call, admin);
    agentEmail = agent.email;
    // The agent is the assignee, so even "resolve" is theirs to do.
    await tdb.db.query(`UPDATE conversations SET status = 'assigned', assignee_id = $2 WHERE id = $1`, [
      conversationId,
      agent.id,
    ]);

    const demoted = await createUser(call, admin, { role: 'admin' });
    expect((await call('PUT', `/api/agents/${demoted.id}`, { token: admin, json: { role: 'agent' } })).status).toBe(
      200,
    );
    const disabled = await createUser(call, admin);
    expect((await call('PUT', `/api/agents/${disabled.id}`, { token: admin, json: { disabled: true } })).status).toBe(
      200,
    );
    const deleted = await createUser(call, admin);
    await tdb.db.query('DELETE FROM users WHERE id = $1', [deleted.id]);

    const { rows } = await tdb.db.query<{ id: string; token_version: number }>(
      'SELECT id, token_version FROM users WHERE email = $1',
      [TEST_ADMIN.email],
    );
    const iat = Math.floor(Date.now() / 1000);
    const adminClaims = {
      kind: 'agent',
      sub: rows[0]!.id,
      role: 'admin',
      name: 'Admin',
      ver: rows[0]!.token_version,
      iat,
    };
    Object.assign(tokens, {
      none: undefined,
      visitor: conversation.visitorToken,
      agent: agent.token,
      admin,
      'demoted admin': demoted.token,
      'disabled agent': disabled.token,
      'deleted user': deleted.token,
      'token without exp': await sign(adminClaims, await resolveAuthSecret(tdb.db), 'HS256'),
      'other secret': await sign({ ...adminClaims, exp: iat + 3600 }, 'a-secret-this-server-never-had', 'HS256'),
    } satisfies Record<Subject, string | undefined>);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('covers the document the server serves, with an access level on every route', async () => {
    const served = (await (await call('GET', '/api/openapi.json')).json()) as typeof doc;
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(doc.paths).sort());
    expect(ROUTES.length).toBeGreaterThan(50);
    for (const r of ROUTES)
      expect(['public', 'visitor', 'agent', 'admin', 'signature'], `${r.method} ${r.path}`).toContain(r.access);
  });

  const concretePath = (path: string) =>
    path.replace(/\{([A-Za-z_]+)\}/g, (_m, name: string) =>
      path.startsWith('/api/conversations/') ? conversationId : name === 'name' ? 'no_such_intent' : DUMMY_ID,
    );

  it.each(ROUTES.filter((r) => r.access !== 'signature'))('$method $path ($access)', async (route) => {
    const url = concretePath(route.path);
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const subject of SUBJECTS) {
      const res = await call(route.method, url, { token: tokens[subject], ...(route.json ? { json: {} } : {}) });
      const want = expected(route.access, subject);
      const ok =
        want === 'allowed' ? res.status !== 401 && res.status !== 403 && res.status < 500 : res.status === want;
      outcomes.push(`${subject}: ${res.status}`);
      if (!ok) wrong.push(`${subject}: got ${res.status}, want ${want === 'allowed' ? 'not 401/403/5xx' : want}`);
      if (want !== 'allowed' && res.status === want) {
        const body = (await res.json()) as { error?: { code?: string } };
        expect(body.error?.code, `${subject} error shape`).toBe(want === 401 ? 'unauthorized' : 'forbidden');
      }
    }
    if (SELF_REVOKING.has(`${route.method} ${route.path}`)) {
      tokens.agent = await signIn(call, agentEmail);
      tokens.admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
    }
    expect(wrong, outcomes.join(', ')).toEqual([]);
  });

  it.each(SUBJECTS)('the /agent socket handshake with %s', async (subject) => {
    const allowed = subject === 'agent' || subject === 'admin';
    const attempt = connect(`${server.url}/agent`, tokens[subject] ? { token: tokens[subject] } : {});
    if (allowed) {
      const socket = await attempt;
      sockets.push(socket);
      expect(socket.connected).toBe(true);
    } else {
      await expect(attempt).rejects.toThrow(/sign in/i);
    }
  });
});
