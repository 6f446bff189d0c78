import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookWorkerOptions {
  maxAttempts: number;
  /** First retry after this; doubles each time, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  batchSize: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookWorkerOptions = { maxAttempts: 8, baseDelayMs: 2000, maxDelayMs: 3_600_000, timeoutMs: 10_000, batchSize: 20 };

export function backoffMs(attempts: number, o: Pick<WebhookWorkerOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

interface DeliveryRow {
  id: number;
  target: string;
  url: string;
  event: string;
  payload: unknown;
  attempts: number;
}

/**
 * Delivers the outbox: claims due rows with SKIP LOCKED and a lease (so two nodes never send the
 * same row), posts them outside the transaction, then records the outcome and the next retry.
 */
export function createWebhookWorker(deps: { db: Db; clock: Clock; log: Logger; secret?: string; fetch?: typeof fetch; options?: Partial<WebhookWorkerOptions> }) {
  const o = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  const doFetch = deps.fetch ?? fetch;

  async function claim(now: Date): Promise<DeliveryRow[]> {
    const { rows } = await deps.db.query<DeliveryRow>(
      `UPDATE webhook_deliveries SET locked_until = $2
       WHERE id IN (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
         ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, target, url, event, payload, attempts`,
      [now, new Date(now.getTime() + o.timeoutMs * 2), o.batchSize],
    );
    return rows;
  }

  async function send(row: DeliveryRow): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const body = JSON.stringify(row.target === 'webhook' ? { id: row.id, event: row.event, data: row.payload } : row.payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Firstline-Webhooks/1' };
    if (row.target === 'webhook') {
      const timestamp = String(Math.floor(deps.clock().getTime() / 1000));
      headers['x-firstline-event'] = row.event;
      headers['x-firstline-delivery'] = String(row.id);
      headers['x-firstline-timestamp'] = timestamp;
      if (deps.secret) headers['x-firstline-signature'] = signWebhook(deps.secret, timestamp, body);
    }
    try {
      const res = await doFetch(row.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      return { ok: res.ok, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, status: null, error: err instanceof Error ? err.message : String(err) };
    }
  }

  return {
    /** One pass over what is due; returns how many were delivered and how many failed this time. */
    async deliverDue(): Promise<{ delivered: number; failed: number }> {
      const now = deps.clock();
      const rows = await claim(now);
      let delivered = 0;
      let failed = 0;
      await Promise.all(
        rows.map(async (row) => {
          const r = await send(row);
          const attempts = row.attempts + 1;
          if (r.ok) {
            delivered++;
            await deps.db.query(
              `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, response_status = $3, last_error = NULL, delivered_at = $4, locked_until = NULL WHERE id = $1`,
              [row.id, attempts, r.status, deps.clock()],
            );
            return;
          }
          failed++;
          const final = attempts >= o.maxAttempts;
          deps.log.warn({ deliveryId: row.id, event: row.event, attempts, error: r.error, final }, 'webhook delivery failed');
          await deps.db.query(
            `UPDATE webhook_deliveries SET status = $2, attempts = $3, response_status = $4, last_error = $5, next_attempt_at = $6, locked_until = NULL WHERE id = $1`,
            [row.id, final ? 'failed' : 'pending', attempts, r.status, r.error, new Date(deps.clock().getTime() + backoffMs(attempts, o))],
          );
        }),
      );
      return { delivered, failed };
    },
  };
}
export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
