import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { seedDemoKnowledge } from '../../knowledge/demo-kb.js';

describe(`hybrid search on the demo knowledge base (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    expect(await seedDemoKnowledge(kb)).toBeGreaterThanOrEqual(12);
  });
  afterAll(async () => t?.dispose());

  it('seeds only an empty knowledge base', async () => {
    expect(await seedDemoKnowledge(kb)).toBe(0);
  });

  it('finds the billing email article, confidently', async () => {
    const res = await kb.search('how do I change my billing email?');
    expect(res.confident).toBe(true);
    expect(res.results[0]).toMatchObject({ title: 'Change the billing email address', url: '/help/billing-email' });
    expect(res.results[0]!.headingPath.startsWith('Change the billing email address')).toBe(true);
  });

  it('returns one result per article, best first, higher score = more relevant', async () => {
    const res = await kb.search('invoice payment card', { k: 10 });
    const ids = res.results.map((r) => r.articleId);
    expect(new Set(ids).size).toBe(ids.length);
    const scores = res.results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it.each([
    ['update invoice address', '/help/billing-email'],
    ['I forgot my password', '/help/login-password-2fa'],
    ['how do I cancel my subscription', '/help/cancel-subscription'],
    ['export tasks to csv', '/help/export-data'],
    ['set up okta single sign-on', '/help/sso'],
    ['slack messages stopped arriving', '/help/integrations'],
  ])('answers %j from %s', async (query, url) => {
    const res = await kb.search(query);
    expect(res.results[0]!.url).toBe(url);
    expect(res.confident).toBe(true);
  });

  it.each(['what is the capital of France', 'asdfgh', 'best pizza recipe', 'who won the world cup', '', '!!!'])(
    'is not confident for off-topic text %j',
    async (query) => {
      const res = await kb.search(query);
      expect(res.confident).toBe(false);
    },
  );

  it('boosts articles that belong to the visitor page', async () => {
    // Ambiguous: both the billing-email and the notification articles talk about missing emails.
    const query = 'I did not get the email';
    const plain = await kb.search(query, { k: 5 });
    expect(plain.results.every((r) => !r.pageMatch)).toBe(true);

    const onBilling = await kb.search(query, { k: 5, pageUrl: 'https://app.acme.test/billing/invoices?tab=1' });
    expect(onBilling.results[0]).toMatchObject({ url: '/help/billing-email', pageMatch: true });
    const onNotifications = await kb.search(query, { k: 5, pageUrl: '/settings/notifications' });
    expect(onNotifications.results[0]).toMatchObject({ url: '/help/notifications', pageMatch: true });

    const boosted = onBilling.results[0]!;
    const unboosted = plain.results.find((r) => r.articleId === boosted.articleId)!;
    expect(boosted.score).toBeGreaterThan(unboosted.score);
  });

  it('finds the same candidates, scores and confidence in one statement as in two', async () => {
    const [one, two] = [true, false].map((oneStatement) =>
      createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings(), search: { oneStatement } }),
    );
    for (const query of [
      'how do I change my billing email?',
      'slack messages stopped arriving',
      'downlaod an invoise',
      '!!!',
    ]) {
      const [a, b] = await Promise.all([one!.search(query, { k: 10 }), two!.search(query, { k: 10 })]);
      expect(a.results.map((r) => [r.chunkId, r.score])).toEqual(b.results.map((r) => [r.chunkId, r.score]));
      expect(a.confident).toBe(b.confident);
      expect(a.signals).toEqual(b.signals);
    }
  });
});
