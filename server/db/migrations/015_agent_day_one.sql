-- The name customers see for an agent ("Maya"), chosen by the agent at first sign-in; the account
-- name stays what admins manage. NULL: not chosen yet (the console asks).
ALTER TABLE users ADD COLUMN display_name text;

-- Conversation search: full text over message text (the 'english' configuration ships with both
-- PostgreSQL and PGlite). Visitor name and email are matched with ILIKE.
CREATE INDEX messages_text_search ON messages USING gin (to_tsvector('english', text));
