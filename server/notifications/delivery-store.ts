import type { Queryable } from '../db/db.js';

/** A claimed outbox row, leased to this worker until it records the outcome. */
export interface DeliveryRow {
  id: number;
  target: string;
  url: string;
  event: string;
  payload: unknown;
  attempts: number;
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
}

/**
 * One statement records the finished attempts and claims the next rows: one round trip, and on
 * PGlite one turn of its single thread, per cycle however many deliveries finished together.
 *
 * Claiming: due rows, longest due first, with SKIP LOCKED and a lease (so two nodes never send the
 * same row). A row waits while an older row of its conversation is still due (in flight here or on
 * another node, or not yet sent), so one conversation's events arrive in order; an older row
 * waiting out a retry backoff does not hold the others back. The ordering check runs on a window
 * of the longest-due rows ($4), not the whole backlog, so a claim stays cheap however far behind
 * the outbox is. The rows being recorded are still leased in this statement's snapshot, so they
 * are never claimed again here (and are excluded outright, should their lease have run out).
 */
const RECORD_AND_CLAIM_SQL = `
  WITH recorded AS (
    UPDATE webhook_deliveries w SET
      status = v.status, attempts = v.attempts, response_status = v.code, last_error = v.error,
      next_attempt_at = COALESCE(v.next_at, w.next_attempt_at),
      delivered_at = CASE WHEN v.status = 'delivered' THEN v.at ELSE w.delivered_at END,
      last_attempt_at = v.at, locked_until = NULL
    FROM unnest($5::bigint[], $6::text[], $7::int[], $8::int[], $9::text[], $10::timestamptz[], $11::timestamptz[])
      AS v(id, status, attempts, code, error, next_at, at)
    WHERE w.id = v.id
    RETURNING w.id),
  window_rows AS (
    SELECT id FROM webhook_deliveries
    WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1) AND id <> ALL ($5::bigint[])
    ORDER BY next_attempt_at, id LIMIT $4),
  pick AS (
    SELECT d.id FROM webhook_deliveries d JOIN window_rows USING (id)
    WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until < $1)
      AND (d.ordering_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM webhook_deliveries e
        WHERE e.status = 'pending' AND e.ordering_key = d.ordering_key AND e.id < d.id AND e.next_attempt_at <= $1))
    ORDER BY d.next_attempt_at, d.id LIMIT $3
    FOR UPDATE OF d SKIP LOCKED)
  UPDATE webhook_deliveries w SET locked_until = $2 FROM pick WHERE w.id = pick.id
  RETURNING w.id, w.target, w.url, w.event, w.payload, w.attempts`;

export function createDeliveryStore(db: Queryable) {
  return {
    /** Records `outcomes`, then claims up to `limit` due rows leased until `leaseUntil`. */
    async recordAndClaim(outcomes: Outcome[], claim: { now: Date; leaseUntil: Date; limit: number }): Promise<DeliveryRow[]> {
      const col = <K extends keyof Outcome>(k: K) => outcomes.map((x) => x[k]);
      const window = claim.limit > 0 ? Math.max(64, claim.limit * 4) : 0;
      const { rows } = await db.query<DeliveryRow>(RECORD_AND_CLAIM_SQL, [
        claim.now,
        claim.leaseUntil,
        claim.limit,
        window,
        col('id'),
        col('status'),
        col('attempts'),
        col('code'),
        col('error'),
        col('nextAt'),
        col('at'),
      ]);
      return rows;
    },
    /** Fresh planner statistics, so the claim keeps walking the index (see the worker). */
    async analyze(): Promise<void> {
      await db.query('ANALYZE webhook_deliveries');
    },
  };
}
