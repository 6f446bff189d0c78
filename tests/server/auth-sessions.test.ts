import type { Socket } from 'socket.io-client';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '../../server/auth/tokens.js';
import type { RunningServer } from '../../server/start-server.js';
import {
  apiClient,
  createUser,
  signIn,
  startConversation,
  STRONG_PASSWORD,
  type Call,
} from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { connect, emitAck, startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

/** Resolves when the server closes the socket (or rejects after `ms`). */
const closedByServer = (socket: Socket, ms = 5000) =>
  new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket was not disconnected')), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

describe(`sessions follow the stored user (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let admin: string;
  const sockets: Socket[] = [];
  const agentSocket = async (token: string) => {
    const s = await connect(`${server.url}/agent`, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    call = apiClient(server);
    admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
    await tdb?.dispose();
  });

  it('a demoted admin cannot create admins with the token they got as admin', async () => {
    const boss = await createUser(call, admin, { role: 'admin' });
    expect((await call('PUT', `/api/agents/${boss.id}`, { token: admin, json: { role: 'agent' } })).status).toBe(200);
    const attempt = await call('POST', '/api/agents', {
      token: boss.token,
      json: { email: 'sneaky@auth.test', name: 'Sneaky', password: STRONG_PASSWORD, role: 'admin' },
    });
    expect(attempt.status).toBe(401);
    // Signed in again they are an agent, and agents may not create anyone.
    const fresh = await signIn(call, boss.email);
    expect(
      (
        await call('POST', '/api/agents', {
          token: fresh,
          json: { email: 'sneaky@auth.test', name: 'S', password: STRONG_PASSWORD, role: 'admin' },
        })
      ).status,
    ).toBe(403);
    expect((await call('GET', '/api/conversations', { token: fresh })).status).toBe(200);
  });

  it('a validly signed token of a deleted user is refused', async () => {
    const gone = await createUser(call, admin);
    expect((await call('GET', '/api/conversations', { token: gone.token })).status).toBe(200);
    await tdb.db.query('DELETE FROM users WHERE id = $1', [gone.id]);
    expect((await call('GET', '/api/conversations', { token: gone.token })).status).toBe(401);
  });

  it('a token without exp is refused even with a good signature', async () => {
    const secret = await resolveAuthSecret(tdb.db);
    const { rows } = await tdb.db.query<{ id: string; token_version?: number }>(
      'SELECT * FROM users WHERE email = $1',
      [TEST_ADMIN.email],
    );
    const claims = {
      kind: 'agent',
      sub: rows[0]!.id,
      role: 'admin',
      name: 'Admin',
      ver: rows[0]!.token_version ?? 0,
      iat: Math.floor(Date.now() / 1000),
    };
    const withExp = await sign({ ...claims, exp: claims.iat + 600 }, secret, 'HS256');
    expect((await call('GET', '/api/agents', { token: withExp })).status).toBe(200);
    const forever = await sign(claims, secret, 'HS256');
    expect((await call('GET', '/api/agents', { token: forever })).status).toBe(401);
    await expect(connect(`${server.url}/agent`, { token: forever })).rejects.toThrow(/sign in/i);
  });

  it('disabling an agent ends their tokens and sockets, and they cannot sign in until enabled again', async () => {
    const kim = await createUser(call, admin);
    const socket = await agentSocket(kim.token);
    const closed = closedByServer(socket);
    const res = await call('PUT', `/api/agents/${kim.id}`, { token: admin, json: { disabled: true } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: kim.id, disabled: true, presence: 'offline' });
    expect(await closed).toBe('io server disconnect');
    expect((await call('GET', '/api/conversations', { token: kim.token })).status).toBe(401);
    await expect(connect(`${server.url}/agent`, { token: kim.token })).rejects.toThrow(/sign in/i);
    const login = await call('POST', '/api/auth/login', { json: { email: kim.email, password: STRONG_PASSWORD } });
    expect(login.status).toBe(403);
    expect(await login.json()).toEqual({
      error: { code: 'account_disabled', message: expect.stringMatching(/disabled/) },
    });

    expect((await call('PUT', `/api/agents/${kim.id}`, { token: admin, json: { disabled: false } })).status).toBe(200);
    expect((await call('GET', '/api/conversations', { token: await signIn(call, kim.email) })).status).toBe(200);
  });

  it('an admin cannot disable their own account', async () => {
    const me = (await (await call('GET', '/api/agents', { token: admin })).json()) as {
      agents: Array<{ id: string; email: string }>;
    };
    const self = me.agents.find((a) => a.email === TEST_ADMIN.email)!;
    const res = await call('PUT', `/api/agents/${self.id}`, { token: admin, json: { disabled: true } });
    expect(res.status).toBe(409);
    expect((await call('GET', '/api/agents', { token: admin })).status).toBe(200);
  });

  it('"sign out everywhere" ends every token of mine, and only mine', async () => {
    const lee = await createUser(call, admin);
    const other = await signIn(call, lee.email);
    const bystander = await createUser(call, admin);
    const socket = await agentSocket(other);
    const closed = closedByServer(socket);
    expect(await (await call('POST', '/api/auth/logout-all', { token: lee.token })).json()).toEqual({ ok: true });
    await closed;
    expect((await call('GET', '/api/conversations', { token: lee.token })).status).toBe(401);
    expect((await call('GET', '/api/conversations', { token: other })).status).toBe(401);
    expect((await call('GET', '/api/conversations', { token: bystander.token })).status).toBe(200);
    expect((await call('GET', '/api/conversations', { token: await signIn(call, lee.email) })).status).toBe(200);
  });

  it('admins can sign an agent out everywhere; agents cannot', async () => {
    const max = await createUser(call, admin);
    const peer = await createUser(call, admin);
    expect((await call('POST', `/api/agents/${max.id}/logout-all`, { token: peer.token })).status).toBe(403);
    const socket = await agentSocket(max.token);
    const closed = closedByServer(socket);
    expect((await call('POST', `/api/agents/${max.id}/logout-all`, { token: admin })).status).toBe(200);
    await closed;
    expect((await call('GET', '/api/conversations', { token: max.token })).status).toBe(401);
    expect(
      (await call('POST', '/api/agents/00000000-0000-4000-8000-000000000000/logout-all', { token: admin })).status,
    ).toBe(404);
  });

  it('changing my password checks the old one and the new one, and signs out my other sessions', async () => {
    const ana = await createUser(call, admin);
    const second = await signIn(call, ana.email);
    const wrong = await call('POST', '/api/auth/password', {
      token: ana.token,
      json: { currentPassword: 'not-my-password-1', newPassword: 'violet-harbor-spindle-7' },
    });
    expect(wrong.status).toBe(403);
    for (const weak of ['password123', '            ', 'Password1!']) {
      const res = await call('POST', '/api/auth/password', {
        token: ana.token,
        json: { currentPassword: STRONG_PASSWORD, newPassword: weak },
      });
      expect(res.status, weak).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('weak_password');
    }
    const ok = await call('POST', '/api/auth/password', {
      token: ana.token,
      json: { currentPassword: STRONG_PASSWORD, newPassword: 'violet-harbor-spindle-7' },
    });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    expect((await call('GET', '/api/conversations', { token: second })).status).toBe(401);
    expect((await call('GET', '/api/conversations', { token: ana.token })).status).toBe(401);
    expect((await call('GET', '/api/conversations', { token })).status).toBe(200);
    expect(
      (await call('POST', '/api/auth/login', { json: { email: ana.email, password: STRONG_PASSWORD } })).status,
    ).toBe(401);
    await signIn(call, ana.email, 'violet-harbor-spindle-7');
  });

  it('an open socket of a user deleted behind its back is refused at the next event', async () => {
    const ghost = await createUser(call, admin);
    const socket = await agentSocket(ghost.token);
    expect(await emitAck(socket, 'presence', { status: 'away' })).toMatchObject({ ok: true });
    const closed = closedByServer(socket);
    await tdb.db.query('DELETE FROM users WHERE id = $1', [ghost.id]);
    expect(await emitAck(socket, 'presence', { status: 'online' })).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: expect.any(String) },
    });
    await closed;
  });

  it('only the assignee, a manager or an admin can resolve, over HTTP and over the socket', async () => {
    const owner = await createUser(call, admin, { name: 'Owner' });
    const other = await createUser(call, admin, { name: 'Other' });
    const manager = await createUser(call, admin, { name: 'Manager' });
    expect((await call('PUT', `/api/agents/${manager.id}`, { token: admin, json: { level: 'manager' } })).status).toBe(
      200,
    );
    const assign = async (agentId: string) => {
      const { conversationId, visitor } = await startConversation(server);
      sockets.push(visitor);
      await tdb.db.query(`UPDATE conversations SET status = 'assigned', assignee_id = $2 WHERE id = $1`, [
        conversationId,
        agentId,
      ]);
      return conversationId;
    };
    const status = async (id: string) =>
      (await tdb.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [id])).rows[0]!.status;

    const first = await assign(owner.id);
    const otherSocket = await agentSocket(other.token);
    expect(await emitAck(otherSocket, 'resolve', { conversationId: first })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/assigned agent/) },
    });
    const http = await call('POST', `/api/conversations/${first}/resolve`, { token: other.token });
    expect(http.status).toBe(403);
    expect(await status(first)).toBe('assigned');
    const ownerSocket = await agentSocket(owner.token);
    expect(await emitAck(ownerSocket, 'resolve', { conversationId: first })).toMatchObject({ ok: true });
    expect(await status(first)).toBe('resolved');

    const second = await assign(owner.id);
    const byManager = await call('POST', `/api/conversations/${second}/resolve`, { token: manager.token });
    expect(byManager.status).toBe(200);
    expect(await byManager.json()).toEqual({ status: 'resolved' });

    const third = await assign(owner.id);
    const adminSocket = await agentSocket(admin);
    expect(await emitAck(adminSocket, 'resolve', { conversationId: third })).toMatchObject({ ok: true });
    expect(await status(third)).toBe('resolved');
  });
});
