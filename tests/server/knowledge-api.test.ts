import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, nextEvent, startTestServer, TEST_ADMIN } from '../helpers/test-server.js';
import { tinyPdf } from '../helpers/tiny-pdf.js';

interface UploadResult {
  name: string;
  status: string;
  id?: string;
  chunks?: number;
  error?: { code: string; message: string };
}

describe(`knowledge API: upload, suggestions, gaps, preview (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;

  const call = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return server.app.request(path, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
  const upload = async (files: Array<[string, Uint8Array | string]>) => {
    const form = new FormData();
    for (const [name, data] of files) form.append('files', new Blob([data as BlobPart]), name);
    return call('/api/knowledge/upload', { method: 'POST', token: admin, body: form });
  };
  const articleCount = async () =>
    Number((await tdb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles')).rows[0]!.n);

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    const res = await call('/api/auth/login', { method: 'POST', json: TEST_ADMIN });
    admin = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('uploads several files, with one result per file and failures left out', async () => {
    const before = await articleCount();
    const res = await upload([
      [
        'vacation-mode.md',
        '---\ntitle: Vacation mode\npages: ' +
          '[/settings/away]\n---\n\nTurn on vacation mode under Settings > Away to pause reminders.',
      ],
      [
        'gantt.html',
        '<html><head><title>Gantt charts</title><script>evil()</script></head><body><nav>menu</nav><h1>Gantt ' +
          'charts</h1><p>Open a project and pick the Timeline view to see a Gantt chart.</p></body></html>',
      ],
      ['shortcuts.txt', 'Keyboard shortcuts\n\nPress the question mark key to list every keyboard shortcut.'],
      ['sla.pdf', tinyPdf(['Our uptime commitment is 99.9 percent per month.'], 'Uptime SLA')],
      ['corrupt.pdf', '%PDF-1.5\nthis is not a pdf body'],
      ['photo.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])],
      ['empty.txt', ''],
      ['sheet.xlsx', 'PK'],
    ]);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: UploadResult[] };
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    for (const ok of ['vacation-mode.md', 'gantt.html', 'shortcuts.txt', 'sla.pdf'])
      expect(byName[ok]).toMatchObject({ status: 'added' });
    expect(byName['corrupt.pdf']!.error!.message).toMatch(/corrupt/);
    expect(byName['photo.md']!.error!.message).toMatch(/binary/);
    expect(byName['empty.txt']!.error!.message).toMatch(/empty/);
    expect(byName['sheet.xlsx']!.error!.message).toMatch(/unsupported/);
    expect(await articleCount()).toBe(before + 4);

    const html = (await (
      await call(`/api/knowledge/articles/${byName['gantt.html']!.id}`, { token: admin })
    ).json()) as { body: string; title: string };
    expect(html.title).toBe('Gantt charts');
    expect(html.body).not.toMatch(/evil|menu|</);

    // Same file again: unchanged, no duplicate; changed: updated in place.
    const again = (await (
      await upload([
        ['shortcuts.txt', 'Keyboard shortcuts\n\nPress the question mark key to list every keyboard shortcut.'],
      ])
    ).json()) as { results: UploadResult[] };
    expect(again.results[0]).toMatchObject({ status: 'unchanged', id: byName['shortcuts.txt']!.id });
    const changed = (await (
      await upload([['shortcuts.txt', 'Keyboard shortcuts\n\nPress ? or Ctrl+/ to list every shortcut.']])
    ).json()) as { results: UploadResult[] };
    expect(changed.results[0]).toMatchObject({ status: 'updated', id: byName['shortcuts.txt']!.id });
    expect(await articleCount()).toBe(before + 4);

    const search = (await (
      await call('/api/knowledge/search', {
        method: 'POST',
        token: admin,
        json: { query: 'what is your uptime commitment' },
      })
    ).json()) as { results: Array<{ articleId: string }> };
    expect(search.results[0]!.articleId).toBe(byName['sla.pdf']!.id);
  });

  it('refuses uploads that are not multipart, empty, too large, or not from an admin', async () => {
    const notMultipart = await call('/api/knowledge/upload', { method: 'POST', token: admin, json: { title: 'x' } });
    expect(notMultipart.status).toBe(415);
    const none = await call('/api/knowledge/upload', { method: 'POST', token: admin, body: new FormData() });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_files');
    const big = await upload([['huge.txt', `Big\n\n${'a'.repeat(11 * 1024 * 1024)}`]]);
    const bigBody = (await big.json()) as { results: UploadResult[] };
    expect(bigBody.results[0]).toMatchObject({ status: 'failed', error: { code: 'file_too_large' } });
    const anonymous = await call('/api/knowledge/upload', { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });

  it('refuses an upload whose front matter is JavaScript, without running it', async () => {
    const marker = path.join(os.tmpdir(), `upload-marker-${process.pid}-${Date.now()}`);
    const code = `globalThis.__uploadRan = true, require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;
    const evil = `---js\n{ title: (${code}, 'Owned') }\n---\n\nRefunds are possible within 30 days.`;
    const before = await articleCount();
    const res = await upload([
      ['evil.md', evil],
      ['evil-long.md', evil.replace('---js', '---javascript')],
    ]);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: UploadResult[] };
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['failed', 'invalid_article'],
      ['failed', 'invalid_article'],
    ]);
    expect(results[0]!.error!.message).toMatch(/evil\.md: .*only YAML front matter/);
    // Posted as an article body, the block is just Markdown text: stored, never evaluated.
    const posted = await call('/api/knowledge/articles', {
      method: 'POST',
      token: admin,
      json: { title: 'Posted', body: evil, format: 'markdown' },
    });
    expect(posted.status).toBe(201);
    expect(await articleCount()).toBe(before + 1);
    expect(existsSync(marker)).toBe(false);
    expect((globalThis as { __uploadRan?: unknown }).__uploadRan).toBeUndefined();
  });

  it('suggests articles for a page: page matches first, then by page title; public and validated', async () => {
    const res = await call(
      '/api/knowledge/suggestions?pageUrl=' + encodeURIComponent('http://localhost/billing') + '&title=Invoices',
    );
    expect(res.status).toBe(200);
    const { suggestions } = (await res.json()) as { suggestions: Array<{ title: string; reason: string }> };
    expect(suggestions).toHaveLength(3);
    expect(suggestions.every((s) => s.reason === 'page')).toBe(true);
    expect(suggestions[0]!.title.toLowerCase()).toContain('invoice');

    const byTitle = (await (
      await call('/api/knowledge/suggestions?pageUrl=/nowhere&title=' + encodeURIComponent('Single sign-on with Okta'))
    ).json()) as { suggestions: Array<{ title: string; reason: string }> };
    expect(byTitle.suggestions[0]).toMatchObject({ reason: 'title' });
    expect(byTitle.suggestions[0]!.title.toLowerCase()).toContain('sign-on');

    const none = (await (await call('/api/knowledge/suggestions?pageUrl=/nowhere')).json()) as {
      suggestions: unknown[];
    };
    expect(none.suggestions).toEqual([]);
    expect((await call('/api/knowledge/suggestions')).status).toBe(400);
  });

  it('records unanswered questions and groups them by similar wording', async () => {
    const page = { url: 'http://localhost/projects/42', title: 'Project 42' };
    const ask = async (text: string, i: number) => {
      const visitor = await connect(`${server.url}/visitor`, { page });
      const reply = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role !== 'visitor');
      await emitAck(visitor, 'message', { clientMessageId: `gap-${i}`, text, page });
      await reply;
      await server.idle();
      visitor.close();
    };
    const questions = [
      'Can I print my project as a poster?',
      'how do I print a project poster',
      'Printing my project as a poster?',
      'Can I order a branded fridge magnet with my logo?',
      'How do I change my billing email?',
      // Policy handoffs: they go to a person whatever the articles say, so they are not gaps.
      'I want to cancel my subscription',
      'I found a bug: the export button crashes the page',
      'This is ridiculous. Nothing works and I am furious!!',
      'I want to talk to a person',
    ];
    for (const [i, q] of questions.entries()) await ask(q, i);

    const res = await call('/api/knowledge/gaps', { token: admin });
    expect(res.status).toBe(200);
    const { groups } = (await res.json()) as {
      groups: Array<{ question: string; count: number; examples: string[]; pages: Array<{ url: string }> }>;
    };
    expect(groups[0]!.count).toBe(3);
    expect(groups[0]!.examples.join(' ').toLowerCase()).toContain('poster');
    expect(groups[0]!.pages[0]!.url).toBe(page.url);
    expect(groups.some((g) => g.question.includes('fridge'))).toBe(true);
    // Answered confidently: not a gap.
    expect(groups.some((g) => g.examples.some((e) => e.includes('billing email')))).toBe(false);
    const listed = groups.flatMap((g) => g.examples).join(' | ');
    for (const policy of ['cancel', 'bug', 'furious', 'person']) expect(listed).not.toContain(policy);
    expect(groups.map((g) => g.count).reduce((a, b) => a + b, 0)).toBe(4);
    expect((await call('/api/knowledge/gaps')).status).toBe(401);
  });

  it('previews what the AI would answer', async () => {
    const res = await call('/api/knowledge/preview-answer', {
      method: 'POST',
      token: admin,
      json: { query: 'How do I change my billing email?', pageUrl: '/billing' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      wouldAnswer: boolean;
      answer: { text: string; citations: Array<{ title: string }> };
      results: unknown[];
    };
    expect(body.wouldAnswer).toBe(true);
    expect(body.answer.citations[0]!.title).toMatch(/billing email/i);
    expect(body.results.length).toBeGreaterThan(0);
    const off = (await (
      await call('/api/knowledge/preview-answer', {
        method: 'POST',
        token: admin,
        json: { query: 'who won the world cup' },
      })
    ).json()) as { wouldAnswer: boolean };
    expect(off.wouldAnswer).toBe(false);
    expect(
      (await call('/api/knowledge/preview-answer', { method: 'POST', token: admin, json: { query: '' } })).status,
    ).toBe(400);
  });

  it('re-indexes on request', async () => {
    const res = await call('/api/knowledge/reindex', { method: 'POST', token: admin });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { articles: number }).articles).toBe(await articleCount());
  });
});
