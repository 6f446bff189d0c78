import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';
import type { Note } from '../../protocol/responses/conversations.js';

export type { Note };

/** Internal notes: agents only, never sent to the visitor. */
export function createConversationNotes(db: Db) {
  return {
    async add(n: { conversationId: string; author: { id: string; name: string }; text: string }): Promise<Note> {
      const { rows } = await db.query<{
        id: string;
        conversation_id: string;
        author_name: string;
        text: string;
        created_at: Date;
      }>(
        `INSERT INTO notes (id, conversation_id, author_id, author_name, text) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [randomUUID(), n.conversationId, n.author.id, n.author.name, n.text],
      );
      const r = rows[0]!;
      return {
        id: r.id,
        conversationId: r.conversation_id,
        authorName: r.author_name,
        text: r.text,
        createdAt: r.created_at.toISOString(),
      };
    },
    async list(conversationId: string): Promise<Note[]> {
      const { rows } = await db.query<{
        id: string;
        conversation_id: string;
        author_name: string;
        text: string;
        created_at: Date;
      }>('SELECT * FROM notes WHERE conversation_id = $1 ORDER BY created_at', [conversationId]);
      return rows.map((r) => ({
        id: r.id,
        conversationId: r.conversation_id,
        authorName: r.author_name,
        text: r.text,
        createdAt: r.created_at.toISOString(),
      }));
    },
  };
}
export type ConversationNotes = ReturnType<typeof createConversationNotes>;
