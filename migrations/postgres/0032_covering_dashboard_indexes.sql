-- Two indexes that the country's dashboard reads alone, without the tables' rows (issue 11).
-- PostgreSQL only: on SQLite the id is the rowid, which every index holds, so 0027's and 0028's
-- indexes already serve these reads alone (bench_dashboard: the same figures with these shapes).
--
-- The staff in post: the dashboard counts the live staff and, of those in post today, the
-- trained ones (store/dashboard.cpp, store/trainings.cpp). 0028's staff_live had the dates but
-- not the id those counts read, and with archived_at as a column the planner preferred to read
-- all of the table's rows (1,025 pages for 25,000 staff at national scale). Partial and with the
-- id, both counts read the index alone: 12 and 14 ms before, 6 and 9 ms with it.
DROP INDEX staff_live;
CREATE INDEX staff_live ON staff (institution_id) INCLUDE (id, start_date, end_date) WHERE archived_at IS NULL;

-- A campaign's validated official assessments with their overall percent: the heat map of a
-- region or the country reads 2,500 of them (store/dashboard.cpp, heat_map_by_province); 0027's
-- index found them, then read each row from the table (697 pages). With the id and the percent
-- in the index, the heat map's read of the assessments is the index alone: the heat map took
-- 19–30 ms before, 16 ms with it (bench_dashboard --statements, docs/PERFORMANCE.md).
DROP INDEX assessments_campaign_validated;
CREATE INDEX assessments_campaign_validated ON assessments (campaign_id, institution_id) INCLUDE (id, overall_percent)
  WHERE kind = 'official' AND status = 'validated' AND archived_at IS NULL;
