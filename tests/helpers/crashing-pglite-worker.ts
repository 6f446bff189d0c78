/**
 * The real database worker, plus one way to kill it: the query `SELECT 'crash'` ends the thread
 * (exit code 7) before anything answers it, as a WASM abort or an out-of-memory would.
 */
import { parentPort } from 'node:worker_threads';
import type { PgliteWorkerRequest } from '../../server/db/pglite-worker-protocol.js';

parentPort!.on('message', (req: PgliteWorkerRequest) => {
  if (req.type === 'query' && req.sql === "SELECT 'crash'") process.exit(7);
});
await import('../../server/db/pglite-worker.js');
