/**
 * `npm run bench -- queries-per-message [--messages=60] [--log] [--timing] [--db=pglite|postgres]`: SQL statements
 * sent through the Db seam for each offline, AI-answered visitor message (embedded database by default), from the
 * socket
 * `message` to the server being idle again (storage, pipeline, answer, events). Conversations get
 * two questions each, so first and follow-up messages are both measured. `--log` prints the
 * statement texts of one first and one follow-up message (to find repeats); `--timing` ranks statement
 * texts by their total time over all measured messages (where the database's share of a turn goes).
 */
import { DEMO_QUESTIONS } from './demo-questions.js';
import { io, type Socket } from 'socket.io-client';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { createPgDb } from '../server/db/pg-db.js';
import { freshBenchDatabase } from './bench-database.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/start-server.js';
import { parseBenchFlags } from './bench-flags.js';
import { round } from './bench-result.js';
import { countingDb, slowestStatements, type TimedStatement } from './counting-db.js';

const QUESTIONS = DEMO_QUESTIONS;

export async function benchQueriesPerMessage(args: string[] = []): Promise<Record<string, unknown>> {
  const f = parseBenchFlags(args, { messages: 60, log: false, timing: false, db: 'pglite' });
  const messages = Number(f.messages);
  if (f.db !== 'pglite' && f.db !== 'postgres') throw new Error(`--db is pglite or postgres, not ${f.db}`);
  const pg = f.db === 'postgres' ? await freshBenchDatabase('firstline_bench_queries') : null;
  if (pg && pg.url === null) throw new Error(`--db=postgres: ${pg.reason}`);
  const db = countingDb(pg?.url ? await createPgDb({ connectionString: pg.url }) : await createPgliteDb());
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ADMIN_PASSWORD: 'bench-password',
      RATE_LIMITS: 'off',
    }),
    { db, log: createLogger('silent'), startWorkers: false },
  );
  const counts = { first: [] as number[], followUp: [] as number[] };
  const logged: Record<string, string[]> = {};
  const timed: TimedStatement[] = [];
  let socket: Socket | null = null;
  try {
    for (let i = 0; i < messages; i++) {
      const followUp = i % 2 === 1;
      if (!followUp) {
        socket?.close();
        socket = io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true, reconnection: false });
        await new Promise<void>((resolve) => socket!.once('session', () => resolve()));
        await server.idle();
      }
      const s = socket!;
      const answered = new Promise<void>((resolve) => {
        const onMessage = (m: { role: string }) => {
          if (m.role !== 'ai') return;
          s.off('message', onMessage);
          resolve();
        };
        s.on('message', onMessage);
      });
      db.reset();
      s.emit('message', { clientMessageId: `q${i}`, text: QUESTIONS[i % QUESTIONS.length] }, () => undefined);
      await answered;
      await server.idle();
      (followUp ? counts.followUp : counts.first).push(db.statements.length);
      if (i >= 2) timed.push(...db.timed);
      const key = followUp ? 'followUp' : 'first';
      if (f.log && i >= 2 && !logged[key]) logged[key] = [...db.statements];
    }
  } finally {
    socket?.close();
    await server.close();
    await db.close();
    if (pg?.url) await pg.drop();
  }
  const mean = (v: number[]) => round(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length), 1);
  for (const [key, statements] of Object.entries(logged)) {
    process.stdout.write(`[queries-per-message] statements of one ${key} message (${statements.length}):\n`);
    statements.forEach((sql, n) =>
      process.stdout.write(`  ${String(n + 1).padStart(2)}. ${sql.length > 220 ? `${sql.slice(0, 220)}...` : sql}\n`),
    );
  }
  const slowest = f.timing ? slowestStatements(timed, 12) : [];
  if (f.timing) {
    const total = timed.reduce((a, t) => a + t.ms, 0);
    process.stdout.write(
      `[queries-per-message] statement time per message ` +
        `${round(total / Math.max(1, messages - 2), 2)} ms; by total time:\n`,
    );
    for (const r of slowest)
      process.stdout.write(
        `  ${String(r.totalMs).padStart(8)} ms ${String(r.calls).padStart(4)}x ` +
          `${String(r.meanMs).padStart(6)} ms  ${r.sql.slice(0, 160)}\n`,
      );
  }
  return {
    db: f.db,
    messages,
    statementsPerMessage: mean([...counts.first, ...counts.followUp]),
    firstMessage: mean(counts.first),
    followUpMessage: mean(counts.followUp),
    ...(f.timing
      ? { statementMsPerMessage: round(timed.reduce((a, t) => a + t.ms, 0) / Math.max(1, messages - 2), 2), slowest }
      : {}),
  };
}
