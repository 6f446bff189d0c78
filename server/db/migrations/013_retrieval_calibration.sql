-- The knowledge base's own confidence calibration (knowledge/calibrate-confidence.ts), recorded
-- with the index: the fitted model and its threshold trade-off curve, plus the admin's chosen
-- expected false-confident rate (kept across recalibrations; the threshold follows from it).
CREATE TABLE retrieval_calibration (
  id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  model text NOT NULL,
  calibration jsonb,
  target_false_confident double precision CHECK (target_false_confident >= 0 AND target_false_confident <= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);
