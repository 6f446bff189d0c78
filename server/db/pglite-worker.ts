/**
 * worker_threads entry: the embedded database on its own thread, so parsing, planning and page IO
 * never hold up socket.io pings or /healthz on the server thread. Started by pglite-worker-db.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Transaction } from '@electric-sql/pglite';
import { openPglite } from './open-pglite.js';
import {
  serializeError,
  type PgliteWorkerData,
  type PgliteWorkerReply,
  type PgliteWorkerRequest,
  type PgliteWorkerStartup,
} from './pglite-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs as a worker thread (see pglite-worker-db.ts), not on its own');

/** Thrown inside PGlite's transaction callback to make it roll back; never reaches a caller. */
const ROLLBACK = Symbol('rollback');

interface OpenTransaction {
  tx: Transaction;
  /** true: commit, false: roll back. */
  finish(commit: boolean): void;
  /** Settles when COMMIT or ROLLBACK has run. */
  done: Promise<void>;
}

const send = (msg: PgliteWorkerReply | PgliteWorkerStartup) => port.postMessage(msg);

const data = (workerData ?? {}) as PgliteWorkerData;
let pg: Awaited<ReturnType<typeof openPglite>>;
try {
  pg = await openPglite({ dataDir: data.dataDir, sharedBuffersMb: data.sharedBuffersMb });
} catch (err) {
  send({ type: 'failed', error: serializeError(err) });
  port.close();
  throw err;
}
const db = pg;
const transactions = new Map<number, OpenTransaction>();

/**
 * PGlite's own transaction() holds its lock for the whole callback: statements of this
 * transaction run in order and every other caller's statements wait, as on the server thread.
 */
function begin(id: number): Promise<void> {
  return new Promise<void>((opened, failed) => {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<boolean>((resolve) => (finish = resolve));
    const done = db
      .transaction(async (tx) => {
        transactions.set(id, { tx, finish, done });
        opened();
        if (!(await decided)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (err: unknown) => {
          if (err !== ROLLBACK) throw err;
        },
      )
      .finally(() => transactions.delete(id));
    // BEGIN itself failed (the callback never ran): answer the begin with that error.
    done.catch(failed);
  });
}

function openTx(id: number): OpenTransaction {
  const open = transactions.get(id);
  if (!open) throw new Error(`Transaction ${id} is not open (already committed or rolled back)`);
  return open;
}

async function handle(req: PgliteWorkerRequest): Promise<unknown[] | undefined> {
  switch (req.type) {
    case 'query': {
      const q = req.tx === undefined ? db : openTx(req.tx).tx;
      return (await q.query(req.sql, req.params)).rows;
    }
    case 'exec':
      await db.exec(req.sql);
      return undefined;
    case 'begin':
      await begin(req.tx);
      return undefined;
    case 'commit':
    case 'rollback': {
      const open = openTx(req.tx);
      open.finish(req.type === 'commit');
      await open.done;
      return undefined;
    }
    case 'close':
      await db.close();
      return undefined;
  }
}

port.on('message', (req: PgliteWorkerRequest) => {
  handle(req).then(
    (rows) => {
      send(rows === undefined ? { id: req.id, ok: true } : { id: req.id, ok: true, rows });
      // Nothing left to serve: let the thread end on its own once the answer is out.
      if (req.type === 'close') port.close();
    },
    (err: unknown) => send({ id: req.id, ok: false, error: serializeError(err) }),
  );
});
send({ type: 'ready' });
