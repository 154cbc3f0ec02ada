-- Offline assessments (issue 17): every answer carries a version of its own, raised by each
-- save, and the user who saved it last, so that answers filled offline are synced one by one
-- against the version they started from (store::sync_answers): a criterion nobody else changed
-- is saved, one changed meanwhile is shown to the assessor beside theirs.
ALTER TABLE answers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE answers ADD COLUMN updated_by BIGINT REFERENCES users (id);
