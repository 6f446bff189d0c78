import type { Logger } from '../logger.js';
import type { Db } from './db.js';
import { createPgDb } from './pg-db.js';
import { createPgliteWorkerDb } from './pglite-worker-db.js';

export interface OpenDbConfig {
  databaseUrl?: string;
  dataDir: string;
  pgliteSharedBuffersMb?: number;
  /** `worker` (default): the embedded database on its own thread; `main`: on the server's thread. */
  pgliteThread?: 'worker' | 'main';
}

/** Picks the implementation: DATABASE_URL wins over the embedded PGlite folder. */
export async function openDb(cfg: OpenDbConfig, opts: { log?: Logger } = {}): Promise<Db> {
  if (cfg.databaseUrl) return createPgDb({ connectionString: cfg.databaseUrl });
  if (cfg.pgliteThread === 'main') {
    // Loaded only here: with the worker, PGlite's code lives in the worker alone (less idle memory).
    const { createPgliteDb } = await import('./pglite-db.js');
    return createPgliteDb(cfg.dataDir, { sharedBuffersMb: cfg.pgliteSharedBuffersMb });
  }
  return createPgliteWorkerDb({
    dataDir: cfg.dataDir,
    sharedBuffersMb: cfg.pgliteSharedBuffersMb,
    onCrash: (err) =>
      opts.log ? opts.log.fatal({ err }, 'embedded database worker stopped') : console.error(`[db] ${err.message}`),
  });
}
