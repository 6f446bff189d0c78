import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

const NUL = '\u0000';
const LONE = '\uD800'; // a high surrogate with no low one after it
const EMOJI = '\uD83D\uDE00'; // a real surrogate pair, kept

interface Detail {
  visitor: { name: string | null };
  page: { title: string; context?: Record<string, unknown> } | null;
  messages: Array<{ role: string; text: string }>;
}

/** Finding 9: NUL bytes and lone surrogates used to turn into 500s and lost messages. */
describe(`NUL bytes and lone surrogates are cleaned, never fatal (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const open: Socket[] = [];

  const api = (path: string, init: { method?: string; json?: unknown; token?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
  const detail = async (id: string) =>
    (await (await api(`/api/conversations/${id}`, { token: admin })).json()) as Detail;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db);
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('keeps every message of a visitor whose name, page and text carry NULs and lone surrogates', async () => {
    const visitor = await connect(`${server.url}/visitor`, {
      visitor: { name: `Da${NUL}na${LONE}`, email: `dana${NUL}@example.com`, plan: `pro${NUL}` },
      page: {
        url: `http://localhost/billing${NUL}`,
        title: `Bil${NUL}ling`,
        context: { [`k${NUL}`]: `v${NUL}${LONE}`, nested: [`a${NUL}`] },
      },
    });
    open.push(visitor);
    const { conversationId } = await nextEvent<{ conversationId: string }>(visitor, 'session');
    const first = await emitAck(visitor, 'message', {
      clientMessageId: 'n1',
      text: `hello${NUL} there ${EMOJI}${LONE}`,
      page: { url: 'http://localhost/billing', title: `T${NUL}` },
    });
    expect(first).toMatchObject({ ok: true });
    // A NUL in the identified name used to break every later message on the socket.
    const second = await emitAck(visitor, 'message', { clientMessageId: 'n2', text: 'second message' });
    expect(second).toMatchObject({ ok: true });
    expect(
      await emitAck(visitor, 'page', {
        url: 'http://localhost/settings',
        title: `Set${NUL}tings`,
        context: { plan: `p${NUL}` },
      }),
    ).toMatchObject({ ok: true });
    await server.idle();

    const d = await detail(conversationId);
    expect(d.visitor.name).toBe('Dana');
    expect(d.messages.filter((m) => m.role === 'visitor').map((m) => m.text)).toEqual([
      `hello there ${EMOJI}`,
      'second message',
    ]);
    expect(d.page).toMatchObject({ title: 'Settings', context: { plan: 'p' } });
  });

  it('cleans what the sync, csat and contact events carry', async () => {
    const visitor = await connect(`${server.url}/visitor`, {});
    open.push(visitor);
    const { conversationId } = await nextEvent<{ conversationId: string }>(visitor, 'session');
    expect(await emitAck(visitor, 'message', { clientMessageId: `c${NUL}1`, text: 'hi' })).toMatchObject({ ok: true });
    expect(await emitAck(visitor, 'sync', { afterId: `x${NUL}` })).toMatchObject({ ok: true });
    expect(await emitAck(visitor, 'contact', { email: `me${NUL}@example.com` })).toMatchObject({ ok: true });
    await server.idle();
    await tdb.db.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [conversationId]);
    expect(await emitAck(visitor, 'csat', { score: 5, comment: `great${NUL}${LONE}` })).toMatchObject({ ok: true });
  });

  it('answers HTTP bodies with NULs with a success or a 4xx, never a 500', async () => {
    const article = await api('/api/knowledge/articles', {
      method: 'POST',
      token: admin,
      json: { title: `Refund${NUL}s`, body: `How refunds${NUL} work ${LONE}: within 5 days.`, tags: [`t${NUL}`] },
    });
    expect(article.status).toBe(201);
    const { id } = (await article.json()) as { id: string };
    const got = (await (await api(`/api/knowledge/articles/${id}`, { token: admin })).json()) as {
      title: string;
      tags: string[];
    };
    expect(got).toMatchObject({ title: 'Refunds', tags: ['t'] });

    const search = await api('/api/knowledge/search', {
      method: 'POST',
      token: admin,
      json: { query: `refund${NUL}s${LONE}` },
    });
    expect(search.status).toBe(200);

    const agent = await api('/api/agents', {
      method: 'POST',
      token: admin,
      json: {
        email: `kim${NUL}@test.local`,
        name: `Kim${NUL}`,
        password: `Tr0ub4dor&3-horse${NUL}`,
        skills: [`billing${NUL}`],
      },
    });
    expect(agent.status).toBe(201);
    const signedIn = await api('/api/auth/login', {
      method: 'POST',
      json: { email: 'kim@test.local', password: `Tr0ub4dor&3-horse${NUL}` },
    });
    expect(signedIn.status).toBe(200);

    const badLogin = await api('/api/auth/login', {
      method: 'POST',
      json: { email: `nobody${NUL}@test.local`, password: `x${NUL}` },
    });
    expect(badLogin.status).toBe(401);
    expect(await badLogin.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

    const bug = await api('/api/bug-reports', {
      method: 'POST',
      token: admin,
      json: { conversationId: `c${NUL}`, title: `Crash${NUL}` },
    });
    expect(bug.status).toBe(404);
    const suggestions = await api(
      `/api/knowledge/suggestions?pageUrl=${encodeURIComponent(`http://localhost/billing${NUL}`)}` +
        `&title=${encodeURIComponent(`B${NUL}`)}`,
    );
    expect(suggestions.status).toBe(200);
  });

  it('imports an uploaded file with a NUL past the binary sniffing window; refuses one that looks binary', async () => {
    const form = new FormData();
    // The upload sniffs the first 8 KB for NULs (binary files); one further in reached the database.
    form.append(
      'files',
      new File(
        [`Exports\n\n${'Export your data from Settings. '.repeat(300)}${NUL}then Export ${LONE}done.`],
        'exports.txt',
        { type: 'text/plain' },
      ),
    );
    form.append('files', new File([`Bin${NUL}ary`], 'binary.txt', { type: 'text/plain' }));
    const res = await fetch(`${server.url}/api/knowledge/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: Array<{ status: string; id?: string; error?: { code: string } }>;
    };
    expect(results.map((r) => r.status)).toEqual(['added', 'failed']);
    expect(results[1]?.error?.code).toEqual(expect.any(String));
    const got = (await (await api(`/api/knowledge/articles/${results[0]?.id}`, { token: admin })).json()) as {
      body: string;
    };
    // (File encodes the lone surrogate as U+FFFD already; the NUL is what the database refused.)
    expect(got.body).toMatch(/Settings\. then Export \uFFFD?done\.$/);
  });

  it('answers a NUL in the URL path with 400 invalid_path, never a 500', async () => {
    for (const path of [
      '/api/conversations/x%00y',
      '/api/knowledge/articles/x%00y',
      '/api/conversations/x%00y/timeline',
      '/api/intents/a%00b',
      '/billing%00',
    ]) {
      const res = await api(path, { token: admin });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'invalid_path', message: expect.stringMatching(/NUL/) },
      });
    }
  });
});
