import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { verifyWebhook } from '../../server/notifications/webhook-signature.js';
import type { RunningServer } from '../../server/start-server.js';
import type { EndpointDelivery, WebhookEndpoint, WebhookEndpointCreated } from '../../protocol/webhook-endpoints.js';
import { apiClient, signIn, startConversation, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { emitAck, startTestServer, TEST_ADMIN } from '../helpers/test-server.js';
import { WebhookReceiver, type Received } from '../helpers/webhook-receiver.js';

const CONCURRENCY = 2;

async function waitFor(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`webhook endpoints managed in the console (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let receiver: WebhookReceiver;
  let call: Call;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    receiver = await new WebhookReceiver().start();
    server = await startTestServer(
      tdb.db,
      {
        SEED_DEMO: '0',
        WEBHOOK_URL: `${receiver.url}/config`,
        WEBHOOK_SECRET: 'config-secret',
        WEBHOOK_CONCURRENCY: String(CONCURRENCY),
      },
      { startWorkers: false },
    );
    call = apiClient(server);
    admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await receiver?.stop();
    await tdb?.dispose();
  });

  const create = async (json: unknown) => {
    const res = await call('POST', '/api/webhooks/endpoints', { token: admin, json });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as WebhookEndpointCreated;
  };
  const list = async () =>
    (
      (await (await call('GET', '/api/webhooks/endpoints', { token: admin })).json()) as {
        endpoints: WebhookEndpoint[];
      }
    ).endpoints;
  const log = async (id: string) =>
    (
      (await (await call('GET', `/api/webhooks/endpoints/${id}/deliveries`, { token: admin })).json()) as {
        deliveries: EndpointDelivery[];
      }
    ).deliveries;
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const eventOf = (r: Received) => (JSON.parse(r.body) as { event: string }).event;
  const verifies = (r: Received, secret: string) =>
    verifyWebhook(
      secret,
      String(r.headers['x-firstline-timestamp']),
      r.body,
      String(r.headers['x-firstline-signature']),
    );

  it(
    'sends each event to every endpoint whose filter takes it, ' + "signed with that endpoint's own secret, shown once",
    async () => {
      const messages = await create({
        url: `${receiver.url}/a`,
        description: 'Messages only',
        events: ['message.created'],
      });
      const all = await create({ url: `${receiver.url}/b`, description: 'Everything' });
      expect(messages.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      expect(messages.secret).not.toBe(all.secret);

      // Listed (with WEBHOOK_URL first, as the config endpoint), never with a secret.
      const listed = await list();
      expect(listed.map((e) => [e.source, e.url])).toEqual([
        ['config', `${receiver.url}/config`],
        ['console', `${receiver.url}/a`],
        ['console', `${receiver.url}/b`],
      ]);
      const raw =
        JSON.stringify(listed) +
        (await (await call('GET', `/api/webhooks/endpoints/${all.endpoint.id}`, { token: admin })).text());
      expect(raw).not.toContain(messages.secret);
      expect(raw).not.toContain(all.secret);
      expect(raw).not.toContain('secret"');

      const convo = await startConversation(server);
      sockets.push(convo.visitor);
      expect(
        (await emitAck(convo.visitor, 'message', { clientMessageId: randomUUID(), text: 'I want to talk to a person' }))
          .ok,
      ).toBe(true);
      await server.idle();
      await server.jobs.webhooks();

      expect(at('/a').length).toBeGreaterThan(0);
      expect(new Set(at('/a').map(eventOf))).toEqual(new Set(['message.created']));
      expect(at('/b').map(eventOf)).toContain('conversation.handoff_requested');
      expect(at('/b').length).toBeGreaterThan(at('/a').length);
      // WEBHOOK_URL keeps getting everything, signed with WEBHOOK_SECRET.
      expect(at('/config').map(eventOf)).toEqual(at('/b').map(eventOf));
      for (const r of at('/a')) expect(verifies(r, messages.secret)).toBe(true);
      for (const r of at('/b')) expect(verifies(r, all.secret) && !verifies(r, messages.secret)).toBe(true);
      for (const r of at('/config')) expect(verifies(r, 'config-secret')).toBe(true);
    },
  );

  it('rotates a secret: the new one signs from the next request, the old one no longer verifies', async () => {
    const ep = await create({ url: `${receiver.url}/rotate` });
    const res = await call('POST', `/api/webhooks/endpoints/${ep.endpoint.id}/rotate-secret`, { token: admin });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as WebhookEndpointCreated;
    expect(rotated.secret).not.toBe(ep.secret);
    expect((await call('POST', `/api/webhooks/endpoints/${ep.endpoint.id}/test`, { token: admin })).status).toBe(202);
    await server.jobs.webhooks();
    const [r] = at('/rotate');
    expect(eventOf(r!)).toBe('webhook.test');
    expect(verifies(r!, rotated.secret)).toBe(true);
    expect(verifies(r!, ep.secret)).toBe(false);
  });

  it(
    '"Send test" shows in the endpoint\'s log with status, ' +
      'attempts, response code and latency; failures with their error',
    async () => {
      const ep = await create({ url: `${receiver.url}/log` });
      expect((await call('POST', `/api/webhooks/endpoints/${ep.endpoint.id}/test`, { token: admin })).status).toBe(202);
      await server.jobs.webhooks();
      receiver.failNext = 1;
      expect((await call('POST', `/api/webhooks/endpoints/${ep.endpoint.id}/test`, { token: admin })).status).toBe(202);
      await server.jobs.webhooks();

      const [failed, delivered] = await log(ep.endpoint.id);
      expect(delivered).toMatchObject({
        event: 'webhook.test',
        status: 'delivered',
        attempts: 1,
        responseStatus: 202,
        lastError: null,
      });
      expect(delivered!.latencyMs).toEqual(expect.any(Number));
      expect(failed).toMatchObject({
        event: 'webhook.test',
        status: 'pending',
        attempts: 1,
        responseStatus: 500,
        lastError: 'HTTP 500',
      });
      const { endpoint } = (await (
        await call('GET', `/api/webhooks/endpoints/${ep.endpoint.id}`, { token: admin })
      ).json()) as { endpoint: WebhookEndpoint };
      expect(endpoint.deliveries).toMatchObject({ delivered: 1, pending: 1, failed: 0 });
      // Other endpoints' logs do not list them.
      expect((await log('config')).some((d) => d.event === 'webhook.test')).toBe(false);
    },
  );

  it('a disabled endpoint is sent nothing; enabling it again resumes', async () => {
    const ep = await create({ url: `${receiver.url}/off`, enabled: false });
    const convo = await startConversation(server);
    sockets.push(convo.visitor);
    await server.jobs.webhooks();
    expect(at('/off')).toHaveLength(0);
    const res = await call('PATCH', `/api/webhooks/endpoints/${ep.endpoint.id}`, {
      token: admin,
      json: { enabled: true, events: ['message.created'] },
    });
    expect(((await res.json()) as { endpoint: WebhookEndpoint }).endpoint).toMatchObject({
      enabled: true,
      events: ['message.created'],
    });
    const again = await startConversation(server);
    sockets.push(again.visitor);
    await server.jobs.webhooks();
    expect(at('/off').length).toBeGreaterThan(0);
  });

  it('refuses URLs that are not http(s) or carry credentials, and keeps WEBHOOK_URL read-only', async () => {
    for (const url of [
      'ftp://example.com/hook',
      'https://user:pw@example.com/hook',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const res = await call('POST', '/api/webhooks/endpoints', { token: admin, json: { url } });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
    expect(
      (
        await call('POST', '/api/webhooks/endpoints', {
          token: admin,
          json: { url: 'https://example.com/x', events: ['nope'] },
        })
      ).status,
    ).toBe(400);
    const res = await call('DELETE', '/api/webhooks/endpoints/config', { token: admin });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('WEBHOOK_URL');
  });

  it("a slow endpoint fills only its own slots: another endpoint's deliveries all go out meanwhile", async () => {
    for (const e of await list())
      if (e.source === 'console') await call('DELETE', `/api/webhooks/endpoints/${e.id}`, { token: admin });
    await create({ url: `${receiver.url}/slow`, events: ['message.created'] });
    await create({ url: `${receiver.url}/fast`, events: ['message.created'] });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    receiver.delay = (path) => (path === '/slow' ? gate : undefined);
    receiver.received.length = 0;
    try {
      // 12 messages in 12 conversations: far more than the slow endpoint's 2 slots.
      for (let i = 0; i < 12; i++) {
        const c = await startConversation(server, `Question number ${i} about invoices`);
        sockets.push(c.visitor);
      }
      const pending = async (path: string) =>
        (
          await tdb.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM webhook_deliveries WHERE url = $1 AND status = 'pending'`,
            [`${receiver.url}${path}`],
          )
        ).rows[0]!.n;
      const fastExpected = await pending('/fast');
      const configExpected = await pending('/config');
      expect(fastExpected).toBeGreaterThanOrEqual(12);
      const run = server.jobs.webhooks();
      await waitFor(
        'every delivery to the fast endpoints',
        () => at('/fast').length === fastExpected && at('/config').length === configExpected,
      );
      expect(at('/slow')).toHaveLength(0);
      expect(receiver.inFlight).toBe(CONCURRENCY);
      release();
      await run;
      await server.jobs.webhooks();
      expect(at('/slow')).toHaveLength(fastExpected);
    } finally {
      release();
      receiver.delay = null;
    }
  });
});
