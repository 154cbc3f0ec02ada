-- Codes per territory (issue 10). A grid and a catalogue item belong to a territory (NULL: a
-- default, kept by the country-wide admin), and a code need only be free among what one
-- division reads: the defaults and its territory's own. A global UNIQUE told a division that
-- another province used a code. The server checks the codes a caller reads; these indexes keep
-- one owner's codes unique under concurrent writers.
-- SQLite cannot drop a table's UNIQUE constraint: both tables are rebuilt as its ALTER TABLE
-- documentation says (migrations run with foreign keys off and checked before commit).
CREATE TABLE grids_rebuilt (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL,
  grid_version  INTEGER NOT NULL,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  content       TEXT NOT NULL,
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT,
  territory_id  BIGINT REFERENCES territories (id)
);
INSERT INTO grids_rebuilt (id, code, grid_version, name_ar, name_fr, content, search_key, version, created_at,
                           updated_at, archived_at, territory_id)
  SELECT id, code, grid_version, name_ar, name_fr, content, search_key, version, created_at, updated_at, archived_at,
         territory_id FROM grids;
DROP TABLE grids;
ALTER TABLE grids_rebuilt RENAME TO grids;
CREATE INDEX grids_territory ON grids (territory_id);
CREATE UNIQUE INDEX grids_owner_code ON grids (COALESCE(territory_id, 0), code, grid_version);

-- The equipment catalogue: a division adds the items its province needs beside the national
-- ones, and only the admin changes those.
CREATE TABLE equipment_items_rebuilt (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  unit          TEXT NOT NULL,
  category      TEXT NOT NULL CHECK (category IN ('bedding', 'kitchen', 'furniture', 'computing', 'school_supplies',
                                                  'sanitary', 'sports_leisure', 'other')),
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT,
  territory_id  BIGINT REFERENCES territories (id)
);
INSERT INTO equipment_items_rebuilt (id, code, name_ar, name_fr, unit, category, search_key, version, created_at,
                                     updated_at, archived_at)
  SELECT id, code, name_ar, name_fr, unit, category, search_key, version, created_at, updated_at, archived_at
  FROM equipment_items;
DROP TABLE equipment_items;
ALTER TABLE equipment_items_rebuilt RENAME TO equipment_items;
CREATE INDEX equipment_items_territory ON equipment_items (territory_id);
CREATE UNIQUE INDEX equipment_items_owner_code ON equipment_items (COALESCE(territory_id, 0), code);
