import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Document } from '@langchain/core/documents';
import { VectorStore } from '@langchain/core/vectorstores';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { PgVectorStore } from '../../knowledge/pg-vector-store.js';
import { EmbeddingDimensionError } from '../../knowledge/knowledge-errors.js';

describe(`PgVectorStore contract (${dbKind})`, () => {
  let t: TestDb;
  let store: PgVectorStore;
  const embeddings = new LocalEmbeddings();

  beforeAll(async () => {
    t = await openTestDb();
    store = new PgVectorStore(embeddings, { db: t.db });
    await t.db.query(
      'INSERT INTO articles (id, title, body, format, content_hash, pages) ' +
        "VALUES ('a1', 'Billing', '', 'markdown', 'h', ARRAY['/billing'])",
    );
    await store.addDocuments([
      new Document({
        pageContent: 'Change the billing email for invoices',
        metadata: { articleId: 'a1', ordinal: 0, headingPath: 'Billing' },
      }),
      new Document({
        pageContent: 'Reset a forgotten password',
        metadata: { articleId: 'a1', ordinal: 1, headingPath: 'Billing' },
      }),
      new Document({
        pageContent: 'Export projects to CSV',
        metadata: { articleId: 'a1', ordinal: 2, headingPath: 'Billing' },
      }),
    ]);
  });
  afterAll(async () => t?.dispose());

  it('is a LangChain VectorStore', () => {
    expect(store).toBeInstanceOf(VectorStore);
  });

  it('scores are similarities: higher is more similar, identical text scores ~1', async () => {
    const results = await store.similaritySearchWithScore('Change the billing email for invoices', 3);
    expect(results.map(([d]) => d.metadata.ordinal)).toEqual([0, expect.any(Number), expect.any(Number)]);
    const scores = results.map(([, s]) => s);
    expect(scores[0]).toBeCloseTo(1, 4);
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(results[0]![0].id).toBe('a1:0');
    expect(results[0]![0].metadata).toMatchObject({ articleId: 'a1', title: 'Billing', pages: ['/billing'] });
  });

  it('upserts on stable ids and deletes by id and by article', async () => {
    await store.addDocuments([
      new Document({
        pageContent: 'Change the billing email (edited)',
        metadata: { articleId: 'a1', ordinal: 0, headingPath: 'Billing' },
      }),
    ]);
    const count = async () =>
      Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks')).rows[0]!.n);
    expect(await count()).toBe(3);
    await store.delete({ ids: ['a1:2'] });
    expect(await count()).toBe(2);
    await store.delete({ articleId: 'a1' });
    expect(await count()).toBe(0);
  });

  it('rejects vectors that do not fit the column', async () => {
    await expect(store.similaritySearchVectorWithScore([1, 0, 0], 1)).rejects.toBeInstanceOf(EmbeddingDimensionError);
  });
});
