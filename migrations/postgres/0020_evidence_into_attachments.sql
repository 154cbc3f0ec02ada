-- One table of uploaded files (issue 13): an assessment's evidence (0004) joins the files of
-- actions and meetings (0009) in attachments, with its owner 'assessment' and the criterion it
-- answers (criterion_code, set for an assessment's files only). The files of actions and
-- meetings keep their ids; an evidence file's id becomes its former id plus the largest
-- attachment id before this migration, so that the ids of both stay apart (audit entries
-- written before it name an evidence file by its former id).
ALTER TABLE attachments DROP CONSTRAINT attachments_owner_check;
ALTER TABLE attachments ADD CONSTRAINT attachments_owner_check CHECK (owner IN ('action', 'meeting', 'assessment'));
ALTER TABLE attachments ADD COLUMN criterion_code TEXT;
ALTER TABLE attachments ADD CONSTRAINT attachments_criterion_code_check
  CHECK ((owner = 'assessment') = (criterion_code IS NOT NULL));
INSERT INTO attachments (id, owner, owner_id, file_name, content_type, size, content_base64, created_by, created_at,
                         criterion_code)
  SELECT e.id + (SELECT COALESCE(MAX(a.id), 0) FROM attachments a), 'assessment', e.assessment_id, e.file_name,
         e.content_type, e.size, e.content_base64, e.created_by, e.created_at, e.criterion_code
  FROM evidence e;
SELECT setval(pg_get_serial_sequence('attachments', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM attachments;
DROP TABLE evidence;
