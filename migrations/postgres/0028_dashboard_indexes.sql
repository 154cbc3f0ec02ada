-- The dashboard's counts read from indexes alone (store/dashboard.cpp), institution by
-- institution of the caller's scope: the live shortcomings by status with the domain and
-- severity they are grouped by, and the live staff with the dates that say who is in post.
CREATE INDEX shortcomings_live_status ON shortcomings (institution_id, status, domain_code, severity)
  WHERE archived_at IS NULL;
CREATE INDEX staff_live ON staff (institution_id, start_date, end_date) WHERE archived_at IS NULL;
