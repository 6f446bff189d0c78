import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoad } from '../../bench/throughput.js';
import { LOAD_QUESTIONS, type StepLoad } from '../../bench/throughput-load.js';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer } from '../helpers/test-server.js';

/**
 * The throughput benchmark's load generator replaces a visitor that has asked every question. It
 * used to close the old socket at once, so under load the answers still owed to it never arrived
 * and the benchmark reported them unanswered (a knee of its own making, 806 of 1,400 at 350/s).
 */
describe(`throughput load generator (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  // 400 ms an answer, and one conversation's turns run one at a time: answers lag the questions.
  const model = new FakeOpenAiServer();
  model.reply = (body) => (body.stream ? { text: 'Here is how, step by step [1].', delayMs: 400 } : { status: 500 });

  beforeAll(async () => {
    await model.start();
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {
      RATE_LIMITS: 'off',
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_CHAT_MODEL: 'fake-model',
    });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
    await model.stop();
  });

  it('counts the answers owed to a visitor it replaced after its last question', { timeout: 60_000 }, async () => {
    const load = startLoad();
    try {
      await load.ask({ type: 'connect', url: server.url, sockets: 1 });
      // One socket, more questions than it asks before being replaced: the first one is replaced while it is still
      // owed most of its answers.
      const sent = LOAD_QUESTIONS.length + 3;
      const step = (await load.ask({ type: 'step', rate: sent, seconds: 1, graceSeconds: 30 })) as StepLoad;
      expect(step).toMatchObject({ sent, answered: sent, unanswered: 0, rejected: 0, handoffs: 0 });
    } finally {
      await load.ask({ type: 'close' });
    }
  });
});
