-- The action programme (issue 5): programmes of actions that remedy shortcomings, their
-- dated follow-up, the grants that fund them through funding lines, and the meetings where
-- they are decided and reviewed. Amounts are integers in centimes of MAD.

CREATE TABLE programmes (
  id            INTEGER PRIMARY KEY,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  territory_id  BIGINT NOT NULL REFERENCES territories (id),
  starts_on     TEXT,
  ends_on       TEXT,
  status        TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
  description   TEXT,
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT
);
CREATE INDEX programmes_territory ON programmes (territory_id);

CREATE TABLE meetings (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('communication', 'coordination', 'follow_up', 'other')),
  title_ar      TEXT NOT NULL,
  title_fr      TEXT,
  held_on       TEXT NOT NULL,
  place         TEXT,
  chair         TEXT,
  territory_id  BIGINT NOT NULL REFERENCES territories (id),
  agenda        TEXT,
  minutes       TEXT,
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT
);
CREATE INDEX meetings_territory ON meetings (territory_id);

-- Who attended, and which association or institution they represented.
CREATE TABLE participants (
  id              INTEGER PRIMARY KEY,
  meeting_id      BIGINT NOT NULL REFERENCES meetings (id),
  full_name       TEXT NOT NULL,
  function        TEXT,
  organisation    TEXT,
  association_id  BIGINT REFERENCES associations (id),
  institution_id  BIGINT REFERENCES institutions (id),
  search_key      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT
);
CREATE INDEX participants_meeting ON participants (meeting_id);

CREATE TABLE recommendations (
  id           INTEGER PRIMARY KEY,
  meeting_id   BIGINT NOT NULL REFERENCES meetings (id),
  text_ar      TEXT NOT NULL,
  text_fr      TEXT,
  search_key   TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  archived_at  TEXT
);
CREATE INDEX recommendations_meeting ON recommendations (meeting_id);

-- An action: of one institution, or province-wide (institution_id NULL).
CREATE TABLE actions (
  id                       INTEGER PRIMARY KEY,
  programme_id             BIGINT NOT NULL REFERENCES programmes (id),
  institution_id           BIGINT REFERENCES institutions (id),
  category                 TEXT NOT NULL,
  title_ar                 TEXT NOT NULL,
  title_fr                 TEXT,
  description              TEXT,
  responsible_party        TEXT,
  owner                    TEXT,
  starts_on                TEXT,
  due_on                   TEXT,
  estimated_cost_centimes  BIGINT CHECK (estimated_cost_centimes >= 0),
  status                   TEXT NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
  progress                 INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  completed_on             TEXT,
  completion_evidence      TEXT,
  recommendation_id        BIGINT UNIQUE REFERENCES recommendations (id),
  search_key               TEXT NOT NULL,
  version                  INTEGER NOT NULL DEFAULT 1,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  archived_at              TEXT
);
CREATE INDEX actions_programme ON actions (programme_id);
CREATE INDEX actions_institution ON actions (institution_id);

-- The shortcomings an action remedies.
CREATE TABLE action_shortcomings (
  action_id       BIGINT NOT NULL REFERENCES actions (id),
  shortcoming_id  BIGINT NOT NULL REFERENCES shortcomings (id),
  PRIMARY KEY (action_id, shortcoming_id)
);
CREATE INDEX action_shortcomings_shortcoming ON action_shortcomings (shortcoming_id);

-- The dated follow-up log of an action.
CREATE TABLE followups (
  id           INTEGER PRIMARY KEY,
  action_id    BIGINT NOT NULL REFERENCES actions (id),
  entry_date   TEXT NOT NULL,
  progress     INTEGER CHECK (progress BETWEEN 0 AND 100),
  note         TEXT NOT NULL,
  created_by   BIGINT REFERENCES users (id),
  created_at   TEXT NOT NULL
);
CREATE INDEX followups_action ON followups (action_id);

-- A grant to an association or to one of its institutions.
CREATE TABLE grants (
  id                   INTEGER PRIMARY KEY,
  source               TEXT NOT NULL,
  source_name          TEXT,
  association_id       BIGINT REFERENCES associations (id),
  institution_id       BIGINT REFERENCES institutions (id),
  purpose              TEXT NOT NULL,
  committed_centimes   BIGINT NOT NULL CHECK (committed_centimes > 0),
  disbursed_centimes   BIGINT NOT NULL DEFAULT 0 CHECK (disbursed_centimes >= 0),
  committed_on         TEXT,
  disbursed_on         TEXT,
  agreement_reference  TEXT,
  note                 TEXT,
  search_key           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  archived_at          TEXT,
  CHECK (disbursed_centimes <= committed_centimes),
  CHECK ((association_id IS NULL) <> (institution_id IS NULL))
);
CREATE INDEX grants_association ON grants (association_id);
CREATE INDEX grants_institution ON grants (institution_id);

-- The part of a grant that funds an action.
CREATE TABLE funding_lines (
  id               INTEGER PRIMARY KEY,
  grant_id         BIGINT NOT NULL REFERENCES grants (id),
  action_id        BIGINT NOT NULL REFERENCES actions (id),
  amount_centimes  BIGINT NOT NULL CHECK (amount_centimes > 0),
  note             TEXT,
  search_key       TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  archived_at      TEXT
);
CREATE INDEX funding_lines_grant ON funding_lines (grant_id);
CREATE INDEX funding_lines_action ON funding_lines (action_id);
