-- The open shortcomings of the whole country by domain and severity (store/dashboard.cpp) read
-- from an index alone: the live shortcomings of a status, with the institution that scopes them
-- and the domain and severity they are grouped by. A province's count starts from its
-- institutions (shortcomings_live_status, migration 0028); the country's, from the statuses
-- counted (15,000 of 75,000 rows at national scale), and without this index the planner reads
-- each of them from the table (shortcomings_status names the status alone).
CREATE INDEX shortcomings_status_live ON shortcomings (status, archived_at, institution_id, domain_code, severity);
