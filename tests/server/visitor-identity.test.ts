import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from 'hono/jwt';
import type { Socket } from 'socket.io-client';
import type { ChatMessage, Handoff } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { createIdentityVerifier, identityHash } from '../../server/visitors/identity-verifier.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

const SECRET = 'identity-test-secret-0123456789abcdef';
const page = { url: 'http://localhost/billing', title: 'Billing' };
const hour = () => Math.floor(Date.now() / 1000) + 3600;

interface Detail {
  status: string;
  visitor: { id: string; name?: string; plan?: string; accountValue?: number; externalId?: string; verified: boolean };
  handoff?: Handoff;
  messages: ChatMessage[];
}

describe('identity verification, offline', () => {
  const verifier = createIdentityVerifier(SECRET);

  it('accepts the HMAC of the id and nothing else', async () => {
    expect(await verifier.check({ id: 'u_1', userHash: identityHash(SECRET, 'u_1') })).toMatchObject({
      verified: true,
      identity: { id: 'u_1' },
    });
    expect(await verifier.check({ id: 'u_1', userHash: identityHash(SECRET, 'u_1').toUpperCase() })).toMatchObject({
      verified: true,
    });
    expect(await verifier.check({ id: 'u_2', userHash: identityHash(SECRET, 'u_1') })).toMatchObject({
      verified: false,
    });
    expect(await verifier.check({ id: 'u_1', userHash: 'short' })).toMatchObject({ verified: false });
    expect(await verifier.check({ id: 'u_1', plan: 'enterprise' })).toEqual({
      verified: false,
      identity: { id: 'u_1', plan: 'enterprise' },
    });
  });

  it('takes a signed JWT’s claims as the identity; requires exp, the right secret and HS256', async () => {
    const good = await sign(
      { sub: 'u_9', name: 'Vera', plan: 'enterprise', accountValue: 90_000, exp: hour() },
      SECRET,
      'HS256',
    );
    expect(await verifier.check({ plan: 'free', jwt: good })).toEqual({
      verified: true,
      identity: { id: 'u_9', name: 'Vera', plan: 'enterprise', accountValue: 90_000 },
    });
    const noExp = await sign({ id: 'u_9', plan: 'enterprise' }, SECRET, 'HS256');
    expect(await verifier.check({ jwt: noExp })).toMatchObject({ verified: false });
    const expired = await sign({ id: 'u_9', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET, 'HS256');
    expect(await verifier.check({ jwt: expired })).toMatchObject({ verified: false });
    const otherKey = await sign({ id: 'u_9', exp: hour() }, 'some-other-secret-0123456789', 'HS256');
    expect(await verifier.check({ jwt: otherKey })).toMatchObject({ verified: false });
    const hs512 = await sign({ id: 'u_9', exp: hour() }, SECRET, 'HS512');
    expect(await verifier.check({ jwt: hs512 })).toMatchObject({ verified: false });
    const none =
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.` +
      `${Buffer.from(JSON.stringify({ id: 'u_9', exp: hour() })).toString('base64url')}.`;
    expect(await verifier.check({ jwt: none })).toMatchObject({ verified: false });
  });

  it('verifies nothing without IDENTITY_SECRET', async () => {
    expect(
      await createIdentityVerifier(undefined).check({ id: 'u_1', userHash: identityHash(SECRET, 'u_1') }),
    ).toMatchObject({ verified: false });
  });
});

describe(`visitor identity over the socket (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const open: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { IDENTITY_SECRET: SECRET });
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await server?.idle();
    await server?.close();
    await tdb?.dispose();
  });

  async function visitor(auth: Record<string, unknown>) {
    const socket = await connect(`${server.url}/visitor`, { page, ...auth });
    open.push(socket);
    const session = await nextEvent<{ conversationId: string; token: string }>(socket, 'session');
    return { socket, ...session };
  }
  const say = async (socket: Socket, clientMessageId: string, text: string) => {
    const ack = await emitAck(socket, 'message', { clientMessageId, text });
    expect(ack.ok).toBe(true);
    await server.idle();
  };
  const detail = async (id: string): Promise<Detail> =>
    (await (
      await fetch(`${server.url}/api/conversations/${id}`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as Detail;

  it('a claimed $5M enterprise customer gets no priority for it and is shown as unverified', async () => {
    const plain = await visitor({ visitor: { name: 'Pat' } });
    const claimed = await visitor({
      visitor: { id: 'u_ceo', name: 'The CEO', plan: 'enterprise', accountValue: 5_000_000 },
    });
    const proven = await visitor({
      visitor: {
        id: 'u_real',
        name: 'Real Customer',
        plan: 'enterprise',
        accountValue: 5_000_000,
        userHash: identityHash(SECRET, 'u_real'),
      },
    });
    for (const v of [plain, claimed, proven]) await say(v.socket, 'h1', 'I want to talk to a person');
    const [p, c, r] = (await Promise.all([plain, claimed, proven].map((v) => detail(v.conversationId)))) as [
      Detail,
      Detail,
      Detail,
    ];
    expect(c.visitor).toMatchObject({ name: 'The CEO', plan: 'enterprise', verified: false });
    expect(c.handoff!.priority).toBe(p.handoff!.priority);
    expect(c.handoff!.brief).toContain('Customer: The CEO (unverified identity)');
    expect(r.visitor).toMatchObject({ name: 'Real Customer', verified: true, externalId: 'u_real' });
    expect(r.handoff!.priority).toBeGreaterThan(p.handoff!.priority + 20); // tier 15 + value 15
    expect(r.handoff!.brief).not.toContain('unverified');
    // The queue agents read says the same.
    const queued = (await (
      await fetch(`${server.url}/api/conversations?status=queued`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { conversations: Array<{ id: string; visitor: { verified: boolean } }> };
    expect(queued.conversations.find((q) => q.id === claimed.conversationId)?.visitor.verified).toBe(false);
    expect(queued.conversations.find((q) => q.id === proven.conversationId)?.visitor.verified).toBe(true);
  });

  it('a verified identity resumes its open conversation on another device; a claimed one does not', async () => {
    const jwt = await sign({ id: 'u_dana', name: 'Dana', exp: hour() }, SECRET, 'HS256');
    const laptop = await visitor({ visitor: { jwt } });
    await say(laptop.socket, 'l1', 'How do I change my billing email?');

    const phone = await visitor({ visitor: { id: 'u_dana', userHash: identityHash(SECRET, 'u_dana') } });
    expect(phone.conversationId).toBe(laptop.conversationId);
    const history = await emitAck<{ ok: boolean; messages: ChatMessage[] }>(phone.socket, 'sync', {});
    expect(history.messages.map((m) => m.text)).toContain('How do I change my billing email?');
    await say(phone.socket, 'p1', 'Thanks, and where are invoices?');
    expect((await detail(laptop.conversationId)).messages.filter((m) => m.role === 'visitor')).toHaveLength(2);

    const impostor = await visitor({ visitor: { id: 'u_dana', name: 'Dana' } });
    expect(impostor.conversationId).not.toBe(laptop.conversationId);
    const nothing = await emitAck<{ ok: boolean; messages: ChatMessage[] }>(impostor.socket, 'sync', {});
    expect(nothing.messages).toEqual([]);
    const forged = await visitor({
      visitor: { id: 'u_dana', userHash: identityHash('guessed-secret-0123456789', 'u_dana') },
    });
    expect(forged.conversationId).not.toBe(laptop.conversationId);
  });

  it('an unverified handshake with a verified visitor’s token cannot rewrite who they are', async () => {
    const v = await visitor({
      visitor: { id: 'u_lee', name: 'Lee', plan: 'pro', userHash: identityHash(SECRET, 'u_lee') },
    });
    await say(v.socket, 'a1', 'hello');
    const again = await visitor({
      token: v.token,
      visitor: { id: 'u_lee', name: 'Not Lee', plan: 'enterprise', accountValue: 9_000_000 },
    });
    expect(again.conversationId).toBe(v.conversationId);
    await say(again.socket, 'a2', 'hello again');
    expect((await detail(v.conversationId)).visitor).toMatchObject({ name: 'Lee', plan: 'pro', verified: true });
  });

  it('a verified identity replaces what an unverified one had claimed on this browser', async () => {
    const v = await visitor({ visitor: { id: 'u_kim', name: 'Kim', plan: 'enterprise', accountValue: 1_000_000 } });
    await say(v.socket, 'k1', 'hello');
    expect((await detail(v.conversationId)).visitor).toMatchObject({ plan: 'enterprise', verified: false });
    const jwt = await sign({ id: 'u_kim', name: 'Kim', plan: 'pro', exp: hour() }, SECRET, 'HS256');
    const proven = await visitor({ token: v.token, visitor: { jwt } });
    expect(proven.conversationId).toBe(v.conversationId);
    await say(proven.socket, 'k2', 'hello again');
    const d = await detail(v.conversationId);
    expect(d.visitor).toMatchObject({ name: 'Kim', plan: 'pro', verified: true });
    expect(d.visitor.accountValue).toBeUndefined();
  });

  it('another verified person on the same browser does not get the previous person’s conversation', async () => {
    const first = await visitor({ visitor: { id: 'u_ann', userHash: identityHash(SECRET, 'u_ann') } });
    await say(first.socket, 's1', 'my private question');
    const next = await visitor({
      token: first.token,
      visitor: { id: 'u_bob', userHash: identityHash(SECRET, 'u_bob') },
    });
    expect(next.conversationId).not.toBe(first.conversationId);
    expect((await emitAck<{ ok: boolean; messages: ChatMessage[] }>(next.socket, 'sync', {})).messages).toEqual([]);
  });
});
