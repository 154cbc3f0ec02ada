-- Equipment (the catalogue, each institution's inventory and needs) and training sessions
-- with the staff who attended them.

CREATE TABLE equipment_items (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  unit          TEXT NOT NULL,
  category      TEXT NOT NULL CHECK (category IN ('bedding', 'kitchen', 'furniture', 'computing', 'school_supplies',
                                                  'sanitary', 'sports_leisure', 'other')),
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT
);

CREATE TABLE equipment_inventory (
  id              INTEGER PRIMARY KEY,
  institution_id  BIGINT NOT NULL REFERENCES institutions (id),
  item_id         BIGINT NOT NULL REFERENCES equipment_items (id),
  quantity        INTEGER NOT NULL CHECK (quantity >= 0),
  condition       TEXT NOT NULL CHECK (condition IN ('good', 'worn', 'broken')),
  note            TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX equipment_inventory_institution ON equipment_inventory (institution_id);
CREATE INDEX equipment_inventory_item ON equipment_inventory (item_id);

-- unit_cost_centimes: MAD × 100, an integer; the API keeps quantity × unit cost within
-- 1,000,000,000 MAD a line.
CREATE TABLE equipment_needs (
  id                  INTEGER PRIMARY KEY,
  institution_id      BIGINT NOT NULL REFERENCES institutions (id),
  item_id             BIGINT NOT NULL REFERENCES equipment_items (id),
  quantity            INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_centimes  BIGINT NOT NULL CHECK (unit_cost_centimes >= 0),
  priority            TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
  justification       TEXT,
  status              TEXT NOT NULL CHECK (status IN ('open', 'planned', 'met')),
  search_key          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  archived_at         TEXT
);
CREATE INDEX equipment_needs_institution ON equipment_needs (institution_id);
CREATE INDEX equipment_needs_item ON equipment_needs (item_id, status);

-- A training session belongs to a province (territory_id), which decides who sees it and
-- whose staff may attend.
CREATE TABLE trainings (
  id            INTEGER PRIMARY KEY,
  topic         TEXT NOT NULL,
  domain        TEXT,
  starts_on     TEXT NOT NULL,
  ends_on       TEXT,
  hours         REAL CHECK (hours > 0 AND hours <= 500),
  trainer       TEXT,
  organiser     TEXT,
  territory_id  BIGINT NOT NULL REFERENCES territories (id),
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT
);
CREATE INDEX trainings_territory ON trainings (territory_id);
CREATE INDEX trainings_starts ON trainings (starts_on);

CREATE TABLE training_participants (
  training_id  BIGINT NOT NULL REFERENCES trainings (id),
  staff_id     BIGINT NOT NULL REFERENCES staff (id),
  added_at     TEXT NOT NULL,
  PRIMARY KEY (training_id, staff_id)
);
CREATE INDEX training_participants_staff ON training_participants (staff_id);
