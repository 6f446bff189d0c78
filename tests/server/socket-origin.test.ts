import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { RunningServer } from '../../server/start-server.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { login, startTestServer } from '../helpers/test-server.js';

/** Opens a websocket-only connection (no polling, so socket.io's `cors` never runs) with a chosen Origin. */
function tryConnect(
  url: string,
  origin: string | undefined,
  auth: Record<string, unknown> = {},
): Promise<'connected' | string> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(origin ? { extraHeaders: { Origin: origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe(`ALLOWED_ORIGINS over WebSocket (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let agentToken: string;

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { ALLOWED_ORIGINS: 'https://shop.example' });
    agentToken = await login(server);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('refuses a foreign origin on the visitor namespace', async () => {
    expect(await tryConnect(`${server.url}/visitor`, 'https://evil.example')).not.toBe('connected');
  });

  it('refuses a foreign origin on the agent namespace, even with a valid token', async () => {
    expect(await tryConnect(`${server.url}/agent`, 'https://evil.example', { token: agentToken })).not.toBe(
      'connected',
    );
  });

  it('accepts an allowed origin, the server’s own origin (the console) and clients that send none', async () => {
    expect(await tryConnect(`${server.url}/visitor`, 'https://shop.example')).toBe('connected');
    expect(await tryConnect(`${server.url}/agent`, server.url, { token: agentToken })).toBe('connected');
    expect(await tryConnect(`${server.url}/visitor`, undefined)).toBe('connected');
  });
});
