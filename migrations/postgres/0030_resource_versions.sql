-- A version per table (issue 12): the single data_version of 0002 changed on every committed write,
-- so a saved answer emptied every cached list. Each data table now has its own random version,
-- renewed by store::Database::write in the transaction that changes the table, and a cached answer
-- is kept by the versions of the tables it reads (api/routes.hpp, cached_read). Random rather than
-- counted, so a restored copy never reuses a number that meant other data. Its rows, one per data
-- table, and each table's trigger below are made by store::register_data_tables after every
-- migration, so a table made later gets its own. data_version stays: renewed with any table's
-- version, it tells a server when its copy of the versions (read with each session) is out of date.
CREATE TABLE resource_versions (
  name     TEXT PRIMARY KEY,
  version  BIGINT NOT NULL
);

-- Which tables a transaction changed: each statement that writes a data table adds the table's
-- name to the transaction's setting riaya.changed_tables ("a,b,"), which Database::write reads
-- before it commits. A statement trigger, so a bulk write pays once.
CREATE FUNCTION riaya_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT := COALESCE(current_setting('riaya.changed_tables', true), '');
BEGIN
  IF position(',' || TG_TABLE_NAME || ',' IN ',' || changed) = 0 THEN
    PERFORM set_config('riaya.changed_tables', changed || TG_TABLE_NAME || ',', true);
  END IF;
  RETURN NULL;
END $$;
