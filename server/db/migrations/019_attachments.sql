-- Files a visitor attached (screenshots, PDFs). The row is what everyone sees (name, checked type,
-- size); the bytes live behind the attachment store (server/attachments/attachment-store.ts),
-- by default in attachment_blobs, so an object store can replace that table later.
CREATE TABLE attachments (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id),
  -- Set when a visitor message references it; an attachment belongs to one message.
  message_id text REFERENCES messages (id),
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  width integer,
  height integer,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_conversation ON attachments (conversation_id, created_at);
CREATE INDEX attachments_message ON attachments (message_id);

CREATE TABLE attachment_blobs (
  key text PRIMARY KEY,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
