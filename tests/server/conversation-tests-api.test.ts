import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSuiteResult } from '../../server/conversation-tests/run-conversation-suite.js';
import type { RunningServer } from '../../server/start-server.js';
import { CONVERSATION_TEST_LIMITS } from '../../protocol/conversation-tests.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

describe(`POST /api/conversation-tests/run (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let token: string;
  const run = (body: unknown) =>
    fetch(`${server.url}/api/conversation-tests/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '1' }, { startWorkers: false });
    token = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('refuses a malformed suite with every problem, line-numbered, and runs nothing', async () => {
    const jsonl = [
      '# a comment line',
      '{"name":"ok","turns":["How do I reset my password?"],"expect":{"handoff":true}}',
      '{"name":"broken",',
      '{"name":"no expectation","turns":["hi"]}',
      '{"name":"ok","turns":["hi"],"expect":{"noAnswer":true}}',
    ].join('\n');
    const res = await run({ jsonl });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_suite');
    expect(error.message).toContain('line 3: not valid JSON');
    const again = await run({ jsonl: jsonl.replace('{"name":"broken",\n', '') });
    const second = ((await again.json()) as { error: { message: string } }).error.message;
    expect(second).toMatch(/line 3: expect/);
    expect(second).toContain('line 4: the name "ok" is already used on line 2');
  });

  it('bounds the suite: too many conversations is a 413 that says the limit', async () => {
    const one = { name: 'x', turns: ['hi'], expect: { noAnswer: true } };
    const res = await run({
      conversations: Array.from({ length: CONVERSATION_TEST_LIMITS.conversations + 1 }, (_, i) => ({
        ...one,
        name: `c${i}`,
      })),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      `at most ${CONVERSATION_TEST_LIMITS.conversations} conversations`,
    );
    const big = await run({ jsonl: 'x'.repeat(CONVERSATION_TEST_LIMITS.bytes + 10) });
    expect(big.status).toBe(413);
  });

  it('judges the last turn: answer citing an article by slug, title or id; handoff; no answer', async () => {
    const articles = (await server.kb.listArticles()).find((a) => a.url === '/help/login-password-2fa')!;
    const res = await run({
      conversations: [
        {
          name: 'by slug',
          turns: ['How do I reset my password?'],
          expect: { answer: 'login-password-2fa' },
          mustContain: ['forgot   PASSWORD'],
        },
        { name: 'by title', turns: ['How do I reset my password?'], expect: { answer: articles.title.toUpperCase() } },
        { name: 'by id', turns: ['How do I reset my password?'], expect: { answer: articles.id } },
        { name: 'wrong article', turns: ['How do I reset my password?'], expect: { answer: 'refunds' } },
        { name: 'unknown article', turns: ['How do I reset my password?'], expect: { answer: 'no-such-article' } },
        {
          name: 'missing phrase',
          turns: ['How do I reset my password?'],
          expect: { answer: 'login-password-2fa' },
          mustContain: ['call us on 0800'],
        },
        {
          name: 'person',
          turns: ['How do I reset my password?', 'I want to talk to a human.'],
          expect: { handoff: true },
        },
        {
          name: 'early handoff',
          turns: ['I want to talk to a human.', 'How do I reset my password?'],
          expect: { answer: 'login-password-2fa' },
        },
        { name: 'not a handoff', turns: ['How do I reset my password?'], expect: { handoff: true } },
        { name: 'must not answer', turns: ['How do I reset my password?'], expect: { noAnswer: true } },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ConversationSuiteResult;
    const by = Object.fromEntries(body.results.map((r) => [r.name, r]));
    expect(body).toMatchObject({ total: 10, passed: 4, failed: 6 });
    for (const name of ['by slug', 'by title', 'by id', 'person']) expect(by[name]!.problems, name).toEqual([]);
    expect(by['by slug']!.got).toMatchObject({ outcome: 'answer', article: { id: articles.id }, turn: 1 });
    expect(by['wrong article']!.problems[0]).toMatch(
      /expected an answer citing "Refund policy", it cited "Login problems/,
    );
    expect(by['unknown article']!.problems[0]).toContain('no article in the knowledge base matches "no-such-article"');
    expect(by['missing phrase']!.problems).toEqual(['the last reply does not contain "call us on 0800"']);
    expect(by['early handoff']!.problems[0]).toMatch(/^turn 1 handed off \(explicit_request\)/);
    expect(by['early handoff']!.turns).toHaveLength(1);
    expect(by['not a handoff']!.problems[0]).toMatch(/expected a handoff, got answer/);
    expect(by['must not answer']!.problems[0]).toMatch(/expected no answer from the knowledge base/);
    // The decision trace of each turn: what the stages saw and decided.
    const trace = by['person']!.turns[1]!;
    expect(trace).toMatchObject({
      outcome: 'handoff',
      decision: { action: 'handoff', reasonCode: 'explicit_request' },
      trace: { intent: { name: 'talk_to_human' } },
    });
    expect(by['by slug']!.turns[0]!.trace.retrieval?.results[0]?.articleId).toBe(articles.id);
    // Nothing reached the queue: test conversations exist only in memory.
    const { rows } = await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
    expect(rows[0]!.n).toBe(0);
  });
});
