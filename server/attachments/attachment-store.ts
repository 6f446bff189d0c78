import type { Queryable } from '../db/db.js';

/**
 * Where attachment bytes live, by key. The database implementation below is the default; an
 * object store (S3 and alike) implements the same three calls.
 */
export interface AttachmentStore {
  readonly name: string;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Bytes in `attachment_blobs` (bytea), on PGlite and PostgreSQL alike. */
export function createDbAttachmentStore(db: Queryable): AttachmentStore {
  return {
    name: 'database',
    async put(key, bytes) {
      await db.query(
        'INSERT INTO attachment_blobs (key, bytes) VALUES ($1, $2) ' +
          'ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes',
        [key, Buffer.from(bytes)],
      );
    },
    async get(key) {
      const { rows } = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM attachment_blobs WHERE key = $1', [
        key,
      ]);
      return rows[0] ? new Uint8Array(rows[0].bytes) : null;
    },
    async delete(key) {
      await db.query('DELETE FROM attachment_blobs WHERE key = $1', [key]);
    },
  };
}
