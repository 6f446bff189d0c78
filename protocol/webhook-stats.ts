import { z } from 'zod';

/**
 * `GET /api/webhooks/stats`: how far behind outbound webhooks are, across every node (read from the outbox). Written
 * once for the server and the console.
 */
export const WebhookStats = z.object({
  /** WEBHOOK_URL is set (PagerDuty pages and bug-report hooks may flow without it). */
  webhookConfigured: z.boolean().describe('WEBHOOK_URL is set'),
  backlog: z.number().int().describe('deliveries due now and not yet delivered, in flight included'),
  /** Of the backlog, being sent right now by some node. */
  inFlight: z.number().int(),
  retrying: z.number().int().describe('pending deliveries waiting out a retry backoff'),
  lagSeconds: z.number().describe('how long the oldest due delivery has waited; 0 with no backlog'),
  oldestPendingAgeSeconds: z
    .number()
    .describe('age of the oldest pending delivery since it was enqueued (retries included)'),
  /** Deliveries whose latest attempt, in the last minute, succeeded / failed. */
  deliveredLastMinute: z.number().int(),
  failedLastMinute: z.number().int().describe('deliveries whose latest attempt in the last minute failed'),
  failedTotal: z.number().int().describe('given up after every attempt (all time)'),
  concurrency: z.number().int().describe("this node's deliveries in flight at once (WEBHOOK_CONCURRENCY)"),
  /** Above either of these, the server logs a warning (at most once a minute). */
  thresholds: z.object({ backlog: z.number().int(), lagSeconds: z.number() }),
  behind: z.boolean().describe('backlog or lag past its threshold (the server logs a warning)'),
  at: z.string().describe('ISO 8601 timestamp'),
});
export type WebhookStats = z.infer<typeof WebhookStats>;
