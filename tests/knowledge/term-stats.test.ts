import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { createTermStats } from '../../knowledge/term-stats.js';
import type { Queryable } from '../../server/db/db.js';

describe(`corpus term statistics and selective full text (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  const embeddings = new LocalEmbeddings();

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings });
    await kb.addArticle({
      title: 'Rotate a webhook signing secret',
      body: 'Open Settings, then Webhooks, and press Rotate secret.',
      format: 'text',
    });
    await kb.addArticle({
      title: 'Export invoices',
      body: 'Open Billing in Settings; press Export to download every invoice as CSV.',
      format: 'text',
    });
    await kb.addArticle({ title: 'Team roles', body: 'Admins can rotate members between teams.', format: 'text' });
  });
  afterAll(async () => t?.dispose());

  it('counts in how many chunks each word occurs', async () => {
    const stats = createTermStats(t.db);
    const df = await stats.documentFrequency(['webhook', 'invoic', 'zxqv']);
    expect(df.get('webhook')).toBe(1);
    expect(df.get('invoic')).toBe(1);
    expect(df.get('zxqv')).toBe(0);
    expect((await stats.corpus()).chunks).toBeGreaterThanOrEqual(2);
  });

  it('a word from an article just added is searchable at once (local writes invalidate)', async () => {
    await kb.search('rotate webhook secret');
    await kb.addArticle({
      title: 'Connect Zapier',
      body: 'Use the Zapier app to connect Firstline to 5,000 tools.',
      format: 'text',
    });
    const res = await kb.search('zapier');
    expect(res.results[0]?.title).toBe('Connect Zapier');
  });

  it("serves the old figures past the TTL while it reloads, then another process's write shows", async () => {
    const stats = createTermStats(t.db, 0);
    expect((await stats.documentFrequency(['slack'])).get('slack')).toBe(0);
    // Another server process writes; this one only learns of it through the TTL.
    const other = createKnowledgeBase({ db: t.db, embeddings });
    await other.addArticle({ title: 'Slack notifications', body: 'Send handoffs to a Slack channel.', format: 'text' });
    expect((await stats.documentFrequency(['slack'])).get('slack')).toBe(0);
    await vi.waitFor(async () => expect((await stats.documentFrequency(['slack'])).get('slack')).toBe(1));
  });

  it('does not keep a failed load: the error reaches the caller and the next call retries', async () => {
    let fail = true;
    const flaky: Queryable = {
      query: (async (sql: string, params?: unknown[]) => {
        if (fail) throw new Error('connection reset');
        return t.db.query(sql, params);
      }) as Queryable['query'],
    };
    const stats = createTermStats(flaky);
    await expect(stats.corpus()).rejects.toThrow('connection reset');
    fail = false;
    expect((await stats.corpus()).chunks).toBeGreaterThan(0);
  });

  it('with a tiny budget (as on a huge corpus), common-only questions still find their article', async () => {
    const tight = createKnowledgeBase({ db: t.db, embeddings, search: { fulltextBudget: 1 } });
    // "rotate" and "settings" are each in two articles, over the budget: only chunks with both match.
    const both = await tight.search('rotate settings');
    expect(both.results[0]?.title).toBe('Rotate a webhook signing secret');
    // "press" alone matches more chunks than the budget: candidates come from the vectors, and
    // the articles that have the word still come back.
    const common = await tight.search('press');
    expect(common.results.map((r) => r.title)).toEqual(
      expect.arrayContaining(['Rotate a webhook signing secret', 'Export invoices']),
    );
  });
});
