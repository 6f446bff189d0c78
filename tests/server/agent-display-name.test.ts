import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, createUser, STRONG_PASSWORD, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

/** Customers see the agent's display name ("Maya"), never the account name ("Admin"). */
describe(`agent display names (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, {}, { startWorkers: false });
    call = apiClient(server);
    admin = await login(server);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('has none until chosen, then shows it to the visitor on joining and on every reply', async () => {
    const agent = await createUser(call, admin, { name: 'Admin Account' });
    const signedIn = await call('POST', '/api/auth/login', { json: { email: agent.email, password: STRONG_PASSWORD } });
    expect(((await signedIn.json()) as { user: { displayName: string | null } }).user.displayName).toBeNull();

    for (const bad of ['', '   ', 'x'.repeat(41), 'Maya\nJones', '<b>Maya</b>']) {
      expect(
        (await call('PUT', '/api/auth/profile', { token: agent.token, json: { displayName: bad } })).status,
        JSON.stringify(bad),
      ).toBe(400);
    }
    const set = await call('PUT', '/api/auth/profile', { token: agent.token, json: { displayName: '  Maya ' } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { user: { displayName: string } }).user.displayName).toBe('Maya');
    expect((await call('PUT', '/api/auth/profile', { json: { displayName: 'Maya' } })).status).toBe(401);

    const visitor = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/', title: 'Home' } });
    sockets.push(visitor);
    const { conversationId } = await nextEvent<{ conversationId: string }>(visitor, 'session');
    await emitAck(visitor, 'message', { clientMessageId: randomUUID(), text: 'I want to talk to a person' });
    await server.idle();

    // The queue row's last message is what the visitor said, not the system's handoff notice.
    const queued = (await (await call('GET', '/api/conversations?status=queued', { token: admin })).json()) as {
      conversations: Array<{ id: string; lastMessage: { role: string; text: string } }>;
    };
    expect(queued.conversations.find((c) => c.id === conversationId)?.lastMessage).toMatchObject({
      role: 'visitor',
      text: 'I want to talk to a person',
    });

    const agentSocket = await connect(`${server.url}/agent`, { token: agent.token });
    sockets.push(agentSocket);
    expect(await emitAck(agentSocket, 'claim', { conversationId })).toMatchObject({ ok: true });
    expect(await nextEvent<{ name: string }>(visitor, 'agent:joined')).toEqual({ name: 'Maya' });
    const joined = await nextEvent<{ text: string }>(
      visitor,
      'message',
      (m: any) => m.role === 'system' && /joined/.test(m.text),
    );
    expect(joined.text).toBe('Maya joined the conversation.');

    expect(
      await emitAck(agentSocket, 'message', {
        conversationId,
        clientMessageId: randomUUID(),
        text: 'Hi, I am here to help.',
      }),
    ).toMatchObject({ ok: true });
    const reply = await nextEvent<{ authorName?: string }>(visitor, 'message', (m: any) => m.role === 'agent');
    expect(reply.authorName).toBe('Maya');
    const transcript = JSON.stringify(
      await (await call('GET', `/api/conversations/${conversationId}`, { token: admin })).json(),
    );
    expect(transcript).not.toContain('Admin Account joined');
  });

  it('can be given by the admin who creates the account', async () => {
    const res = await call('POST', '/api/agents', {
      token: admin,
      json: {
        email: `named-${randomUUID().slice(0, 6)}@auth.test`,
        name: 'Jordan Lee',
        displayName: 'Jordan',
        password: STRONG_PASSWORD,
        role: 'agent',
        skills: [],
        maxConcurrent: 3,
      },
    });
    expect(res.status).toBe(201);
    const { agents } = (await (await call('GET', '/api/agents', { token: admin })).json()) as {
      agents: Array<{ name: string; displayName: string | null }>;
    };
    expect(agents.find((a) => a.name === 'Jordan Lee')?.displayName).toBe('Jordan');
  });
});
