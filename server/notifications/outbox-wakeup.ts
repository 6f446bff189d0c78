import type { Db, Queryable } from '../db/db.js';

const WRITES_OUTBOX = /^\s*INSERT\s+INTO\s+webhook_deliveries\b/i;

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
      if (WRITES_OUTBOX.test(sql)) wake();
      return res;
    },
    exec: (sql) => db.exec(sql),
    async transaction(fn) {
      let wrote = false;
      const out = await db.transaction((tx) => {
        const watched: Queryable = {
          query<T>(sql: string, params?: unknown[]) {
            if (WRITES_OUTBOX.test(sql)) wrote = true;
            return tx.query<T>(sql, params);
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
