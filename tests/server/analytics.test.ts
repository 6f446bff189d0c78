import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

describe(`escalation analytics and the weekly report (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let admin: string;
  let agent: Socket;
  const sockets: Socket[] = [];
  let n = 0;

  async function visitor(plan: string, url: string) {
    const s = await connect(`${server.url}/visitor`, { visitor: { plan }, page: { url, title: url } });
    sockets.push(s);
    const session = await nextEvent<{ conversationId: string }>(s, 'session');
    return {
      s,
      id: session.conversationId,
      say: async (text: string) => (
        await emitAck(s, 'message', { clientMessageId: `a-${++n}`, text }), await server.idle()
      ),
    };
  }
  const get = async (path: string) => server.app.request(path, { headers: { authorization: `Bearer ${admin}` } });

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    admin = await login(server);
    agent = await connect(`${server.url}/agent`, { token: admin });
    sockets.push(agent);

    const answered = await visitor('pro', 'http://localhost/billing');
    await answered.say('How do I change my billing email?');

    const escalated = await visitor('enterprise', 'http://localhost/settings/integrations');
    await escalated.say('I want to talk to a person');
    await emitAck(agent, 'claim', { conversationId: escalated.id });
    await emitAck(agent, 'message', { conversationId: escalated.id, clientMessageId: `g-${++n}`, text: 'Hello!' });
    await emitAck(agent, 'resolve', { conversationId: escalated.id });
    expect(await emitAck(escalated.s, 'csat', { score: 4, comment: 'quick' })).toMatchObject({ ok: true });
    const verdict = await server.app.request(`/api/conversations/${escalated.id}/verdict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ verdict: 'unnecessary' }),
    });
    expect(verdict.status).toBe(200);
    // Back again after resolution: a re-escalation.
    await escalated.say('Actually I need a human again please');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('reports resolution, escalation, timing, CSAT, verdicts and breakdowns', async () => {
    const m = (await (await get('/api/metrics')).json()) as any;
    expect(m.conversations).toBe(2);
    expect(m.aiResolved).toBe(1);
    expect(m.escalationRate).toBe(0.5);
    expect(m.handoffs).toBe(2);
    expect(m.reEscalationRate).toBe(1);
    expect(m.csat).toBe(4);
    expect(m.unnecessaryHandoffs).toBe(1);
    expect(m.medianTimeToFirstHumanResponseSeconds).toBeGreaterThanOrEqual(0);
    expect(m.byTier.find((b: any) => b.key === 'enterprise')).toMatchObject({
      conversations: 1,
      handoffs: 1,
      escalationRate: 1,
    });
    expect(m.byPage.find((b: any) => b.key === '/settings/integrations')?.handoffs).toBe(1);
    expect(m.byIntent.find((b: any) => b.key === 'talk_to_human')?.handoffs).toBe(1);
    expect(m.daily.reduce((a: number, d: any) => a + d.conversations, 0)).toBe(2);
  });

  it('refuses a CSAT before the conversation is resolved', async () => {
    const v = await visitor('pro', 'http://localhost/');
    await v.say('hello');
    expect(await emitAck(v.s, 'csat', { score: 5 })).toMatchObject({ ok: false, error: { code: 'not_resolved' } });
    expect(await emitAck(v.s, 'csat', { score: 9 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('downloads the weekly report as Markdown and CSV', async () => {
    const md = await get('/api/reports/escalations');
    expect(md.headers.get('content-type')).toMatch(/markdown/);
    expect(md.headers.get('content-disposition')).toMatch(/attachment; filename="escalation-report-.*\.md"/);
    const text = await md.text();
    expect(text).toMatch(/# Escalation report/);
    expect(text).toMatch(/\| enterprise \| 1 \| 1 \| 100.0% \|/);
    const csv = await (await get('/api/reports/escalations?format=csv')).text();
    expect(csv.split('\n')[0]).toBe('section,key,conversations,handoffs,escalation_rate,value');
    expect(csv).toMatch(/^tier,enterprise,1,1,1,$/m);
    expect((await get('/api/reports/escalations?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
  });
});
