-- The dashboard's counts read from indexes alone (store/dashboard.cpp), institution by
-- institution of the caller's scope: the live shortcomings by status with the domain and
-- severity they are grouped by, and the live staff with the dates that say who is in post.
-- archived_at is a column of each (not a partial index's condition) so that both are covering.
CREATE INDEX shortcomings_live_status ON shortcomings (institution_id, archived_at, status, domain_code, severity);
CREATE INDEX staff_live ON staff (institution_id, archived_at, start_date, end_date);
