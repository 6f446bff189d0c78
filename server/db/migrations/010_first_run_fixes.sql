-- Knowledge gaps are questions the knowledge base could not answer. Earlier versions also stored
-- policy handoffs (a request for a person, a cancellation, anger...), for which retrieval was
-- skipped; those rows are not gaps.
DELETE FROM knowledge_gaps WHERE reason_code IS NOT NULL AND reason_code NOT IN ('no_confident_answer', 'answer_not_in_context');

-- Escalation tasks keep the deadline as data (shown in the reader's time zone), not inside the reason text.
ALTER TABLE escalation_tasks ADD COLUMN due_at timestamptz;
UPDATE escalation_tasks SET due_at = substring(reason FROM '\(([0-9T:.Z-]+)\)')::timestamptz,
  reason = regexp_replace(reason, ' \([0-9T:.Z-]+\)', '')
  WHERE reason ~ '\([0-9]{4}-[0-9T:.Z-]+\)';
