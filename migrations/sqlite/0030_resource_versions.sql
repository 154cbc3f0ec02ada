-- A version per table (issue 12): the single data_version of 0002 changed on every committed write,
-- so a saved answer emptied every cached list. Each data table now has its own random version,
-- renewed by store::Database::write in the transaction that changes the table (SQLite tells which
-- through its update hook), and a cached answer is kept by the versions of the tables it reads
-- (api/routes.hpp, cached_read). Random rather than counted, so a restored copy never reuses a
-- number that meant other data. Its rows, one per data table, are written by
-- store::register_data_tables after every migration, so a table made later gets its own.
-- data_version stays: renewed with any table's version, it tells a server when its copy of the
-- versions (read with each session) is out of date.
CREATE TABLE resource_versions (
  name     TEXT PRIMARY KEY,
  version  BIGINT NOT NULL
);
