/** `GET /api/webhooks/stats`: how far behind outbound webhooks are, across every node (read from the outbox). Written once for the server and the console. */
export interface WebhookStats {
  /** WEBHOOK_URL is set (PagerDuty pages and bug-report hooks may flow without it). */
  webhookConfigured: boolean;
  /** Deliveries due now and not yet delivered, including those in flight. */
  backlog: number;
  /** Of the backlog, being sent right now by some node. */
  inFlight: number;
  /** Pending deliveries waiting out a retry backoff (not due yet). */
  retrying: number;
  /** How long the oldest due delivery has been waiting to be sent (0 with no backlog). */
  lagSeconds: number;
  /** Age of the oldest pending delivery, since it was enqueued (retries included). */
  oldestPendingAgeSeconds: number;
  /** Deliveries whose latest attempt, in the last minute, succeeded / failed. */
  deliveredLastMinute: number;
  failedLastMinute: number;
  /** Given up after every attempt (all time). */
  failedTotal: number;
  /** This node's worker: deliveries in flight at once. */
  concurrency: number;
  /** Above either of these, the server logs a warning (at most once a minute). */
  thresholds: { backlog: number; lagSeconds: number };
  /** Backlog or lag is past its threshold. */
  behind: boolean;
  at: string;
}
