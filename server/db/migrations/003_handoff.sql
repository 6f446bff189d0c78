-- Handoff that lands: teams, presence, routing offers, SLA deadlines, notifications,
-- webhook outbox, notes, canned responses, CSAT, verdicts, bug reports.

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  skills text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE users ADD COLUMN team_id text REFERENCES teams (id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN level text NOT NULL DEFAULT 'agent' CHECK (level IN ('agent', 'senior', 'manager'));
ALTER TABLE users ADD COLUMN working_hours jsonb;
ALTER TABLE users ADD COLUMN presence_manual text CHECK (presence_manual IN ('away', 'offline'));
ALTER TABLE users ADD COLUMN on_call boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN last_assigned_at timestamptz;

ALTER TABLE conversations ADD COLUMN skill text;
ALTER TABLE conversations ADD COLUMN team_id text REFERENCES teams (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN tier text;
ALTER TABLE conversations ADD COLUMN previous_assignee_id text REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN offered_to text REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN offer_expires_at timestamptz;
ALTER TABLE conversations ADD COLUMN declined_by text[] NOT NULL DEFAULT '{}';
ALTER TABLE conversations ADD COLUMN first_response_due_at timestamptz;
ALTER TABLE conversations ADD COLUMN resolution_due_at timestamptz;
ALTER TABLE conversations ADD COLUMN sla_warned_at timestamptz;
ALTER TABLE conversations ADD COLUMN sla_breached_at timestamptz;
ALTER TABLE conversations ADD COLUMN contact_email text;
ALTER TABLE conversations ADD COLUMN handoff_count integer NOT NULL DEFAULT 0;
CREATE INDEX conversations_sla ON conversations (status, first_response_due_at, resolution_due_at);

-- Console notifications: to one user, or to every manager/admin when user_id is null.
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  conversation_id text REFERENCES conversations (id),
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, id DESC);

CREATE TABLE escalation_tasks (
  id bigserial PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  kind text NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, kind)
);

-- Outbound webhooks (and PagerDuty events) as a durable outbox: written with the change,
-- delivered and retried by a worker.
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  target text NOT NULL DEFAULT 'webhook',
  url text NOT NULL,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);

CREATE TABLE notes (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  author_id text REFERENCES users (id) ON DELETE SET NULL,
  author_name text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE canned_responses (
  id text PRIMARY KEY,
  title text NOT NULL,
  text text NOT NULL,
  shortcut text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE csat_responses (
  conversation_id text PRIMARY KEY REFERENCES conversations (id),
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The agents' verdict on the AI's handoff decision, feeding unnecessary/missed handoff metrics.
CREATE TABLE handoff_verdicts (
  conversation_id text NOT NULL REFERENCES conversations (id),
  agent_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  verdict text NOT NULL CHECK (verdict IN ('correct', 'unnecessary', 'missed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, agent_id)
);

CREATE TABLE bug_reports (
  id text PRIMARY KEY,
  fingerprint text NOT NULL UNIQUE,
  title text NOT NULL,
  steps text NOT NULL DEFAULT '',
  expected text NOT NULL DEFAULT '',
  actual text NOT NULL DEFAULT '',
  page_url text,
  error_state text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed')),
  external_id text,
  external_url text,
  report_count integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bug_report_conversations (
  bug_report_id text NOT NULL REFERENCES bug_reports (id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  notified_at timestamptz,
  PRIMARY KEY (bug_report_id, conversation_id)
);
