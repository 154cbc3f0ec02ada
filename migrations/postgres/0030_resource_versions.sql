-- A version per table (issue 12): the single data_version of 0002 changed on every committed write,
-- so a saved answer emptied every cached list. Each data table now has its own random version,
-- renewed by store::Database::write in the transaction that changes the table, and a cached answer
-- is kept by the versions of the tables it reads (api/api.hpp, cached_read). Random rather than
-- counted, so a restored copy never reuses a number that meant other data.
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

DO $$
DECLARE
  data_table TEXT;
BEGIN
  FOR data_table IN
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('schema_migrations', 'data_version', 'resource_versions')
  LOOP
    INSERT INTO resource_versions (name, version) VALUES (data_table, floor(random() * 4611686018427387903)::BIGINT);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION riaya_note_change()', data_table || '_changed', data_table);
  END LOOP;
END $$;

DROP TABLE data_version;
