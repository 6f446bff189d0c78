import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

/** One definition of "resolved by the AI", the same in the total, the per-day series and the report. */
describe(`resolved by the AI (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const sockets: Socket[] = [];
  let n = 0;

  async function visitor(identity: Record<string, string> = {}) {
    const s = await connect(`${server.url}/visitor`, {
      visitor: identity,
      page: { url: 'http://localhost/billing', title: 'Billing' },
    });
    sockets.push(s);
    const session = await nextEvent<{ conversationId: string }>(s, 'session');
    const say = async (text: string) => {
      await emitAck(s, 'message', { clientMessageId: `r-${++n}`, text });
      await server.idle();
    };
    const lastAi = async () => (await nextEvent<{ id: string }>(s, 'message', (m: any) => m.role === 'ai')).id;
    return { s, id: session.conversationId, say, lastAi };
  }
  const metrics = async () =>
    (await (await server.app.request('/api/metrics', { headers: { authorization: `Bearer ${admin}` } })).json()) as any;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    admin = await login(server);

    // Counts: answered and never heard from again.
    await (await visitor()).say('How do I change my billing email?');
    // Counts: the visitor pressed "yes, this helped".
    const yes = await visitor();
    await yes.say('How do I change my billing email?');
    expect(await emitAck(yes.s, 'feedback', { messageId: await yes.lastAi(), helpful: true })).toMatchObject({
      ok: true,
    });
    // Does not count: "Did this help?" No (and the visitor left before writing again).
    const no = await visitor();
    await no.say('How do I change my billing email?');
    expect(await emitAck(no.s, 'feedback', { messageId: await no.lastAi(), helpful: false })).toMatchObject({
      ok: true,
    });
    // Does not count: only a greeting came back.
    await (await visitor()).say('hello');
    // Does not count: handed to a person.
    await (await visitor()).say('I want to talk to a person');
    // Does not count: answered, but the same person (by email) was back within 24 hours.
    await (await visitor({ email: 'dana@example.com' })).say('How do I change my billing email?');
    await (await visitor({ email: 'Dana@example.com' })).say('I want to talk to a person');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('counts an AI answer only when nothing says it failed, and says what it counted', async () => {
    const m = await metrics();
    expect(m.conversations).toBe(7);
    expect(m.aiResolved).toBe(2);
    expect(m.daily.reduce((a: number, d: any) => a + d.aiResolved, 0)).toBe(m.aiResolved);
    expect(m.aiResolvedDefinition).toMatch(/yes, this helped/);
    expect(m.aiResolvedDefinition).toMatch(/24 hours/);
    const report = await (
      await server.app.request('/api/reports/escalations', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(report).toMatch(/resolved by the AI \| 2 /);
  });
});
