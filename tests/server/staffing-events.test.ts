import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, type TestDb } from '../helpers/test-db.js';
import { proven } from '../helpers/proven-identity.js';
import {
  connect,
  emitAck,
  fakeClock,
  login,
  nextEvent,
  resetRouting,
  startSuite,
  stopSuite,
} from '../helpers/test-server.js';

/**
 * Presence, roster and notification changes are domain events (server/listeners.ts): a waiting chat
 * is routed the moment someone who can take it is there, without waiting for the sweep, and an alert
 * reaches the console live. No routing job is run by hand here.
 */
describe(`staffing and notification events (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const clock = fakeClock();
  const sockets: Socket[] = [];
  let n = 0;

  async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST', token = admin) {
    const res = await server.app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
  async function agent(name: string, skills: string[]) {
    const email = `${name.toLowerCase()}-${++n}@test.local`;
    const created = await api('/api/agents', {
      email,
      name,
      password: 'long-enough-pw',
      role: 'agent',
      skills,
      maxConcurrent: 2,
    });
    expect(created.status).toBe(201);
    const token = await login(server, email, 'long-enough-pw');
    const socket = await connect(`${server.url}/agent`, { token });
    sockets.push(socket);
    return { id: created.body.id as string, socket, token };
  }
  async function waitingBillingChat(
    identity: Record<string, unknown> = {},
    text = 'I was charged twice this month, please refund one',
  ) {
    const socket = await connect(`${server.url}/visitor`, { visitor: identity });
    sockets.push(socket);
    const session = await nextEvent<{ conversationId: string }>(socket, 'session');
    await emitAck(socket, 'message', { clientMessageId: `m-${++n}`, text });
    await server.idle();
    await server.jobs.route();
    return session.conversationId;
  }
  const offeredTo = async (id: string) => (await api(`/api/conversations/${id}`)).body.offeredTo as string | null;

  beforeAll(async () => {
    ({ tdb, server, admin } = await startSuite({ OFFER_SECONDS: '30' }, { clock, startWorkers: false }));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await resetRouting(tdb.db);
  });
  afterAll(() => stopSuite({ tdb, server }));

  it('offers the waiting chat to an agent the moment they are back from away (console socket)', {
    timeout: 60_000,
  }, async () => {
    const ava = await agent('Ava', ['billing']);
    expect(await emitAck(ava.socket, 'presence', { status: 'away' })).toMatchObject({ ok: true });
    const id = await waitingBillingChat();
    expect(await offeredTo(id)).toBeNull();
    const offer = nextEvent<{ conversationId: string }>(ava.socket, 'offer', (o) => o.conversationId === id);
    expect(await emitAck(ava.socket, 'presence', { status: 'online' })).toMatchObject({ ok: true });
    expect((await offer).conversationId).toBe(id);
  });

  it('does the same when the agent says so over HTTP', { timeout: 60_000 }, async () => {
    const bo = await agent('Bo', ['billing']);
    expect((await api('/api/agents/me/presence', { status: 'away' }, 'PUT', bo.token)).status).toBe(200);
    const id = await waitingBillingChat();
    expect(await offeredTo(id)).toBeNull();
    const offer = nextEvent<{ conversationId: string }>(bo.socket, 'offer', (o) => o.conversationId === id);
    expect((await api('/api/agents/me/presence', { status: 'online' }, 'PUT', bo.token)).status).toBe(200);
    expect((await offer).conversationId).toBe(id);
  });

  it('offers it to an online agent as soon as an admin gives them the skill it needs', {
    timeout: 60_000,
  }, async () => {
    const tess = await agent('Tess', ['technical']);
    const id = await waitingBillingChat();
    expect(await offeredTo(id)).toBeNull();
    const offer = nextEvent<{ conversationId: string }>(tess.socket, 'offer', (o) => o.conversationId === id);
    expect((await api(`/api/agents/${tess.id}`, { skills: ['technical', 'billing'] }, 'PUT')).status).toBe(200);
    expect((await offer).conversationId).toBe(id);
  });

  it("pushes an SLA warning to the managers' consoles as it is stored", { timeout: 60_000 }, async () => {
    const managerConsole = await connect(`${server.url}/agent`, { token: admin });
    sockets.push(managerConsole);
    const id = await waitingBillingChat(
      proven({ name: 'Cora', plan: 'enterprise', accountValue: 250000 }),
      'Someone hacked my account and is changing our data right now',
    );
    const warning = nextEvent<{ kind: string; conversationId: string }>(
      managerConsole,
      'notification',
      (x) => x.conversationId === id,
    );
    clock.advance(125);
    expect(await server.jobs.sla()).toMatchObject({ warned: 1 });
    expect(await warning).toMatchObject({ kind: 'sla_warning', conversationId: id });
  });
});
