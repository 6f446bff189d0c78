-- Webhook delivery at volume (server/notifications/webhook-worker.ts).
-- ordering_key: deliveries with the same key (the conversation) are never in flight at once, so a
-- receiver sees one conversation's events in order; NULL means no ordering (PagerDuty, pings).
ALTER TABLE webhook_deliveries ADD COLUMN ordering_key text;
-- When the latest attempt ended: "delivered / failed in the last minute" for the stats endpoint.
ALTER TABLE webhook_deliveries ADD COLUMN last_attempt_at timestamptz;
UPDATE webhook_deliveries SET ordering_key = payload->>'conversationId' WHERE status = 'pending' AND target = 'webhook';
UPDATE webhook_deliveries SET last_attempt_at = delivered_at WHERE delivered_at IS NOT NULL;
-- Only pending rows are claimed and counted as backlog; partial indexes stay small however long the log grows.
DROP INDEX IF EXISTS webhook_deliveries_due;
-- Claims walk due rows in due order and stop after a small window, however long the backlog.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_pending_order ON webhook_deliveries (ordering_key, id) WHERE status = 'pending' AND ordering_key IS NOT NULL;
CREATE INDEX webhook_deliveries_last_attempt ON webhook_deliveries (last_attempt_at) WHERE last_attempt_at IS NOT NULL;
