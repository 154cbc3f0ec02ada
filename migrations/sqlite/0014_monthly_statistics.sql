-- The performance record, first part (issue 16): each institution's monthly statistics
-- (docs/INDICATORS.md). A row is one month of one institution: who was present, by sex and by
-- school level (boarding houses) or by age band (other homes: the other breakdown's columns stay
-- NULL), who was admitted and who left, and why. At most one live row per institution and month.
CREATE TABLE monthly_statistics (
  id                  INTEGER PRIMARY KEY,
  institution_id      BIGINT NOT NULL REFERENCES institutions (id),
  month               TEXT NOT NULL CHECK (length(month) = 7),
  present_primary_f   INTEGER CHECK (present_primary_f >= 0),
  present_primary_m   INTEGER CHECK (present_primary_m >= 0),
  present_college_f   INTEGER CHECK (present_college_f >= 0),
  present_college_m   INTEGER CHECK (present_college_m >= 0),
  present_lycee_f     INTEGER CHECK (present_lycee_f >= 0),
  present_lycee_m     INTEGER CHECK (present_lycee_m >= 0),
  present_higher_f    INTEGER CHECK (present_higher_f >= 0),
  present_higher_m    INTEGER CHECK (present_higher_m >= 0),
  present_vocational_f INTEGER CHECK (present_vocational_f >= 0),
  present_vocational_m INTEGER CHECK (present_vocational_m >= 0),
  present_not_in_school_f INTEGER CHECK (present_not_in_school_f >= 0),
  present_not_in_school_m INTEGER CHECK (present_not_in_school_m >= 0),
  present_age_0_5_f   INTEGER CHECK (present_age_0_5_f >= 0),
  present_age_0_5_m   INTEGER CHECK (present_age_0_5_m >= 0),
  present_age_6_11_f  INTEGER CHECK (present_age_6_11_f >= 0),
  present_age_6_11_m  INTEGER CHECK (present_age_6_11_m >= 0),
  present_age_12_17_f INTEGER CHECK (present_age_12_17_f >= 0),
  present_age_12_17_m INTEGER CHECK (present_age_12_17_m >= 0),
  present_age_18_59_f INTEGER CHECK (present_age_18_59_f >= 0),
  present_age_18_59_m INTEGER CHECK (present_age_18_59_m >= 0),
  present_age_60_74_f INTEGER CHECK (present_age_60_74_f >= 0),
  present_age_60_74_m INTEGER CHECK (present_age_60_74_m >= 0),
  present_age_75_plus_f INTEGER CHECK (present_age_75_plus_f >= 0),
  present_age_75_plus_m INTEGER CHECK (present_age_75_plus_m >= 0),
  admissions_f        INTEGER NOT NULL DEFAULT 0 CHECK (admissions_f >= 0),
  admissions_m        INTEGER NOT NULL DEFAULT 0 CHECK (admissions_m >= 0),
  exits_dropout_f     INTEGER NOT NULL DEFAULT 0 CHECK (exits_dropout_f >= 0),
  exits_dropout_m     INTEGER NOT NULL DEFAULT 0 CHECK (exits_dropout_m >= 0),
  exits_graduated_f   INTEGER NOT NULL DEFAULT 0 CHECK (exits_graduated_f >= 0),
  exits_graduated_m   INTEGER NOT NULL DEFAULT 0 CHECK (exits_graduated_m >= 0),
  exits_moved_f       INTEGER NOT NULL DEFAULT 0 CHECK (exits_moved_f >= 0),
  exits_moved_m       INTEGER NOT NULL DEFAULT 0 CHECK (exits_moved_m >= 0),
  exits_other_f       INTEGER NOT NULL DEFAULT 0 CHECK (exits_other_f >= 0),
  exits_other_m       INTEGER NOT NULL DEFAULT 0 CHECK (exits_other_m >= 0),
  capacity_confirmed  INTEGER CHECK (capacity_confirmed IN (0, 1)),
  search_key          TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  archived_at         TEXT
);
CREATE UNIQUE INDEX monthly_statistics_institution_month ON monthly_statistics (institution_id, month)
  WHERE archived_at IS NULL;
CREATE INDEX monthly_statistics_month ON monthly_statistics (month);
