import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FrontMatterError, parseFrontMatter } from '../../knowledge/front-matter.js';
import { loadFolder } from '../../knowledge/load-folder.js';
import { DEMO_ARTICLES_DIR } from '../../knowledge/demo-kb.js';

describe('parseFrontMatter', () => {
  it('reads title, url, pages and tags', () => {
    const md =
      '---\ntitle: Billing email\nurl: /help/billing-email\npages: ' +
      '["/billing", "/billing/*"]\ntags: billing\n---\n\n# Body\n';
    const { data, content } = parseFrontMatter(md);
    expect(data).toEqual({
      title: 'Billing email',
      url: '/help/billing-email',
      pages: ['/billing', '/billing/*'],
      tags: ['billing'],
    });
    expect(content.trim()).toBe('# Body');
  });

  it('works without front-matter and rejects wrong types', () => {
    expect(parseFrontMatter('just text').data).toEqual({ title: undefined, url: undefined, pages: [], tags: [] });
    expect(() => parseFrontMatter('---\ntitle: [a, b]\n---\nx', 'x.md')).toThrow(FrontMatterError);
  });
});

describe('loadFolder', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('reads .md files in name order with title fallbacks and source', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kb-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'b.md'), '# Heading title\n\nBody B');
    await writeFile(path.join(dir, 'a.md'), '---\ntitle: Front title\npages: [/x]\n---\nBody A');
    await writeFile(path.join(dir, 'c.md'), 'No title here');
    await writeFile(path.join(dir, 'ignored.txt'), 'nope');
    const articles = await loadFolder(dir);
    expect(articles.map((a) => [a.title, a.source, a.format])).toEqual([
      ['Front title', 'a.md', 'markdown'],
      ['Heading title', 'b.md', 'markdown'],
      ['c', 'c.md', 'markdown'],
    ]);
    expect(articles[0]!.pages).toEqual(['/x']);
  });

  it('demo articles are complete and sized like real help articles', async () => {
    const articles = await loadFolder(DEMO_ARTICLES_DIR);
    // A help center of 12-16 English articles, some also translated (de, fr, es).
    const english = articles.filter((a) => (a.lang ?? 'en') === 'en');
    expect(english.length).toBeGreaterThanOrEqual(12);
    expect(english.length).toBeLessThanOrEqual(16);
    expect(articles.length - english.length).toBeGreaterThanOrEqual(9);
    for (const a of articles) {
      const words = a.body.split(/\s+/).length;
      expect(words, a.source ?? '').toBeGreaterThanOrEqual(150);
      expect(words, a.source ?? '').toBeLessThanOrEqual(500);
      expect(a.url).toMatch(/^\/((de|fr|es)\/)?help\//);
      expect(a.pages!.length).toBeGreaterThan(0);
      expect(a.body.match(/^## /gm)!.length).toBeGreaterThanOrEqual(2);
    }
    const billing = articles.find((a) => a.url === '/help/billing-email')!;
    expect(billing.pages).toEqual(['/billing', '/billing/*']);
  });
});
