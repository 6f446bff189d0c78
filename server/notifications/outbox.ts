import type { Queryable } from '../db/db.js';

export interface OutboundDelivery {
  /** `webhook` (signed with WEBHOOK_SECRET) or `pagerduty` (Events API v2 body, unsigned). */
  target: 'webhook' | 'pagerduty' | 'linear';
  url: string;
  event: string;
  payload: unknown;
}

/**
 * The conversation a webhook is about: its deliveries go out one at a time, in order. Other
 * targets (PagerDuty pages) and events without a conversation are not ordered.
 */
export function orderingKey(d: OutboundDelivery): string | null {
  if (d.target !== 'webhook' || !d.payload || typeof d.payload !== 'object') return null;
  const id = (d.payload as { conversationId?: unknown }).conversationId;
  return typeof id === 'string' && id ? id : null;
}

/** Writes a delivery into the durable outbox; pass a transaction to tie it to the change that caused it. */
export async function enqueueDelivery(q: Queryable, d: OutboundDelivery, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO webhook_deliveries (target, url, event, payload, ordering_key, ` +
      `next_attempt_at, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6)`,
    [d.target, d.url, d.event, JSON.stringify(d.payload), orderingKey(d), at],
  );
}
