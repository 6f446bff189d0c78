/**
 * Visitor message -> AI answer over real sockets, against the pipeline alone in the same run
 * (the baseline), so the figure shows what storage, events and sockets add.
 */
import { DEMO_QUESTIONS } from './demo-questions.js';
import { io } from 'socket.io-client';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/start-server.js';
import { runPipeline } from '../server/pipeline/run-pipeline.js';
import { createDefaultPipeline } from '../server/pipeline/default-pipeline.js';
import { createIntentCatalog } from '../server/intents/intent-catalog.js';
import { createExtractiveAnswerer } from '../server/pipeline/answerer.js';
import { DEFAULT_INTENTS } from '../understanding/default-intents.js';
import { trainIntentClassifier } from '../understanding/intent-classifier.js';
import { percentile, round } from './bench-result.js';

const QUESTIONS = DEMO_QUESTIONS;
const TURNS = 120;

export async function benchPipelineLatency(): Promise<Record<string, unknown>> {
  const db = await createPgliteDb();
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: 'bench-password',
      RATE_LIMITS: 'off',
    }),
    { db, log: createLogger('silent') },
  );
  try {
    // Baseline: the same stages called directly, no storage or sockets.
    const catalog = createIntentCatalog(DEFAULT_INTENTS, (ex) => trainIntentClassifier(ex));
    const stages = createDefaultPipeline({
      catalog: () => catalog,
      kb: server.kb,
      answerer: createExtractiveAnswerer({ articles: (id) => server.kb.getArticle(id) }),
    });
    const direct: number[] = [];
    for (let i = 0; i < TURNS; i++) {
      const t0 = performance.now();
      await runPipeline(stages, {
        conversationId: 'bench',
        messageId: `m${i}`,
        text: QUESTIONS[i % QUESTIONS.length]!,
        status: 'bot',
        page: { url: 'http://localhost/billing', title: 'Billing' },
        pageTrail: [],
        visitor: { id: 'v', verified: false },
        history: [],
        previousTrajectory: null,
      });
      direct.push(performance.now() - t0);
    }

    const endToEnd: number[] = [];
    for (let i = 0; i < TURNS; i += 1) {
      // A fresh conversation each time, so no loop detection or history changes the work.
      const socket = io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true, reconnection: false });
      await new Promise<void>((resolve) => socket.once('session', () => resolve()));
      const t0 = performance.now();
      const answered = new Promise<void>((resolve) =>
        socket.on('message', (m: { role: string }) => m.role === 'ai' && resolve()),
      );
      socket.emit('message', { clientMessageId: `b${i}`, text: QUESTIONS[i % QUESTIONS.length] }, () => undefined);
      await answered;
      endToEnd.push(performance.now() - t0);
      socket.close();
    }
    const p = (v: number[], q: number) => round(percentile(v, q));
    return {
      turns: TURNS,
      pipelineOnly: { p50Ms: p(direct, 0.5), p99Ms: p(direct, 0.99) },
      messageToAnswer: { p50Ms: p(endToEnd, 0.5), p99Ms: p(endToEnd, 0.99) },
      overheadRatioP50: round(percentile(endToEnd, 0.5) / Math.max(0.001, percentile(direct, 0.5))),
    };
  } finally {
    await server.close();
    await db.close();
  }
}
