import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { Db, Queryable } from './db.js';

/** Embedded PostgreSQL (WASM) with pgvector; persisted when dataDir is given. */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({ dataDir, extensions: { vector } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      const res = await q.query<T>(sql, params as unknown[] | undefined);
      return { rows: res.rows };
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)));
    },
    async close() {
      await pg.close();
    },
  };
}
