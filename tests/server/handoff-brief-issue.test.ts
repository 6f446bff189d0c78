import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

/** The brief's "Issue:" line names what the visitor needs, not their last words. */
describe(`handoff brief: the issue (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  const sockets: Socket[] = [];
  let n = 0;

  async function conversation(...texts: string[]): Promise<string> {
    const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
    sockets.push(s);
    const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
    for (const text of texts) {
      await emitAck(s, 'message', { clientMessageId: `i-${++n}`, text });
      await server.idle();
    }
    return conversationId;
  }
  async function issueLine(id: string): Promise<string> {
    const d = (await (
      await server.app.request(`/api/conversations/${id}`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as any;
    expect(d.handoff, 'handed off').toBeTruthy();
    return (d.handoff.brief as string).split('\n').find((l) => l.startsWith('Issue:'))!;
  }

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it(
    'is the earlier question, its intent and what the AI answered, ' + 'when the visitor then asks for a person',
    async () => {
      const line = await issueLine(
        await conversation('How do I change my billing email?', 'I want to talk to a person'),
      );
      expect(line).toMatch(/^Issue: How do I change my billing email\?/);
      expect(line).toMatch(/\(billing_question\)|\(account_management\)|\(how_to\)/);
      expect(line).toMatch(/the AI answered/);
      expect(line).toMatch(/then the visitor wrote "I want to talk to a person"/);
    },
  );

  it('is the message itself when that message states the problem', async () => {
    const line = await issueLine(await conversation('I want to cancel my subscription'));
    expect(line).toBe('Issue: I want to cancel my subscription');
  });

  it('says the problem is not stated yet when the visitor only asked for a person', async () => {
    const line = await issueLine(await conversation('hi', 'Can I speak to a human please?'));
    expect(line).toBe('Issue: not stated yet; the visitor only wrote "Can I speak to a human please?"');
  });
});
