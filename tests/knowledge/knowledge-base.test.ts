import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import {
  ArticleNotFoundError,
  EmbeddingModelMismatchError,
  InvalidArticleError,
} from '../../knowledge/knowledge-errors.js';
import type { ArticleInput } from '../../knowledge/types.js';

/** Counts embedder calls, to prove that unchanged re-ingest does no work. */
class CountingEmbeddings extends LocalEmbeddings {
  documents = 0;
  override async embedDocuments(docs: string[]) {
    this.documents += docs.length;
    return super.embedDocuments(docs);
  }
}

const article: ArticleInput = {
  title: 'Change the billing email',
  body: '## Steps\n\nGo to Settings > Billing and click Edit.\n\n## Troubleshooting\n\nCheck your spam folder.',
  format: 'markdown',
  url: '/help/billing-email',
  pages: ['/billing', '/billing/*'],
  tags: ['billing'],
};

describe(`knowledge base ingest (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  const embeddings = new CountingEmbeddings();
  const chunkRows = async (id: string) =>
    (await t.db.query<{ id: string }>('SELECT id FROM chunks WHERE article_id = $1 ORDER BY ordinal', [id])).rows.map(
      (r) => r.id,
    );

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings });
  });
  afterAll(async () => t?.dispose());

  it('adds an article with stable chunk ids and records the embedding model', async () => {
    const res = await kb.addArticle(article);
    expect(res).toMatchObject({ chunks: 2, changed: true });
    expect(await chunkRows(res.id)).toEqual([`${res.id}:0`, `${res.id}:1`]);
    const idx = await t.db.query('SELECT model, dimension FROM embedding_index');
    expect(idx.rows).toEqual([{ model: 'local-hash-v1', dimension: 512 }]);

    const got = await kb.getArticle(res.id);
    expect(got).toMatchObject({ ...article, id: res.id, chunks: 2 });
    expect(got!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(got!.createdAt).toISOString()).toBe(got!.createdAt);
    expect(new Date(got!.updatedAt).toISOString()).toBe(got!.updatedAt);
  });

  it('does no work when re-ingesting unchanged content', async () => {
    const { id } = await kb.addArticle({ ...article, title: 'Unchanged test' });
    const before = embeddings.documents;
    const { rows } = await t.db.query<{ updated_at: Date }>('SELECT updated_at FROM articles WHERE id = $1', [id]);
    const res = await kb.updateArticle(id, { ...article, title: 'Unchanged test' });
    expect(res).toEqual({ id, chunks: 2, changed: false, created: false });
    expect(embeddings.documents).toBe(before);
    const after = await t.db.query<{ updated_at: Date }>('SELECT updated_at FROM articles WHERE id = $1', [id]);
    expect(after.rows[0]!.updated_at).toEqual(rows[0]!.updated_at);
  });

  it('replaces chunks of a changed article without duplicates', async () => {
    const { id } = await kb.addArticle({ ...article, title: 'Re-ingest test' });
    const res = await kb.updateArticle(id, { ...article, title: 'Re-ingest test', body: 'Just one paragraph now.' });
    expect(res).toEqual({ id, chunks: 1, changed: true, created: false });
    expect(await chunkRows(id)).toEqual([`${id}:0`]);
    const chunk = await t.db.query<{ text: string }>('SELECT text FROM chunks WHERE article_id = $1', [id]);
    expect(chunk.rows[0]!.text).toBe('Just one paragraph now.');
    const again = await kb.updateArticle(id, { ...article, title: 'Re-ingest test', body: 'Just one paragraph now.' });
    expect(again.changed).toBe(false);
  });

  it('re-adding the same source updates instead of duplicating', async () => {
    const first = await kb.addArticle({ ...article, title: 'From file', source: 'from-file.md' });
    const second = await kb.addArticle({ ...article, title: 'From file', source: 'from-file.md' });
    expect(second).toEqual({ id: first.id, chunks: 2, changed: false, created: false });
    const third = await kb.addArticle({ ...article, title: 'From file v2', source: 'from-file.md' });
    expect(third).toMatchObject({ id: first.id, changed: true });
    expect((await kb.listArticles()).filter((a) => a.id === first.id)).toHaveLength(1);
  });

  it('lists articles with chunk counts', async () => {
    const list = await kb.listArticles();
    expect(list.length).toBeGreaterThanOrEqual(4);
    for (const a of list) {
      expect(a.chunks).toBe((await chunkRows(a.id)).length);
      expect(Array.isArray(a.pages)).toBe(true);
    }
  });

  it('deletes an article and its chunks', async () => {
    const { id } = await kb.addArticle({ ...article, title: 'Delete me' });
    expect(await kb.deleteArticle(id)).toBe(true);
    expect(await chunkRows(id)).toEqual([]);
    expect(await kb.getArticle(id)).toBeNull();
    expect(await kb.deleteArticle(id)).toBe(false);
  });

  it('throws typed errors', async () => {
    await expect(kb.updateArticle('missing', article)).rejects.toBeInstanceOf(ArticleNotFoundError);
    await expect(kb.addArticle({ ...article, title: ' ' })).rejects.toBeInstanceOf(InvalidArticleError);
    await expect(kb.addArticle({ ...article, format: 'pdf' as never })).rejects.toBeInstanceOf(InvalidArticleError);
  });

  it('refuses to mix vectors from another embedder until reindexed', async () => {
    const other = createKnowledgeBase({ db: t.db, embeddings, model: 'other-model' });
    await expect(other.search('billing')).rejects.toBeInstanceOf(EmbeddingModelMismatchError);
    const res = await other.reindex();
    expect(res.articles).toBeGreaterThan(0);
    expect((await other.search('billing email')).results.length).toBeGreaterThan(0);
    await kb.reindex();
  });
});

describe(`article languages (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
  });
  afterAll(async () => t?.dispose());

  it('keeps the front-matter language, detects it when absent, and rejects a bad one', async () => {
    const given = await kb.addArticle({ ...article, lang: 'de-DE', source: 'given.md' });
    const detected = await kb.addArticle({
      title: 'Abonnement kündigen',
      body: 'Sie können ein kostenpflichtiges Abonnement jederzeit selbst kündigen. Öffnen Sie dazu die Einstellungen.',
      format: 'markdown',
    });
    expect((await kb.getArticle(given.id))!.lang).toBe('de');
    expect((await kb.getArticle(detected.id))!.lang).toBe('de');
    await expect(kb.addArticle({ ...article, lang: 'klingon' })).rejects.toBeInstanceOf(InvalidArticleError);
  });

  it("ranks the article in the visitor's language first, and keeps the other in the results", async () => {
    const en = await kb.addArticle({
      title: 'Cancel your subscription',
      body: 'Go to Settings > Billing > Plan and click Cancel subscription.',
      format: 'markdown',
      lang: 'en',
    });
    const fr = await kb.addArticle({
      title: 'Résilier votre abonnement',
      body: 'Allez dans Settings > Billing > Plan et cliquez sur Cancel subscription.',
      format: 'markdown',
      lang: 'fr',
    });
    // Words both articles share (the product's English UI labels): the language decides the order.
    const query = 'Settings > Billing > Plan';
    const inFrench = await kb.search(query, { language: 'fr' });
    expect(inFrench.results[0]).toMatchObject({ articleId: fr.id, lang: 'fr' });
    expect(inFrench.results.map((r) => r.articleId)).toContain(en.id);
    expect((await kb.search(query, { language: 'en' })).results[0]!.articleId).toBe(en.id);
  });
});
