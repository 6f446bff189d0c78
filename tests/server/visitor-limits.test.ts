import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, nextEvent, startTestServer } from '../helpers/test-server.js';

type Ack = { ok: boolean; id?: string; error?: { code: string; message: string; retryAfterMs?: number } };
const page = { url: 'https://shop.example/billing', title: 'Billing' };

/** A visitor socket whose address (behind TRUST_PROXY=1) is `ip`; resolves with its session. */
async function visitor(server: RunningServer, ip: string, auth: Record<string, unknown> = {}) {
  const socket = await connect(`${server.url}/visitor`, { page, ...auth }, { headers: { 'X-Forwarded-For': ip } });
  const session = await nextEvent<{ conversationId: string; token: string }>(socket, 'session');
  return { socket, ...session };
}

const rateLimited = (acks: Ack[]) => acks.filter((a) => !a.ok && a.error?.code === 'rate_limited');

async function countVisitorMessages(tdb: TestDb, conversationIds: string[]): Promise<number> {
  const { rows } = await tdb.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages WHERE role = 'visitor' AND conversation_id = ANY($1::text[])`,
    [conversationIds],
  );
  return rows[0]!.n;
}

describe(`visitor limits, per conversation and per address (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let direct: RunningServer;
  const open: Socket[] = [];
  const track = <T extends { socket: Socket }>(v: T) => (open.push(v.socket), v);

  beforeAll(async () => {
    tdb = await openTestDb();
    // Behind one proxy, so each test can be its own address; the small event limits keep it quick.
    server = await startTestServer(tdb.db, {
      RATE_LIMITS:
        'contact.conversation=3/600,sync.conversation=3/60,page.conversation=3/60,' +
        'csat.conversation=2/600,feedback.conversation=3/60',
      TRUST_PROXY: '1',
    });
    // The defaults, with no proxy trusted.
    direct = await startTestServer(tdb.db, { RATE_LIMITS: 'on', SEED_DEMO: '0' });
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.idle();
    await direct?.idle();
    await server?.close();
    await direct?.close();
    await tdb?.dispose();
  });

  it('25 sockets of one visitor together stay within the per-conversation message limit (20/min)', async () => {
    const first = track(await visitor(server, '10.0.0.1'));
    const sockets = [first.socket];
    for (let i = 1; i < 25; i++) sockets.push(track(await visitor(server, '10.0.0.1', { token: first.token })).socket);
    const acks = await Promise.all(
      sockets.flatMap((s, i) =>
        Array.from({ length: 8 }, (_, j) =>
          emitAck<Ack>(s, 'message', { clientMessageId: `s${i}-m${j}`, text: `hello ${i} ${j}` }),
        ),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(20);
    const limited = rateLimited(acks);
    expect(limited).toHaveLength(180);
    expect(limited[0]!.error!.retryAfterMs).toBeGreaterThan(0);
    expect(limited[0]!.error!.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await countVisitorMessages(tdb, [first.conversationId])).toBe(20);
  });

  it('20 tokenless sockets from one address cannot all open conversations (10 per 10 min)', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 20 }, () =>
        visitor(server, '10.0.0.2', {
          visitor: { name: 'Fake Enterprise', plan: 'enterprise', accountValue: 5_000_000 },
        }).then(track),
      ),
    );
    const acks = await Promise.all(
      visitors.map((v, i) =>
        emitAck<Ack>(v.socket, 'message', { clientMessageId: `c${i}`, text: 'I need a human now' }),
      ),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(10);
    expect(rateLimited(acks)).toHaveLength(10);
    const { rows } = await tdb.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::text[])',
      [visitors.map((v) => v.conversationId)],
    );
    expect(rows[0]!.n).toBe(10);
  });

  it('a reconnect does not reset the message limit', async () => {
    const v = track(await visitor(server, '10.0.0.3'));
    const acks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        emitAck<Ack>(v.socket, 'message', { clientMessageId: `r${i}`, text: `question ${i}` }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    v.socket.close();
    const again = track(await visitor(server, '10.0.0.3', { token: v.token }));
    expect(again.conversationId).toBe(v.conversationId);
    const ack = await emitAck<Ack>(again.socket, 'message', { clientMessageId: 'after-reconnect', text: 'one more' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('limits every event type per conversation: contact, sync, page, csat, feedback', async () => {
    const v = track(await visitor(server, '10.0.0.4'));
    expect((await emitAck<Ack>(v.socket, 'message', { clientMessageId: 'e1', text: 'hello' })).ok).toBe(true);

    const contact = [];
    for (let i = 0; i < 6; i++) contact.push(await emitAck<Ack>(v.socket, 'contact', { email: 'dana@example.com' }));
    expect(contact.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(rateLimited(contact)).toHaveLength(3);
    // The same address three times is stored once.
    const { rows } = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND meta ->> 'event' = 'contact_email'`,
      [v.conversationId],
    );
    expect(rows[0]!.n).toBe(1);

    const sync = [];
    for (let i = 0; i < 4; i++) sync.push(await emitAck<Ack>(v.socket, 'sync', {}));
    expect(sync.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(rateLimited(sync)).toHaveLength(1);

    const csat = [];
    for (let i = 0; i < 3; i++) csat.push(await emitAck<Ack>(v.socket, 'csat', { score: 5 }));
    expect(csat.slice(0, 2).every((a) => a.error?.code === 'not_resolved')).toBe(true);
    expect(rateLimited(csat)).toHaveLength(1);

    const feedback = [];
    for (let i = 0; i < 4; i++)
      feedback.push(await emitAck<Ack>(v.socket, 'feedback', { messageId: 'nope', helpful: true }));
    expect(feedback.slice(0, 3).every((a) => a.error?.code === 'not_found')).toBe(true);
    expect(rateLimited(feedback)).toHaveLength(1);

    for (let i = 0; i < 6; i++) v.socket.emit('page', { url: `https://shop.example/p${i}`, title: `P${i}` });
    await emitAck<Ack>(v.socket, 'sync', {}); // a round trip, so the page events have been handled
    await new Promise((r) => setTimeout(r, 200));
    const trail = await tdb.db.query<{ urls: string[] }>(
      `SELECT ARRAY(SELECT e ->> 'url' FROM jsonb_array_elements(page_trail) ` +
        `e) AS urls FROM conversations WHERE id = $1`,
      [v.conversationId],
    );
    expect(trail.rows[0]!.urls).toEqual([
      'https://shop.example/billing',
      'https://shop.example/p0',
      'https://shop.example/p1',
      'https://shop.example/p2',
    ]);
  });

  it('1,000 contact events store at most 5 system messages (default limit)', async () => {
    const v = track(await visitor(direct, '10.0.0.5'));
    expect((await emitAck<Ack>(v.socket, 'message', { clientMessageId: 'x1', text: 'hello' })).ok).toBe(true);
    const acks = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => emitAck<Ack>(v.socket, 'contact', { email: `user${i}@example.com` })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    const { rows } = await tdb.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND meta ->> 'event' = 'contact_email'`,
      [v.conversationId],
    );
    expect(rows[0]!.n).toBe(5);
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not escape the per-address limit', async () => {
    const visitors = await Promise.all(
      Array.from({ length: 20 }, (_, i) => visitor(direct, `203.0.113.${i + 1}`).then(track)),
    );
    const acks = await Promise.all(
      visitors.map((v, i) => emitAck<Ack>(v.socket, 'message', { clientMessageId: `f${i}`, text: 'hello' })),
    );
    // 127.0.0.1 already opened one conversation in the test above.
    expect(acks.filter((a) => a.ok)).toHaveLength(9);
    expect(rateLimited(acks)).toHaveLength(11);
  });
});

describe('visitor limits shared across server processes through Redis', () => {
  let tdb: TestDb;
  const servers: RunningServer[] = [];
  const open: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    const env = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_LIMIT_PREFIX: `test:${randomUUID()}:`,
      RATE_LIMITS: 'message.conversation=4/60',
      SEED_DEMO: '0',
    };
    servers.push(await startTestServer(tdb.db, env), await startTestServer(tdb.db, env));
  });
  afterAll(async () => {
    for (const s of open) s.close();
    for (const s of servers) await s.idle();
    for (const s of servers) await s.close();
    await tdb?.dispose();
  });

  it('two nodes count one conversation’s messages together', async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const onA = await connect(`${a.url}/visitor`, { page });
    open.push(onA);
    const session = await nextEvent<{ token: string; conversationId: string }>(onA, 'session');
    const first = await Promise.all(
      [0, 1, 2].map((i) => emitAck<Ack>(onA, 'message', { clientMessageId: `a${i}`, text: `on a ${i}` })),
    );
    expect(first.every((x) => x.ok)).toBe(true);
    const onB = await connect(`${b.url}/visitor`, { page, token: session.token });
    open.push(onB);
    const second = await Promise.all(
      [0, 1, 2].map((i) => emitAck<Ack>(onB, 'message', { clientMessageId: `b${i}`, text: `on b ${i}` })),
    );
    expect(second.filter((x) => x.ok)).toHaveLength(1);
    expect(rateLimited(second)).toHaveLength(2);
    expect(await countVisitorMessages(tdb, [session.conversationId])).toBe(4);
  });
});
