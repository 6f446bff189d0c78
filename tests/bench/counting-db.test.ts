import { describe, expect, it } from 'vitest';
import { countingDb } from '../../bench/counting-db.js';
import type { Db, Queryable } from '../../server/db/db.js';

/** An inner Db that answers every statement with no rows. */
function fakeDb(): Db {
  const q: Queryable = { query: async () => ({ rows: [] }) };
  return { kind: 'pglite', query: q.query, exec: async () => undefined, transaction: (fn) => fn(q), close: async () => undefined };
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
});
