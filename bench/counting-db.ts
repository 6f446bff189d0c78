import type { Db, Queryable } from '../server/db/db.js';

/** One statement sent through the seam and how long its promise took to settle. */
export interface TimedStatement {
  sql: string;
  ms: number;
}

/** A Db that records every statement sent through it (transactions included), for counting and timing. */
export interface CountingDb extends Db {
  /** Statement texts since the last `reset()`, in order; BEGIN/COMMIT of `transaction()` are counted too. */
  readonly statements: readonly string[];
  /** The same statements with their time from call to settled (BEGIN/COMMIT: 0, they are not timed apart). */
  readonly timed: readonly TimedStatement[];
  reset(): void;
}

export function countingDb(inner: Db): CountingDb {
  let timed: TimedStatement[] = [];
  const record = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const entry = { sql: sql.replace(/\s+/g, ' ').trim(), ms: 0 };
    timed.push(entry);
    const t0 = performance.now();
    return run().finally(() => {
      entry.ms = performance.now() - t0;
    });
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => record(sql, () => q.query(sql, params)),
  });
  return {
    kind: inner.kind,
    get statements() {
      return timed.map((t) => t.sql);
    },
    get timed() {
      return timed;
    },
    reset() {
      timed = [];
    },
    query: (sql, params) => record(sql, () => inner.query(sql, params)),
    exec: (sql) => record(sql, () => inner.exec(sql)),
    transaction(fn) {
      // BEGIN and COMMIT are round trips too.
      timed.push({ sql: 'BEGIN', ms: 0 });
      return inner.transaction((tx) => fn(wrap(tx))).finally(() => void timed.push({ sql: 'COMMIT', ms: 0 }));
    },
    close: () => inner.close(),
  };
}

/** Statements grouped by text (parameters are already placeholders), most total time first. */
export function slowestStatements(
  timed: readonly TimedStatement[],
  top: number,
): Array<{ sql: string; calls: number; totalMs: number; meanMs: number }> {
  const by = new Map<string, { calls: number; totalMs: number }>();
  for (const t of timed) {
    const g = by.get(t.sql) ?? { calls: 0, totalMs: 0 };
    g.calls += 1;
    g.totalMs += t.ms;
    by.set(t.sql, g);
  }
  return [...by.entries()]
    .map(([sql, g]) => ({
      sql,
      calls: g.calls,
      totalMs: Math.round(g.totalMs * 10) / 10,
      meanMs: Math.round((g.totalMs / g.calls) * 100) / 100,
    }))
    .sort((a, b) => b.totalMs - a.totalMs)
    .slice(0, top);
}
