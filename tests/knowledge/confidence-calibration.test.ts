import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { seedDemoKnowledge } from '../../knowledge/demo-kb.js';

describe(`per-knowledge-base confidence calibration (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({
      db: t.db,
      embeddings: new LocalEmbeddings(),
      calibration: { debounceMs: 50, minArticles: 2 },
    });
    await seedDemoKnowledge(kb);
    await kb.calibration.recalibrate();
  }, 120_000);
  afterAll(async () => {
    await kb?.calibration.close();
    await t?.dispose();
  });

  it('fits from pseudo-questions of every article and shows the trade-off at the chosen threshold', async () => {
    const s = await kb.calibration.status();
    expect(s.state).toBe('ready');
    expect(s.decides).toBe(true);
    expect(s.upToDate).toBe(true);
    expect(s.calibration!.articles).toBe((await kb.listArticles()).length);
    expect(s.calibration!.pseudoQuestions).toBeGreaterThanOrEqual(5 * s.calibration!.articles);
    expect(s.expected!.falseConfident).toBeLessThanOrEqual(s.targetFalseConfident);
    // The curve runs from "answer everything" to "answer nothing".
    const curve = s.calibration!.curve;
    expect(curve[0]).toMatchObject({ threshold: 0, falseConfident: 1, confidentOnAnswerable: 1 });
    expect(curve.at(-1)!.confidentOnAnswerable).toBeLessThan(0.2);
  });

  it('answers with a calibrated probability; confident means it clears the threshold', async () => {
    const s = await kb.calibration.status();
    const sure = await kb.search('how do I change my billing email?');
    expect(sure.results[0]!.url).toBe('/help/billing-email');
    expect(sure.confident).toBe(true);
    expect(sure.confidence).toBeGreaterThanOrEqual(s.threshold!);
    for (const q of ['is there a dark mode', 'what is the capital of France']) {
      const r = await kb.search(q);
      expect(r.confident, q).toBe(false);
      expect(r.confidence!).toBeLessThan(s.threshold!);
    }
  });

  it('records the calibration with the index: a new process loads it without refitting', async () => {
    const again = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings(), calibration: { minArticles: 2 } });
    const r = await again.search('how do I change my billing email?');
    expect(r.confidence).toBe((await kb.search('how do I change my billing email?')).confidence);
    expect((await again.calibration.status()).state).toBe('ready');
    await again.calibration.close();
  });

  it('lets the admin trade answers for safety, and keeps the choice', async () => {
    const strict = await kb.calibration.setTarget(0.02);
    const loose = await kb.calibration.setTarget(0.3);
    expect(strict.threshold!).toBeGreaterThan(loose.threshold!);
    expect(strict.expected!.confidentOnAnswerable).toBeLessThanOrEqual(loose.expected!.confidentOnAnswerable);
    const reread = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    await reread.calibration.load();
    expect((await reread.calibration.status()).customTarget).toBe(0.3);
    await reread.calibration.close();
    expect((await kb.calibration.setTarget(null)).customTarget).toBeNull();
  });

  it('recalibrates in the background after an article changes, without holding up the upload', async () => {
    const before = (await kb.calibration.status()).calibration!.calibratedAt;
    await kb.addArticle({
      title: 'Use dark mode',
      body: 'Open **Settings > Appearance** and pick **Dark**. The theme follows your system by default.',
      format: 'markdown',
    });
    const right = await kb.calibration.status();
    expect(right.state).toBe('pending');
    expect(right.upToDate).toBe(false);
    await kb.calibration.idle();
    const after = await kb.calibration.status();
    expect(after.state).toBe('ready');
    expect(after.upToDate).toBe(true);
    expect(after.calibration!.calibratedAt > before).toBe(true);
    expect((await kb.search('how do I turn on dark mode')).results[0]!.title).toBe('Use dark mode');
  }, 120_000);
});

describe(`calibration below the article minimum (${dbKind})`, () => {
  it('is advisory: the probability is reported, the fixed thresholds decide', async () => {
    const t = await openTestDb();
    const kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings(), calibration: { minArticles: 1000 } });
    try {
      await kb.addArticle({
        title: 'Reset a forgotten password',
        body: 'Click forgot password on the login page and follow the link we email you.',
        format: 'text',
      });
      await kb.addArticle({
        title: 'Download an invoice',
        body: 'Open billing, then invoices, and click download PDF next to the month.',
        format: 'text',
      });
      const s = await kb.calibration.recalibrate();
      expect(s).toMatchObject({ state: 'ready', decides: false, minArticles: 1000 });
      const r = await kb.search('how do I reset my forgotten password');
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confident).toBe(true);
    } finally {
      await kb.calibration.close();
      await t.dispose();
    }
  }, 120_000);
});

describe(`calibration on a knowledge base too small to learn from (${dbKind})`, () => {
  it('keeps the fixed thresholds and says so', async () => {
    const t = await openTestDb();
    const kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    try {
      await kb.addArticle({
        title: 'Reset a forgotten password',
        body: 'Click forgot password on the login page.',
        format: 'text',
      });
      const s = await kb.calibration.recalibrate();
      expect(s.state).toBe('uncalibrated');
      const r = await kb.search('reset my forgotten password');
      expect(r.confidence).toBeUndefined();
      expect(typeof r.confident).toBe('boolean');
    } finally {
      await kb.calibration.close();
      await t.dispose();
    }
  }, 120_000);
});
