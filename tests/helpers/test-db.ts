import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db.js';
import { createPgDb } from '../../server/db/pg-db.js';
import { createPgliteDb } from '../../server/db/pglite-db.js';
import { migrate } from '../../server/db/migrate.js';

export interface TestDb {
  db: Db;
  /** Drops whatever this test file created. */
  dispose(): Promise<void>;
}

/**
 * One migrated database for a test file: in-memory PGlite, or, when TEST_DATABASE_URL is
 * set, a fresh schema on that PostgreSQL server so test files never see each other's rows.
 */
export async function openTestDb(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await createPgliteDb();
    await migrate(db);
    return { db, dispose: () => db.close() };
  }
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = await createPgDb({ connectionString: url, max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const db = await createPgDb({ connectionString: url, max: 5, options: `-c search_path=${schema},public` });
  await migrate(db);
  return {
    db,
    async dispose() {
      await db.close();
      const cleanup = await createPgDb({ connectionString: url, max: 1 });
      await cleanup.exec(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.close();
    },
  };
}

/** Which database the suite runs against, for test names. */
export const dbKind = process.env.TEST_DATABASE_URL ? 'pg' : 'pglite';
