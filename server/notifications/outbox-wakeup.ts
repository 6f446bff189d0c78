import type { Db, Queryable } from '../db/db.js';

const WRITES_OUTBOX = /^\s*INSERT\s+INTO\s+webhook_deliveries\b/i;
const RETURNS = /\bRETURNING\b/i;

/** An outbox insert that wrote something: a fan-out with RETURNING may have matched no endpoint. */
const wroteOutbox = (sql: string, rows: unknown[]) =>
  WRITES_OUTBOX.test(sql) && (rows.length > 0 || !RETURNS.test(sql));

/**
 * The same database, but a committed write into the webhook outbox calls `wake` (the delivery
 * worker) right after the commit, so a webhook goes out in milliseconds instead of at the next
 * sweep. After the commit, not at the INSERT: before it the worker could not see the row yet.
 * Every enqueue path (conversation events, SLA alerts, bug reports) goes through here unchanged.
 */
export function wakeAfterOutboxCommit(db: Db, wake: () => void): Db {
  return {
    kind: db.kind,
    async query<T>(sql: string, params?: unknown[]) {
      const res = await db.query<T>(sql, params);
      if (wroteOutbox(sql, res.rows)) wake();
      return res;
    },
    exec: (sql) => db.exec(sql),
    async transaction(fn) {
      let wrote = false;
      const out = await db.transaction((tx) => {
        const watched: Queryable = {
          async query<T>(sql: string, params?: unknown[]) {
            const res = await tx.query<T>(sql, params);
            if (wroteOutbox(sql, res.rows)) wrote = true;
            return res;
          },
        };
        return fn(watched);
      });
      if (wrote) wake();
      return out;
    },
    close: () => db.close(),
  };
}
