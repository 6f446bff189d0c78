import type { Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { createPgliteDb } from './pglite-db.js';

/** Picks the implementation: DATABASE_URL wins over the embedded PGlite folder. */
export async function openDb(cfg: { databaseUrl?: string; dataDir: string; pgliteSharedBuffersMb?: number }): Promise<Db> {
  if (cfg.databaseUrl) return createPgDb({ connectionString: cfg.databaseUrl });
  return createPgliteDb(cfg.dataDir, { sharedBuffersMb: cfg.pgliteSharedBuffersMb });
}
