import type {
  ConversationSearchHit,
  ConversationSearchQuery,
  ConversationSearchResponse,
} from '../../protocol/http.js';
import { searchTerms, snippetAround } from '../../protocol/search-terms.js';
import type { ConversationStatus, Role } from '../../protocol/domain.js';
import type { Queryable } from '../db/db.js';

interface HitRow {
  id: string;
  status: ConversationStatus;
  created_at: Date;
  updated_at: Date;
  visitor_name: string | null;
  visitor_email: string | null;
  hit_text: string | null;
  hit_role: Role | null;
  hit_at: Date | null;
}

/** `%`, `_` and `\` typed by the agent are matched literally by ILIKE. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * Conversation search: full text over every message (PostgreSQL's `english` text search, the same
 * on PGlite; the GIN index of migration 015), plus the visitor's name and email by substring.
 * Newest activity first; one hit per conversation, its best-ranked message (the visitor's own
 * words first among equals: they say what the conversation is about).
 */
export function createConversationSearch(db: Queryable) {
  return {
    async search(q: ConversationSearchQuery): Promise<ConversationSearchResponse> {
      const { rows } = await db.query<HitRow>(
        // The tsquery is written inline (not joined from a CTE) so the planner uses the GIN index.
        `WITH hits AS (
           SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.text, m.role, m.created_at
           FROM messages m
           WHERE to_tsvector('english', m.text) @@ plainto_tsquery('english', $1) AND m.role <> 'system'
           ORDER BY m.conversation_id, ts_rank(to_tsvector('english', m.text), plainto_tsquery('english', $1)) DESC,
             (m.role = 'visitor') DESC, m.seq DESC
         ),
         people AS (
           SELECT c.id FROM conversations c
           WHERE c.visitor_id IN (SELECT v.id FROM visitors v WHERE v.name ILIKE $2 OR v.email ILIKE $2)
              OR (c.contact_email IS NOT NULL AND c.contact_email ILIKE $2)
         ),
         matched AS (SELECT conversation_id AS id FROM hits UNION SELECT id FROM people)
         SELECT c.id, c.status, c.created_at, c.updated_at, v.name AS visitor_name, COALESCE(v.email, c.contact_email)
           AS visitor_email,
                h.text AS hit_text, h.role AS hit_role, h.created_at AS hit_at
         FROM matched JOIN conversations c ON c.id = matched.id JOIN visitors v ON v.id = c.visitor_id
         LEFT JOIN hits h ON h.conversation_id = c.id
         ORDER BY c.updated_at DESC, c.id
         LIMIT $3 OFFSET $4`,
        [q.q, likePattern(q.q), q.limit + 1, q.offset],
      );
      const terms = searchTerms(q.q);
      const needle = q.q.toLowerCase();
      const results = rows.slice(0, q.limit).map((r): ConversationSearchHit => {
        const base = {
          conversationId: r.id,
          status: r.status,
          visitor: { name: r.visitor_name, email: r.visitor_email },
          createdAt: r.created_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        };
        if (r.hit_text !== null)
          return {
            ...base,
            match: {
              field: 'message',
              text: snippetAround(r.hit_text, terms),
              role: r.hit_role,
              at: r.hit_at!.toISOString(),
            },
          };
        const field = r.visitor_name?.toLowerCase().includes(needle) ? 'name' : 'email';
        return {
          ...base,
          match: { field, text: (field === 'name' ? r.visitor_name : r.visitor_email) ?? '', role: null, at: null },
        };
      });
      return { results, nextOffset: rows.length > q.limit ? q.offset + q.limit : null };
    },
  };
}

export type ConversationSearch = ReturnType<typeof createConversationSearch>;
