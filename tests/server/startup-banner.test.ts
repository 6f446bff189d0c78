import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupBanner } from '../../server/startup-banner.js';
import { apiClient, signIn } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, testConfig, TEST_ADMIN } from '../helpers/test-server.js';

describe(`start-up banner (${dbKind})`, () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await openTestDb();
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it(
    'prints generated passwords once, at the start that generated them, ' + 'and they are strong enough to sign in',
    async () => {
      // No ADMIN_PASSWORD: the admin password is generated, like the demo agents'.
      const first = await startTestServer(tdb.db, { ADMIN_PASSWORD: '', SEED_DEMO: '1' }, { startWorkers: false });
      const banner = startupBanner(first, testConfig());
      try {
        expect(first.admin.password).toBeDefined();
        expect(banner).toContain(`${TEST_ADMIN.email} / ${first.admin.password}`);
        expect(first.demoAgents).toHaveLength(2);
        const call = apiClient(first);
        await signIn(call, TEST_ADMIN.email, first.admin.password!);
        for (const a of first.demoAgents) {
          expect(banner).toContain(`${a.email} / ${a.password}`);
          await signIn(call, a.email, a.password);
        }
      } finally {
        await first.close();
      }
      const again = await startTestServer(tdb.db, { ADMIN_PASSWORD: '', SEED_DEMO: '1' }, { startWorkers: false });
      try {
        const later = startupBanner(again, testConfig());
        expect(again.admin.password).toBeUndefined();
        expect(again.demoAgents).toEqual([]);
        expect(later).toContain('printed at first start');
        expect(later).not.toContain(first.admin.password!);
      } finally {
        await again.close();
      }
    },
  );

  it('never prints a configured ADMIN_PASSWORD, and restarting with it keeps existing sessions', async () => {
    const configured = 'quartz-falcon-meadow-31';
    const one = await startTestServer(tdb.db, { ADMIN_PASSWORD: configured }, { startWorkers: false });
    let token: string;
    try {
      expect(one.admin.password).toBeUndefined();
      const banner = startupBanner(one, testConfig({ ADMIN_PASSWORD: configured }));
      expect(banner).not.toContain(configured);
      expect(banner).toContain('the configured ADMIN_PASSWORD');
      token = await signIn(apiClient(one), TEST_ADMIN.email, configured);
    } finally {
      await one.close();
    }
    const two = await startTestServer(tdb.db, { ADMIN_PASSWORD: configured }, { startWorkers: false });
    try {
      expect(startupBanner(two, testConfig({ ADMIN_PASSWORD: configured }))).not.toContain(configured);
      // Same password again: nothing reset, so the admin is not signed out by every restart.
      expect((await apiClient(two)('GET', '/api/agents', { token })).status).toBe(200);
    } finally {
      await two.close();
    }
  });
});
