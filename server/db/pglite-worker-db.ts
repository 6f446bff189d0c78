import { existsSync } from 'node:fs';
import path from 'node:path';
import { startModuleWorker } from '../runtime/start-module-worker.js';
import type { Db, Queryable } from './db.js';
import {
  deserializeError,
  type PgliteWorkerData,
  type PgliteWorkerReply,
  type PgliteWorkerRequest,
  type PgliteWorkerStartup,
} from './pglite-worker-protocol.js';

export interface PgliteWorkerDbOptions extends PgliteWorkerData {
  /** Called once if the worker stops on its own (a crash); every pending and later call rejects. */
  onCrash?: (err: Error) => void;
  /** The worker entry; tests substitute one that crashes. */
  workerUrl?: URL;
}

type Pending = { resolve: (rows: unknown[] | undefined) => void; reject: (err: Error) => void };
type Call = PgliteWorkerRequest extends infer R ? (R extends PgliteWorkerRequest ? Omit<R, 'id'> : never) : never;

const DEFAULT_ENTRY = new URL('./pglite-worker.ts', import.meta.url);
/**
 * The worker's V8 heap holds little (PGlite's memory is WASM); V8's default young generation
 * (48 MB) would stay resident after the first start's migrations and seeding. 12 MB is what
 * `npm start`'s --max-semi-space-size=4 gives the server thread.
 */
const WORKER_YOUNG_GENERATION_MB = 12;
/** A closing worker that has not exited by then is terminated (PGlite has flushed once close answered). */
const EXIT_GRACE_MS = 5000;

/**
 * The embedded database (PGlite with pgvector) on its own worker thread, behind the same Db seam
 * as the in-thread one (pglite-db.ts): same SQL, same results, same transaction semantics.
 *
 * A data folder without a database yet is created by a first worker that then exits: creating the
 * cluster (PostgreSQL's initdb, in WASM) leaves memory behind that a worker never gives back
 * (measured: 747 MB RSS with a new cluster open, 301 MB with it reopened in a new worker).
 */
export async function createPgliteWorkerDb(opts: PgliteWorkerDbOptions = {}): Promise<Db> {
  if (opts.dataDir && !existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    const creator = await openWorkerDb({ ...opts, onCrash: undefined });
    await creator.close();
  }
  return openWorkerDb(opts);
}

async function openWorkerDb(opts: PgliteWorkerDbOptions): Promise<Db> {
  const workerData: PgliteWorkerData = { dataDir: opts.dataDir, sharedBuffersMb: opts.sharedBuffersMb };
  const worker = startModuleWorker(opts.workerUrl ?? DEFAULT_ENTRY, {
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextTx = 1;
  /** Set once the worker cannot answer any more: why later calls fail. */
  let stopped: Error | null = null;
  let closing = false;
  let closed: Promise<void> | null = null;
  let lastError: Error | undefined;

  const failAll = (err: Error) => {
    stopped = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onStartup = (msg: PgliteWorkerStartup) => {
      worker.off('exit', onEarlyExit);
      if (msg.type === 'ready') resolve();
      else reject(withContext(deserializeError(msg.error), 'The embedded database could not be opened'));
    };
    const onEarlyExit = (code: number) => {
      worker.off('message', onStartup);
      reject(
        new Error(
          `The embedded database worker stopped before opening the database ` +
            `(exit code ${code})${lastError ? `: ${lastError.message}` : ''}`,
        ),
      );
    };
    worker.once('message', onStartup);
    worker.once('exit', onEarlyExit);
    worker.on('error', (err) => (lastError = err));
  });

  worker.on('message', (msg: PgliteWorkerReply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.rows);
    else p.reject(deserializeError(msg.error));
  });
  // An answer that cannot be read belongs to no known call: stop the worker, which fails them all.
  worker.on('messageerror', (err) => {
    lastError = withContext(err, 'The embedded database worker sent an unreadable answer');
    void worker.terminate();
  });
  worker.once('exit', (code) => {
    if (closing) return failAll(new Error('The embedded database is closed'));
    const err = new Error(
      `The embedded database worker stopped unexpectedly (exit code ` +
        `${code}${lastError ? `, ${lastError.name}: ${lastError.message}` : ''}); ` +
        'queries fail until the server is restarted',
    );
    if (lastError) err.cause = lastError;
    failAll(err);
    opts.onCrash?.(err);
  });

  const call = (req: Call): Promise<unknown[] | undefined> =>
    new Promise((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ ...req, id });
      } catch (err) {
        // A parameter structured clone cannot copy (a function, a class with private state).
        pending.delete(id);
        reject(withContext(err, 'A query parameter cannot be sent to the embedded database worker'));
      }
    });

  const queryIn =
    (tx: number | undefined): Queryable['query'] =>
    async <T>(sql: string, params?: unknown[]) => ({
      rows: ((await call({ type: 'query', sql, params, tx })) ?? []) as T[],
    });

  return {
    kind: 'pglite',
    query: queryIn(undefined),
    async exec(sql) {
      await call({ type: 'exec', sql });
    },
    async transaction(fn) {
      const tx = nextTx++;
      await call({ type: 'begin', tx });
      let out;
      try {
        out = await fn({ query: queryIn(tx) });
      } catch (err) {
        // The worker gone: nothing to roll back, and the caller's error says more.
        await call({ type: 'rollback', tx }).catch(() => undefined);
        throw err;
      }
      await call({ type: 'commit', tx });
      return out;
    },
    close() {
      closed ??= (async () => {
        if (stopped) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        // From here the worker's exit is expected, not a crash.
        closing = true;
        try {
          await call({ type: 'close' });
        } finally {
          const timer = setTimeout(() => void worker.terminate(), EXIT_GRACE_MS);
          await exited;
          clearTimeout(timer);
        }
      })();
      return closed;
    },
  };
}

function withContext(err: unknown, context: string): Error {
  const cause = err instanceof Error ? err : new Error(String(err));
  return new Error(`${context}: ${cause.message}`, { cause });
}
