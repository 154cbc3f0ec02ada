-- Codes per territory (issue 10). A grid and a catalogue item belong to a territory (NULL: a
-- default, kept by the country-wide admin), and a code need only be free among what one
-- division reads: the defaults and its territory's own. A global UNIQUE told a division that
-- another province used a code. The server checks the codes a caller reads; these indexes keep
-- one owner's codes unique under concurrent writers.
ALTER TABLE grids DROP CONSTRAINT grids_code_grid_version_key;
CREATE UNIQUE INDEX grids_owner_code ON grids (COALESCE(territory_id, 0), code, grid_version);

-- The equipment catalogue: a division adds the items its province needs beside the national
-- ones, and only the admin changes those.
ALTER TABLE equipment_items DROP CONSTRAINT equipment_items_code_key;
ALTER TABLE equipment_items ADD COLUMN territory_id BIGINT REFERENCES territories (id);
CREATE INDEX equipment_items_territory ON equipment_items (territory_id);
CREATE UNIQUE INDEX equipment_items_owner_code ON equipment_items (COALESCE(territory_id, 0), code);
