-- One table of uploaded files (issue 13): an assessment's evidence (0004) joins the files of
-- actions and meetings (0009) in attachments, with its owner 'assessment' and the criterion it
-- answers (criterion_code, set for an assessment's files only). The files of actions and
-- meetings keep their ids; an evidence file's id becomes its former id plus the largest
-- attachment id before this migration, so that the ids of both stay apart (audit entries
-- written before it name an evidence file by its former id).
-- SQLite cannot change a CHECK constraint: the table is made anew and renamed.
CREATE TABLE attachments_merged (
  id              INTEGER PRIMARY KEY,
  owner           TEXT NOT NULL CHECK (owner IN ('action', 'meeting', 'assessment')),
  owner_id        BIGINT NOT NULL,
  file_name       TEXT NOT NULL,
  content_type    TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size            INTEGER NOT NULL,
  content_base64  TEXT NOT NULL,
  created_by      BIGINT REFERENCES users (id),
  created_at      TEXT NOT NULL,
  criterion_code  TEXT CHECK ((owner = 'assessment') = (criterion_code IS NOT NULL))
);
INSERT INTO attachments_merged (id, owner, owner_id, file_name, content_type, size, content_base64, created_by,
                                created_at)
  SELECT id, owner, owner_id, file_name, content_type, size, content_base64, created_by, created_at
  FROM attachments;
INSERT INTO attachments_merged (id, owner, owner_id, file_name, content_type, size, content_base64, created_by,
                                created_at, criterion_code)
  SELECT e.id + (SELECT COALESCE(MAX(a.id), 0) FROM attachments a), 'assessment', e.assessment_id, e.file_name,
         e.content_type, e.size, e.content_base64, e.created_by, e.created_at, e.criterion_code
  FROM evidence e;
DROP TABLE attachments;
DROP TABLE evidence;
ALTER TABLE attachments_merged RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments (owner, owner_id);
