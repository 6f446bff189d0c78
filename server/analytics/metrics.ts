import type { Queryable } from '../db/db.js';

export interface Metrics {
  from: string;
  to: string;
  conversations: number;
  aiResolved: number;
  handoffs: number;
  escalationRate: number;
  medianTimeToHandoffSeconds: number | null;
  medianTimeToFirstHumanResponseSeconds: number | null;
  reEscalationRate: number;
  csat: number | null;
}

/**
 * Dashboard figures over conversations started in [from, to). Queries over the stored facts;
 * nothing is counted in memory.
 */
export async function computeMetrics(db: Queryable, range: { from: Date; to: Date }): Promise<Metrics> {
  const { rows } = await db.query<{
    conversations: number;
    ai_resolved: number;
    handed_off: number;
    median_handoff: number | null;
    median_first_response: number | null;
  }>(
    `WITH convs AS (
       SELECT c.* FROM conversations c
       WHERE c.created_at >= $1 AND c.created_at < $2
         AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'visitor')
     )
     SELECT count(*)::int AS conversations,
            count(*) FILTER (WHERE ai_resolved OR (handed_off_at IS NULL AND EXISTS (
              SELECT 1 FROM messages m WHERE m.conversation_id = convs.id AND m.role = 'ai')))::int AS ai_resolved,
            count(*) FILTER (WHERE handed_off_at IS NOT NULL)::int AS handed_off,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM handed_off_at - created_at))
              FILTER (WHERE handed_off_at IS NOT NULL) AS median_handoff,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_human_response_at - handed_off_at))
              FILTER (WHERE first_human_response_at IS NOT NULL AND handed_off_at IS NOT NULL) AS median_first_response
     FROM convs`,
    [range.from, range.to],
  );
  const { rows: events } = await db.query<{ handoffs: number; re_escalated: number; escalated: number }>(
    `SELECT count(*)::int AS handoffs,
            count(DISTINCT conversation_id) FILTER (WHERE n > 1)::int AS re_escalated,
            count(DISTINCT conversation_id)::int AS escalated
     FROM (SELECT conversation_id, count(*) OVER (PARTITION BY conversation_id) AS n
           FROM conversation_events WHERE type = 'handoff' AND created_at >= $1 AND created_at < $2) e`,
    [range.from, range.to],
  );
  const r = rows[0]!;
  const e = events[0]!;
  const num = (v: number | null) => (v == null ? null : Math.round(Number(v) * 10) / 10);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    conversations: r.conversations,
    aiResolved: r.ai_resolved,
    handoffs: e.handoffs,
    escalationRate: r.conversations ? r.handed_off / r.conversations : 0,
    medianTimeToHandoffSeconds: num(r.median_handoff),
    medianTimeToFirstHumanResponseSeconds: num(r.median_first_response),
    reEscalationRate: e.escalated ? e.re_escalated / e.escalated : 0,
    csat: null,
  };
}
