import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { signWebhook } from './webhook-signature.js';

export interface WebhookWorkerOptions {
  maxAttempts: number;
  /** First retry after this; doubles each time, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request; a claim's lease is twice this, so a delivery in flight is never claimed again. */
  timeoutMs: number;
  /** Deliveries in flight at once on this node. */
  concurrency: number;
  /**
   * At most this many deliveries per pass. Default: no limit, a pass runs until nothing is due.
   * (The benchmark sets 20 to measure the old one-batch-per-sweep behaviour.)
   */
  maxPerPass: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookWorkerOptions = {
  maxAttempts: 8,
  baseDelayMs: 2000,
  maxDelayMs: 3_600_000,
  timeoutMs: 10_000,
  concurrency: 16,
  maxPerPass: Number.POSITIVE_INFINITY,
};

export function backoffMs(attempts: number, o: Pick<WebhookWorkerOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryPass {
  delivered: number;
  failed: number;
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
 * Claims due rows that may go now, oldest first, with SKIP LOCKED and a lease (so two nodes never
 * send the same row). A row waits while an older row of its conversation is still due (in flight
 * here or on another node, or not yet sent), so one conversation's events arrive in order; an
 * older row waiting out a retry backoff does not hold the others back.
 */
const CLAIM_SQL = `
  WITH pick AS (
    SELECT d.id FROM webhook_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.locked_until IS NULL OR d.locked_until < $1)
      AND (d.ordering_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM webhook_deliveries e
        WHERE e.status = 'pending' AND e.ordering_key = d.ordering_key AND e.id < d.id AND e.next_attempt_at <= $1))
    ORDER BY d.id LIMIT $3
    FOR UPDATE OF d SKIP LOCKED)
  UPDATE webhook_deliveries w SET locked_until = $2 FROM pick WHERE w.id = pick.id
  RETURNING w.id, w.target, w.url, w.event, w.payload, w.attempts`;

/**
 * Delivers the outbox through a bounded pool: a pass claims as many due rows as there are free
 * slots, refills the pool as deliveries finish (or when `deliverDue` is called again, e.g. by a
 * new enqueue), and ends when nothing is due. Each row is posted outside any transaction, then
 * its outcome and next retry are recorded. Passes never overlap within a worker.
 */
export function createWebhookWorker(deps: { db: Db; clock: Clock; log: Logger; secret?: string; fetch?: typeof fetch; options?: Partial<WebhookWorkerOptions> }) {
  const o = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  const doFetch = deps.fetch ?? fetch;
  const pool = pLimit(o.concurrency);

  async function claim(limit: number): Promise<DeliveryRow[]> {
    const now = deps.clock();
    const { rows } = await deps.db.query<DeliveryRow>(CLAIM_SQL, [now, new Date(now.getTime() + o.timeoutMs * 2), limit]);
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

  /** Sends one row and records the outcome; true when delivered. */
  async function deliver(row: DeliveryRow): Promise<boolean> {
    const r = await send(row);
    const attempts = row.attempts + 1;
    const at = deps.clock();
    if (r.ok) {
      await deps.db.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = $2, response_status = $3, last_error = NULL, delivered_at = $4, last_attempt_at = $4, locked_until = NULL WHERE id = $1`,
        [row.id, attempts, r.status, at],
      );
      return true;
    }
    const final = attempts >= o.maxAttempts;
    deps.log.warn({ deliveryId: row.id, event: row.event, attempts, error: r.error, final }, 'webhook delivery failed');
    await deps.db.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, response_status = $4, last_error = $5, next_attempt_at = $6, last_attempt_at = $7, locked_until = NULL WHERE id = $1`,
      [row.id, final ? 'failed' : 'pending', attempts, r.status, r.error, new Date(at.getTime() + backoffMs(attempts, o)), at],
    );
    return false;
  }

  // Wakes a pass waiting for a free slot or for new work; a signal given while the pass is busy
  // (claiming) is kept, so a slot freed or a row enqueued meanwhile is never missed.
  let signalled = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    signalled = true;
    const w = wake;
    wake = null;
    w?.();
  };
  const nextSignal = () => (signalled ? Promise.resolve() : new Promise<void>((resolve) => (wake = resolve)));

  let stopping = false;
  let again = false;
  let running: Promise<DeliveryPass> | null = null;

  async function pass(result: DeliveryPass): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let claimed = 0;
    try {
      while (!stopping && claimed < o.maxPerPass) {
        signalled = false;
        const room = Math.min(o.concurrency - pool.activeCount - pool.pendingCount, o.maxPerPass - claimed);
        const rows = room > 0 ? await claim(room) : [];
        claimed += rows.length;
        for (const row of rows) {
          const p: Promise<void> = pool(() => deliver(row))
            .then((ok) => void (ok ? result.delivered++ : result.failed++))
            // The row stays leased and is sent again after the lease: at least once, never lost.
            .catch((err: unknown) => deps.log.error({ err, deliveryId: row.id }, 'recording a webhook outcome failed; it will be sent again after its lease'))
            .finally(() => {
              inFlight.delete(p);
              signal();
            });
          inFlight.add(p);
        }
        if (inFlight.size === 0 && !signalled) break;
        await nextSignal();
        // Let the deliveries that finish together settle, so the next claim fills several slots at once.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      await Promise.all(inFlight);
    }
  }

  return {
    /**
     * Delivers what is due, until nothing is (or `maxPerPass`); returns how many were delivered and
     * how many failed. Called while a pass runs (a new enqueue, the sweep), it makes that pass look
     * again and shares its result.
     */
    deliverDue(): Promise<DeliveryPass> {
      if (running) {
        again = true;
        signal();
        return running;
      }
      running = (async () => {
        const result: DeliveryPass = { delivered: 0, failed: 0 };
        do {
          again = false;
          await pass(result);
        } while (again && !stopping && o.maxPerPass === Number.POSITIVE_INFINITY);
        return result;
      })().finally(() => {
        running = null;
      });
      return running;
    },
    /** Lets the running pass finish what it has in flight, and claim nothing more. */
    async stop(): Promise<void> {
      stopping = true;
      signal();
      await running?.catch(() => undefined);
    },
  };
}
export type WebhookWorker = ReturnType<typeof createWebhookWorker>;
