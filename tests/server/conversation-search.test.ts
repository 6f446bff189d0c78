import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { proven } from '../helpers/proven-identity.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

interface Hit {
  conversationId: string;
  visitor: { name: string | null; email: string | null };
  match: { field: string; text: string };
}

/** Conversation search (full text over messages, visitor name and email) and the visitor's earlier conversations. */
describe(`conversation search and visitor history (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const sockets: Socket[] = [];
  let n = 0;

  async function conversation(visitor: Record<string, unknown>, ...texts: string[]): Promise<string> {
    const s = await connect(`${server.url}/visitor`, {
      visitor,
      page: { url: 'http://localhost/billing', title: 'Billing' },
    });
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    for (const text of texts) {
      const ack = await emitAck(s, 'message', { clientMessageId: `s-${++n}`, text });
      expect(ack).toMatchObject({ ok: true });
      await server.idle();
    }
    s.close();
    return conversationId;
  }
  const get = (path: string) => server.app.request(path, { headers: { authorization: `Bearer ${admin}` } });
  async function search(q: string, extra = ''): Promise<{ results: Hit[]; nextOffset: number | null }> {
    const res = await get(`/api/conversations/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { results: Hit[]; nextOffset: number | null };
  }

  let refund: string;
  let danaFirst: string;
  let danaSecond: string;
  let stranger: string;
  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    admin = await login(server);
    refund = await conversation(
      { name: 'Priya Natarajan', email: 'priya@acme.test' },
      'I was charged twice for my subscription, I need refunds for both invoices',
    );
    const dana = proven({ name: 'Dana Scully', email: 'dana@fbi.test' });
    danaFirst = await conversation(dana, 'How do I export my data to CSV?');
    // The same verified person on another device: a new visitor row with the same proven email.
    danaSecond = await conversation(
      proven({ name: 'Dana Scully', email: 'dana@fbi.test' }),
      'Where can I download my invoices?',
    );
    // Someone merely claiming Dana's email (unverified) must not see, nor be shown with, her history.
    stranger = await conversation({ name: 'Not Dana', email: 'dana@fbi.test' }, 'Hello there');
  }, 60_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('finds a conversation by a word of a message, stemmed, and cuts the text around it', async () => {
    const { results } = await search('refund');
    expect(results.map((r) => r.conversationId)).toEqual([refund]);
    expect(results[0]!.match.field).toBe('message');
    expect(results[0]!.match.text).toMatch(/refunds/);
    const charged = await search('charge twice');
    expect(charged.results.map((r) => r.conversationId)).toContain(refund);
  });

  it('finds conversations by visitor name and by email, and treats % and _ literally', async () => {
    const byName = await search('natarajan');
    expect(byName.results.map((r) => r.conversationId)).toEqual([refund]);
    expect(byName.results[0]!.match).toMatchObject({ field: 'name', text: 'Priya Natarajan' });
    const byEmail = await search('dana@fbi');
    expect(new Set(byEmail.results.map((r) => r.conversationId))).toEqual(new Set([danaFirst, danaSecond, stranger]));
    expect(byEmail.results.every((r) => r.match.field === 'email')).toBe(true);
    expect((await search('%%')).results).toEqual([]);
    expect((await search('zebra-unicorn')).results).toEqual([]);
  });

  it('pages through results and refuses unbounded or empty queries', async () => {
    const first = await search('dana', '&limit=2');
    expect(first.results).toHaveLength(2);
    expect(first.nextOffset).toBe(2);
    const second = await search('dana', `&limit=2&offset=${first.nextOffset}`);
    expect(second.results).toHaveLength(1);
    expect(second.nextOffset).toBeNull();
    expect(new Set([...first.results, ...second.results].map((r) => r.conversationId)).size).toBe(3);
    for (const bad of [
      'q=a',
      `q=${'x'.repeat(201)}`,
      'q=refund&limit=51',
      'q=refund&offset=5000',
      'q=refund&limit=abc',
    ]) {
      const res = await get(`/api/conversations/search?${bad}`);
      expect(res.status, bad).toBe(400);
    }
    expect((await server.app.request('/api/conversations/search?q=refund')).status).toBe(401);
  });

  it("lists the visitor's other conversations: same verified email, never an unverified claim", async () => {
    const history = async (id: string) => {
      const res = await get(`/api/conversations/${id}/history`);
      expect(res.status).toBe(200);
      return (
        (await res.json()) as {
          conversations: Array<{ id: string; status: string; createdAt: string; firstQuestion: string | null }>;
        }
      ).conversations;
    };
    const forSecond = await history(danaSecond);
    expect(forSecond.map((c) => c.id)).toEqual([danaFirst]);
    expect(forSecond[0]).toMatchObject({ status: 'bot', firstQuestion: 'How do I export my data to CSV?' });
    expect(Date.parse(forSecond[0]!.createdAt)).not.toBeNaN();
    expect(await history(stranger)).toEqual([]);
    expect((await history(danaFirst)).map((c) => c.id)).toEqual([danaSecond]);
    expect(await history(refund)).toEqual([]);
    expect((await get('/api/conversations/nope/history')).status).toBe(404);
  });
});
