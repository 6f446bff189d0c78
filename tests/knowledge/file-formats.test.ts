import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { tinyPdf } from '../helpers/tiny-pdf.js';
import { LocalEmbeddings } from '../../knowledge/local-embeddings.js';
import { createKnowledgeBase, type FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import { htmlToText } from '../../knowledge/html-to-text.js';
import { InvalidArticleError } from '../../knowledge/knowledge-errors.js';
import { parseArticleFile, UnsupportedFileError } from '../../knowledge/parse-file.js';
import { importFolder } from '../../knowledge/import-folder.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

const PAGE = `<!doctype html><html><head><title>Export your data</title><style>p{color:red}</style>
<script>alert("x")</script></head><body>
<header><a href="/">Acme</a> <nav><a href="/pricing">Pricing</a></nav></header>
<aside>Related: <a href="/x">Other article</a></aside>
<main><h1>Export your data</h1><p>Use <b>Settings &gt; Export</b> &amp; pick CSV.</p>
<h2>Limits</h2><ul><li>One export per hour</li><li>Up to 2&nbsp;GB</li></ul>
<form><input name="q"><button>Search</button></form>
<table><tr><th>Plan</th><th>Exports</th></tr><tr><td>Free</td><td>CSV</td></tr></table></main>
<footer>© Acme</footer><div hidden>secret</div></body></html>`;

describe('file parsing and HTML cleaning', () => {
  it('keeps headings, lists and tables, drops scripts, styles, chrome and forms', () => {
    const text = htmlToText(PAGE);
    expect(text).toContain('# Export your data');
    expect(text).toContain('## Limits');
    expect(text).toContain('- One export per hour');
    expect(text).toContain('Settings > Export & pick CSV.');
    expect(text).toMatch(/Plan \| Exports/);
    for (const gone of ['alert', 'color:red', 'Pricing', 'Related', 'Search', '© Acme', 'secret', '<'])
      expect(text).not.toContain(gone);
  });

  it('reads Markdown with front-matter, HTML, text and PDF', async () => {
    const md = await parseArticleFile(
      'refunds.md',
      utf8('---\ntitle: Refunds\npages: [/billing]\ntags: billing\n---\n\nAsk within 30 days.'),
    );
    expect(md).toMatchObject({
      title: 'Refunds',
      format: 'markdown',
      pages: ['/billing'],
      tags: ['billing'],
      source: 'refunds.md',
    });
    expect(md.body).toBe('Ask within 30 days.');

    const html = await parseArticleFile('export.html', utf8(PAGE));
    expect(html).toMatchObject({ title: 'Export your data', format: 'html' });

    const txt = await parseArticleFile('sso.txt', utf8('Single sign-on\n\nConnect Okta under Settings > Security.'));
    expect(txt).toMatchObject({
      title: 'Single sign-on',
      format: 'text',
      body: 'Connect Okta under Settings > Security.',
    });

    const pdf = await parseArticleFile(
      'guide.pdf',
      tinyPdf(['Rotate your API key every 90 days.', 'Old keys stop working.'], 'API key rotation'),
    );
    expect(pdf.title).toBe('API key rotation');
    expect(pdf.format).toBe('text');
    expect(pdf.body).toContain('Rotate your API key every 90 days.');
  });

  it('refuses bad input with a reason naming the file', async () => {
    const fails = async (
      name: string,
      bytes: Uint8Array,
      pattern: RegExp,
      type: typeof InvalidArticleError = InvalidArticleError,
    ) => {
      const err = await parseArticleFile(name, bytes).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(type);
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message).toContain(name);
    };
    await fails('logo.png', utf8('x'), /unsupported file type "\.png"/, UnsupportedFileError);
    await fails('noext', utf8('x'), /unsupported/, UnsupportedFileError);
    await fails('empty.md', new Uint8Array(), /empty/);
    await fails('blank.md', utf8('---\ntitle: Only a title\n---\n\n   \n'), /no text/);
    await fails('image.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /binary/);
    await fails('latin1.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff]), /UTF-8/);
    await fails('corrupt.pdf', utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'), /corrupt/);
    await fails('renamed.pdf', utf8('just text'), /not a PDF/);
    await fails('scan.pdf', tinyPdf([]), /no text layer/);
    await fails('bad-yaml.md', utf8('---\ntitle: [unclosed\n---\nbody'), /front-matter/);
  });
});

describe(`ingesting files (${dbKind})`, () => {
  let t: TestDb;
  let kb: FirstlineKnowledgeBase;
  let dir: string;
  const quiet = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
    isTTY: false,
  }) as unknown as NodeJS.WriteStream;

  beforeAll(async () => {
    t = await openTestDb();
    kb = createKnowledgeBase({ db: t.db, embeddings: new LocalEmbeddings() });
    dir = await mkdtemp(path.join(os.tmpdir(), 'kb-import-'));
  });
  afterAll(async () => {
    await t?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores HTML as cleaned text, never markup', async () => {
    const { id } = await kb.addArticle({ title: 'Export', body: PAGE, format: 'html' });
    const article = await kb.getArticle(id);
    expect(article!.format).toBe('markdown');
    expect(article!.body).not.toMatch(/<|alert|Pricing/);
    const { results } = await kb.search('how many exports per hour');
    expect(results[0]!.articleId).toBe(id);
    await expect(
      kb.addArticle({ title: 'Nothing', body: '<script>x()</script><nav>menu</nav>', format: 'html' }),
    ).rejects.toBeInstanceOf(InvalidArticleError);
  });

  it('imports a folder recursively, reports failures, and re-imports without duplicates', async () => {
    await mkdir(path.join(dir, 'billing'));
    await writeFile(
      path.join(dir, 'billing', 'refunds.md'),
      '---\ntitle: Refund policy\n---\nRefunds within 30 days of purchase.',
    );
    await writeFile(
      path.join(dir, 'guide.pdf'),
      tinyPdf(['Invite teammates from Settings > Members.'], 'Inviting teammates'),
    );
    await writeFile(path.join(dir, 'notes.txt'), 'Keyboard shortcuts\n\nPress ? to see every shortcut.');
    await writeFile(path.join(dir, 'broken.pdf'), '%PDF-1.4\nnot really');
    await writeFile(path.join(dir, 'photo.md'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    await writeFile(path.join(dir, 'ignored.docx'), 'x');

    const first = await importFolder(kb, dir, quiet);
    expect(first).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
    expect(first.failed.map((f) => f.file).sort()).toEqual(['broken.pdf', 'photo.md']);
    const count = async () =>
      Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n);
    const before = await count();

    const again = await importFolder(kb, dir, quiet);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    await writeFile(
      path.join(dir, 'billing', 'refunds.md'),
      '---\ntitle: Refund policy\n---\nRefunds within 14 days of purchase.',
    );
    const third = await importFolder(kb, dir, quiet);
    expect(third).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    expect(await count()).toBe(before);
    const { rows } = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM articles WHERE source = 'billing/refunds.md'",
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
