import pLimit from 'p-limit';
import type { Clock } from '../clock.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { createDeliveryStore, type DeliveryRow, type Outcome } from './delivery-store.js';
import type { LimitFunction } from 'p-limit';
import { signWebhook } from './webhook-signature.js';

export interface WebhookWorkerOptions {
  maxAttempts: number;
  /** First retry after this; doubles each time, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Per request. A claim's lease is three times this: a row may wait for a slot (at most one timeout), then run
   * (another).
   */
  timeoutMs: number;
  /**
   * Deliveries in flight at once on this node, per lane: each console endpoint is a lane, and
   * everything else (WEBHOOK_URL, PagerDuty, Linear) is one more, so a slow endpoint only ever
   * fills its own slots.
   */
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

/**
 * Delivers the outbox through a bounded pool: a pass claims due rows for the free slots (and as
 * many again waiting for one), refills the pool as deliveries finish or when `deliverDue` is called
 * again (a new enqueue, the sweep), and ends when nothing is due. Each row is posted outside any
 * transaction; the outcomes of the deliveries that finished together (and the next retry of
 * failures) are recorded with the next claim. Passes never overlap within a worker.
 */
export function createWebhookWorker(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  secret?: string;
  fetch?: typeof fetch;
  options?: Partial<WebhookWorkerOptions>;
}) {
  const o = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.options };
  const doFetch = deps.fetch ?? fetch;
  /** One pool per lane (a console endpoint, or the rest), made on first use. */
  const pools = new Map<string, LimitFunction>();
  const poolFor = (lane: string) => {
    let pool = pools.get(lane);
    if (!pool) pools.set(lane, (pool = pLimit(o.concurrency)));
    return pool;
  };
  /** What this worker holds of each lane that holds anything (in flight or waiting for a slot). */
  const heldByLane = () => {
    const held = new Map<string, number>();
    for (const [lane, pool] of pools)
      if (pool.activeCount + pool.pendingCount > 0) held.set(lane, pool.activeCount + pool.pendingCount);
    return held;
  };
  const heldTotal = () => [...pools.values()].reduce((n, p) => n + p.activeCount + p.pendingCount, 0);

  const store = createDeliveryStore(deps.db);
  /** Rows held by this worker at most, per lane: every slot busy, and as many waiting for a slot. */
  const maxHeld = o.concurrency * 2;

  // The claim is cheap only on the (next_attempt_at, id) index walk, and the planner picks that
  // only with fresh statistics. PGlite has no autovacuum, and PostgreSQL's comes minutes late
  // after a sudden backlog: refresh them when many rows went through (at most once a minute).
  let claimedSinceAnalyze = 0;
  let analyzedAt = Number.NEGATIVE_INFINITY;

  async function recordAndClaim(outcomes: Outcome[], perLane: number): Promise<DeliveryRow[]> {
    if (perLane > 0 && claimedSinceAnalyze >= 500 && performance.now() - analyzedAt >= 60_000) {
      claimedSinceAnalyze = 0;
      analyzedAt = performance.now();
      await store.analyze();
    }
    const now = deps.clock();
    const rows = await store.recordAndClaim(outcomes, {
      now,
      leaseUntil: new Date(now.getTime() + o.timeoutMs * 3),
      perLane,
      held: heldByLane(),
    });
    // A large claim means a backlog: count it towards refreshing the statistics.
    if (perLane > 0 && rows.length >= o.concurrency) claimedSinceAnalyze += rows.length;
    return rows;
  }

  async function send(row: DeliveryRow): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const body = JSON.stringify(
      row.target === 'webhook' ? { id: row.id, event: row.event, data: row.payload } : row.payload,
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Firstline-Webhooks/1',
    };
    if (row.target === 'webhook') {
      const timestamp = String(Math.floor(deps.clock().getTime() / 1000));
      headers['x-firstline-event'] = row.event;
      headers['x-firstline-delivery'] = String(row.id);
      headers['x-firstline-timestamp'] = timestamp;
      // A console endpoint signs with its own secret (read at claim time, so a rotation applies at once); WEBHOOK_URL
      // with WEBHOOK_SECRET.
      const secret = row.secret ?? deps.secret;
      if (secret) headers['x-firstline-signature'] = signWebhook(secret, timestamp, body);
    }
    try {
      const res = await doFetch(row.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) });
      await res.arrayBuffer().catch(() => undefined);
      return { ok: res.ok, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, status: null, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Sends one row; the outcome is recorded with the others that finished together. */
  async function deliver(row: DeliveryRow): Promise<Outcome> {
    const started = performance.now();
    const r = await send(row);
    const latencyMs = Math.round(performance.now() - started);
    const attempts = row.attempts + 1;
    const at = deps.clock();
    if (r.ok)
      return {
        id: row.id,
        status: 'delivered',
        attempts,
        code: r.status,
        error: null,
        nextAt: null,
        at: at.toISOString(),
        latencyMs,
      };
    const final = attempts >= o.maxAttempts;
    deps.log.warn({ deliveryId: row.id, event: row.event, attempts, error: r.error, final }, 'webhook delivery failed');
    const nextAt = new Date(at.getTime() + backoffMs(attempts, o)).toISOString();
    return {
      id: row.id,
      status: final ? 'failed' : 'pending',
      attempts,
      code: r.status,
      error: r.error,
      nextAt,
      at: at.toISOString(),
      latencyMs,
    };
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
    const finished: Outcome[] = [];
    let claimed = 0;
    const cycle = async (perLane: number): Promise<{ rows: DeliveryRow[]; recorded: number }> => {
      const batch = finished.splice(0);
      if (batch.length === 0 && perLane === 0) return { rows: [], recorded: 0 };
      try {
        const rows = await recordAndClaim(batch, perLane);
        for (const x of batch) x.status === 'delivered' ? result.delivered++ : result.failed++;
        return { rows, recorded: batch.length };
      } catch (err) {
        // Unrecorded rows keep their lease and are sent again after it: at least once, never lost.
        if (batch.length)
          deps.log.error(
            { err, deliveryIds: batch.map((x) => x.id) },
            'recording webhook outcomes failed; they will be sent again after their lease',
          );
        throw err;
      }
    };
    try {
      while (!stopping && claimed < o.maxPerPass) {
        signalled = false;
        // maxPerPass (the benchmark's baseline) caps the whole pass; it is meant for one lane.
        const perLane = Math.max(0, Math.min(maxHeld, o.maxPerPass - claimed + heldTotal()));
        const { rows, recorded } = await cycle(perLane);
        claimed += rows.length;
        for (const row of rows) {
          const p: Promise<void> = poolFor(row.lane)(() => deliver(row))
            .then((x) => void finished.push(x))
            .catch((err: unknown) =>
              deps.log.error(
                { err, deliveryId: row.id },
                'webhook delivery crashed; it will be sent again after its lease',
              ),
            )
            .finally(() => {
              inFlight.delete(p);
              signal();
            });
          inFlight.add(p);
        }
        // Done when nothing is in flight or unrecorded. After recording, look once more: the claim
        // in that statement still saw the recorded rows pending, so their successors had to wait.
        if (inFlight.size === 0 && finished.length === 0 && !signalled && recorded === 0) break;
        if (recorded === 0) await nextSignal();
        // Let the deliveries that finish together settle: one statement records them all and refills their slots.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      await Promise.all(inFlight);
      await cycle(0).catch(() => undefined); // logged in cycle
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
