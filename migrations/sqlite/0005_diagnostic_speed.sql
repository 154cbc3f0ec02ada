-- The shortcomings register at national scale (bench/diagnostic.cpp, docs/PERFORMANCE.md):
-- its first page walks the live shortcomings in the default order instead of sorting them all,
-- and its count reads a small covering index instead of the wide rows (archived_at is a column
-- of the index so that SQLite sees the index covers the query).
CREATE INDEX shortcomings_raised ON shortcomings (raised_on, id) WHERE archived_at IS NULL;
CREATE INDEX shortcomings_live ON shortcomings (institution_id, archived_at) WHERE archived_at IS NULL;
