import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConversationSuiteResult,
  ConversationTestResult,
} from '../../server/conversation-tests/run-conversation-suite.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

/**
 * The shipped demo suite, run through the admin API against the demo knowledge base and default
 * intents. Every conversation passes, except the known product gaps in known-failures.json, which
 * must still fail: a fix that makes one pass forces promoting it (delete its line).
 */
const SUITE = readFileSync(new URL('./demo-suite.jsonl', import.meta.url), 'utf8');
const KNOWN: Record<string, string> = JSON.parse(
  readFileSync(new URL('./known-failures.json', import.meta.url), 'utf8'),
);
const NAMES = SUITE.split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { name: string }).name);

describe(`demo conversation suite (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  const results = new Map<string, ConversationTestResult>();

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '1' }, { startWorkers: false });
    const token = await login(server);
    const res = await fetch(`${server.url}/api/conversation-tests/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonl: SUITE }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ConversationSuiteResult;
    for (const r of body.results) results.set(r.name, r);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('ships at least 80 conversations, and every known failure names one of them', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(80);
    expect(Object.keys(KNOWN).filter((n) => !NAMES.includes(n))).toEqual([]);
    expect(results.size).toBe(NAMES.length);
  });

  it.each(NAMES.filter((n) => !(n in KNOWN)))('passes: %s', (name) => {
    const r = results.get(name)!;
    expect(r.problems, JSON.stringify(r.got)).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it.each(Object.entries(KNOWN))('still fails (known gap, promote it when fixed): %s — %s', (name) => {
    expect(
      results.get(name)!.passed,
      `"${name}" passes now: remove it from tests/conversations/known-failures.json`,
    ).toBe(false);
  });

  it('stores nothing: no conversation, message or decision comes from a test run', async () => {
    const { rows } = await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversations');
    expect(rows[0]!.n).toBe(0);
  });
});
