import type { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL's own default (128 MB, PGlite starts with 160 MB) is most of an idle server's memory:
 * the WASM heap keeps every buffer page it ever touched. Reads that miss the pool still come from
 * the operating system's file cache.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS_MB = 16;

export interface PgliteOptions {
  /** Persisted in this folder; in memory when unset. */
  dataDir?: string;
  sharedBuffersMb?: number;
}

/** Embedded PostgreSQL (WASM) with pgvector, the same on the main thread and in the database worker. */
export async function openPglite(opts: PgliteOptions = {}): Promise<PGlite> {
  const sharedBuffers = `shared_buffers=${opts.sharedBuffersMb ?? DEFAULT_PGLITE_SHARED_BUFFERS_MB}MB`;
  // PGlite is loaded only without DATABASE_URL: a server on PostgreSQL never needs it.
  const [{ PGlite }, { vector }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
  ]);
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    extensions: { vector },
    startParams: [...PGlite.defaultStartParams, '-c', sharedBuffers],
  });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
  return pg;
}
