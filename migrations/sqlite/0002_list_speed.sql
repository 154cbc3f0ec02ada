-- Faster lists: counting live institutions without reading the archived ones, and a number
-- that changes with every committed write, so answers can be cached until the data changes
-- (api/reply_cache.hpp). It is random rather than counted, so a restored copy never
-- reuses a number that meant other data.
CREATE INDEX institutions_live ON institutions (commune_id, association_id, category) WHERE archived_at IS NULL;

CREATE TABLE data_version (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  BIGINT NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 1);
