-- Notices in the app (issue 17). The notices themselves are computed from the data when they
-- are asked for (store/notices.cpp); only what each user has read is stored, by the notice's
-- stable key ("assessment_returned:42:<updated_at>"), so that a new event is a new key and
-- unread again. "Mark all read" forgets the keys of notices that no longer exist.
CREATE TABLE notice_reads (
  user_id     BIGINT NOT NULL REFERENCES users (id),
  notice_key  TEXT NOT NULL,
  read_at     TEXT NOT NULL,
  PRIMARY KEY (user_id, notice_key)
);
