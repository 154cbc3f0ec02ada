-- The shortcomings register at national scale (bench/diagnostic.cpp, docs/PERFORMANCE.md):
-- its first page walks the live shortcomings in the default order instead of sorting them all,
-- and its count is an index-only scan of a small index instead of a scan of the wide rows.
CREATE INDEX shortcomings_raised ON shortcomings (raised_on, id) WHERE archived_at IS NULL;
CREATE INDEX shortcomings_live ON shortcomings (institution_id) WHERE archived_at IS NULL;

-- Whether a province's first page sorts its few hundred shortcomings or walks the national
-- order above until 50 of its own turn up depends on how many territories the planner thinks
-- the scope's path prefix covers. With the default statistics (100 buckets for some 1,600
-- paths) it thought 32 for a province of 22 and walked, several times slower; a target above
-- the number of territories makes the estimate exact.
ALTER TABLE territories ALTER COLUMN path SET STATISTICS 2000;
ANALYZE territories;
