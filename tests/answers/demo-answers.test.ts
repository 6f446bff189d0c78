import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSuiteResult } from '../../protocol/conversation-tests.js';
import { answerItemsAsConversations, judgeAnswers, parseAnswerSuite } from '../../server/conversation-tests/answer-suite.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

/**
 * The shipped answer-quality set (`npm run eval -- answers tests/answers/demo-answers.jsonl`), run
 * through the admin API on the demo knowledge base: the score must stay at or above 0.90.
 */
const ITEMS = parseAnswerSuite(readFileSync(new URL('./demo-answers.jsonl', import.meta.url), 'utf8'), 'demo-answers.jsonl');

describe(`demo answer set (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let judged: ReturnType<typeof judgeAnswers>;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '1' }, { startWorkers: false });
    const token = await login(server);
    const res = await fetch(`${server.url}/api/conversation-tests/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ conversations: answerItemsAsConversations(ITEMS) }),
    });
    expect(res.status).toBe(200);
    judged = judgeAnswers(ITEMS, (await res.json()) as ConversationSuiteResult, await server.kb.listArticles());
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('ships at least 55 English items, at least 8 of them two-turn follow-ups', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(55);
    expect(ITEMS.filter((i) => i.turns.length > 1).length).toBeGreaterThanOrEqual(8);
  });

  it('scores at least 0.90: the right article, every required phrase, within the length limit', () => {
    const failing = judged.items.filter((r) => !(r.rightArticle && r.containsPhrases && r.withinLength)).map((r) => `${r.name}: ${r.outcome} ${r.missing.join(', ')}`);
    expect(judged.figures.score, failing.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
