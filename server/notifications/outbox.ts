import type { Queryable } from '../db/db.js';

export interface OutboundDelivery {
  /** `webhook` (signed with WEBHOOK_SECRET) or `pagerduty` (Events API v2 body, unsigned). */
  target: 'webhook' | 'pagerduty' | 'linear';
  url: string;
  event: string;
  payload: unknown;
}

/** Writes a delivery into the durable outbox; pass a transaction to tie it to the change that caused it. */
export async function enqueueDelivery(q: Queryable, d: OutboundDelivery, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO webhook_deliveries (target, url, event, payload, next_attempt_at, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $5)`,
    [d.target, d.url, d.event, JSON.stringify(d.payload), at],
  );
}
