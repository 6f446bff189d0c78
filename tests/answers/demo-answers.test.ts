import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSuiteResult } from '../../protocol/conversation-tests.js';
import {
  answerItemsAsConversations,
  judgeAnswers,
  parseAnswerSuite,
} from '../../server/conversation-tests/answer-suite.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

/**
 * The shipped answer-quality set (`npm run eval -- answers tests/answers/demo-answers.jsonl`), run
 * through the admin API on the demo knowledge base: the score must stay at or above 0.90.
 */
const ITEMS = parseAnswerSuite(
  readFileSync(new URL('./demo-answers.jsonl', import.meta.url), 'utf8'),
  'demo-answers.jsonl',
);
/** German, French and Spanish questions over the translated demo articles. */
const I18N_ITEMS = parseAnswerSuite(
  readFileSync(new URL('./demo-answers-i18n.jsonl', import.meta.url), 'utf8'),
  'demo-answers-i18n.jsonl',
);

describe(`demo answer set (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let judged: ReturnType<typeof judgeAnswers>;
  let judgedI18n: ReturnType<typeof judgeAnswers>;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '1' }, { startWorkers: false });
    const token = await login(server);
    const run = async (items: typeof ITEMS) => {
      const res = await fetch(`${server.url}/api/conversation-tests/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ conversations: answerItemsAsConversations(items) }),
      });
      expect(res.status).toBe(200);
      return judgeAnswers(items, (await res.json()) as ConversationSuiteResult, await server.kb.listArticles());
    };
    judged = await run(ITEMS);
    judgedI18n = await run(I18N_ITEMS);
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('ships at least 55 English items, at least 8 of them two-turn follow-ups', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(55);
    expect(ITEMS.filter((i) => i.turns.length > 1).length).toBeGreaterThanOrEqual(8);
  });

  it('scores at least 0.90: the right article, every required phrase, within the length limit', () => {
    const failing = judged.items
      .filter((r) => !(r.rightArticle && r.containsPhrases && r.withinLength))
      .map((r) => `${r.name}: ${r.outcome} ${r.missing.join(', ')}`);
    expect(judged.figures.score, failing.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('answers German, French and Spanish questions from the article in their language (at least 0.88)', () => {
    expect(I18N_ITEMS.length).toBeGreaterThanOrEqual(10);
    const failing = judgedI18n.items
      .filter((r) => !(r.rightArticle && r.containsPhrases && r.withinLength))
      .map((r) => `${r.name}: ${r.outcome} ${r.missing.join(', ')}`);
    expect(judgedI18n.figures.score, failing.join('\n')).toBeGreaterThanOrEqual(0.88);
  });
});
