-- Search by an index (issue 12): a list's words were each found with LIKE '%word%' over the
-- search key of every row. pg_trgm's GIN indexes serve that same LIKE (the query is unchanged,
-- so are its results); a word of fewer than three characters has no trigram and reads every
-- key, as before. pg_trgm ships with PostgreSQL (Debian's postgresql-15) and is a trusted
-- extension: the server's role needs the CREATE privilege on its database, or a superuser
-- runs CREATE EXTENSION pg_trgm once before (docs/OPERATIONS.md).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX territories_search_key_trgm ON territories USING gin (search_key gin_trgm_ops);
CREATE INDEX categories_search_key_trgm ON categories USING gin (search_key gin_trgm_ops);
CREATE INDEX associations_search_key_trgm ON associations USING gin (search_key gin_trgm_ops);
CREATE INDEX associations_public_search_key_trgm ON associations USING gin (public_search_key gin_trgm_ops);
CREATE INDEX documents_search_key_trgm ON documents USING gin (search_key gin_trgm_ops);
CREATE INDEX agreements_search_key_trgm ON agreements USING gin (search_key gin_trgm_ops);
CREATE INDEX institutions_search_key_trgm ON institutions USING gin (search_key gin_trgm_ops);
CREATE INDEX institutions_public_search_key_trgm ON institutions USING gin (public_search_key gin_trgm_ops);
CREATE INDEX staff_search_key_trgm ON staff USING gin (search_key gin_trgm_ops);
CREATE INDEX staff_public_search_key_trgm ON staff USING gin (public_search_key gin_trgm_ops);
CREATE INDEX users_search_key_trgm ON users USING gin (search_key gin_trgm_ops);
CREATE INDEX grids_search_key_trgm ON grids USING gin (search_key gin_trgm_ops);
CREATE INDEX campaigns_search_key_trgm ON campaigns USING gin (search_key gin_trgm_ops);
CREATE INDEX shortcomings_search_key_trgm ON shortcomings USING gin (search_key gin_trgm_ops);
CREATE INDEX equipment_items_search_key_trgm ON equipment_items USING gin (search_key gin_trgm_ops);
CREATE INDEX equipment_inventory_search_key_trgm ON equipment_inventory USING gin (search_key gin_trgm_ops);
CREATE INDEX equipment_needs_search_key_trgm ON equipment_needs USING gin (search_key gin_trgm_ops);
CREATE INDEX trainings_search_key_trgm ON trainings USING gin (search_key gin_trgm_ops);
CREATE INDEX trainings_public_search_key_trgm ON trainings USING gin (public_search_key gin_trgm_ops);
CREATE INDEX programmes_search_key_trgm ON programmes USING gin (search_key gin_trgm_ops);
CREATE INDEX meetings_search_key_trgm ON meetings USING gin (search_key gin_trgm_ops);
CREATE INDEX participants_search_key_trgm ON participants USING gin (search_key gin_trgm_ops);
CREATE INDEX participants_public_search_key_trgm ON participants USING gin (public_search_key gin_trgm_ops);
CREATE INDEX recommendations_search_key_trgm ON recommendations USING gin (search_key gin_trgm_ops);
CREATE INDEX actions_search_key_trgm ON actions USING gin (search_key gin_trgm_ops);
CREATE INDEX grants_search_key_trgm ON grants USING gin (search_key gin_trgm_ops);
CREATE INDEX funding_lines_search_key_trgm ON funding_lines USING gin (search_key gin_trgm_ops);
CREATE INDEX monthly_statistics_search_key_trgm ON monthly_statistics USING gin (search_key gin_trgm_ops);
CREATE INDEX service_items_search_key_trgm ON service_items USING gin (search_key gin_trgm_ops);
CREATE INDEX institution_services_search_key_trgm ON institution_services USING gin (search_key gin_trgm_ops);
CREATE INDEX activities_search_key_trgm ON activities USING gin (search_key gin_trgm_ops);
CREATE INDEX beneficiaries_search_key_trgm ON beneficiaries USING gin (search_key gin_trgm_ops);
CREATE INDEX beneficiaries_public_search_key_trgm ON beneficiaries USING gin (public_search_key gin_trgm_ops);
CREATE INDEX beneficiary_years_search_key_trgm ON beneficiary_years USING gin (search_key gin_trgm_ops);
