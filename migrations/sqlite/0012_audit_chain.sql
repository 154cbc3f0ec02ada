-- A hash chain over the audit trail, so that editing, deleting or inserting an entry shows.
-- Each entry gets its place in the chain (seq: 1, 2, 3 … in commit order), the id and hash of
-- the entry before it, and its own hash: SHA-256 of the previous hash and a canonical
-- serialisation of the entry's stored fields (store/audit.cpp). audit_head, one row, holds
-- the chain's last place, id and hash; a write chains its entries just before it commits,
-- holding that row (FOR UPDATE on PostgreSQL) until the commit. A head hash still NULL means
-- that the entries written before this migration are not chained yet: store::migrate chains
-- them once, in id order.
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_id BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_seq ON audit_log (seq);
CREATE TABLE audit_head (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  seq      BIGINT NOT NULL,
  last_id  BIGINT NOT NULL,
  hash     TEXT
);
INSERT INTO audit_head (id, seq, last_id, hash) VALUES (1, 0, 0, NULL);
