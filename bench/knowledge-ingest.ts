/** Ingestion throughput: 1,000 generated articles through the knowledge base (offline embedder, PGlite). */
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { LocalEmbeddings } from '../knowledge/local-embeddings.js';
import { round } from './bench-result.js';
import { syntheticArticle } from './synthetic-kb.js';

export const INGEST_ARTICLES = 1000;

export async function benchKnowledgeIngest(): Promise<Record<string, unknown>> {
  const db = await createPgliteDb();
  try {
    await migrate(db);
    const kb = createKnowledgeBase({ db, embeddings: new LocalEmbeddings() });
    let chunks = 0;
    const t0 = performance.now();
    for (let i = 0; i < INGEST_ARTICLES; i++) {
      const a = syntheticArticle(i);
      chunks += (await kb.addArticle({ ...a, format: 'markdown', source: `bench:${i}` })).chunks;
    }
    const seconds = (performance.now() - t0) / 1000;
    // Re-ingesting unchanged content must be (nearly) free.
    const t1 = performance.now();
    for (let i = 0; i < INGEST_ARTICLES; i++)
      await kb.addArticle({ ...syntheticArticle(i), format: 'markdown', source: `bench:${i}` });
    const unchangedSeconds = (performance.now() - t1) / 1000;
    return {
      database: 'pglite',
      embedder: kb.model,
      articles: INGEST_ARTICLES,
      chunks,
      seconds: round(seconds),
      articlesPerSecond: round(INGEST_ARTICLES / seconds),
      chunksPerSecond: round(chunks / seconds),
      targetSeconds: 60,
      unchangedReingestSeconds: round(unchangedSeconds),
    };
  } finally {
    await db.close();
  }
}
