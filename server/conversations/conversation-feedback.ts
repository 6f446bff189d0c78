import { DomainEvents } from '../../protocol/events.js';
import type { Db } from '../db/db.js';
import { conflict, notFound } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { noWebhooks, type WebhookOutbox } from '../notifications/webhook-outbox.js';

export type HandoffVerdict = 'correct' | 'unnecessary' | 'missed';

/** What people say about how it went: the visitor's CSAT and the agents' verdict on the AI's handoff. */
export function createConversationFeedback(deps: { db: Db; bus: EventBus; webhooks?: WebhookOutbox }) {
  const { db } = deps;
  const webhooks = deps.webhooks ?? noWebhooks;
  return {
    /** One CSAT per conversation, only once it is resolved; a second answer replaces the first. */
    async recordCsat(conversationId: string, score: number, comment: string | null): Promise<void> {
      const { rows } = await db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [
        conversationId,
      ]);
      if (!rows[0]) throw notFound('Conversation');
      if (rows[0].status !== 'resolved') throw conflict('Rate the conversation once it is resolved.', 'not_resolved');
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO csat_responses (conversation_id, score, comment) VALUES ($1, $2, $3)
           ON CONFLICT (conversation_id) DO UPDATE SET score = EXCLUDED.score, comment = EXCLUDED.comment,
             created_at = now()`,
          [conversationId, score, comment],
        );
        await tx.query(
          `INSERT INTO conversation_events (conversation_id, type, ` +
            `actor, data) VALUES ($1, 'csat', 'visitor', $2::jsonb)`,
          [conversationId, JSON.stringify({ score })],
        );
        await webhooks.record(tx, DomainEvents.csatReceived, { conversationId, score, comment });
      });
      deps.bus.emit(DomainEvents.csatReceived, { conversationId, score, comment });
    },
    async setVerdict(conversationId: string, agentId: string, verdict: HandoffVerdict): Promise<void> {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM conversations WHERE id = $1', [conversationId]);
      if (!rows[0]) throw notFound('Conversation');
      await db.query(
        `INSERT INTO handoff_verdicts (conversation_id, agent_id, verdict) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id, agent_id) DO UPDATE SET verdict = EXCLUDED.verdict, created_at = now()`,
        [conversationId, agentId, verdict],
      );
    },
    async verdicts(conversationId: string): Promise<Array<{ agentId: string; verdict: HandoffVerdict }>> {
      const { rows } = await db.query<{ agent_id: string; verdict: HandoffVerdict }>(
        'SELECT agent_id, verdict FROM handoff_verdicts WHERE conversation_id = $1',
        [conversationId],
      );
      return rows.map((r) => ({ agentId: r.agent_id, verdict: r.verdict }));
    },
  };
}
export type ConversationFeedback = ReturnType<typeof createConversationFeedback>;
