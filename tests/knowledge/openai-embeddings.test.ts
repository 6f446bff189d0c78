import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { startTestServer } from '../helpers/test-server.js';
import { createKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { LocalEmbeddings, LOCAL_EMBEDDING_DIMENSION } from '../../knowledge/local-embeddings.js';
import { EmbeddingProviderError, OpenAiEmbeddings } from '../../knowledge/openai-embeddings.js';
import { RELATIVE_CONFIDENCE_THRESHOLDS, confidenceFor, isConfident } from '../../knowledge/retrieval-confidence.js';

describe('OpenAI-compatible embeddings', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await new FakeOpenAiServer().start();
  });
  afterAll(async () => fake?.stop());

  it('batches documents through the real openai client and keeps their order', async () => {
    fake.embeddingRequests.length = 0;
    const e = new OpenAiEmbeddings({ apiKey: 'test', baseURL: fake.url, model: 'text-embedding-fake', batchSize: 2 });
    const vectors = await e.embedDocuments(['alpha', 'beta', 'gamma', '']);
    expect(vectors).toHaveLength(4);
    expect(vectors[0]).toHaveLength(fake.embeddingDimension);
    expect(fake.embeddingRequests.map((r) => (r.input as string[]).length)).toEqual([2, 2]);
    expect(fake.embeddingRequests[0]!.model).toBe('text-embedding-fake');
    expect(await e.embedQuery('alpha')).toEqual(vectors[0]);
  });

  it('fails with an actionable error when the endpoint is down', async () => {
    const e = new OpenAiEmbeddings({
      apiKey: 'test',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'm',
      maxRetries: 0,
      timeoutMs: 2000,
    });
    await expect(e.embedQuery('x')).rejects.toBeInstanceOf(EmbeddingProviderError);
    await expect(e.embedQuery('x')).rejects.toThrow(/OPENAI_BASE_URL/);
  });

  it('uses calibrated thresholds only for the local model, a relative margin for others', () => {
    expect(confidenceFor('local-hash-v1').mode).toBeUndefined();
    expect(confidenceFor('openai:text-embedding-3-small')).toBe(RELATIVE_CONFIDENCE_THRESHOLDS);
    // The same absolute similarity means nothing on another scale: the margin decides.
    expect(isConfident({ similarity: 0.82, coverage: 1, margin: 0.02 }, RELATIVE_CONFIDENCE_THRESHOLDS)).toBe(false);
    expect(isConfident({ similarity: 0.3, coverage: 0.6, margin: 0.3 }, RELATIVE_CONFIDENCE_THRESHOLDS)).toBe(true);
  });
});

describe(`switching embedders re-embeds and resizes the column (${dbKind})`, () => {
  let t: TestDb;
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    t = await openTestDb();
    fake = await new FakeOpenAiServer().start();
  });
  afterAll(async () => {
    await fake?.stop();
    await t?.dispose();
  });
  const columnDimension = async () =>
    Number(
      (
        await t.db.query<{ d: number }>(
          "SELECT atttypmod AS d FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'",
        )
      ).rows[0]!.d,
    );

  it('local -> OpenAI (64 dims) -> local, with search working at each step', async () => {
    const local = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    await local.addArticle({
      title: 'Reset your password',
      body: 'Click "Forgot password" on the login page and follow the email.',
      format: 'markdown',
    });
    await local.addArticle({
      title: 'Export to CSV',
      body: 'Open a project, choose Export and pick CSV.',
      format: 'markdown',
    });
    expect(await columnDimension()).toBe(LOCAL_EMBEDDING_DIMENSION);

    // Through the server's start-up path, as OPENAI_EMBEDDING_MODEL would configure it.
    const server = await startTestServer(t.db, {
      OPENAI_API_KEY: 'test',
      OPENAI_BASE_URL: fake.url,
      OPENAI_EMBEDDING_MODEL: 'fake-embed',
      SEED_DEMO: '0',
    });
    try {
      expect(await columnDimension()).toBe(64);
      const { rows } = await t.db.query<{ model: string; dimension: number }>(
        'SELECT model, dimension FROM embedding_index',
      );
      expect(rows[0]).toMatchObject({ model: 'openai:fake-embed', dimension: 64 });
      const res = await server.kb.search('forgot my password');
      expect(res.results[0]!.title).toBe('Reset your password');
      const hnsw = await t.db.query(
        "SELECT 1 FROM pg_indexes WHERE indexname = 'chunks_embedding_hnsw' AND tablename = 'chunks'",
      );
      expect(hnsw.rows.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }

    const back = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    const ensured = await back.ensureIndex();
    expect(ensured).toMatchObject({ reembedded: true, articles: 2 });
    expect(await columnDimension()).toBe(LOCAL_EMBEDDING_DIMENSION);
    expect((await back.ensureIndex()).reembedded).toBe(false);
    expect((await back.search('export csv')).results[0]!.title).toBe('Export to CSV');
  });

  it('leaves the old index intact when the new embedder fails midway', async () => {
    const kb = createKnowledgeBase({
      db: t.db,
      embeddings: new OpenAiEmbeddings({ apiKey: 'x', baseURL: 'http://127.0.0.1:9/v1', model: 'down', maxRetries: 0 }),
      model: 'openai:down',
      dimension: 64,
    });
    await expect(kb.ensureIndex()).rejects.toBeInstanceOf(EmbeddingProviderError);
    expect(await columnDimension()).toBe(LOCAL_EMBEDDING_DIMENSION);
    const local = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    expect((await local.search('export csv')).results[0]!.title).toBe('Export to CSV');
  });
});
