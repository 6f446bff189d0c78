import { randomUUID } from 'node:crypto';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AttachmentStore } from './attachment-store.js';
import { toRef, type AttachmentRow } from './attachment-rows.js';
import { inspectAttachment } from './inspect-attachment.js';

export interface AttachmentLimits {
  /** Per file, as uploaded. */
  readonly maxBytes: number;
  /** Files one conversation may hold. */
  readonly maxPerConversation: number;
}

export interface StoredAttachment {
  ref: AttachmentRef;
  conversationId: string;
  messageId: string | null;
  bytes: Uint8Array;
}

/** "10 MB", "9.5 MB", "60 kB". */
export const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Visitors' files: checked and cleaned (inspect-attachment.ts), counted per conversation, the
 * bytes put in the attachment store and the row in `attachments`. A message picks them up by id
 * (attachment-rows.ts, in the conversation service's transaction).
 */
export function createAttachmentService(deps: {
  db: Db;
  store: AttachmentStore;
  limits: AttachmentLimits;
  log: Logger;
}) {
  const { db, store, limits } = deps;

  async function row(conversationId: string, id: string): Promise<AttachmentRow | null> {
    const { rows } = await db.query<AttachmentRow>('SELECT * FROM attachments WHERE id = $1 AND conversation_id = $2', [
      id,
      conversationId,
    ]);
    return rows[0] ?? null;
  }

  async function withBytes(r: AttachmentRow): Promise<StoredAttachment> {
    const bytes = await store.get(r.storage_key);
    if (!bytes)
      throw new AppError(404, 'not_found', `The file of attachment ${r.name} is missing from the ${store.name} store.`);
    return { ref: toRef(r), conversationId: r.conversation_id, messageId: r.message_id, bytes };
  }

  return {
    limits,

    /**
     * The conversation row must exist. Refuses a file over the size limit, past the count limit, or of a type not
     * allowed.
     */
    async upload(args: { conversationId: string; name: string; bytes: Uint8Array }): Promise<AttachmentRef> {
      if (args.bytes.byteLength === 0)
        throw new AppError(400, 'empty_attachment', 'The file is empty; choose the file again.');
      if (args.bytes.byteLength > limits.maxBytes) throw tooLarge(args.name, args.bytes.byteLength, limits.maxBytes);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM attachments WHERE conversation_id = $1',
        [args.conversationId],
      );
      if ((rows[0]?.n ?? 0) >= limits.maxPerConversation) {
        throw new AppError(
          409,
          'too_many_attachments',
          `This conversation already has ${limits.maxPerConversation} attachments, ` +
            `the most it can hold; describe the rest in a message instead.`,
        );
      }
      const file = await inspectAttachment(args.bytes, args.name);
      const id = randomUUID();
      const key = `${args.conversationId}/${id}`;
      await store.put(key, file.bytes, file.contentType);
      try {
        const inserted = await db.query<AttachmentRow>(
          `INSERT INTO attachments (id, conversation_id, name, content_type, size, width, height, storage_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            id,
            args.conversationId,
            file.name,
            file.contentType,
            file.bytes.byteLength,
            file.width ?? null,
            file.height ?? null,
            key,
          ],
        );
        return toRef(inserted.rows[0]!);
      } catch (err) {
        await store
          .delete(key)
          .catch((e: unknown) => deps.log.error({ err: e, key }, 'removing the bytes of a failed attachment failed'));
        throw err;
      }
    },

    /** One attachment of this conversation with its bytes; null when it is not this conversation's. */
    async read(conversationId: string, id: string): Promise<StoredAttachment | null> {
      const r = await row(conversationId, id);
      return r ? withBytes(r) : null;
    },

    /** Attachments that made it into a message, oldest first (bug reports, exports). */
    async ofConversation(conversationId: string): Promise<AttachmentRef[]> {
      const { rows } = await db.query<AttachmentRow>(
        'SELECT * FROM attachments WHERE conversation_id = $1 AND message_id IS NOT NULL ORDER BY created_at, id',
        [conversationId],
      );
      return rows.map(toRef);
    },

    /** The images one message carries, with bytes (for a model that reads images). */
    async imagesOf(messageId: string): Promise<StoredAttachment[]> {
      const { rows } = await db.query<AttachmentRow>(
        `SELECT * FROM attachments WHERE message_id = $1 AND content_type LIKE 'image/%' ORDER BY created_at, id`,
        [messageId],
      );
      return Promise.all(rows.map(withBytes));
    },
  };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;

export function tooLarge(name: string, bytes: number, max: number): AppError {
  const what = name ? `${name.slice(0, 200)} is ${megabytes(bytes)}` : `The file is over ${megabytes(max)}`;
  return new AppError(
    413,
    'attachment_too_large',
    `${what}; attachments are limited to ${megabytes(max)}. Crop the screenshot or attach a smaller file.`,
  );
}
