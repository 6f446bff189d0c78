import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetPassword } from '../../server/auth/reset-password.js';
import { createUserRepository } from '../../server/auth/user-repository.js';
import { DEMO_CANNED_REPLIES } from '../../server/bootstrap/demo-canned-replies.js';
import { createHeldLogOutput } from '../../server/held-log-output.js';
import { createLogger } from '../../server/logger.js';
import { startupBanner } from '../../server/startup-banner.js';
import { apiClient, signIn } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, testConfig, TEST_ADMIN } from '../helpers/test-server.js';

describe('start-up output', () => {
  it('holds log lines while the server starts and prints them before the banner, never inside it', () => {
    const out: string[] = [];
    const output = createHeldLogOutput({ write: (s) => out.push(s) });
    const log = createLogger('info', output);
    log.info('migrations applied');
    log.info({ intents: 12 }, 'default intents seeded');
    expect(out).toEqual([]);
    output.release(
      '\n  Firstline is running on http://localhost:3000\n  Agent console: http://localhost:3000/console\n\n',
    );
    log.info('a worker logged later');
    expect(out).toHaveLength(4);
    expect(JSON.parse(out[0]!).msg).toBe('migrations applied');
    expect(JSON.parse(out[1]!).msg).toBe('default intents seeded');
    expect(out[2]).toContain('Firstline is running');
    expect(JSON.parse(out[3]!).msg).toBe('a worker logged later');
  });
});

describe(`first start, restart, demo data (${dbKind})`, () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await openTestDb();
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('seeds useful canned replies once, ' +
    'and after a restart the banner says how to reset the demo passwords', async () => {
    const env = { ADMIN_PASSWORD: '', SEED_DEMO: '1' };
    const first = await startTestServer(tdb.db, env, { startWorkers: false });
    const admin = first.admin.password!;
    let firstBanner: string;
    try {
      firstBanner = startupBanner(first, testConfig());
      expect(firstBanner).not.toContain('reset-password');
      expect(firstBanner).toMatch(/Answers: +offline .*streaming needs an LLM/);
      const call = apiClient(first);
      const token = await signIn(call, TEST_ADMIN.email, admin);
      const list = async () =>
        (
          (await (await call('GET', '/api/canned-responses', { token })).json()) as {
            cannedResponses: Array<{ id: string; shortcut: string }>;
          }
        ).cannedResponses;
      const seeded = await list();
      expect(seeded.map((c) => c.shortcut).sort()).toEqual(DEMO_CANNED_REPLIES.map((c) => c.shortcut).sort());
      // An admin removes one they do not want: it must not come back.
      expect(
        (await call('DELETE', `/api/canned-responses/${seeded.find((c) => c.shortcut === 'bye')!.id}`, { token }))
          .status,
      ).toBe(204);
    } finally {
      await first.close();
    }

    const again = await startTestServer(tdb.db, env, { startWorkers: false });
    try {
      const banner = startupBanner(again, testConfig());
      for (const email of ['sam@firstline.local', 'alex@firstline.local']) {
        expect(banner).toContain(
          `Demo agent login:   ${email} / (printed at first start; reset: npm run reset-password -- ${email})`,
        );
      }
      expect(banner).toContain(`reset: npm run reset-password -- ${TEST_ADMIN.email}`);
      const call = apiClient(again);
      const token = await signIn(call, TEST_ADMIN.email, admin);
      const shortcuts = (
        (await (await call('GET', '/api/canned-responses', { token })).json()) as {
          cannedResponses: Array<{ shortcut: string }>;
        }
      ).cannedResponses.map((c) => c.shortcut);
      expect(shortcuts).toHaveLength(DEMO_CANNED_REPLIES.length - 1);
      expect(shortcuts).not.toContain('bye');

      // The command the banner names: a fresh password that signs in, the old one no longer does.
      const users = createUserRepository(tdb.db);
      const fresh = await resetPassword(users, 'sam@firstline.local');
      expect(fresh).toBeTruthy();
      await signIn(call, 'sam@firstline.local', fresh!);
      expect(await resetPassword(users, 'nobody@firstline.local')).toBeNull();
    } finally {
      await again.close();
    }
  }, 60_000);
});
