import type { Db, Queryable } from '../server/db/db.js';

/** A Db that records every statement sent through it (transactions included), for counting. */
export interface CountingDb extends Db {
  /** Statement texts since the last `reset()`, in order; BEGIN/COMMIT of `transaction()` are counted too. */
  readonly statements: readonly string[];
  reset(): void;
}

export function countingDb(inner: Db): CountingDb {
  let statements: string[] = [];
  const record = (sql: string) => void statements.push(sql.replace(/\s+/g, ' ').trim());
  const wrap = (q: Queryable): Queryable => ({
    query(sql, params) {
      record(sql);
      return q.query(sql, params);
    },
  });
  return {
    kind: inner.kind,
    get statements() {
      return statements;
    },
    reset() {
      statements = [];
    },
    query(sql, params) {
      record(sql);
      return inner.query(sql, params);
    },
    exec(sql) {
      record(sql);
      return inner.exec(sql);
    },
    transaction(fn) {
      // BEGIN and COMMIT are round trips too.
      record('BEGIN');
      return inner.transaction((tx) => fn(wrap(tx))).finally(() => record('COMMIT'));
    },
    close: () => inner.close(),
  };
}
