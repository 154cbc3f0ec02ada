-- Imports from CSV and XLSX (issue 16): the column mapping each user chose last for each kind
-- of import ({"header": "field" or null}, JSON), offered again with the next file.
CREATE TABLE import_mappings (
  user_id       BIGINT NOT NULL REFERENCES users (id),
  kind          TEXT NOT NULL,
  mapping_json  TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
