-- A version per table (issue 12): the single data_version of 0002 changed on every committed write,
-- so a saved answer emptied every cached list. Each data table now has its own random version,
-- renewed by store::Database::write in the transaction that changes the table (SQLite tells which
-- through its update hook), and a cached answer is kept by the versions of the tables it reads
-- (api/api.hpp, cached_read). Random rather than counted, so a restored copy never reuses a
-- number that meant other data. The FTS5 indexes of 0026 (a virtual table and its shadow tables)
-- belong to their base tables, which change with them.
CREATE TABLE resource_versions (
  name     TEXT PRIMARY KEY,
  version  BIGINT NOT NULL
);
INSERT INTO resource_versions (name, version)
  SELECT name, random() & 4611686018427387903 FROM sqlite_master
  WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '%\_search' ESCAPE '\'
    AND name NOT LIKE '%\_search\_%' ESCAPE '\' AND sql NOT LIKE 'CREATE VIRTUAL%'
    AND name NOT IN ('schema_migrations', 'data_version', 'resource_versions');
DROP TABLE data_version;
