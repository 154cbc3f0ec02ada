-- The registry, accounts and the audit trail.

CREATE TABLE territories (
  id              INTEGER PRIMARY KEY,
  level           TEXT NOT NULL CHECK (level IN ('country', 'region', 'province', 'commune')),
  code            TEXT NOT NULL UNIQUE,
  name_ar         TEXT NOT NULL,
  name_fr         TEXT,
  parent_id       BIGINT REFERENCES territories (id),
  path            TEXT NOT NULL,             -- '/1/4/9/': the ids from the root down to this one
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX territories_parent ON territories (parent_id);
CREATE INDEX territories_path ON territories (path);

CREATE TABLE categories (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  name_ar         TEXT NOT NULL,
  name_fr         TEXT NOT NULL,
  name_en         TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);

CREATE TABLE associations (
  id                   INTEGER PRIMARY KEY,
  name_ar              TEXT NOT NULL,
  name_fr              TEXT,
  territory_id         BIGINT NOT NULL REFERENCES territories (id),
  registration_number  TEXT,
  registration_date    TEXT,
  president_name       TEXT,
  phone                TEXT,
  email                TEXT,
  address              TEXT,
  search_key           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  archived_at          TEXT
);
CREATE INDEX associations_territory ON associations (territory_id);
CREATE INDEX associations_name ON associations (name_ar);

CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  association_id  BIGINT NOT NULL REFERENCES associations (id),
  kind            TEXT NOT NULL,
  reference       TEXT,
  issued_on       TEXT,
  expires_on      TEXT,
  note            TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX documents_association ON documents (association_id);
CREATE INDEX documents_expires ON documents (expires_on);

CREATE TABLE agreements (
  id              INTEGER PRIMARY KEY,
  association_id  BIGINT NOT NULL REFERENCES associations (id),
  partner         TEXT NOT NULL,
  partner_name    TEXT,
  reference       TEXT,
  subject         TEXT,
  signed_on       TEXT,
  starts_on       TEXT,
  ends_on         TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX agreements_association ON agreements (association_id);

CREATE TABLE institutions (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  name_ar               TEXT NOT NULL,
  name_fr               TEXT,
  category              TEXT NOT NULL REFERENCES categories (code),
  association_id        BIGINT NOT NULL REFERENCES associations (id),
  commune_id            BIGINT NOT NULL REFERENCES territories (id),
  address               TEXT,
  latitude              REAL,
  longitude             REAL,
  capacity              INTEGER,
  opening_date          TEXT,
  authorisation_number  TEXT,
  authorisation_date    TEXT,
  authorisation_status  TEXT,
  director_name         TEXT,
  services              TEXT,
  activities            TEXT,
  status                TEXT NOT NULL,
  search_key            TEXT NOT NULL,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  archived_at           TEXT
);
CREATE INDEX institutions_association ON institutions (association_id);
CREATE INDEX institutions_commune ON institutions (commune_id);
CREATE INDEX institutions_category ON institutions (category);
CREATE INDEX institutions_name ON institutions (name_ar);

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY,
  institution_id  BIGINT NOT NULL REFERENCES institutions (id),
  full_name       TEXT NOT NULL,
  function        TEXT NOT NULL,
  qualification   TEXT,
  contract_type   TEXT,
  sex             TEXT,
  start_date      TEXT,
  end_date        TEXT,
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX staff_institution ON staff (institution_id);

CREATE TABLE users (
  id                    INTEGER PRIMARY KEY,
  username              TEXT NOT NULL UNIQUE,
  display_name          TEXT NOT NULL,
  password_hash         TEXT NOT NULL,
  role                  TEXT NOT NULL,
  scope_territory_id    BIGINT REFERENCES territories (id),
  scope_association_id  BIGINT REFERENCES associations (id),
  language              TEXT NOT NULL DEFAULT 'ar',
  must_change_password  INTEGER NOT NULL DEFAULT 1,
  failed_logins         INTEGER NOT NULL DEFAULT 0,
  locked_until          TEXT,
  search_key            TEXT NOT NULL,
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  archived_at           TEXT,
  CHECK ((scope_territory_id IS NULL) <> (scope_association_id IS NULL))
);

CREATE TABLE sessions (
  id_hash       TEXT PRIMARY KEY,       -- BLAKE2b of the cookie value; the value itself is never stored
  user_id       BIGINT NOT NULL REFERENCES users (id),
  csrf_token    TEXT NOT NULL,
  address       TEXT,
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id            INTEGER PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users (id),
  name          TEXT NOT NULL,
  token_hash    TEXT NOT NULL UNIQUE,
  prefix        TEXT NOT NULL,
  expires_on    TEXT,
  created_at    TEXT NOT NULL,
  last_used_at  TEXT,
  revoked_at    TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  id                    INTEGER PRIMARY KEY,
  at                    TEXT NOT NULL,
  user_id               BIGINT,
  username              TEXT,
  address               TEXT,
  action                TEXT NOT NULL,
  entity                TEXT NOT NULL,
  entity_id             BIGINT,
  before_json           TEXT,
  after_json            TEXT,
  scope_path            TEXT,     -- territory path of the record, for scoped reading
  scope_association_id  BIGINT    -- managing association of the record, if any
);
CREATE INDEX audit_at ON audit_log (at);
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_user ON audit_log (user_id);
