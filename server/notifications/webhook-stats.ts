import type { Clock } from '../clock.js';
import type { Queryable } from '../db/db.js';
import type { WebhookStats } from '../../protocol/webhook-stats.js';

export type { WebhookStats };

interface Row {
  backlog: number;
  in_flight: number;
  retrying: number;
  oldest_due: Date | null;
  oldest_created: Date | null;
  delivered_recent: number;
  failed_recent: number;
  failed_total: number;
}

export function createWebhookStats(deps: {
  db: Queryable;
  clock: Clock;
  webhookConfigured: boolean;
  concurrency: number;
  thresholds: WebhookStats['thresholds'];
}) {
  return {
    async read(): Promise<WebhookStats> {
      const now = deps.clock();
      // Each count walks one partial index (pending rows, or rows attempted in the last minute).
      const { rows } = await deps.db.query<Row>(
        `SELECT
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1)
             AS backlog,
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
             AND locked_until >= $1) AS in_flight,
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at > $1)
             AS retrying,
           (SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1)
             AS oldest_due,
           (SELECT min(created_at) FROM webhook_deliveries WHERE status = 'pending') AS oldest_created,
           (SELECT count(*)::int FROM webhook_deliveries WHERE last_attempt_at >= $2 AND status = 'delivered')
             AS delivered_recent,
           (SELECT count(*)::int FROM webhook_deliveries WHERE last_attempt_at >= $2 AND status <> 'delivered')
             AS failed_recent,
           (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'failed') AS failed_total`,
        [now, new Date(now.getTime() - 60_000)],
      );
      const r = rows[0]!;
      const age = (d: Date | null) =>
        d ? Math.max(0, Math.round((now.getTime() - new Date(d).getTime()) / 100) / 10) : 0;
      const backlog = r.backlog;
      const lagSeconds = age(r.oldest_due);
      return {
        webhookConfigured: deps.webhookConfigured,
        backlog,
        inFlight: r.in_flight,
        retrying: r.retrying,
        lagSeconds,
        oldestPendingAgeSeconds: age(r.oldest_created),
        deliveredLastMinute: r.delivered_recent,
        failedLastMinute: r.failed_recent,
        failedTotal: r.failed_total,
        concurrency: deps.concurrency,
        thresholds: deps.thresholds,
        behind: backlog > deps.thresholds.backlog || lagSeconds > deps.thresholds.lagSeconds,
        at: now.toISOString(),
      };
    },
  };
}
export type WebhookStatsReader = ReturnType<typeof createWebhookStats>;
