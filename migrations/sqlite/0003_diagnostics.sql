-- Diagnostic campaigns: grids, campaigns, assessments with their answers, and the
-- shortcomings register (issue 4).

-- A grid version. `content` is the grid as domain::grid_to_json writes it. A grid that a
-- campaign uses is frozen (that is computed, not stored): changing it makes a new version
-- (same code, grid_version + 1).
CREATE TABLE grids (
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
  UNIQUE (code, grid_version)
);

CREATE TABLE campaigns (
  id            INTEGER PRIMARY KEY,
  name_ar       TEXT NOT NULL,
  name_fr       TEXT,
  grid_id       BIGINT NOT NULL REFERENCES grids (id),
  territory_id  BIGINT NOT NULL REFERENCES territories (id),
  starts_on     TEXT,
  ends_on       TEXT,
  status        TEXT NOT NULL,
  search_key    TEXT NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  archived_at   TEXT
);
CREATE INDEX campaigns_territory ON campaigns (territory_id);

-- One institution in one campaign: the official assessment, or the association's own
-- self-assessment, shown apart.
CREATE TABLE assessments (
  id              INTEGER PRIMARY KEY,
  campaign_id     BIGINT NOT NULL REFERENCES campaigns (id),
  institution_id  BIGINT NOT NULL REFERENCES institutions (id),
  kind            TEXT NOT NULL CHECK (kind IN ('official', 'self')),
  status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'validated')),
  visit_date      TEXT,
  return_reason   TEXT,
  return_notes    TEXT,      -- JSON object: criterion code → what to fix
  scores          TEXT,      -- JSON of domain::Scores, computed at submission and validation
  submitted_at    TEXT,
  validated_at    TEXT,
  validated_by    BIGINT REFERENCES users (id),
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  archived_at     TEXT,
  UNIQUE (campaign_id, institution_id, kind)
);
CREATE INDEX assessments_institution ON assessments (institution_id);

CREATE TABLE assessment_assessors (
  assessment_id  BIGINT NOT NULL REFERENCES assessments (id),
  user_id        BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (assessment_id, user_id)
);
CREATE INDEX assessment_assessors_user ON assessment_assessors (user_id);

-- An answer: score 0, 1, 2, or NULL for "not applicable". No row: not answered yet.
CREATE TABLE answers (
  assessment_id   BIGINT NOT NULL REFERENCES assessments (id),
  criterion_code  TEXT NOT NULL,
  score           INTEGER CHECK (score IN (0, 1, 2)),
  comment         TEXT,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (assessment_id, criterion_code)
);

CREATE TABLE shortcomings (
  id                 INTEGER PRIMARY KEY,
  institution_id     BIGINT NOT NULL REFERENCES institutions (id),
  domain_code        TEXT,
  criterion_code     TEXT,
  criterion_text_ar  TEXT,
  criterion_text_fr  TEXT,
  source             TEXT NOT NULL CHECK (source IN ('assessment', 'meeting', 'inspection', 'manual')),
  assessment_id      BIGINT REFERENCES assessments (id),
  description        TEXT,
  severity           TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  status             TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'verified')),
  raised_on          TEXT NOT NULL,
  resolved_on        TEXT,
  resolved_by_assessment_id  BIGINT REFERENCES assessments (id),
  search_key         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  archived_at        TEXT
);
CREATE INDEX shortcomings_institution ON shortcomings (institution_id, criterion_code, status);
CREATE INDEX shortcomings_status ON shortcomings (status);
