import { io, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/start-server.js';
import type { Db } from '../../server/db/db.js';
import { openTestDb, type TestDb } from './test-db.js';
import { TEST_IDENTITY_SECRET } from './proven-identity.js';

export const TEST_ADMIN = { email: 'admin@test.local', password: 'correct-horse-battery' };

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'silent',
    SEED_DEMO: '1',
    // Every test client is 127.0.0.1 and suites open dozens of conversations in seconds; the
    // limits have their own suite (tests/server/visitor-limits.test.ts), which turns them on.
    RATE_LIMITS: 'off',
    // Suites prove identities with `proven()` (tests/helpers/proven-identity.ts) when plan or account value should
    // count.
    IDENTITY_SECRET: TEST_IDENTITY_SECRET,
    ...overrides,
  });
}

/** A real server on an ephemeral port over the given test database. */
export async function startTestServer(
  db: Db,
  overrides: Record<string, string> = {},
  opts: Omit<StartOptions, 'db' | 'log'> = {},
): Promise<RunningServer> {
  const config = testConfig(overrides);
  return startServer(config, { db, log: createLogger(config.logLevel), ...opts });
}

/** A clock tests move by hand. */
export function fakeClock(start = new Date()) {
  let now = start.getTime();
  const clock = () => new Date(now);
  return Object.assign(clock, {
    advance(seconds: number) {
      now += seconds * 1000;
    },
  });
}

export async function login(
  server: RunningServer,
  email = TEST_ADMIN.email,
  password = TEST_ADMIN.password,
): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

interface Recorded {
  event: string;
  payload: unknown;
  consumed: boolean;
}
/** Every event a test socket received, recorded from before the handshake so none is missed. */
const received = new WeakMap<Socket, Recorded[]>();

/** Connects and resolves once the handshake is accepted (or rejects with the server's reason). */
export function connect(
  url: string,
  auth: Record<string, unknown>,
  opts: { headers?: Record<string, string> } = {},
): Promise<Socket> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  const log: Recorded[] = [];
  received.set(socket, log);
  socket.onAny((event: string, payload: unknown) => log.push({ event, payload, consumed: false }));
  socket.connect();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** The first not-yet-consumed event matching `pred`, already received or still to come. */
export function nextEvent<T = unknown>(
  socket: Socket,
  event: string,
  pred: (payload: T) => boolean = () => true,
  ms = 10_000,
): Promise<T> {
  const log = received.get(socket) ?? [];
  const take = () => {
    const hit = log.find((r) => !r.consumed && r.event === event && pred(r.payload as T));
    if (hit) hit.consumed = true;
    return hit;
  };
  const already = take();
  if (already) return Promise.resolve(already.payload as T);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.offAny(check);
      reject(new Error(`timed out waiting for "${event}"`));
    }, ms);
    // Registered after the recorder, so the event is already in the log when this runs.
    const check = () => {
      const hit = take();
      if (!hit) return;
      clearTimeout(timer);
      socket.offAny(check);
      resolve(hit.payload as T);
    };
    socket.onAny(check);
  });
}

export function emitAck<T = { ok: boolean; id?: string; error?: { code: string; message: string } }>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<T>;
}

/** Between routing scenarios: an empty queue and nobody online, so each starts from the same place. */
export async function resetRouting(db: Db): Promise<void> {
  await db.query(
    `UPDATE conversations SET status = 'resolved', assignee_id = NULL, offered_to = NULL WHERE status <> 'resolved'`,
  );
  await db.query(`UPDATE users SET presence = 'offline', presence_manual = NULL`);
}

/** A database, a server on it and an admin token: the set-up of a scenario suite. */
export async function startSuite(overrides: Record<string, string>, opts: Omit<StartOptions, 'db' | 'log'>) {
  const tdb = await openTestDb();
  const server = await startTestServer(tdb.db, overrides, opts);
  return { tdb, server, admin: await login(server) };
}

/** Closes what `startSuite` opened, then any `also` (fake upstream servers), in that order. */
export async function stopSuite(s: {
  tdb?: TestDb;
  server?: RunningServer;
  sockets?: Socket[];
  also?: Array<() => Promise<unknown>>;
}): Promise<void> {
  for (const socket of s.sockets?.splice(0) ?? []) socket.close();
  await s.server?.close();
  await s.tdb?.dispose();
  for (const close of s.also ?? []) await close();
}

/**
 * Several server processes on one database, started and stopped at will, for crash, restart and
 * multi-node scenarios. Background workers are off: tests run the jobs by hand.
 */
export function serverNodes(db: () => Db, clock: () => Date, env: () => Record<string, string> = () => ({})) {
  const running: RunningServer[] = [];
  const stop = async (s: RunningServer) => {
    running.splice(running.indexOf(s), 1);
    await s.close();
  };
  return {
    running,
    async start(extra: Record<string, string> = {}): Promise<RunningServer> {
      const s = await startTestServer(db(), { ...env(), ...extra }, { clock, startWorkers: false });
      running.push(s);
      return s;
    },
    stop,
    async stopAll(): Promise<void> {
      for (const s of [...running]) await stop(s);
    },
  };
}
