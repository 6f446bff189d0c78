import type { DeliveryStatus, WebhookDelivery } from '../../protocol/responses/notifications.js';
import type { Queryable } from '../db/db.js';

// The shapes are the HTTP contract's (protocol/responses/notifications.ts), written once.
export type { DeliveryStatus, WebhookDelivery } from '../../protocol/responses/notifications.js';

/**
 * Every outbound delivery (all targets), for the console's delivery log; one endpoint's are in webhook-endpoints.ts.
 */
export function createWebhookDeliveryLog(db: Queryable) {
  return {
    /** The newest 200, newest first; only those of one status when given. */
    async latest(status?: DeliveryStatus): Promise<WebhookDelivery[]> {
      const { rows } = await db.query<{
        id: number;
        target: string;
        url: string;
        event: string;
        status: DeliveryStatus;
        attempts: number;
        response_status: number | null;
        last_error: string | null;
        next_attempt_at: Date;
        created_at: Date;
        delivered_at: Date | null;
      }>(
        `SELECT id, target, url, event, status, attempts, response_status, last_error, next_attempt_at, created_at,
           delivered_at
         FROM webhook_deliveries WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT 200`,
        [status ?? null],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        target: r.target,
        url: r.url,
        event: r.event,
        status: r.status,
        attempts: r.attempts,
        responseStatus: r.response_status,
        lastError: r.last_error,
        nextAttemptAt: r.next_attempt_at.toISOString(),
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at?.toISOString() ?? null,
      }));
    },
  };
}

export type WebhookDeliveryLog = ReturnType<typeof createWebhookDeliveryLog>;
