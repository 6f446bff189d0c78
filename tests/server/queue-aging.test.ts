import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { MAX_WAIT_POINTS } from '../../server/routing/priority.js';
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

type QueueNotice = { conversationId: string; queuePosition: number };

/**
 * Time waited is part of the queue order, through the real server: routing serves, the console
 * lists and visitors are told positions in the same order, and the clock alone can change it.
 */
describe(`queue order with time waited (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const clock = fakeClock(new Date('2030-05-06T09:00:00.000Z'));
  const sockets: Socket[] = [];
  let n = 0;
  const TEXT = 'I was charged twice for my subscription this month, please refund one';

  async function api(path: string, body?: unknown) {
    const res = await server.app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }
  async function visitor(identity: Record<string, unknown>) {
    const socket = await connect(`${server.url}/visitor`, { visitor: proven(identity) });
    sockets.push(socket);
    const session = await nextEvent<{ conversationId: string }>(socket, 'session');
    await emitAck(socket, 'message', { clientMessageId: `m-${++n}`, text: TEXT });
    await server.idle();
    const priority = (
      await tdb.db.query<{ priority: number; status: string }>(
        'SELECT priority, status FROM conversations WHERE id = $1',
        [session.conversationId],
      )
    ).rows[0]!;
    expect(priority.status).toBe('queued');
    return { socket, id: session.conversationId, priority: priority.priority };
  }
  /** The newest position each visitor was told. */
  async function positionOf(v: { socket: Socket; id: string }, expected: number) {
    return (
      await nextEvent<QueueNotice>(
        v.socket,
        'handoff',
        (h) => h.conversationId === v.id && h.queuePosition === expected,
      )
    ).queuePosition;
  }

  beforeAll(async () => {
    ({ tdb, server, admin } = await startSuite(
      { SEED_DEMO: '0', ROUTING_MODE: 'auto', GENERALIST_AFTER_SECONDS: '86400' },
      { clock, startWorkers: false },
    ));
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await resetRouting(tdb.db);
  });
  afterAll(() => stopSuite({ tdb, server }));

  it('serves an older lower-priority chat before a newer higher one once it has waited long enough', async () => {
    const older = await visitor({ name: 'Olga' });
    // business adds tier points
    const gap = (await visitor({ name: 'Probe', plan: 'business' })).priority - older.priority;
    await tdb.db.query(`UPDATE conversations SET status = 'resolved' WHERE id <> $1 AND status = 'queued'`, [older.id]);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(MAX_WAIT_POINTS);

    clock.advance((gap + 1) * 60); // the older chat has now waited gap+1 minutes
    const newer = await visitor({ name: 'Nina', plan: 'business' });
    clock.advance(1);
    const fresher = await visitor({ name: 'Erin', plan: 'business' });
    expect(newer.priority - older.priority).toBe(gap);

    // The console list, the visitor positions and (below) routing all put the older chat first.
    const listed = (await api('/api/conversations?status=queued')).body.conversations as Array<{
      id: string;
      priority: number;
      effectivePriority: number;
    }>;
    expect(listed.map((c) => c.id)).toEqual([older.id, newer.id, fresher.id]);
    expect(listed[0]!.effectivePriority).toBeCloseTo(older.priority + gap + 1 + 1 / 60, 9);
    expect(listed[1]!.effectivePriority).toBeCloseTo(newer.priority + 1 / 60, 9);
    expect(listed[2]!.effectivePriority).toBe(newer.priority);
    expect(await positionOf(older, 1)).toBe(1);
    expect(await positionOf(newer, 2)).toBe(2);

    // One agent with one free seat comes online: the older chat is the one assigned.
    const email = `solo-${++n}@test.local`;
    expect(
      (
        await api('/api/agents', {
          email,
          name: 'Solo',
          password: 'long-enough-pw',
          role: 'agent',
          skills: ['billing'],
          maxConcurrent: 1,
        })
      ).status,
    ).toBe(201);
    const agent = await connect(`${server.url}/agent`, { token: await login(server, email, 'long-enough-pw') });
    sockets.push(agent);
    const status = async (id: string) =>
      (await tdb.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [id])).rows[0]!.status;
    for (let i = 0; i < 50 && (await status(older.id)) !== 'assigned'; i++) {
      await server.jobs.route(); // the agent's presence lands asynchronously
      await server.idle();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await status(older.id)).toBe('assigned');
    expect(await status(newer.id)).toBe('queued');
    expect(await positionOf(newer, 1)).toBe(1);
    expect(await positionOf(fresher, 2)).toBe(2);
  });

  it('tells visitors their new position when the clock alone reorders the queue', async () => {
    const older = await visitor({ name: 'Abe' });
    const probe = await visitor({ name: 'Pia', plan: 'business' });
    const gap = probe.priority - older.priority;
    await tdb.db.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [probe.id]);
    clock.advance(gap * 60 + 30); // the older chat leads by half a minute's worth of points
    const newer = await visitor({ name: 'Ned', plan: 'business' });
    expect(await positionOf(older, 1)).toBe(1);
    expect(await positionOf(newer, 2)).toBe(2);

    // Once the older chat's wait bonus is capped the newer one's keeps growing and passes it;
    // the routing sweep re-tells positions, in the order routing would serve them.
    clock.advance(MAX_WAIT_POINTS * 60);
    await server.jobs.route();
    expect(await positionOf(newer, 1)).toBe(1);
    expect(await positionOf(older, 2)).toBe(2);
    const queue = (await api('/api/conversations?status=queued')).body.conversations as Array<{ id: string }>;
    expect(queue.map((c) => c.id)).toEqual([newer.id, older.id]);
  });
});
