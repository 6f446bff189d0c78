/**
 * Hybrid query latency at scale: 10k chunks on PGlite and 100k chunks on PostgreSQL (pgvector).
 * The corpus is bulk-loaded (generated articles, chunked and embedded by the product's own
 * chunker and offline embedder, HNSW built after the load); queries go through the real
 * `kb.search`. PostgreSQL: `BENCH_DATABASE_URL`, else postgres://postgres@127.0.0.1:5432/test,
 * in a fresh schema dropped afterwards; skipped with the reason when unreachable.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/db.js';
import { toVectorLiteral } from '../server/db/db.js';
import { createPgDb } from '../server/db/pg-db.js';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { LocalEmbeddings } from '../knowledge/local-embeddings.js';
import { chunkArticle, chunkEmbeddingText } from '../knowledge/chunk-article.js';
import { percentile, round } from './bench-result.js';
import { syntheticArticle, syntheticQuestion } from './synthetic-kb.js';

const QUERIES = 300;
const WARMUP = 30;

export async function benchKnowledgeQuery(): Promise<Record<string, unknown>> {
  const pglite = await createPgliteDb();
  let pgliteFigures: Record<string, unknown>;
  try {
    await migrate(pglite);
    pgliteFigures = await measure(pglite, 10_000);
  } finally {
    await pglite.close();
  }
  return { pglite10k: pgliteFigures, postgres100k: await onPostgres(100_000) };
}

async function onPostgres(targetChunks: number): Promise<Record<string, unknown>> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let admin: Db;
  try {
    admin = await createPgDb({ connectionString: url, max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
  } catch (err) {
    const reason =
      `PostgreSQL unreachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${(err as Error).message}); ` +
      `set BENCH_DATABASE_URL`;
    console.warn(`[knowledge-query] skipped on PostgreSQL: ${reason}`);
    return { skipped: reason };
  }
  const db = await createPgDb({ connectionString: url, max: 4, options: `-c search_path=${schema},public` });
  try {
    await migrate(db);
    return await measure(db, targetChunks);
  } finally {
    await db.close();
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}

async function measure(db: Db, targetChunks: number): Promise<Record<string, unknown>> {
  const embedder = new LocalEmbeddings();
  const t0 = performance.now();
  const { articles, chunks } = await bulkLoad(db, embedder, targetChunks);
  const loadSeconds = (performance.now() - t0) / 1000;
  const questions = Array.from({ length: QUERIES }, (_, i) => syntheticQuestion(i * 7));
  const timeQueries = async (kb: ReturnType<typeof createKnowledgeBase>) => {
    for (let i = 0; i < WARMUP; i++) await kb.search(questions[i]!, { k: 5 });
    const latencies: number[] = [];
    for (const q of questions) {
      const start = performance.now();
      await kb.search(q, { k: 5, pageUrl: '/billing/plans' });
      latencies.push(performance.now() - start);
    }
    return latencies;
  };
  // The product's own confidence calibration, fitted as after an upload, so its per-query cost counts.
  const kb = createKnowledgeBase({ db, embeddings: embedder });
  const c0 = performance.now();
  const calibration = await kb.calibration.recalibrate();
  const calibrationSeconds = (performance.now() - c0) / 1000;
  const latencies = await timeQueries(kb);
  await kb.calibration.close();
  // Baseline in the same run: the vector half alone (one HNSW lookup), the floor hybrid builds on.
  const vectorOnly = await timeQueries(createKnowledgeBase({ db, embeddings: embedder, search: { mode: 'vector' } }));
  return {
    database: db.kind,
    articles,
    chunks,
    loadSeconds: round(loadSeconds),
    calibrationSeconds: round(calibrationSeconds),
    pseudoQuestions: calibration.calibration?.pseudoQuestions ?? 0,
    calibrationDecides: calibration.decides,
    queries: QUERIES,
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    meanMs: round(latencies.reduce((s, x) => s + x, 0) / latencies.length),
    vectorOnlyP50Ms: round(percentile(vectorOnly, 0.5)),
    vectorOnlyP99Ms: round(percentile(vectorOnly, 0.99)),
    hybridOverVectorP99: round(percentile(latencies, 0.99) / percentile(vectorOnly, 0.99)),
  };
}

/** Generated articles until `targetChunks`, inserted in multi-row batches, HNSW built once at the end. */
export async function bulkLoad(
  db: Db,
  embedder: LocalEmbeddings,
  targetChunks: number,
): Promise<{ articles: number; chunks: number }> {
  await db.exec('DROP INDEX IF EXISTS chunks_embedding_hnsw');
  let chunks = 0;
  let i = 0;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (!batch.length) return;
    const values = batch
      .map(
        (_, r) => `($${r * 6 + 1}, $${r * 6 + 2}, $${r * 6 + 3}, $${r * 6 + 4}, $${r * 6 + 5}, $${r * 6 + 6}::vector)`,
      )
      .join(',');
    await db.query(
      `INSERT INTO chunks (id, article_id, ordinal, heading_path, text, embedding) VALUES ${values}`,
      batch.flat(),
    );
    batch = [];
  };
  while (chunks < targetChunks) {
    const a = syntheticArticle(i);
    const id = `bench-${i}`;
    await db.query(
      `INSERT INTO articles (id, title, body, format, pages, ` +
        `content_hash, source) VALUES ($1, $2, $3, 'markdown', $4, $5, $6)`,
      [id, a.title, a.body, a.pages, `h${i}`, `bench:${i}`],
    );
    for (const c of await chunkArticle({ title: a.title, body: a.body, format: 'markdown' })) {
      batch.push([
        `${id}:${c.ordinal}`,
        id,
        c.ordinal,
        c.headingPath,
        c.text,
        toVectorLiteral(embedder.embed(chunkEmbeddingText(c))),
      ]);
      chunks++;
    }
    if (batch.length >= 400) await flush();
    i++;
  }
  await flush();
  await db.transaction(async (tx) => {
    if (db.kind === 'pg') await tx.query("SET LOCAL maintenance_work_mem = '512MB'");
    await tx.query('CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops)');
  });
  await db.query(
    `INSERT INTO embedding_index (id, model, dimension) VALUES (1, $1, $2) ON CONFLICT (id) ` +
      `DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension`,
    [embedder.model, embedder.dimension],
  );
  await db.exec('ANALYZE chunks; ANALYZE articles');
  return { articles: i, chunks };
}
