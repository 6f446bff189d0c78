/**
 * Messages between the server thread and the embedded database's worker (pglite-worker.ts).
 * Both ends are this codebase, so plain types (no runtime schema) keep the per-query cost low;
 * values cross by structured clone (Date, Uint8Array and JSON objects survive as PGlite returns them).
 */

/** What the worker is opened with (its `workerData`). */
export interface PgliteWorkerData {
  dataDir?: string;
  sharedBuffersMb?: number;
}

export type PgliteWorkerRequest =
  /** `tx`: run inside that open transaction; without it the statement waits for any open one. */
  | { id: number; type: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; type: 'exec'; sql: string }
  /** Opens transaction `tx` (ids chosen by the server thread); answered once BEGIN has run. */
  | { id: number; type: 'begin'; tx: number }
  | { id: number; type: 'commit'; tx: number }
  | { id: number; type: 'rollback'; tx: number }
  /** Closes PGlite (flushing it to the data folder); the worker exits after answering. */
  | { id: number; type: 'close' };

export type PgliteWorkerReply =
  | { id: number; ok: true; rows?: unknown[] }
  | { id: number; ok: false; error: SerializedError };

/** Sent once, unprompted, when the database is open (or could not be opened). */
export type PgliteWorkerStartup = { type: 'ready' } | { type: 'failed'; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** Own fields of the error: Postgres `code` (23505...), `detail`, `constraint`, `table`; an AppError's `status`. */
  fields: Record<string, string | number | boolean>;
}

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: SerializedError['fields'] = {};
  for (const [key, value] of Object.entries(err)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return { name: err.name, message: err.message, stack: err.stack, fields };
}

/** The worker's error on the server thread: same message, name and fields (`err.code === '23505'` still holds). */
export function deserializeError(s: SerializedError): Error {
  const err = new Error(s.message);
  Object.assign(err, s.fields);
  err.name = s.name;
  if (s.stack) err.stack = `${s.stack}\n    at (embedded database worker)`;
  return err;
}
