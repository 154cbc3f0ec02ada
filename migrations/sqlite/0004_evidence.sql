-- Evidence files of assessments (issue 4): photos and PDFs attached to a criterion's answer.
-- The bytes live in the database, base64-encoded, so that several stateless servers share
-- them and a backup holds them; the type was judged from the content on upload.
CREATE TABLE evidence (
  id              INTEGER PRIMARY KEY,
  assessment_id   BIGINT NOT NULL REFERENCES assessments (id),
  criterion_code  TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  content_type    TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size            INTEGER NOT NULL,
  content_base64  TEXT NOT NULL,
  created_by      BIGINT REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX evidence_assessment ON evidence (assessment_id, criterion_code);
