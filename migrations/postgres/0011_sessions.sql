-- Log-in throttling (issue 10). Failed log-ins are counted per name as typed (ASCII letters
-- lower-cased) and client address, whether or not the name exists, so a known name and an
-- unknown one behave alike and nobody can lock a user out from another address. This
-- replaces the per-account lock-out of 0001 (users.failed_logins, users.locked_until).
CREATE TABLE login_throttle (
  username         TEXT NOT NULL,
  address          TEXT NOT NULL,
  failures         INTEGER NOT NULL,   -- attempts since the last success, the one being checked included
  last_attempt_at  TEXT NOT NULL,      -- rows an hour old are forgotten
  blocked_until    TEXT,               -- no attempt of this name from this address before then
  PRIMARY KEY (username, address)
);
CREATE INDEX login_throttle_last_attempt ON login_throttle (last_attempt_at);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
