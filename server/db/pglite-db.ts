import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

/**
 * PostgreSQL's own default (128 MB, PGlite starts with 160 MB) is most of an idle server's memory:
 * the WASM heap keeps every buffer page it ever touched. Reads that miss the pool still come from
 * the operating system's file cache.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS_MB = 16;

/** Embedded PostgreSQL (WASM) with pgvector; persisted when dataDir is given. */
export async function createPgliteDb(dataDir?: string, opts: { sharedBuffersMb?: number } = {}): Promise<Db> {
  const sharedBuffers = `shared_buffers=${opts.sharedBuffersMb ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB}MB`;
  // PGlite is loaded only without DATABASE_URL: a server on PostgreSQL never needs it.
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  const pg = await PGlite.create({ dataDir, extensions: { vector }, startParams: [...PGlite.defaultStartParams, '-c', sharedBuffers] });
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
