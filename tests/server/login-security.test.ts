import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginThrottle, type LoginThrottle } from '../../server/auth/login-throttle.js';
import { verifyPassword } from '../../server/auth/passwords.js';
import { createTokenService } from '../../server/auth/tokens.js';
import { createUserRepository } from '../../server/auth/user-repository.js';
import { ConfigError, loadConfig } from '../../server/config.js';
import { AppError } from '../../server/errors.js';
import { authRoutes } from '../../server/http/auth-routes.js';
import { createLimiterStore, type LimiterStore } from '../../server/limits/limiter-store.js';
import { createLogger } from '../../server/logger.js';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, signIn, STRONG_PASSWORD } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`login throttling over HTTP (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  // A real socket, so the throttle sees the client address (127.0.0.1).
  const login = (email: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(
      tdb.db,
      {
        SEED_DEMO: '0',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
        LOGIN_BLOCK_SECONDS: '30',
      },
      { startWorkers: false },
    );
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('locks an account after repeated failures, even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await login(TEST_ADMIN.email, `wrong-guess-${i}`)).status).toBe(401);
    const locked = await login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(await locked.json()).toEqual({
      error: { code: 'too_many_attempts', message: expect.stringMatching(/try again in 30 s/) },
    });
  });

  it('locks unknown emails the same way, so the lock does not reveal which accounts exist', async () => {
    const ghost = `nobody-${randomUUID().slice(0, 6)}@auth.test`;
    for (let i = 0; i < 3; i++) expect((await login(ghost, `wrong-guess-${i}`)).status).toBe(401);
    const locked = await login(ghost, 'wrong-guess-3');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
  });

  it('locks an address after repeated failures across many accounts', async () => {
    // 6 failures from this address so far; 2 more on fresh accounts reach the address limit (8).
    for (let i = 0; i < 2; i++)
      expect((await login(`spray-${i}-${randomUUID().slice(0, 6)}@auth.test`, 'spray-password-1')).status).toBe(401);
    const next = await login(`spray-x-${randomUUID().slice(0, 6)}@auth.test`, 'spray-password-1');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBe(30);
  });
});

describe('login throttle backoff (memory and Redis stores)', () => {
  const limits = {
    maxFailuresPerAccount: 2,
    maxFailuresPerAddress: 100,
    windowSeconds: 60,
    blockSeconds: 1,
    maxBlockSeconds: 3,
  };
  let store: LimiterStore;
  beforeAll(async () => {
    store = await createLimiterStore({
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      prefix: `test:${randomUUID().slice(0, 8)}:`,
      log: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await store.close();
  });

  const backoff = async (throttle: LoginThrottle) => {
    const account = `kim-${randomUUID().slice(0, 6)}@auth.test`;
    const waits: number[] = [];
    for (let lock = 0; lock < 3; lock++) {
      expect(await throttle.retryAfter('10.0.0.1', account)).toBe(0);
      expect(await throttle.failed('10.0.0.1', account)).toBe(0);
      const wait = await throttle.failed('10.0.0.1', account);
      waits.push(wait);
      expect(await throttle.retryAfter('10.0.0.1', account)).toBe(wait);
      await sleep(wait * 1000 + 100);
    }
    // A right password starts the account over: the next lock is the first one again.
    await throttle.succeeded(account);
    await throttle.failed('10.0.0.1', account);
    return { waits, afterSuccess: await throttle.failed('10.0.0.1', account) };
  };

  it('doubles the lock each time, up to the maximum (memory)', async () => {
    expect(await backoff(createLoginThrottle({ limits }))).toEqual({ waits: [1, 2, 3], afterSuccess: 1 });
  });

  it('doubles the lock each time, shared through Redis', async () => {
    const keyPrefix = `test-login-${randomUUID().slice(0, 8)}`;
    expect(await backoff(createLoginThrottle({ limits, store, keyPrefix }))).toEqual({
      waits: [1, 2, 3],
      afterSuccess: 1,
    });
    // A second node with the same store sees the same counts.
    const a = createLoginThrottle({ limits, store, keyPrefix });
    const b = createLoginThrottle({ limits, store, keyPrefix });
    await a.failed('10.0.0.2', 'shared@auth.test');
    await a.failed('10.0.0.2', 'shared@auth.test');
    expect(await b.retryAfter('10.0.0.9', 'shared@auth.test')).toBe(1);
  });
});

describe(`sign-in timing and password strength (${dbKind})`, () => {
  let tdb: TestDb;

  beforeAll(async () => {
    tdb = await openTestDb();
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it(
    'an unknown email costs one password hash check like a wrong password, ' +
      'against a hash with the same parameters',
    async () => {
      const users = createUserRepository(tdb.db);
      await users.create({
        email: 'timing@auth.test',
        name: 'Tim',
        password: STRONG_PASSWORD,
        role: 'agent',
        skills: [],
        maxConcurrent: 1,
      });
      const checks: string[] = [];
      const counting = async (password: string, stored: string) => {
        checks.push(stored);
        return verifyPassword(password, stored);
      };
      const tokens = createTokenService({ secret: 'timing-test-secret', agentTtlSeconds: 60, sessions: users });
      const app = new Hono().route(
        '/',
        authRoutes({ users, tokens, loginThrottle: createLoginThrottle(), verifyPassword: counting }),
      );
      app.onError((err, c) =>
        err instanceof AppError
          ? c.json({ error: { code: err.code, message: err.message } }, err.status)
          : c.text('unexpected', 500),
      );
      const attempt = (email: string) =>
        app.request('/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong-password-here' }),
        });

      const wrong = await attempt('timing@auth.test');
      expect(checks).toHaveLength(1);
      const unknown = await attempt('nobody@auth.test');
      expect(checks).toHaveLength(2);
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(await unknown.json()).toEqual(await wrong.json());
      // Same scheme and cost parameters (scrypt$N$r$p): the dummy check costs what a real one does.
      const params = (stored: string) => stored.split('$').slice(0, 4).join('$');
      expect(params(checks[1]!)).toBe(params(checks[0]!));
      expect(checks[1]).not.toBe(checks[0]);
    },
  );

  it('refuses common, short and whitespace-only passwords when creating an agent, saying why', async () => {
    const server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    try {
      const call = apiClient(server);
      const admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
      const create = (password: string) =>
        call('POST', '/api/agents', {
          token: admin,
          json: { email: `p-${randomUUID().slice(0, 6)}@auth.test`, name: 'Pat', password, role: 'agent' },
        });
      const cases: Array<[string, RegExp]> = [
        ['password123', /common/],
        ['Password1!', /variation of a common password/],
        ['qwertyuiop', /most used|keyboard|common/],
        ['            ', /whitespace/],
        ['short-pw', /at least 10 characters/],
      ];
      for (const [password, why] of cases) {
        const res = await create(password);
        expect(res.status, password).toBe(422);
        expect(await res.json()).toEqual({ error: { code: 'weak_password', message: expect.stringMatching(why) } });
      }
      expect((await create('cobalt-meadow-lantern-9')).status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('refuses to start with a weak ADMIN_PASSWORD, with a message naming it', () => {
    for (const weak of ['password123', '            ', 'admin12345']) {
      expect(() => loadConfig({ ADMIN_PASSWORD: weak }), weak).toThrow(ConfigError);
      expect(() => loadConfig({ ADMIN_PASSWORD: weak })).toThrow(/ADMIN_PASSWORD: The password/);
    }
    expect(loadConfig({ ADMIN_PASSWORD: TEST_ADMIN.password }).adminPassword).toBe(TEST_ADMIN.password);
    expect(loadConfig({}).adminPassword).toBeUndefined();
  });
});
