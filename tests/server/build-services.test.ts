import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, type Services } from '../../server/build-services.js';
import { AppError } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';
import { testConfig } from '../helpers/test-server.js';

const listening = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;

describe(`buildServices (${dbKind})`, () => {
  let tdb: TestDb;
  let services: Services;
  let serversBefore: number;
  beforeAll(async () => {
    tdb = await openTestDb();
    const config = testConfig();
    serversBefore = listening();
    services = await buildServices(config, { db: tdb.db, log: createLogger(config.logLevel) });
  }, 120_000);
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('builds every service without opening a port, and hands the routes no database', () => {
    expect(listening()).toBe(serversBefore);
    expect('db' in services.http).toBe(false);
    expect(services.admin.email).toBe('admin@test.local');
  });

  it('gives the routes working services (a team, a reply whose shortcut is taken)', async () => {
    const { id } = await services.http.teams.create({ name: 'Billing', skills: ['billing'] });
    expect((await services.http.teams.list()).find((t) => t.id === id)).toMatchObject({
      name: 'Billing',
      skills: ['billing'],
      members: 0,
      officeHours: null,
    });
    await services.http.cannedResponses.create({ title: 'Hello', text: 'Hi!', shortcut: 'hello-test' });
    const taken = await services.http.cannedResponses
      .create({ title: 'Again', text: 'Hi again', shortcut: 'hello-test' })
      .catch((err: unknown) => err);
    expect(taken).toBeInstanceOf(AppError);
    expect(taken).toMatchObject({ status: 409, code: 'shortcut_taken' });
  });

  it('closes what it opened and leaves a database it was given open', async () => {
    await services.stop();
    await services.close();
    expect((await tdb.db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
