-- The individual register (issue 16): an institution the division of its territory has switched
-- on keeps a named record of each beneficiary and of their school years. These are personal data
-- of children (law 09-08): the identity number and the guardian's phone are stored sealed with
-- the server's key (store/field_cipher.hpp), never in clear; a beneficiary anonymised by
-- `riaya anonymise` keeps no name, identity, guardian nor birth day, only year of birth, sex and
-- results (anonymised_at set).
ALTER TABLE institutions ADD COLUMN keeps_register INTEGER NOT NULL DEFAULT 0 CHECK (keeps_register IN (0, 1));

CREATE TABLE beneficiaries (
  id                 INTEGER PRIMARY KEY,
  institution_id     BIGINT NOT NULL REFERENCES institutions (id),
  full_name_ar       TEXT,
  full_name_fr       TEXT,
  sex                TEXT NOT NULL CHECK (sex IN ('f', 'm')),
  birth_date         TEXT CHECK (length(birth_date) = 10),
  birth_year         INTEGER,
  origin_commune_id  BIGINT REFERENCES territories (id),
  vulnerability      TEXT CHECK (vulnerability IN ('orphan', 'poverty', 'distance', 'disability', 'family_difficulty',
                                                   'other')),
  identity_number    TEXT,
  guardian_name      TEXT,
  guardian_phone     TEXT,
  admission_date     TEXT NOT NULL CHECK (length(admission_date) = 10),
  exit_date          TEXT CHECK (length(exit_date) = 10),
  exit_reason        TEXT CHECK (exit_reason IN ('dropout', 'graduated', 'moved', 'other')),
  name_key           TEXT,
  anonymised_at      TEXT,
  search_key         TEXT NOT NULL,
  public_search_key  TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  archived_at        TEXT
);
CREATE INDEX beneficiaries_institution ON beneficiaries (institution_id, admission_date);
CREATE INDEX beneficiaries_namesake ON beneficiaries (name_key, birth_date);
CREATE INDEX beneficiaries_exit ON beneficiaries (exit_date);

CREATE TABLE beneficiary_years (
  id              INTEGER PRIMARY KEY,
  beneficiary_id  BIGINT NOT NULL REFERENCES beneficiaries (id),
  school_year     TEXT NOT NULL CHECK (length(school_year) = 9),
  level           TEXT NOT NULL CHECK (level IN ('primary', 'college', 'lycee', 'higher', 'vocational',
                                                 'not_in_school')),
  class_name      TEXT,
  school          TEXT,
  result          TEXT CHECK (result IN ('promoted', 'repeated', 'dropped_out', 'graduated', 'moved')),
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE UNIQUE INDEX beneficiary_years_live ON beneficiary_years (beneficiary_id, school_year)
  WHERE archived_at IS NULL;
CREATE INDEX beneficiary_years_school_year ON beneficiary_years (school_year);
