-- Visitor questions the knowledge base had no confident answer for: what to write next.
CREATE TABLE knowledge_gaps (
  id bigserial PRIMARY KEY,
  conversation_id text REFERENCES conversations (id) ON DELETE CASCADE,
  message_id text,
  question text NOT NULL,
  page_url text,
  page_title text,
  top_article_id text,
  top_similarity double precision,
  reason_code text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_gaps_created ON knowledge_gaps (created_at DESC);
CREATE UNIQUE INDEX knowledge_gaps_message ON knowledge_gaps (message_id) WHERE message_id IS NOT NULL;
