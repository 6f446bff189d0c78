import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { boundedEditDistance, createTypoCorrector } from '../../knowledge/typo-correction.js';

describe('typo correction of query lexemes', () => {
  const vocabulary = new Map([
    ['password', 12],
    ['passport', 1],
    ['member', 5],
    ['invoic', 8],
    ['invit', 4],
    ['integr', 6],
    ['slack', 3],
    ['rest', 2],
    ['2024', 3],
  ]);
  const corrector = createTypoCorrector(vocabulary);

  it('corrects a misspelt word to the close indexed one', () => {
    expect(corrector.correct('pasword')).toBe('password');
    expect(corrector.correct('invois')).toBe('invoic');
    expect(corrector.correct('slak')).toBe('slack');
  });

  it('counts swapped neighbours as one edit', () => {
    expect(boundedEditDistance('memebr', 'member', 2)).toBe(1);
    expect(corrector.correct('memebr')).toBe('member');
  });

  it('recovers a word the stemmer left whole because its suffix is misspelt', () => {
    expect(corrector.correct('integraton')).toBe('integr');
  });

  it('prefers the more frequent of two equally close words', () => {
    const c = createTypoCorrector(
      new Map([
        ['invoic', 1],
        ['invoke', 9],
      ]),
    );
    // "invoie" is one edit from both.
    expect(c.correct('invoie')).toBe('invoke');
  });

  it('leaves known words, short words, numbers and far words alone', () => {
    expect(corrector.correct('password')).toBeNull();
    expect(corrector.correct('res')).toBeNull();
    expect(corrector.correct('2025')).toBeNull();
    expect(corrector.correct('dark')).toBeNull();
    expect(corrector.correct('billing')).toBeNull();
    // Short words get one edit only.
    expect(corrector.correct('pasrort')).toBeNull();
  });
});

describe(`typo-tolerant search (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  let strict: FirstlineKnowledgeBase;
  const embeddings = new LocalEmbeddings();

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings });
    strict = createKnowledgeBase({ db: t.db, embeddings, search: { typoCorrection: false } });
    await kb.addArticle({
      title: 'Reset your password',
      body: 'Press Forgot password on the sign-in page and follow the emailed link.',
      format: 'text',
    });
    await kb.addArticle({
      title: 'Export invoices',
      body: 'Open Billing in Settings; press Export to download every invoice as CSV.',
      format: 'text',
    });
    await kb.addArticle({
      title: 'Invite members',
      body: 'Open Members and press Invite to add teammates to the workspace.',
      format: 'text',
    });
  });
  afterAll(async () => t?.dispose());

  it('a misspelt question matches the words of the right article', async () => {
    const res = await kb.search('how do i rest my pasword');
    expect(res.results[0]?.title).toBe('Reset your password');
    expect(res.signals!.topCoverage).toBeGreaterThan(0);
    const without = await strict.search('how do i rest my pasword');
    // Without correction "pasword" matches nothing lexically.
    expect(res.signals!.topCoverage).toBeGreaterThan(without.signals!.topCoverage);
  });

  it('downlod my invoise finds the invoice article', async () => {
    const res = await kb.search('were can i downlod my invoise');
    expect(res.results[0]?.title).toBe('Export invoices');
  });

  it('the vector channel embeds the corrected words too, so the similarity is that of the spelt question', async () => {
    const typo = await kb.search('were can i downlod my invoise');
    const strictTypo = await strict.search('were can i downlod my invoise');
    const spelt = await kb.search('were can i download my invoice');
    expect(typo.signals!.topSimilarity).toBeGreaterThan(strictTypo.signals!.topSimilarity + 0.1);
    expect(typo.signals!.topSimilarity).toBeGreaterThan(spelt.signals!.topSimilarity * 0.8);
  });

  it('a question in another language is embedded as typed: its words are not English typos', async () => {
    const fr = await kb.search('were can i downlod my invoise', { language: 'fr' });
    const strictTypo = await strict.search('were can i downlod my invoise', { language: 'fr' });
    expect(fr.signals!.topSimilarity).toBeCloseTo(strictTypo.signals!.topSimilarity, 6);
  });
});
