import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, deriveAppearance, DEFAULT_APPEARANCE } from '../../protocol/widget-look.js';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, signIn, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

describe('the widget text colour is picked for contrast', () => {
  it('white on dark brand colours, dark on light ones, always the better of the two', () => {
    for (const color of ['#1d4ed8', '#000000', '#7c3aed', '#fde047', '#ffffff', '#22c55e', '#ff0000', '#777777']) {
      const a = deriveAppearance({ ...DEFAULT_APPEARANCE, color });
      const other = a.onColor === '#ffffff' ? '#111827' : '#ffffff';
      expect(contrastRatio(color, a.onColor), color).toBeGreaterThanOrEqual(contrastRatio(color, other));
    }
    expect(deriveAppearance({ ...DEFAULT_APPEARANCE, color: '#fde047' }).onColor).toBe('#111827');
    expect(deriveAppearance({ ...DEFAULT_APPEARANCE, color: '#1d4ed8' }).onColor).toBe('#ffffff');
  });
});

describe(`widget appearance API (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let admin: string;
  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    call = apiClient(server);
    admin = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });

  it('serves the saved appearance to every widget, uncached, and validates what admins save', async () => {
    const initial = await call('GET', '/api/widget/config');
    expect(initial.headers.get('cache-control')).toBe('no-cache');
    expect(((await initial.json()) as { appearance: { color: string } }).appearance.color).toBe('#1d4ed8');
    const body = { color: '#FDE047', greeting: 'Hi!', position: 'left', teamName: 'acme help', avatarUrl: '' };
    expect((await call('PUT', '/api/settings/widget-appearance', { token: admin, json: body })).status).toBe(200);
    const served = ((await (await call('GET', '/api/widget/config')).json()) as { appearance: Record<string, unknown> })
      .appearance;
    expect(served).toMatchObject({
      color: '#fde047',
      onColor: '#111827',
      position: 'left',
      teamName: 'acme help',
      initial: 'A',
      greeting: 'Hi!',
    });
    for (const bad of [
      { color: 'red' },
      { avatarUrl: 'javascript:alert(1)' },
      { avatarUrl: 'https://u:p@example.com/a.png' },
      { teamName: '' },
      { position: 'top' },
    ]) {
      expect(
        (await call('PUT', '/api/settings/widget-appearance', { token: admin, json: { ...body, ...bad } })).status,
        JSON.stringify(bad),
      ).toBe(400);
    }
    expect((await call('PUT', '/api/settings/widget-appearance', { json: body })).status).toBe(401);
  });
});
