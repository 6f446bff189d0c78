import type { Queryable } from '../db/db.js';

export interface TimelineEntry {
  id: number;
  type: string;
  /** The agent's name, else the actor as stored (an id, or `ai`/`system`), null for none. */
  actor: string | null;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
  at: string;
}

/** The escalation log: every transition of a conversation, who, when, from, to and why. */
export function createConversationTimeline(db: Queryable) {
  return {
    async of(conversationId: string): Promise<TimelineEntry[]> {
      const { rows } = await db.query<{
        id: number;
        type: string;
        actor: string | null;
        actor_name: string | null;
        from_status: string | null;
        to_status: string | null;
        data: Record<string, unknown>;
        created_at: Date;
      }>(
        `SELECT e.*, u.name AS actor_name FROM conversation_events e LEFT JOIN users u ON u.id = e.actor
         WHERE e.conversation_id = $1 ORDER BY e.id`,
        [conversationId],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        type: r.type,
        actor: r.actor_name ?? r.actor,
        from: r.from_status,
        to: r.to_status,
        data: r.data,
        at: r.created_at.toISOString(),
      }));
    },
  };
}

export type ConversationTimeline = ReturnType<typeof createConversationTimeline>;
