import { describe, expect, it } from 'vitest';
import { countingDb, slowestStatements } from '../../bench/counting-db.js';
import type { Db, Queryable } from '../../server/db/db.js';

/** An inner Db that answers every statement with no rows. */
function fakeDb(): Db {
  const q: Queryable = { query: async () => ({ rows: [] }) };
  return {
    kind: 'pglite',
    query: q.query,
    exec: async () => undefined,
    transaction: (fn) => fn(q),
    close: async () => undefined,
  };
}

describe('queries-per-message benchmark: the counting Db', () => {
  it('records every statement, inside transactions too, with BEGIN and COMMIT as round trips', async () => {
    const db = countingDb(fakeDb());
    await db.query('SELECT 1');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t\n   VALUES ($1)', [1]);
    });
    expect(db.statements).toEqual(['SELECT 1', 'BEGIN', 'INSERT INTO t VALUES ($1)', 'COMMIT']);
    db.reset();
    expect(db.statements).toEqual([]);
  });

  it('counts a transaction that failed, and passes the error on', async () => {
    const db = countingDb(fakeDb());
    await expect(db.transaction(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(db.statements).toEqual(['BEGIN', 'COMMIT']);
  });

  it('times each statement and ranks statement texts by total time', async () => {
    const slow: Queryable = {
      query: async (sql) => (await new Promise((r) => setTimeout(r, sql === 'SLOW' ? 30 : 0)), { rows: [] }),
    };
    const db = countingDb({ ...fakeDb(), query: slow.query });
    await db.query('FAST');
    await db.query('SLOW');
    await db.query('FAST');
    const ranked = slowestStatements(db.timed, 5);
    expect(ranked.map((r) => [r.sql, r.calls])).toEqual([
      ['SLOW', 1],
      ['FAST', 2],
    ]);
    expect(ranked[0]!.totalMs).toBeGreaterThanOrEqual(25);
  });
});
