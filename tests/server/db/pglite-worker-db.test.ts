import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import type { Db } from '../../../server/db/db.js';
import { createPgliteDb } from '../../../server/db/pglite-db.js';
import { createPgliteWorkerDb } from '../../../server/db/pglite-worker-db.js';

const LONG = 120_000;
const CRASHING_WORKER = new URL('../../helpers/crashing-pglite-worker.ts', import.meta.url);

const SCHEMA = `
  CREATE TABLE items (id text PRIMARY KEY, embedding vector(3), meta jsonb, tags text[], blob bytea, n int8,
    at timestamptz);
  CREATE TABLE ledger (who text NOT NULL);
`;

/** The same contract on both threads: whatever a caller sees must not depend on PGLITE_THREAD. */
const implementations: Array<[string, () => Promise<Db>]> = [
  ['in-thread', () => createPgliteDb()],
  ['worker', () => createPgliteWorkerDb()],
];

async function seed(db: Db) {
  await db.exec(SCHEMA);
  const rows: Array<[string, number[], unknown]> = [
    ['billing', [1, 0, 0], { lang: 'en', nested: { views: 3 } }],
    ['refunds', [0.9, 0.1, 0], { lang: 'de', tags: ['money'] }],
    ['login', [0, 0, 1], null],
  ];
  for (const [id, v, meta] of rows) {
    await db.query(
      'INSERT INTO items (id, embedding, meta, tags, blob, n, at) VALUES ($1, $2::vector, $3, $4, $5, $6, $7)',
      [
        id,
        `[${v.join(',')}]`,
        meta,
        ['a', id],
        new Uint8Array([1, 2, id.length]),
        9_000_000_000 + id.length,
        new Date('2026-01-02T03:04:05.678Z'),
      ],
    );
  }
}

const nearest = (db: Db) =>
  db.query<{ id: string; distance: number }>(
    'SELECT id, embedding <=> $1::vector AS distance FROM items ORDER BY distance, id',
    ['[1,0,0]'],
  );

describe.each(implementations)('embedded database, %s', (_name, open) => {
  let db: Db;
  beforeAll(async () => {
    db = await open();
    await seed(db);
  }, LONG);
  afterAll(() => db?.close());

  it('ranks by pgvector distance (lower is closer)', async () => {
    const { rows } = await nearest(db);
    expect(rows.map((r) => r.id)).toEqual(['billing', 'refunds', 'login']);
    expect(rows[0]!.distance).toBeCloseTo(0, 6);
    expect(rows[2]!.distance).toBeCloseTo(1, 6);
  });

  it('takes JSON objects as parameters and gives back JSON, arrays, bytes, numbers and dates', async () => {
    const { rows } = await db.query<Record<string, unknown>>(
      "SELECT meta, tags, blob, n, at, meta->'nested'->>'views' AS views FROM items WHERE meta @> $1 ORDER BY id",
      [{ lang: 'en' }],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      meta: { lang: 'en', nested: { views: 3 } },
      tags: ['a', 'billing'],
      blob: new Uint8Array([1, 2, 7]),
      n: 9_000_000_007,
      at: new Date('2026-01-02T03:04:05.678Z'),
      views: '3',
    });
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  it('keeps the Postgres error code of a unique violation, inside a transaction or not', async () => {
    const direct = await db.query("INSERT INTO items (id) VALUES ('billing')").catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(Error);
    expect(direct).toMatchObject({
      code: '23505',
      constraint: 'items_pkey',
      message: 'duplicate key value violates unique constraint "items_pkey"',
    });
    const inTx = await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO items (id) VALUES ('fresh')");
        await tx.query("INSERT INTO items (id) VALUES ('refunds')");
      })
      .catch((e: unknown) => e);
    expect(inTx).toMatchObject({ code: '23505', constraint: 'items_pkey' });
    expect((await db.query("SELECT 1 FROM items WHERE id = 'fresh'")).rows).toEqual([]);
  });

  it('rolls a transaction back when its function throws, and rethrows that error', async () => {
    const boom = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO ledger VALUES ('rolled back')");
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect((await db.query("SELECT who FROM ledger WHERE who = 'rolled back'")).rows).toEqual([]);
  });

  it('returns what the transaction function returns, committed', async () => {
    const out = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO ledger VALUES ('committed')");
      return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger')).rows[0]!.n;
    });
    expect(out).toBeGreaterThanOrEqual(1);
    expect((await db.query("SELECT who FROM ledger WHERE who = 'committed'")).rows).toEqual([{ who: 'committed' }]);
  });

  it('makes other callers wait while a transaction is open, then shows them its committed rows', async () => {
    const events: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote!: () => void;
    const firstWrite = new Promise<void>((resolve) => (wrote = resolve));
    const tx = db.transaction(async (t) => {
      await t.query("INSERT INTO ledger VALUES ('tx-1')");
      events.push('tx wrote');
      wrote();
      await gate;
      await t.query("INSERT INTO ledger VALUES ('tx-2')");
      events.push('tx done');
    });
    await firstWrite;
    const outside = db.query<{ who: string }>("SELECT who FROM ledger WHERE who LIKE 'tx-%' ORDER BY who").then((r) => {
      events.push('outside read');
      return r.rows.map((row) => row.who);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toEqual(['tx wrote']);
    release();
    await tx;
    expect(await outside).toEqual(['tx-1', 'tx-2']);
    expect(events).toEqual(['tx wrote', 'tx done', 'outside read']);
  });

  it('runs a multi-statement script with exec', async () => {
    await db.exec('CREATE TABLE scratch (v int); INSERT INTO scratch VALUES (1), (2);');
    expect((await db.query('SELECT sum(v)::int AS s FROM scratch')).rows).toEqual([{ s: 3 }]);
  });
});

describe('embedded database worker', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'keeps the server thread free while a long query runs',
    async () => {
      const db = await createPgliteWorkerDb();
      try {
        let last = performance.now();
        let maxGap = 0;
        const timer = setInterval(() => {
          const now = performance.now();
          maxGap = Math.max(maxGap, now - last);
          last = now;
        }, 5);
        const t0 = performance.now();
        await db.query('SELECT count(*) FROM generate_series(1, 2000000)');
        const queryMs = performance.now() - t0;
        clearInterval(timer);
        maxGap = Math.max(maxGap, performance.now() - last);
        // On the server thread the whole query is one stall (maxGap ~ queryMs).
        expect(queryMs).toBeGreaterThan(300);
        expect(maxGap).toBeLessThan(queryMs / 3);
      } finally {
        await db.close();
      }
    },
    LONG,
  );

  it(
    'rejects pending and later queries with a clear error when the worker dies, and reports it once',
    async () => {
      const crashes: Error[] = [];
      const db = await createPgliteWorkerDb({ workerUrl: CRASHING_WORKER, onCrash: (err) => crashes.push(err) });
      await db.exec('CREATE TABLE t (v int)');
      const stopped = /embedded database worker stopped unexpectedly \(exit code 7\).*restarted/;
      let crash: Promise<unknown> | undefined;
      const inTx = db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        crash = db.query("SELECT 'crash'");
        crash.catch(() => undefined);
        await tx.query('INSERT INTO t VALUES (2)');
      });
      const queued = db.query('SELECT 1');
      await expect(inTx).rejects.toThrow(stopped);
      await expect(crash).rejects.toThrow(stopped);
      await expect(queued).rejects.toThrow(stopped);
      await expect(db.query('SELECT 1')).rejects.toThrow(stopped);
      await expect(db.transaction(async () => 'never')).rejects.toThrow(stopped);
      expect(crashes).toHaveLength(1);
      expect(crashes[0]!.message).toMatch(stopped);
      // Closing a dead database does not hang.
      await db.close();
    },
    LONG,
  );

  it(
    'flushes to the data folder on close: a reopened database, on either thread, has the rows',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'firstline-pglite-worker-'));
      dirs.push(dir);
      const first = await createPgliteWorkerDb({ dataDir: dir });
      await first.exec('CREATE TABLE kept (v text)');
      await first.transaction(async (tx) => {
        await tx.query("INSERT INTO kept VALUES ('from the worker')");
      });
      await first.close();
      await expect(first.query('SELECT 1')).rejects.toThrow(/closed/);

      const again = await createPgliteWorkerDb({ dataDir: dir });
      expect((await again.query('SELECT v FROM kept')).rows).toEqual([{ v: 'from the worker' }]);
      await again.close();
      const inThread = await createPgliteDb(dir);
      expect((await inThread.query('SELECT v FROM kept')).rows).toEqual([{ v: 'from the worker' }]);
      await inThread.close();
    },
    LONG,
  );

  it('is the default; PGLITE_THREAD=main keeps the database on the server thread; anything else is refused', () => {
    expect(loadConfig({}).pgliteThread).toBe('worker');
    expect(loadConfig({ PGLITE_THREAD: 'main' }).pgliteThread).toBe('main');
    expect(() => loadConfig({ PGLITE_THREAD: 'thread' })).toThrow(/PGLITE_THREAD/);
  });
});
