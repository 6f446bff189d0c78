import type { Db, Queryable } from './db.js';

export interface PgDbOptions {
  connectionString: string;
  max?: number;
  /** Extra server options, e.g. `-c search_path=...` for isolated test schemas. */
  options?: string;
}

/** Real PostgreSQL (with pgvector) through a node-postgres pool. */
export async function createPgDb(opts: PgDbOptions): Promise<Db> {
  // node-postgres is loaded only with DATABASE_URL: the embedded database never needs it.
  const { default: pg } = await import('pg');
  // Keep int8 and numeric as JavaScript numbers, as PGlite returns them; our counts and
  // money values fit easily.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.max ?? 10, options: opts.options });
  pool.on('error', (err) => {
    // An idle client died (server restart); the pool replaces it on next use.
    console.error('[db] idle PostgreSQL client error:', err.message);
  });
  await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
  return {
    kind: 'pg',
    async query<T>(sql: string, params?: unknown[]) {
      const res = await pool.query(sql, params);
      return { rows: res.rows as T[] };
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<T>(sql: string, params?: unknown[]) {
            const res = await client.query(sql, params);
            return { rows: res.rows as T[] };
          },
        };
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
