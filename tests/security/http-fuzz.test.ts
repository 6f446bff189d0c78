import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';
import { rawHttp } from '../helpers/raw-http.js';
import {
  FUZZ_SEED,
  fuzzObject,
  fuzzParams,
  nastyString,
  nastyValue,
  polluted,
  toJsonText,
} from './fuzz-arbitraries.js';

/** Tables a refused request must leave as they were. */
const TABLES = [
  'users',
  'articles',
  'chunks',
  'intents',
  'teams',
  'notes',
  'canned_responses',
  'bug_reports',
  'messages',
  'conversation_events',
  'handoff_verdicts',
  'notifications',
];

interface Call {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  token: 'none' | 'agent' | 'admin';
}

/**
 * `encodeURIComponent` throws on a lone surrogate: send invalid UTF-8 escapes for it instead, as a raw client could.
 */
const encodeSegment = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
  }
};

/** Body texts: the route's schema mutated, or something that is not a JSON object at all. */
const bodyText = (valid: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 8, arbitrary: fuzzObject(valid).map((v) => toJsonText(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{oops',
        '',
        'null',
        '[]',
        '"text"',
        '{"a":1,}',
        '\u0000',
        `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
        `{"k":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      ),
    },
    { weight: 1, arbitrary: nastyValue.map((v) => toJsonText(v)) },
  );
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'text/plain',
  undefined,
  'application/json; charset=utf-16',
);

const email = fc.oneof(fc.emailAddress(), fc.constant('admin@test.local'));
const strings = fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 });
const strongPassword = fc.constant('Tr0ub4dor&3-horse-staple');

describe(`HTTP fuzz and parser limits: adversarial requests to the main routes (${dbKind}, seed ${FUZZ_SEED})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const tokens: Record<Call['token'], string | undefined> = { none: undefined, agent: undefined, admin: undefined };
  let conversationId = '';
  let articleId = '';
  const stats: Record<string, { cases: number; ms: number }> = {};

  // One round trip for all of them: this runs twice per request.
  const countsSql = `SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`;
  const counts = async () => (await tdb.db.query<Record<string, number>>(countsSql)).rows[0];
  const send = (call: Call) =>
    server.app.request(call.path, {
      method: call.method,
      headers: {
        ...(call.contentType ? { 'content-type': call.contentType } : {}),
        ...(tokens[call.token] ? { authorization: `Bearer ${tokens[call.token]}` } : {}),
      },
      body: call.body,
    });

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { RATE_LIMITS: 'off' });
    tokens.admin = await login(server);
    const agent = {
      email: 'fuzz-agent@test.local',
      name: 'Fuzz Agent',
      password: 'Tr0ub4dor&3-horse-staple',
      role: 'agent',
      skills: ['billing'],
      maxConcurrent: 3,
    };
    expect(
      (
        await send({
          method: 'POST',
          path: '/api/agents',
          token: 'admin',
          contentType: 'application/json',
          body: JSON.stringify(agent),
        })
      ).status,
    ).toBe(201);
    tokens.agent = await login(server, agent.email, agent.password);
    const visitor = await connect(`${server.url}/visitor`, {});
    conversationId = (await nextEvent<{ conversationId: string }>(visitor, 'session')).conversationId;
    await emitAck(visitor, 'message', { clientMessageId: 'seed-1', text: 'I want to talk to a human' });
    visitor.close();
    await server.idle();
    const res = await send({
      method: 'POST',
      path: '/api/knowledge/articles',
      token: 'admin',
      contentType: 'application/json',
      body: JSON.stringify({ title: 'Fuzz seed', body: 'Refunds take five days.' }),
    });
    articleId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
    console.log(
      `[http-fuzz] seed ${FUZZ_SEED}: ${Object.entries(stats)
        .map(([k, v]) => `${k} ${v.cases} cases in ${Math.round(v.ms)} ms`)
        .join('; ')}`,
    );
  });

  /** One request per route family; ids in paths are real, random or hostile. */
  const calls = (): fc.Arbitrary<Call> => {
    const id = (real: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(real) },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: nastyString.map(encodeSegment) },
        { weight: 1, arbitrary: fc.constantFrom(`${real}%00`, '%00', 'a%00b', '%ED%A0%80', '..%2F..%2Fetc%2Fpasswd') },
      );
    const token = fc.constantFrom<Call['token']>('admin', 'admin', 'agent', 'none');
    const post = (method: string, path: fc.Arbitrary<string>, valid: Record<string, fc.Arbitrary<unknown>>) =>
      fc.record({ method: fc.constant(method), path, body: bodyText(valid), contentType, token });
    return fc.oneof(
      post('POST', fc.constant('/api/auth/login'), {
        email,
        password: fc.oneof(fc.constant('correct-horse-battery'), fc.string()),
      }),
      post('POST', fc.constant('/api/knowledge/articles'), {
        title: fc.string({ minLength: 1 }),
        body: fc.string({ minLength: 1 }),
        format: fc.constantFrom('markdown', 'html', 'text'),
        url: fc.webUrl(),
        pages: strings,
        tags: strings,
      }),
      post(
        'PUT',
        id(articleId).map((a) => `/api/knowledge/articles/${a}`),
        {
          title: fc.string({ minLength: 1 }),
          body: fc.string({ minLength: 1 }),
          format: fc.constantFrom('markdown', 'text'),
        },
      ),
      post('POST', fc.constant('/api/knowledge/search'), {
        query: fc.string({ minLength: 1 }),
        pageUrl: fc.webUrl(),
        k: fc.integer({ min: 1, max: 50 }),
      }),
      post('POST', fc.constant('/api/knowledge/preview-answer'), {
        query: fc.string({ minLength: 1 }),
        pageUrl: fc.webUrl(),
      }),
      post('POST', fc.constant('/api/agents'), {
        email,
        name: fc.string({ minLength: 1 }),
        password: strongPassword,
        role: fc.constantFrom('agent', 'admin'),
        skills: strings,
        maxConcurrent: fc.integer({ min: 1, max: 100 }),
      }),
      post(
        'PUT',
        id('no-such-agent').map((a) => `/api/agents/${a}`),
        {
          name: fc.string({ minLength: 1 }),
          role: fc.constantFrom('agent', 'admin'),
          maxConcurrent: fc.integer({ min: 1, max: 100 }),
          onCall: fc.boolean(),
        },
      ),
      post('PUT', fc.constant('/api/agents/me/presence'), { status: fc.constantFrom('online', 'away') }),
      post('POST', fc.constant('/api/intents'), {
        name: fc.constantFrom('fuzz_intent', 'billing_refund'),
        description: fc.string(),
        examples: fc.array(fc.string({ minLength: 1 }), { minLength: 3, maxLength: 4 }),
        skill: fc.constant('billing'),
        policy: fc.constantFrom('ai_answer', 'handoff'),
        severity: fc.integer({ min: 0, max: 3 }),
      }),
      post('POST', fc.constant('/api/teams'), { name: fc.string({ minLength: 1 }), skills: strings }),
      post('POST', fc.constant('/api/canned-responses'), {
        title: fc.string({ minLength: 1 }),
        text: fc.string({ minLength: 1 }),
        shortcut: fc.constantFrom('refund', 'bad shortcut!'),
      }),
      post(
        'POST',
        id(conversationId).map((c) => `/api/conversations/${c}/notes`),
        { text: fc.string({ minLength: 1 }) },
      ),
      post(
        'POST',
        id(conversationId).map((c) => `/api/conversations/${c}/transfer`),
        { toAgentId: fc.uuid(), toTeamId: fc.uuid(), note: fc.string() },
      ),
      post(
        'POST',
        id(conversationId).map((c) => `/api/conversations/${c}/verdict`),
        { verdict: fc.constantFrom('correct', 'unnecessary', 'missed') },
      ),
      post('POST', fc.constant('/api/notifications/read'), { ids: fc.array(fc.integer(), { maxLength: 3 }) }),
      post('POST', fc.constant('/api/bug-reports'), {
        conversationId: id(conversationId),
        title: fc.string(),
        steps: fc.string(),
      }),
      fc.record({
        method: fc.constant('GET'),
        path: fc
          .tuple(
            fc.constantFrom(
              '/api/conversations?status=',
              '/api/metrics?from=',
              '/api/knowledge/suggestions?pageUrl=',
              '/api/knowledge/gaps?since=',
              '/api/bug-reports/draft?conversationId=',
            ),
            nastyString.map(encodeSegment),
          )
          .map(([p, q]) => p + q),
        token,
      }),
      fc.record({
        method: fc.constantFrom('GET', 'DELETE'),
        path: fc
          .tuple(
            fc.constantFrom(
              '/api/conversations/',
              '/api/knowledge/articles/',
              '/api/intents/',
              '/api/teams/',
              '/api/canned-responses/',
            ),
            id('x'),
          )
          .map(([p, i]) => p + i),
        token,
      }),
    );
  };

  it(
    'answers every request with a success or a 4xx in the error shape, ' + 'never a 500, and a refusal stores nothing',
    async () => {
      const started = performance.now();
      let cases = 0;
      const statuses: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(fc.array(calls(), { minLength: 1, maxLength: 4 }), async (batch) => {
          for (const call of batch) {
            const before = await counts();
            const res = await send(call);
            cases++;
            statuses[`${Math.floor(res.status / 100)}xx`] = (statuses[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
            const label = `${call.method} ${call.path.slice(0, 80)} -> ${res.status}`;
            expect(res.status, label).toBeLessThan(500);
            if (res.status >= 400) {
              const body = (await res.json()) as unknown;
              expect(body, label).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
              expect(await counts(), `${label}: a refused request changed stored rows`).toEqual(before);
            } else {
              await res.arrayBuffer();
            }
          }
          expect(polluted()).toBe(false);
          // After each batch, over the network: the process still serves.
          expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        }),
        fuzzParams(60),
      );
      stats[
        `routes (${Object.entries(statuses)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ')})`
      ] = { cases, ms: performance.now() - started };
    },
  );

  it('answers a burst of concurrent bad requests the same way', async () => {
    const started = performance.now();
    const samples = fc.sample(calls(), { seed: FUZZ_SEED, numRuns: 60 });
    const responses = await Promise.all(
      samples.map((c) =>
        Promise.resolve(send(c)).then(async (r) => ({
          status: r.status,
          body: r.status >= 400 ? await r.json() : null,
        })),
      ),
    );
    for (const r of responses) {
      expect(r.status).toBeLessThan(500);
      if (r.status >= 400) expect(r.body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    stats['burst'] = { cases: samples.length, ms: performance.now() - started };
  });

  // Finding 10 (last item): what node's HTTP parser refuses before any route runs still answers
  // in the error shape (raw sockets: fetch would not send these).
  const healthy = async () => expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

  it('answers a 64 KB cookie with 431 and the JSON error shape', async () => {
    const res = await rawHttp(
      server.port,
      `GET /api/conversations HTTP/1.1\r\nHost: localhost\r\nCookie: session=${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'headers_too_large', message: expect.stringMatching(/headers/) },
    });
    await healthy();
  });

  it('answers many medium headers adding up past the limit the same way', async () => {
    const headers = Array.from({ length: 40 }, (_, i) => `X-Pad-${i}: ${'b'.repeat(1000)}`).join('\r\n');
    const res = await rawHttp(
      server.port,
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n${headers}\r\nContent-Length: 2\r\n\r\n{}`,
    );
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
