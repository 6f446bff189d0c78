import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, type TestDb } from '../helpers/test-db.js';
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
 * Routing through the real server: skills, capacity, presence, nobody online, an agent who goes
 * away, auto-assign with a no-response timeout, transfers and a reopen. Time moves by hand.
 */
describe(`routing scenarios (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const clock = fakeClock();
  const sockets: Socket[] = [];
  let n = 0;

  async function api(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') {
    const res = await server.app.request(path, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  }
  async function agent(name: string, skills: string[], extra: Record<string, unknown> = {}) {
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
    if (Object.keys(extra).length) expect((await api(`/api/agents/${created.body.id}`, extra, 'PUT')).status).toBe(200);
    const token = await login(server, email, 'long-enough-pw');
    const socket = await connect(`${server.url}/agent`, { token });
    sockets.push(socket);
    await waitFor(
      async () =>
        (await api('/api/agents')).body.agents.find((a: any) => a.id === created.body.id)?.presence === 'online',
    );
    return { id: created.body.id as string, name, socket, token };
  }
  async function visitor(text: string, identity: Record<string, unknown> = {}) {
    const socket = await connect(`${server.url}/visitor`, { visitor: identity });
    sockets.push(socket);
    const session = await nextEvent<{ conversationId: string; token: string }>(socket, 'session');
    await emitAck(socket, 'message', { clientMessageId: `m-${++n}`, text });
    await server.idle();
    return { socket, id: session.conversationId, token: session.token };
  }
  const conversation = async (id: string) => (await api(`/api/conversations/${id}`)).body;

  beforeAll(async () => {
    ({ tdb, server, admin } = await startSuite(
      { GENERALIST_AFTER_SECONDS: '120', OFFER_SECONDS: '30', PRESENCE_GRACE_SECONDS: '60' },
      { clock, startWorkers: false },
    ));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await resetRouting(tdb.db);
  });
  afterAll(() => stopSuite({ tdb, server }));

  it('offers a billing problem to the billing agent, not the technical one', async () => {
    const billing = await agent('Bill', ['billing']);
    const tech = await agent('Tess', ['technical']);
    const offer = nextEvent<{ conversationId: string }>(billing.socket, 'offer');
    const v = await visitor('I was charged twice for my subscription this month, please refund one');
    await server.jobs.route();
    expect((await offer).conversationId).toBe(v.id);
    const c = await conversation(v.id);
    expect(c.skill).toBe('billing');
    expect(c.offeredTo).toBe(billing.id);
    expect(tech.socket.connected).toBe(true);
  });

  it(
    'moves an offer nobody takes to the next capable agent, ' + 'and falls back to a generalist after the wait',
    async () => {
      const first = await agent('Fay', ['billing']);
      const v = await visitor('I was charged twice and want my money back');
      await server.jobs.route();
      expect((await conversation(v.id)).offeredTo).toBe(first.id);
      const second = await agent('Sid', ['billing']);
      clock.advance(31);
      await server.jobs.route();
      expect((await conversation(v.id)).offeredTo).toBe(second.id);

      const generalist = await agent('Gus', ['general']);
      const other = await visitor('our API keys were leaked, someone hacked our account');
      await server.jobs.route();
      expect((await conversation(other.id)).offeredTo).toBeNull(); // nobody with "security" yet
      clock.advance(121);
      await server.jobs.route();
      expect((await conversation(other.id)).offeredTo).toBe(generalist.id);
    },
  );

  it('respects capacity: a full agent gets nothing more', async () => {
    const only = await agent('Cap', ['billing']);
    const claimed: string[] = [];
    for (let i = 0; i < 2; i++) {
      const v = await visitor(`I was charged twice for invoice ${i}, refund please`);
      expect(await emitAck(only.socket, 'claim', { conversationId: v.id })).toMatchObject({ ok: true });
      claimed.push(v.id);
    }
    const third = await visitor('double charge on my card, I need a refund');
    await server.jobs.route();
    expect((await conversation(third.id)).offeredTo).toBeNull();
    // Resolving one frees a seat and the waiting chat is offered at once.
    const offered = nextEvent<{ conversationId: string }>(only.socket, 'offer', (o) => o.conversationId === third.id);
    expect(await emitAck(only.socket, 'resolve', { conversationId: claimed[0] })).toMatchObject({ ok: true });
    expect((await offered).conversationId).toBe(third.id);
  });

  it('tells the visitor when nobody is online and keeps their email', async () => {
    const v = await visitor('I want to talk to a person');
    const notice = await nextEvent<{ agentsOnline: number; queuePosition: number }>(v.socket, 'handoff');
    expect(notice.agentsOnline).toBe(0);
    expect(await emitAck(v.socket, 'contact', { email: 'Pat@Example.com' })).toMatchObject({ ok: true });
    expect((await conversation(v.id)).contactEmail).toBe('pat@example.com');
    expect(await emitAck(v.socket, 'contact', { email: 'not-an-email' })).toMatchObject({ ok: false });
  });

  it('stops routing to an agent who goes away, by hand or by losing the connection', async () => {
    const away = await agent('Ava', ['billing']);
    expect(await emitAck(away.socket, 'presence', { status: 'away' })).toMatchObject({ ok: true });
    const v = await visitor('I was charged twice, refund please');
    await server.jobs.route();
    expect((await conversation(v.id)).offeredTo).toBeNull();
    expect(await emitAck(away.socket, 'presence', { status: 'online' })).toMatchObject({ ok: true });
    await server.jobs.route();
    expect((await conversation(v.id)).offeredTo).toBe(away.id);

    const gone = await agent('Gil', ['technical']);
    gone.socket.close();
    await new Promise((r) => setTimeout(r, 100));
    clock.advance(61);
    expect(await server.jobs.presence()).toBeGreaterThanOrEqual(1);
    const list = (await api('/api/agents')).body.agents;
    expect(list.find((a: any) => a.id === gone.id).presence).toBe('away');
  });

  it('transfers functionally to a team and hierarchically to a manager, recording both', async () => {
    const team = await api('/api/teams', { name: `Security ${++n}`, skills: ['security'] });
    expect(team.status).toBe(201);
    const first = await agent('Tom', ['billing']);
    const manager = await agent('Mia', ['billing'], { level: 'manager' });
    const v = await visitor('I was charged twice, refund please');
    expect(await emitAck(first.socket, 'claim', { conversationId: v.id })).toMatchObject({ ok: true });

    // Up to a manager: hierarchical. The visitor is told who joined; the note stays internal.
    const joined = nextEvent<{ name: string }>(v.socket, 'agent:joined', (j) => j.name === 'Mia');
    const up = await fetch(`${server.url}/api/conversations/${v.id}/transfer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toAgentId: manager.id, note: 'Customer asks for a goodwill credit' }),
    });
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ kind: 'hierarchical', assigneeId: manager.id });
    await joined;

    // Sideways to a team: functional, back in the queue with the team's skill.
    const side = await fetch(`${server.url}/api/conversations/${v.id}/transfer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toTeamId: team.body.id, note: 'Looks like account takeover' }),
    });
    expect(await side.json()).toMatchObject({ kind: 'functional', status: 'queued' });
    const c = await conversation(v.id);
    expect(c.skill).toBe('security');
    expect(c.timeline.filter((e: any) => e.type === 'transfer').map((e: any) => e.data.kind)).toEqual([
      'hierarchical',
      'functional',
    ]);
    expect(c.notes.map((x: any) => x.text).join(' ')).toContain('goodwill credit');
    expect(c.messages.map((m: any) => m.text).join(' ')).not.toContain('goodwill credit');

    // A transfer by someone who does not have the conversation is refused.
    const stranger = await fetch(`${server.url}/api/conversations/${v.id}/transfer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ toAgentId: manager.id }),
    });
    expect(stranger.status).toBe(409);
  });

  it('routes a reopened conversation back to the agent who helped before', async () => {
    const helper = await agent('Hal', ['billing']);
    await agent('Ivy', ['billing']);
    const v = await visitor('I was charged twice, refund please');
    expect(await emitAck(helper.socket, 'claim', { conversationId: v.id })).toMatchObject({ ok: true });
    expect(
      await emitAck(helper.socket, 'message', { conversationId: v.id, clientMessageId: `r-${++n}`, text: 'Refunded!' }),
    ).toMatchObject({ ok: true });
    expect(await emitAck(helper.socket, 'resolve', { conversationId: v.id })).toMatchObject({ ok: true });

    await emitAck(v.socket, 'message', {
      clientMessageId: `m-${++n}`,
      text: 'The refund did not arrive, I was charged twice again, I want a refund',
    });
    await server.idle();
    await server.jobs.route();
    const c = await conversation(v.id);
    expect(c.status).toBe('queued');
    expect(c.offeredTo).toBe(helper.id);
    expect(c.handoffCount).toBe(2);
    expect(c.timeline.map((e: any) => e.type)).toContain('re_escalation');
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
