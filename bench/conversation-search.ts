/**
 * `npm run bench -- conversation-search`: fills an in-memory PGlite with generated conversations
 * (BENCH_SEARCH_CONVERSATIONS, default 5,000, 4 messages each) and times the query behind
 * `GET /api/conversations/search` for a rare word, a common word and an email fragment
 * (p50/p99 over 30 runs each).
 */
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createConversationSearch } from '../server/conversations/conversation-search.js';

const WORDS = [
  'invoice',
  'billing',
  'password',
  'export',
  'slack',
  'webhook',
  'refund',
  'plan',
  'seat',
  'project',
  'task',
  'login',
  'sync',
  'team',
  'email',
];

export async function benchConversationSearch(): Promise<Record<string, unknown>> {
  const N = Number(process.env.BENCH_SEARCH_CONVERSATIONS ?? 5000);
  const db = await createPgliteDb();
  await migrate(db);
  const t0 = performance.now();
  for (let i = 0; i < N; i += 250) {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let j = i; j < Math.min(N, i + 250); j++) {
      params.push(`v${j}`, `Visitor ${j}`, `visitor${j}@example${j % 50}.com`);
      values.push(`($${params.length - 2}, $${params.length - 1}, $${params.length})`);
    }
    await db.query(`INSERT INTO visitors (id, name, email) VALUES ${values.join(',')}`, params);
    await db.query(
      `INSERT INTO conversations (id, visitor_id) SELECT 'c' || substr(id, 2), id FROM visitors WHERE id = ANY($1)`,
      [params.filter((_, k) => k % 3 === 0)],
    );
    const msgs: string[] = [];
    const mp: unknown[] = [];
    for (let j = i; j < Math.min(N, i + 250); j++) {
      for (let m = 0; m < 4; m++) {
        const w = WORDS[(j * 7 + m * 3) % WORDS.length];
        const rare = j % 997 === 0 && m === 0 ? ' chargeback' : '';
        mp.push(
          `m${j}-${m}`,
          `c${j}`,
          m % 2 ? 'ai' : 'visitor',
          `Hello, I have a question about my ${w} and the ${WORDS[(j + m) % WORDS.length]} settings${rare}.`,
        );
        msgs.push(`($${mp.length - 3}, $${mp.length - 2}, $${mp.length - 1}, $${mp.length})`);
      }
    }
    await db.query(`INSERT INTO messages (id, conversation_id, role, text) VALUES ${msgs.join(',')}`, mp);
  }
  const fillSeconds = +((performance.now() - t0) / 1000).toFixed(1);
  const search = createConversationSearch(db);
  const pct = (xs: number[], p: number) =>
    xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  const queries: Array<Record<string, unknown>> = [];
  for (const q of ['chargeback', 'webhook', 'example7.com']) {
    const ms: number[] = [];
    let hits = 0;
    for (let r = 0; r < 30; r++) {
      const s = performance.now();
      hits = (await search.search({ q, limit: 20, offset: 0 })).results.length;
      ms.push(performance.now() - s);
    }
    queries.push({ query: q, hits, p50Ms: +pct(ms, 0.5).toFixed(1), p99Ms: +pct(ms, 0.99).toFixed(1) });
  }
  await db.close();
  return { database: 'pglite', conversations: N, messages: N * 4, fillSeconds, queries };
}
