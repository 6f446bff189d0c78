import type { VisitorHistoryItem } from '../../protocol/http.js';
import type { ConversationStatus } from '../../protocol/domain.js';
import type { Queryable } from '../db/db.js';

const HISTORY_LIMIT = 20;

/**
 * The visitor's other conversations, newest first: the same visitor, or another visitor with the
 * same email when both identities were verified (an unverified email is only a claim, so it never
 * pulls in someone else's history). Each with its status and the visitor's first question.
 */
export function createVisitorHistory(db: Queryable) {
  return {
    /** Null when the conversation does not exist. */
    async of(conversationId: string): Promise<VisitorHistoryItem[] | null> {
      const { rows: here } = await db.query<{ visitor_id: string; email: string | null; verified: boolean }>(
        'SELECT c.visitor_id, v.email, v.verified FROM conversations c ' +
          'JOIN visitors v ON v.id = c.visitor_id WHERE c.id = $1',
        [conversationId],
      );
      const me = here[0];
      if (!me) return null;
      const { rows } = await db.query<{
        id: string;
        status: ConversationStatus;
        created_at: Date;
        first_question: string | null;
      }>(
        `SELECT c.id, c.status, c.created_at,
                (SELECT left(m.text, 200) FROM messages m WHERE m.conversation_id = c.id AND m.role = 'visitor'
                  ORDER BY m.seq LIMIT 1) AS first_question
         FROM conversations c JOIN visitors v ON v.id = c.visitor_id
         WHERE c.id <> $1 AND (c.visitor_id = $2 OR ($3::text IS NOT NULL AND $4 AND v.verified AND lower(v.email)
           = lower($3::text)))
           AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id)
         ORDER BY c.created_at DESC, c.id
         LIMIT ${HISTORY_LIMIT}`,
        [conversationId, me.visitor_id, me.email, me.verified],
      );
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        firstQuestion: r.first_question,
      }));
    },
  };
}

export type VisitorHistory = ReturnType<typeof createVisitorHistory>;
