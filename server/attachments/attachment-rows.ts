import type { AttachmentRef, AttachmentType } from '../../protocol/attachments.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';

export interface AttachmentRow {
  id: string;
  conversation_id: string;
  message_id: string | null;
  name: string;
  content_type: AttachmentType;
  size: number;
  width: number | null;
  height: number | null;
  storage_key: string;
  created_at: Date;
}

export const toRef = (r: AttachmentRow): AttachmentRef => ({
  id: r.id,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  ...(r.width ? { width: r.width } : {}),
  ...(r.height ? { height: r.height } : {}),
});

/**
 * The attachments a new visitor message references, locked until it commits: each must be this
 * conversation's and not yet on another message. Throws a 400 naming the first that is not.
 */
export async function takeUnclaimed(
  tx: Queryable,
  conversationId: string,
  ids: readonly string[],
): Promise<AttachmentRef[]> {
  const unique = [...new Set(ids)];
  const { rows } = await tx.query<AttachmentRow>(
    'SELECT * FROM attachments WHERE id = ANY($1::text[]) AND conversation_id = $2 ' +
      'AND message_id IS NULL ORDER BY created_at, id FOR UPDATE',
    [unique, conversationId],
  );
  const missing = unique.find((id) => !rows.some((r) => r.id === id));
  if (missing) {
    throw new AppError(
      400,
      'unknown_attachment',
      `Attachment ${missing.slice(0, 100)} is not one you uploaded to this conversation, ` +
        `or another message already has it; upload the file again.`,
    );
  }
  return unique.map((id) => toRef(rows.find((r) => r.id === id)!));
}

export async function linkToMessage(tx: Queryable, messageId: string, ids: readonly string[]): Promise<void> {
  await tx.query('UPDATE attachments SET message_id = $1 WHERE id = ANY($2::text[]) AND message_id IS NULL', [
    messageId,
    [...new Set(ids)],
  ]);
}
