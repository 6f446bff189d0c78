import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import type { Db } from '../../../server/db/db.js';
import { openDb } from '../../../server/db/open-db.js';

// Each test opens an embedded database (on its worker thread by default): seconds, more on a loaded machine.
const OPEN_TIMEOUT_MS = 120_000;

/** The embedded database's buffer pool is most of an idle server's memory (bench: `npm run bench -- memory`). */
describe('embedded database memory settings', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  const open = async (env: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'firstline-pglite-mem-'));
    dirs.push(dir);
    const db = await openDb(loadConfig({ ...env, DATA_DIR: dir, DATABASE_URL: '' }));
    dbs.push(db);
    return db;
  };
  const sharedBuffers = async (db: Db) =>
    (await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]!.shared_buffers;
  afterAll(async () => {
    for (const db of dbs) await db.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    "runs with a 16 MB buffer pool by default, not PostgreSQL's 128 MB or more",
    async () => {
      expect(await sharedBuffers(await open({}))).toBe('16MB');
    },
    OPEN_TIMEOUT_MS,
  );

  it(
    'takes PGLITE_SHARED_BUFFERS_MB for a larger knowledge base, and refuses nonsense',
    async () => {
      expect(await sharedBuffers(await open({ PGLITE_SHARED_BUFFERS_MB: '64' }))).toBe('64MB');
      expect(() => loadConfig({ PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow(/PGLITE_SHARED_BUFFERS_MB/);
    },
    OPEN_TIMEOUT_MS,
  );
});
