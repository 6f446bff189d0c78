-- Intents are data: admins edit them and the live classifier retrains in-process.
-- Seeded from DEFAULT_INTENTS at start when the table is empty.
CREATE TABLE intents (
  name text PRIMARY KEY,
  description text NOT NULL DEFAULT '',
  examples text[] NOT NULL DEFAULT '{}',
  skill text NOT NULL,
  policy text NOT NULL CHECK (policy IN ('ai_answer', 'handoff', 'handoff_now')),
  severity integer NOT NULL DEFAULT 1 CHECK (severity BETWEEN 0 AND 3),
  -- Per-intent overrides of the escalation policy's thresholds, e.g. {"minSentiment": -0.3}.
  thresholds jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
