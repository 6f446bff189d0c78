import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

/** A local stand-in for Linear's GraphQL endpoint that records issueCreate calls. */
async function fakeLinear() {
  const calls: Array<{ auth: string | undefined; body: any }> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      calls.push({ auth: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: {
            issueCreate: {
              success: true,
              issue: {
                id: `lin-${calls.length}`,
                identifier: `ACME-${calls.length}`,
                url: `https://linear.example/ACME-${calls.length}`,
              },
            },
          },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    calls,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe(`bug reports from conversations (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let linear: Awaited<ReturnType<typeof fakeLinear>>;
  let admin: string;
  const sockets: Socket[] = [];
  const WEBHOOK_SECRET = 'lin-wh-secret';

  async function reporter(name: string, accountValue: number) {
    const page = {
      url: 'http://localhost/settings/integrations',
      title: 'Integrations',
      context: { feature: 'integrations', errorState: 'slack_auth_failed' },
    };
    const s = await connect(`${server.url}/visitor`, { visitor: { name, accountValue }, page });
    sockets.push(s);
    const session = await nextEvent<{ conversationId: string }>(s, 'session');
    await emitAck(s, 'message', {
      clientMessageId: `b-${name}`,
      text: 'Connecting Slack fails with an error every time I click Connect. It should just connect.',
      page,
    });
    await server.idle();
    return { s, id: session.conversationId };
  }
  const call = (path: string, body?: unknown) =>
    server.app.request(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    linear = await fakeLinear();
    tdb = await openTestDb();
    server = await startTestServer(
      tdb.db,
      {
        LINEAR_API_KEY: 'lin_api_test',
        LINEAR_API_URL: linear.url,
        LINEAR_TEAM_ID: 'team-1',
        LINEAR_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      { startWorkers: false },
    );
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
    await linear?.stop();
  });

  it(
    'drafts a report from the conversation, files it to Linear, ' +
      'merges the same bug and tells customers when it is fixed',
    async () => {
      const first = await reporter('Ada', 12000);
      const draft = (await (await call(`/api/bug-reports/draft?conversationId=${first.id}`)).json()) as any;
      expect(draft.draft.title).toContain('[slack_auth_failed]');
      expect(draft.draft.pageUrl).toBe('/settings/integrations');
      expect(draft.draft.expected).toMatch(/should just connect/);
      expect(draft.draft.actual).toMatch(/fails with an error/);
      expect(draft.similarTo).toBeNull();

      const filed = await call('/api/bug-reports', { conversationId: first.id });
      expect(filed.status).toBe(201);
      const report = ((await filed.json()) as any).report;
      expect(report.externalUrl).toBe('https://linear.example/ACME-1');
      expect(linear.calls).toHaveLength(1);
      expect(linear.calls[0]!.auth).toBe('lin_api_test');
      expect(linear.calls[0]!.body.variables.input).toMatchObject({
        teamId: 'team-1',
        title: expect.stringContaining('Slack'),
      });

      const second = await reporter('Bob', 30000);
      const merged = await call('/api/bug-reports', { conversationId: second.id });
      expect(merged.status).toBe(200);
      const m = (await merged.json()) as any;
      expect(m.merged).toBe(true);
      expect(m.report).toMatchObject({
        id: report.id,
        reportCount: 2,
        affectedCustomers: 2,
        affectedAccountValue: 42000,
      });
      expect(linear.calls).toHaveLength(1); // merged, not sent again

      const raw = JSON.stringify({
        type: 'Issue',
        action: 'update',
        data: { id: 'lin-1', state: { type: 'completed' } },
      });
      const forged = await server.app.request('/api/integrations/linear/webhook', {
        method: 'POST',
        headers: { 'linear-signature': 'nope', 'content-type': 'application/json' },
        body: raw,
      });
      expect(forged.status).toBe(401);
      const toldFirst = nextEvent<ChatMessage>(
        first.s,
        'message',
        (msg) => msg.role === 'system' && /has been fixed/.test(msg.text),
      );
      const toldSecond = nextEvent<ChatMessage>(
        second.s,
        'message',
        (msg) => msg.role === 'system' && /has been fixed/.test(msg.text),
      );
      const hook = await server.app.request('/api/integrations/linear/webhook', {
        method: 'POST',
        headers: {
          'linear-signature': createHmac('sha256', WEBHOOK_SECRET).update(raw).digest('hex'),
          'content-type': 'application/json',
        },
        body: raw,
      });
      expect(await hook.json()).toEqual({ ok: true, matched: true, notified: 2 });
      await Promise.all([toldFirst, toldSecond]);
      const list = (await (await call('/api/bug-reports')).json()) as any;
      expect(list.bugReports[0]).toMatchObject({ id: report.id, status: 'fixed' });
    },
  );

  it('without Linear, files to the webhook in the same commit as the report, once per report', async () => {
    // A second node on the same database, configured for webhooks instead of Linear.
    const plain = await startTestServer(
      tdb.db,
      { WEBHOOK_URL: 'http://127.0.0.1:9/hooks', WEBHOOK_SECRET: 'wh' },
      { startWorkers: false },
    );
    try {
      const token = await login(plain);
      const post = (path: string, body: unknown) =>
        plain.app.request(path, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const deliveries = async (event: string) =>
        (
          await tdb.db.query<{ payload: any }>('SELECT payload FROM webhook_deliveries WHERE event = $1', [event])
        ).rows.map((r) => r.payload);
      const visitor = await connect(`${plain.url}/visitor`, {
        page: { url: 'http://localhost/reports', title: 'Reports' },
      });
      sockets.push(visitor);
      const session = await nextEvent<{ conversationId: string }>(visitor, 'session');
      await emitAck(visitor, 'message', {
        clientMessageId: 'csv-1',
        text: 'The CSV export button does nothing when I click it. It should download the file.',
      });
      await plain.idle();

      const filed = await post('/api/bug-reports', {
        conversationId: session.conversationId,
        title: 'CSV export button does nothing',
      });
      expect(filed.status).toBe(201);
      const id = ((await filed.json()) as any).report.id;
      expect(await deliveries('bug_report.created')).toEqual([
        expect.objectContaining({ id, title: 'CSV export button does nothing' }),
      ]);
      expect((await post(`/api/bug-reports/${id}/fixed`, {})).status).toBe(200);
      expect(await deliveries('bug_report.fixed')).toEqual([expect.objectContaining({ id })]);
    } finally {
      await plain.close();
    }
  });

  it("includes the visitor's screenshot: in the draft, the filed report and the Linear issue", async () => {
    const page = { url: 'http://localhost/billing', title: 'Billing', context: { errorState: 'card_declined_banner' } };
    const s = await connect(`${server.url}/visitor`, { visitor: { name: 'Cy' }, page });
    sockets.push(s);
    const session = await nextEvent<{ conversationId: string; token: string }>(s, 'session');
    const shot = await sharp({ create: { width: 30, height: 20, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    const up = await fetch(`${server.url}/api/visitor/attachments?name=declined.png`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: shot as Uint8Array<ArrayBuffer>,
    });
    const ref = (await up.json()) as { id: string };
    await emitAck(s, 'message', {
      clientMessageId: 'shot',
      text: 'Paying fails with this red banner even though my card works.',
      page,
      attachments: [ref.id],
    });
    await server.idle();

    const draft = (await (await call(`/api/bug-reports/draft?conversationId=${session.conversationId}`)).json()) as any;
    expect(draft.attachments).toEqual([
      expect.objectContaining({
        id: ref.id,
        name: 'declined.png',
        contentType: 'image/png',
        conversationId: session.conversationId,
      }),
    ]);
    const before = linear.calls.length;
    const filed = ((await (await call('/api/bug-reports', { conversationId: session.conversationId })).json()) as any)
      .report;
    expect(filed.attachments).toEqual([expect.objectContaining({ id: ref.id, name: 'declined.png' })]);
    expect(linear.calls).toHaveLength(before + 1);
    expect(linear.calls.at(-1)!.body.variables.input.description).toMatch(
      /\*\*Attachments\*\* \(in the Firstline conversation\)\n- declined\.png \(image\/png, 1 kB\)/,
    );
    const listed = ((await (await call('/api/bug-reports')).json()) as any).bugReports.find(
      (b: any) => b.id === filed.id,
    );
    expect(listed.attachments.map((a: any) => a.id)).toEqual([ref.id]);
  });

  it('validates filing input', async () => {
    expect((await call('/api/bug-reports', { conversationId: '' })).status).toBe(400);
    expect((await call('/api/bug-reports', { conversationId: 'missing' })).status).toBe(404);
  });
});
