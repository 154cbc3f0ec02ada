-- The months of an institution that keeps an individual register are computed from it
-- (store::refresh_register_months, docs/INDICATORS.md): computed = 1 marks them, so that a
-- register write brings them up to date and leaves the months typed before it alone.
ALTER TABLE monthly_statistics ADD COLUMN computed INTEGER NOT NULL DEFAULT 0 CHECK (computed IN (0, 1));
