import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { WebhookStats, WebhookStatsReader } from './webhook-stats.js';

/**
 * Warns when webhooks fall behind (backlog or lag past the thresholds), at most once per
 * `repeatMs` while it lasts, and says once when they have caught up again. Run on the sweep.
 */
export function createWebhookLagMonitor(deps: {
  stats: WebhookStatsReader;
  log: Logger;
  clock: Clock;
  repeatMs?: number;
}) {
  const repeatMs = deps.repeatMs ?? 60_000;
  let lastWarnAt: number | null = null;
  let behind = false;
  return {
    async check(): Promise<WebhookStats> {
      const s = await deps.stats.read();
      const now = deps.clock().getTime();
      const isBehind = s.behind;
      const figures = {
        backlog: s.backlog,
        lagSeconds: s.lagSeconds,
        inFlight: s.inFlight,
        retrying: s.retrying,
        deliveredLastMinute: s.deliveredLastMinute,
        failedLastMinute: s.failedLastMinute,
      };
      if (isBehind && (lastWarnAt === null || now - lastWarnAt >= repeatMs)) {
        lastWarnAt = now;
        deps.log.warn(
          { ...figures, thresholds: s.thresholds },
          'webhooks are falling behind: check that the receiver answers quickly (failedLastMinute), ' +
            'or raise WEBHOOK_CONCURRENCY',
        );
      } else if (!isBehind && behind) {
        lastWarnAt = null;
        deps.log.info(figures, 'webhooks caught up');
      }
      behind = isBehind;
      return s;
    },
  };
}
