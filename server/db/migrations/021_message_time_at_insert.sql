-- A message's time is when it was inserted, not when its transaction began (now()): a turn's
-- transaction that began before a visitor's next message but inserted its reply after it gave the
-- reply an earlier time than that message while its seq came later, so the widget (which orders by
-- time) and the stored transcript (by seq) disagreed on the order.
ALTER TABLE messages ALTER COLUMN created_at SET DEFAULT clock_timestamp();
