import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start-server.js';
import { apiClient, signIn, type Call } from '../helpers/auth-fixtures.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { startTestServer, TEST_ADMIN } from '../helpers/test-server.js';

/** What an admin sees from the team and saved-reply routes: answers, conflicts and missing ids. */
describe(`team and canned-response routes (${dbKind})`, () => {
  let tdb: TestDb;
  let server: RunningServer;
  let call: Call;
  let token: string;
  beforeAll(async () => {
    tdb = await openTestDb();
    server = await startTestServer(tdb.db, { SEED_DEMO: '0' }, { startWorkers: false });
    call = apiClient(server);
    token = await signIn(call, TEST_ADMIN.email, TEST_ADMIN.password);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await tdb?.dispose();
  });
  const json = async (res: Response) => ({ status: res.status, body: res.status === 204 ? null : await res.json() });

  it('creates, renames, schedules and deletes a team; a taken name is 409, an unknown id 404', async () => {
    const created = await json(
      await call('POST', '/api/teams', { token, json: { name: 'Billing', skills: ['billing'] } }),
    );
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect(await json(await call('POST', '/api/teams', { token, json: { name: 'Billing' } }))).toEqual({
      status: 409,
      body: { error: { code: 'team_exists', message: 'A team named "Billing" already exists.' } },
    });
    expect(
      await json(
        await call('PUT', `/api/teams/${id}`, { token, json: { name: 'Payments', skills: ['billing', 'refunds'] } }),
      ),
    ).toEqual({ status: 200, body: { id } });
    const hours = { timezone: 'UTC', week: [[], [{ start: '09:00', end: '17:00' }], [], [], [], [], []] };
    const scheduled = await json(
      await call('PUT', `/api/teams/${id}/office-hours`, { token, json: { officeHours: hours } }),
    );
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toEqual({ id, officeHours: { ...hours, holidays: [] } });
    const listed = (await json(await call('GET', '/api/teams', { token }))).body as {
      teams: Array<Record<string, unknown>>;
    };
    expect(listed.teams).toEqual([
      expect.objectContaining({
        id,
        name: 'Payments',
        skills: ['billing', 'refunds'],
        members: 0,
        officeHours: scheduled.body.officeHours,
        openNow: expect.any(Boolean),
      }),
    ]);
    expect(Object.keys(listed.teams[0]!)).toEqual([
      'id',
      'name',
      'skills',
      'members',
      'officeHours',
      'openNow',
      'backAt',
    ]);
    expect((await call('DELETE', `/api/teams/${id}`, { token })).status).toBe(204);
    const missing = { status: 404, body: { error: { code: 'not_found', message: 'Team was not found.' } } };
    expect(await json(await call('PUT', `/api/teams/${id}`, { token, json: { name: 'Gone' } }))).toEqual(missing);
    expect(
      await json(await call('PUT', `/api/teams/${id}/office-hours`, { token, json: { officeHours: null } })),
    ).toEqual(missing);
    expect(await json(await call('DELETE', `/api/teams/${id}`, { token }))).toEqual(missing);
  });

  it('lists saved replies by title; a taken shortcut is 409, deleting an unknown one 404', async () => {
    const first = await json(
      await call('POST', '/api/canned-responses', {
        token,
        json: { title: 'Welcome', text: 'Hi there!', shortcut: 'hi' },
      }),
    );
    expect(first.status).toBe(201);
    expect(
      await json(
        await call('POST', '/api/canned-responses', {
          token,
          json: { title: 'Another', text: 'Hello', shortcut: 'hi' },
        }),
      ),
    ).toEqual({
      status: 409,
      body: { error: { code: 'shortcut_taken', message: 'The shortcut "hi" is taken.' } },
    });
    await call('POST', '/api/canned-responses', { token, json: { title: 'Apology', text: 'Sorry about that.' } });
    const listed = (await json(await call('GET', '/api/canned-responses', { token }))).body as {
      cannedResponses: unknown[];
    };
    expect(listed.cannedResponses).toEqual([
      { id: expect.any(String), title: 'Apology', text: 'Sorry about that.', shortcut: null },
      { id: (first.body as { id: string }).id, title: 'Welcome', text: 'Hi there!', shortcut: 'hi' },
    ]);
    expect((await call('DELETE', `/api/canned-responses/${(first.body as { id: string }).id}`, { token })).status).toBe(
      204,
    );
    expect(
      await json(await call('DELETE', `/api/canned-responses/${(first.body as { id: string }).id}`, { token })),
    ).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Canned response was not found.' } },
    });
  });
});
