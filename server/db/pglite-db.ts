import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { openPglite } from './open-pglite.js';

export { DEFAULT_PGLITE_SHARED_BUFFERS_MB } from './open-pglite.js';

/** Embedded PostgreSQL (WASM) with pgvector on this thread; persisted when dataDir is given. */
export async function createPgliteDb(dataDir?: string, opts: { sharedBuffersMb?: number } = {}): Promise<Db> {
  const pg = await openPglite({ dataDir, sharedBuffersMb: opts.sharedBuffersMb });
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
