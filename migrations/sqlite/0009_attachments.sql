-- Files attached to an action (its completion evidence: a delivery note, a photo of the work
-- done) or to a meeting (the signed attendance sheet, a presentation). As with assessment
-- evidence (0004), the bytes live in the database, base64-encoded, and the type was judged
-- from the content on upload.
CREATE TABLE attachments (
  id              INTEGER PRIMARY KEY,
  owner           TEXT NOT NULL CHECK (owner IN ('action', 'meeting')),
  owner_id        BIGINT NOT NULL,
  file_name       TEXT NOT NULL,
  content_type    TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  size            INTEGER NOT NULL,
  content_base64  TEXT NOT NULL,
  created_by      BIGINT REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner, owner_id);
