-- Services and parallel activities (issue 16, S10). The services catalogue is owned like the
-- equipment catalogue: national items (territory_id NULL, kept by the admin) and a province's
-- own items (kept by its division), codes unique per owner. An institution offers catalogue
-- services (at most one live row per institution and service), and records dated activities
-- with their participants by sex and their cost in centimes (MAD × 100).
CREATE TABLE service_items (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  name_en       TEXT,
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT,
  territory_id  BIGINT REFERENCES territories (id)
);
CREATE INDEX service_items_territory ON service_items (territory_id);
CREATE UNIQUE INDEX service_items_owner_code ON service_items (COALESCE(territory_id, 0), code);

CREATE TABLE institution_services (
  id              INTEGER PRIMARY KEY,
  institution_id  BIGINT NOT NULL REFERENCES institutions (id),
  service_id      BIGINT NOT NULL REFERENCES service_items (id),
  since           TEXT,
  note            TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE UNIQUE INDEX institution_services_live ON institution_services (institution_id, service_id)
  WHERE archived_at IS NULL;
CREATE INDEX institution_services_service ON institution_services (service_id);

CREATE TABLE activities (
  id              INTEGER PRIMARY KEY,
  institution_id  BIGINT NOT NULL REFERENCES institutions (id),
  activity_kind   TEXT NOT NULL CHECK (activity_kind IN ('sport', 'culture', 'educational', 'health', 'awareness',
                                                         'excursion', 'celebration', 'other')),
  title           TEXT NOT NULL,
  activity_date   TEXT NOT NULL CHECK (length(activity_date) = 10),
  participants_f  INTEGER NOT NULL DEFAULT 0 CHECK (participants_f >= 0),
  participants_m  INTEGER NOT NULL DEFAULT 0 CHECK (participants_m >= 0),
  partner         TEXT,
  cost_centimes   BIGINT CHECK (cost_centimes >= 0),
  note            TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX activities_institution ON activities (institution_id, activity_date);
CREATE INDEX activities_date ON activities (activity_date);
