-- Webhook endpoints managed in the console (server/notifications/webhook-endpoints.ts). WEBHOOK_URL
-- stays a configured endpoint outside this table: its deliveries keep endpoint_id NULL.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- Signs every request (X-Firstline-Signature); shown once, when created or rotated.
  secret text NOT NULL,
  -- Event names sent to this endpoint; empty means every event.
  events text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  secret_rotated_at timestamptz NOT NULL DEFAULT now()
);
-- Deleting an endpoint deletes its log (and drops what it had not been sent yet).
ALTER TABLE webhook_deliveries ADD COLUMN endpoint_id text REFERENCES webhook_endpoints (id) ON DELETE CASCADE;
-- How long the latest attempt took (request to response, or to the error).
ALTER TABLE webhook_deliveries ADD COLUMN latency_ms integer;
-- The per-endpoint log, newest first.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id) WHERE endpoint_id IS NOT NULL;
-- Claims walk each endpoint's due rows on their own (server/notifications/delivery-store.ts), so a
-- long backlog for one endpoint never hides another's: one index for the endpoints, one for the rest.
CREATE INDEX webhook_deliveries_pending_endpoint ON webhook_deliveries (endpoint_id, next_attempt_at, id) WHERE status = 'pending' AND endpoint_id IS NOT NULL;
CREATE INDEX webhook_deliveries_pending_other ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending' AND endpoint_id IS NULL;
