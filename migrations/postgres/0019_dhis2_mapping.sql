-- The DHIS2 mapping (issue 17): which DHIS2 identifiers Riaya's figures are sent under. One
-- mapping for the whole database, kept by the admin (store/dhis2.cpp): the data set and the
-- mapping's version in one row, each territory's organisation unit, and each indicator's data
-- element and category option combination. Every UID is 11 characters, checked by the server.
CREATE TABLE dhis2_mapping (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  data_set_uid  TEXT,
  version       INTEGER NOT NULL DEFAULT 1,
  updated_at    TEXT NOT NULL
);
CREATE TABLE dhis2_org_units (
  territory_id  BIGINT PRIMARY KEY REFERENCES territories (id),
  org_unit_uid  TEXT NOT NULL
);
CREATE TABLE dhis2_data_elements (
  indicator                  TEXT PRIMARY KEY,
  data_element_uid           TEXT NOT NULL,
  category_option_combo_uid  TEXT NOT NULL
);
INSERT INTO dhis2_mapping (id, data_set_uid, version, updated_at) VALUES (1, NULL, 1, '1970-01-01T00:00:00Z');
