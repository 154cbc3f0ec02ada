-- Scope (issue 10). A grid belongs to the territory whose division made it (copied or
-- imported it): read there, in the territories above and below, edited only there. NULL is
-- a default grid: read by everyone, edited by the country-wide admin only.
ALTER TABLE grids ADD COLUMN territory_id BIGINT REFERENCES territories (id);
CREATE INDEX grids_territory ON grids (territory_id);

-- The search key without the personal fields (a president's or director's name, a member of
-- staff's, a trainer's, a participant's), searched for the callers who may not see them. The
-- server fills it at startup where it is NULL (the key is folded by ICU, not by SQL).
ALTER TABLE associations ADD COLUMN public_search_key TEXT;
ALTER TABLE institutions ADD COLUMN public_search_key TEXT;
ALTER TABLE staff ADD COLUMN public_search_key TEXT;
ALTER TABLE trainings ADD COLUMN public_search_key TEXT;
ALTER TABLE participants ADD COLUMN public_search_key TEXT;
