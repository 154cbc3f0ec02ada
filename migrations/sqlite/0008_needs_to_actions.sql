-- A consolidated equipment need becomes an equipment action (issue 5): the action that plans
-- a need. While it is set, the need follows its action: planned, met when the action is done,
-- open again (and unlinked) when the action is cancelled or archived.
ALTER TABLE equipment_needs ADD COLUMN action_id BIGINT REFERENCES actions (id);
CREATE INDEX equipment_needs_action ON equipment_needs (action_id);
