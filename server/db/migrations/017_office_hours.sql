-- Office hours per team (protocol/office-hours.ts): NULL means always open.
ALTER TABLE teams ADD COLUMN office_hours jsonb;
-- When to warn before each SLA deadline, computed at handoff in open time like the deadlines
-- themselves (server/sla/sla-policy.ts); NULL (older rows) falls back to the share of wall time.
ALTER TABLE conversations ADD COLUMN first_response_warn_at timestamptz;
ALTER TABLE conversations ADD COLUMN resolution_warn_at timestamptz;
