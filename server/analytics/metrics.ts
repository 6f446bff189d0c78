import type { Queryable } from '../db/db.js';
import { AI_RESOLUTION_DEFINITION, aiResolvedSql } from './ai-resolution.js';
import type { Breakdown, DailyPoint, Metrics } from '../../protocol/responses/metrics.js';

// The shapes are the API's own (protocol/responses/metrics.ts).
export type { Breakdown, DailyPoint, Metrics };

const num = (v: unknown) => (v == null ? null : Math.round(Number(v) * 10) / 10);
const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : 0);

/** Conversations started in [from, to) that have at least one visitor message. */
const CONVS = `SELECT c.* FROM conversations c
  WHERE c.created_at >= $1 AND c.created_at < $2
    AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.role = 'visitor')`;

/**
 * Dashboard figures: queries over the stored facts (conversations, the append-only
 * conversation_events log, CSAT and verdicts); nothing is counted in memory.
 */
export async function computeMetrics(db: Queryable, range: { from: Date; to: Date }): Promise<Metrics> {
  const p = [range.from, range.to];
  const [totals, events, csat, verdicts, byIntent, byTier, byPage, daily] = await Promise.all([
    db.query<{ conversations: number; ai_resolved: number; handed_off: number; m_resolve: number | null }>(
      `WITH convs AS (${CONVS})
       SELECT count(*)::int AS conversations,
              count(*) FILTER (WHERE ${aiResolvedSql('convs')})::int AS ai_resolved,
              count(*) FILTER (WHERE handoff_count > 0)::int AS handed_off,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - handed_off_at))
                FILTER (WHERE resolved_at IS NOT NULL AND handed_off_at IS NOT NULL AND status = 'resolved')
                  AS m_resolve
       FROM convs`,
      p,
    ),
    db.query<{
      handoffs: number;
      re_escalated: number;
      transfers: number;
      breaches: number;
      m_handoff: number | null;
      m_first: number | null;
    }>(
      `SELECT count(*) FILTER (WHERE type IN ('handoff', 're_escalation'))::int AS handoffs,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (data->>'secondsSinceStart')::float8)
                FILTER (WHERE type = 'handoff') AS m_handoff,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (data->>'seconds')::float8)
                FILTER (WHERE type = 'first_response' AND data->>'seconds' IS NOT NULL) AS m_first,
              count(DISTINCT conversation_id) FILTER (WHERE type = 're_escalation')::int AS re_escalated,
              count(*) FILTER (WHERE type = 'transfer')::int AS transfers,
              count(*) FILTER (WHERE type = 'sla_breached')::int AS breaches
       FROM conversation_events WHERE created_at >= $1 AND created_at < $2`,
      p,
    ),
    db.query<{ avg: number | null; n: number }>(
      `SELECT avg(score)::float8 AS avg, count(*)::int AS n ` +
        `FROM csat_responses WHERE created_at >= $1 AND created_at < $2`,
      p,
    ),
    db.query<{ unnecessary: number; missed: number }>(
      `SELECT count(*) FILTER (WHERE verdict = 'unnecessary')::int AS unnecessary, count(*)
         FILTER (WHERE verdict = 'missed')::int AS missed
       FROM handoff_verdicts WHERE created_at >= $1 AND created_at < $2`,
      p,
    ),
    breakdown(
      db,
      `COALESCE(handoff->>'intent', (SELECT m.meta->'intent'->>'name' FROM messages m WHERE ` +
        `m.conversation_id = convs.id AND m.role = 'visitor' ORDER BY seq LIMIT 1), 'unknown')`,
      p,
    ),
    breakdown(db, `COALESCE(tier, (SELECT v.plan FROM visitors v WHERE v.id = convs.visitor_id), 'unknown')`, p),
    breakdown(db, `COALESCE(regexp_replace(page->>'url', '^[a-z]+://[^/]+', ''), 'unknown')`, p),
    db.query<{ day: string; conversations: number; handoffs: number; ai_resolved: number }>(
      `WITH convs AS (${CONVS})
       SELECT to_char(date_trunc('day', created_at), 'YYYY-MM-DD') AS day, count(*)::int AS conversations,
              count(*) FILTER (WHERE handoff_count > 0)::int AS handoffs,
              count(*) FILTER (WHERE ${aiResolvedSql('convs')})::int AS ai_resolved
       FROM convs GROUP BY 1 ORDER BY 1`,
      p,
    ),
  ]);
  const t = totals.rows[0]!;
  const e = events.rows[0]!;
  const handedOff = t.handed_off;
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    conversations: t.conversations,
    aiResolved: t.ai_resolved,
    aiResolvedShare: ratio(t.ai_resolved, t.conversations),
    aiResolvedDefinition: AI_RESOLUTION_DEFINITION,
    handoffs: e.handoffs,
    escalationRate: ratio(handedOff, t.conversations),
    // From the event log: a re-escalation starts new clocks on the conversation row.
    medianTimeToHandoffSeconds: num(e.m_handoff),
    medianTimeToFirstHumanResponseSeconds: num(e.m_first),
    medianResolutionAfterEscalationSeconds: num(t.m_resolve),
    reEscalationRate: ratio(e.re_escalated, handedOff),
    transfersPerConversation: ratio(e.transfers, handedOff),
    csat: csat.rows[0]!.avg == null ? null : Math.round(csat.rows[0]!.avg * 100) / 100,
    csatResponses: csat.rows[0]!.n,
    slaBreaches: e.breaches,
    unnecessaryHandoffs: verdicts.rows[0]!.unnecessary,
    missedHandoffs: verdicts.rows[0]!.missed,
    byIntent: byIntent,
    byTier: byTier,
    byPage: byPage,
    daily: daily.rows.map((d) => ({
      day: d.day,
      conversations: d.conversations,
      handoffs: d.handoffs,
      aiResolved: d.ai_resolved,
    })),
  };
}

async function breakdown(db: Queryable, keyExpr: string, p: unknown[]): Promise<Breakdown[]> {
  const { rows } = await db.query<{ key: string; conversations: number; handoffs: number }>(
    `WITH convs AS (${CONVS})
     SELECT ${keyExpr} AS key, count(*)::int AS conversations, count(*)
       FILTER (WHERE handoff_count > 0)::int AS handoffs
     FROM convs GROUP BY 1 ORDER BY 3 DESC, 2 DESC LIMIT 20`,
    p,
  );
  return rows.map((r) => ({
    key: r.key,
    conversations: r.conversations,
    handoffs: r.handoffs,
    escalationRate: ratio(r.handoffs, r.conversations),
  }));
}

/** The dashboard's figures bound to one database: what the routes are given (they never hold the Db). */
export function createMetricsReader(db: Queryable) {
  return { compute: (range: { from: Date; to: Date }) => computeMetrics(db, range) };
}

export type MetricsReader = ReturnType<typeof createMetricsReader>;
