-- A visitor message the AI still owes a pipeline run (an answer or a handoff). Written in the
-- message's transaction, deleted in the transaction that commits the run's outcome, so a crash,
-- restart or lost node in between leaves it here for another node to run (server/pipeline/turn-recovery.ts).
CREATE TABLE pending_turns (
  message_id text PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- The message's seq: turns of one conversation run oldest first.
  seq bigint NOT NULL,
  created_at timestamptz NOT NULL,
  -- The node run that holds it, until lease_until (renewed while it runs); NULL: not started yet.
  claim_token text,
  lease_until timestamptz,
  -- Runs started; a turn that keeps killing its node is handed to a person instead of run again.
  attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX pending_turns_conversation ON pending_turns (conversation_id, seq);
