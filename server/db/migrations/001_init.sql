-- Firstline schema, version 1. Ids are text (UUIDs made by the server).
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'admin')),
  password_hash text NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  max_concurrent integer NOT NULL DEFAULT 5,
  presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visitors (
  id text PRIMARY KEY,
  external_id text,
  name text,
  email text,
  plan text,
  account_value double precision,
  traits jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX visitors_external_id ON visitors (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE conversations (
  id text PRIMARY KEY,
  visitor_id text NOT NULL REFERENCES visitors (id),
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'queued', 'assigned', 'resolved')),
  assignee_id text REFERENCES users (id),
  page jsonb,
  page_trail jsonb NOT NULL DEFAULT '[]',
  handoff jsonb,
  priority integer NOT NULL DEFAULT 0,
  ai_resolved boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  handed_off_at timestamptz,
  assigned_at timestamptz,
  first_human_response_at timestamptz,
  resolved_at timestamptz
);
CREATE INDEX conversations_status ON conversations (status, priority DESC, handed_off_at);
CREATE INDEX conversations_visitor ON conversations (visitor_id);

CREATE TABLE messages (
  seq bigserial,
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  client_message_id text,
  role text NOT NULL CHECK (role IN ('visitor', 'ai', 'agent', 'system')),
  author_id text,
  author_name text,
  text text NOT NULL,
  citations jsonb,
  meta jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, client_message_id)
);
CREATE INDEX messages_conversation_seq ON messages (conversation_id, seq);

-- Every pipeline decision with the signals that made it: why the AI answered or handed off.
CREATE TABLE decisions (
  id bigserial PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  message_id text REFERENCES messages (id),
  action text NOT NULL,
  reason text NOT NULL,
  signals jsonb NOT NULL DEFAULT '[]',
  trace jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_conversation ON decisions (conversation_id, id);

-- Append-only log of conversation transitions; analytics are queries over it.
CREATE TABLE conversation_events (
  id bigserial PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  type text NOT NULL,
  actor text,
  from_status text,
  to_status text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_events_conversation ON conversation_events (conversation_id, id);
CREATE INDEX conversation_events_type_time ON conversation_events (type, created_at);

CREATE TABLE articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  format text NOT NULL CHECK (format IN ('markdown', 'html', 'text')),
  url text,
  pages text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chunks (
  id text PRIMARY KEY,
  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  heading_path text NOT NULL DEFAULT '',
  text text NOT NULL,
  embedding vector(512) NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', heading_path), 'A') || setweight(to_tsvector('english', text), 'B')
  ) STORED
);
CREATE INDEX chunks_article ON chunks (article_id, ordinal);
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
CREATE INDEX chunks_tsv ON chunks USING gin (tsv);

-- Which embedder produced the stored vectors; a mismatch at start means re-embedding.
CREATE TABLE embedding_index (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  model text NOT NULL,
  dimension integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
