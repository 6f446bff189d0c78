import type { Queryable } from '../db/db.js';

/** The lane of the deliveries that belong to no console endpoint: WEBHOOK_URL, PagerDuty, Linear. */
export const OTHER_LANE = 'other';

/** A claimed outbox row, leased to this worker until it records the outcome. */
export interface DeliveryRow {
  id: number;
  target: string;
  url: string;
  event: string;
  payload: unknown;
  attempts: number;
  /** The console endpoint's id, or OTHER_LANE: each lane has its own pool in the worker. */
  lane: string;
  /** The console endpoint's current signing secret (null for the other lane: WEBHOOK_SECRET). */
  secret: string | null;
}

/** What one attempt came to: delivered, pending (retry at nextAt) or failed (gave up). */
export interface Outcome {
  id: number;
  status: 'delivered' | 'pending' | 'failed';
  attempts: number;
  code: number | null;
  error: string | null;
  nextAt: string | null;
  at: string;
  latencyMs: number | null;
}

/**
 * One statement records the finished attempts and claims the next rows: one round trip, and on
 * PGlite one turn of its single thread, per cycle however many deliveries finished together.
 *
 * Claiming: due rows, longest due first, with SKIP LOCKED and a lease (so two nodes never send the
 * same row). Each lane (a console endpoint, or everything else) is walked on its own index and
 * claimed up to its own free room ($3 minus what this worker already holds of it, $12/$13), so a
 * slow endpoint with a long backlog never hides or holds back another's deliveries; a disabled
 * endpoint's rows wait. A row waits while an older row of its ordering key (endpoint and
 * conversation) is still due (in flight here or on another node, or not yet sent), so one
 * conversation's events arrive in order at each endpoint; an older row waiting out a retry backoff
 * does not hold the others back. The ordering check runs on a window of each lane's longest-due
 * rows, not the whole backlog, so a claim stays cheap however far behind the outbox is. The rows
 * being recorded are still leased in this statement's snapshot, so they are never claimed again
 * here (and are excluded outright, should their lease have run out).
 */
const RECORD_AND_CLAIM_SQL = `
  WITH recorded AS (
    UPDATE webhook_deliveries w SET
      status = v.status, attempts = v.attempts, response_status = v.code, last_error = v.error,
      next_attempt_at = COALESCE(v.next_at, w.next_attempt_at),
      delivered_at = CASE WHEN v.status = 'delivered' THEN v.at ELSE w.delivered_at END,
      last_attempt_at = v.at, latency_ms = v.latency, locked_until = NULL
    FROM unnest($4::bigint[], $5::text[], $6::int[], $7::int[], $8::text[], $9::timestamptz[], $10::timestamptz[],
      $11::int[])
      AS v(id, status, attempts, code, error, next_at, at, latency)
    WHERE w.id = v.id
    RETURNING w.id),
  held AS (SELECT * FROM unnest($12::text[], $13::int[]) AS h(lane, n)),
  room AS (
    SELECT l.lane, $3::int - COALESCE((SELECT n FROM held WHERE held.lane = l.lane), 0) AS free
    FROM (SELECT '${OTHER_LANE}'::text AS lane UNION ALL SELECT id FROM webhook_endpoints WHERE enabled) l),
  other_window AS (
    SELECT id, '${OTHER_LANE}'::text AS lane FROM webhook_deliveries
    WHERE status = 'pending' AND endpoint_id IS NULL AND next_attempt_at <= $1 AND (locked_until IS NULL
      OR locked_until < $1) AND id <> ALL ($4::bigint[])
      AND (SELECT free FROM room WHERE lane = '${OTHER_LANE}') > 0
    ORDER BY next_attempt_at, id LIMIT GREATEST(64, 4 * (SELECT free FROM room WHERE lane = '${OTHER_LANE}'))),
  endpoint_window AS (
    SELECT x.id, r.lane FROM room r
    CROSS JOIN LATERAL (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.status = 'pending' AND d.endpoint_id = r.lane AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL
        OR d.locked_until < $1) AND d.id <> ALL ($4::bigint[])
      ORDER BY d.next_attempt_at, d.id LIMIT GREATEST(64, 4 * r.free)) x
    WHERE r.lane <> '${OTHER_LANE}' AND r.free > 0),
  candidates AS (
    SELECT d.id, w.lane, row_number() OVER (PARTITION BY w.lane ORDER BY d.next_attempt_at, d.id) AS rn
    FROM webhook_deliveries d JOIN (SELECT * FROM other_window UNION ALL SELECT * FROM endpoint_window) w USING (id)
    WHERE d.ordering_key IS NULL OR NOT EXISTS (
      SELECT 1 FROM webhook_deliveries e
      WHERE e.status = 'pending' AND e.ordering_key = d.ordering_key AND e.id < d.id AND e.next_attempt_at <= $1)),
  chosen AS (SELECT c.id FROM candidates c JOIN room r ON r.lane = c.lane WHERE c.rn <= r.free),
  pick AS (
    -- By primary key from the chosen ids: the planner cannot turn this into a walk of the whole backlog.
    SELECT d.id FROM webhook_deliveries d
    WHERE d.id = ANY (ARRAY(SELECT id FROM chosen)) AND d.status = 'pending' AND d.next_attempt_at <= $1
      AND (d.locked_until IS NULL OR d.locked_until < $1)
    ORDER BY d.next_attempt_at, d.id
    FOR UPDATE OF d SKIP LOCKED)
  UPDATE webhook_deliveries w SET locked_until = $2 FROM pick WHERE w.id = pick.id
  RETURNING w.id, w.target, w.url, w.event, w.payload, w.attempts, COALESCE(w.endpoint_id, '${OTHER_LANE}') AS lane,
    (SELECT secret FROM webhook_endpoints e WHERE e.id = w.endpoint_id) AS secret`;

export function createDeliveryStore(db: Queryable) {
  return {
    /**
     * Records `outcomes`, then claims due rows leased until `leaseUntil`: per lane, up to
     * `perLane` minus what `held` says this worker already holds of it (0 claims nothing).
     */
    async recordAndClaim(
      outcomes: Outcome[],
      claim: { now: Date; leaseUntil: Date; perLane: number; held: Map<string, number> },
    ): Promise<DeliveryRow[]> {
      const col = <K extends keyof Outcome>(k: K) => outcomes.map((x) => x[k]);
      const { rows } = await db.query<DeliveryRow>(RECORD_AND_CLAIM_SQL, [
        claim.now,
        claim.leaseUntil,
        claim.perLane,
        col('id'),
        col('status'),
        col('attempts'),
        col('code'),
        col('error'),
        col('nextAt'),
        col('at'),
        col('latencyMs'),
        [...claim.held.keys()],
        [...claim.held.values()],
      ]);
      return rows;
    },
    /** Fresh planner statistics, so the claim keeps walking the index (see the worker). */
    async analyze(): Promise<void> {
      await db.query('ANALYZE webhook_deliveries');
    },
  };
}
