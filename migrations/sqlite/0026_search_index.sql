-- Search by an index (issue 12): a list's words were each found with LIKE '%word%' over the
-- search key of every row. On SQLite, each table with a search key gets an FTS5 index of it with
-- the trigram tokenizer (SQLite 3.34+; case_sensitive 1: the keys are already folded, so a
-- match is exactly the substring LIKE found), external content (the keys stay in their table
-- only) and triggers that keep it in step with every write, whoever makes it (the store, an
-- import, the generators, the sqlite3 shell). store::list_records asks it for the words of
-- three characters or more: a trigram index cannot serve shorter ones, which keep LIKE.

CREATE VIRTUAL TABLE territories_search USING fts5(search_key, content='territories', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO territories_search (territories_search) VALUES ('rebuild');
CREATE TRIGGER territories_search_insert AFTER INSERT ON territories BEGIN
  INSERT INTO territories_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER territories_search_delete AFTER DELETE ON territories BEGIN
  INSERT INTO territories_search (territories_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER territories_search_update AFTER UPDATE OF search_key ON territories BEGIN
  INSERT INTO territories_search (territories_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO territories_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE categories_search USING fts5(search_key, content='categories', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO categories_search (categories_search) VALUES ('rebuild');
CREATE TRIGGER categories_search_insert AFTER INSERT ON categories BEGIN
  INSERT INTO categories_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER categories_search_delete AFTER DELETE ON categories BEGIN
  INSERT INTO categories_search (categories_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER categories_search_update AFTER UPDATE OF search_key ON categories BEGIN
  INSERT INTO categories_search (categories_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO categories_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE associations_search USING fts5(search_key, public_search_key, content='associations', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO associations_search (associations_search) VALUES ('rebuild');
CREATE TRIGGER associations_search_insert AFTER INSERT ON associations BEGIN
  INSERT INTO associations_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER associations_search_delete AFTER DELETE ON associations BEGIN
  INSERT INTO associations_search (associations_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER associations_search_update AFTER UPDATE OF search_key, public_search_key ON associations BEGIN
  INSERT INTO associations_search (associations_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO associations_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE documents_search USING fts5(search_key, content='documents', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO documents_search (documents_search) VALUES ('rebuild');
CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_search (documents_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF search_key ON documents BEGIN
  INSERT INTO documents_search (documents_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO documents_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE agreements_search USING fts5(search_key, content='agreements', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO agreements_search (agreements_search) VALUES ('rebuild');
CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
  INSERT INTO agreements_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
  INSERT INTO agreements_search (agreements_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER agreements_search_update AFTER UPDATE OF search_key ON agreements BEGIN
  INSERT INTO agreements_search (agreements_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO agreements_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE institutions_search USING fts5(search_key, public_search_key, content='institutions', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO institutions_search (institutions_search) VALUES ('rebuild');
CREATE TRIGGER institutions_search_insert AFTER INSERT ON institutions BEGIN
  INSERT INTO institutions_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER institutions_search_delete AFTER DELETE ON institutions BEGIN
  INSERT INTO institutions_search (institutions_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER institutions_search_update AFTER UPDATE OF search_key, public_search_key ON institutions BEGIN
  INSERT INTO institutions_search (institutions_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO institutions_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE staff_search USING fts5(search_key, public_search_key, content='staff', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO staff_search (staff_search) VALUES ('rebuild');
CREATE TRIGGER staff_search_insert AFTER INSERT ON staff BEGIN
  INSERT INTO staff_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER staff_search_delete AFTER DELETE ON staff BEGIN
  INSERT INTO staff_search (staff_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER staff_search_update AFTER UPDATE OF search_key, public_search_key ON staff BEGIN
  INSERT INTO staff_search (staff_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO staff_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE users_search USING fts5(search_key, content='users', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO users_search (users_search) VALUES ('rebuild');
CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
  INSERT INTO users_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
  INSERT INTO users_search (users_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER users_search_update AFTER UPDATE OF search_key ON users BEGIN
  INSERT INTO users_search (users_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO users_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE grids_search USING fts5(search_key, content='grids', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO grids_search (grids_search) VALUES ('rebuild');
CREATE TRIGGER grids_search_insert AFTER INSERT ON grids BEGIN
  INSERT INTO grids_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER grids_search_delete AFTER DELETE ON grids BEGIN
  INSERT INTO grids_search (grids_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER grids_search_update AFTER UPDATE OF search_key ON grids BEGIN
  INSERT INTO grids_search (grids_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO grids_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE campaigns_search USING fts5(search_key, content='campaigns', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO campaigns_search (campaigns_search) VALUES ('rebuild');
CREATE TRIGGER campaigns_search_insert AFTER INSERT ON campaigns BEGIN
  INSERT INTO campaigns_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER campaigns_search_delete AFTER DELETE ON campaigns BEGIN
  INSERT INTO campaigns_search (campaigns_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER campaigns_search_update AFTER UPDATE OF search_key ON campaigns BEGIN
  INSERT INTO campaigns_search (campaigns_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO campaigns_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE shortcomings_search USING fts5(search_key, content='shortcomings', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO shortcomings_search (shortcomings_search) VALUES ('rebuild');
CREATE TRIGGER shortcomings_search_insert AFTER INSERT ON shortcomings BEGIN
  INSERT INTO shortcomings_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER shortcomings_search_delete AFTER DELETE ON shortcomings BEGIN
  INSERT INTO shortcomings_search (shortcomings_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER shortcomings_search_update AFTER UPDATE OF search_key ON shortcomings BEGIN
  INSERT INTO shortcomings_search (shortcomings_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO shortcomings_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE equipment_items_search USING fts5(search_key, content='equipment_items', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO equipment_items_search (equipment_items_search) VALUES ('rebuild');
CREATE TRIGGER equipment_items_search_insert AFTER INSERT ON equipment_items BEGIN
  INSERT INTO equipment_items_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER equipment_items_search_delete AFTER DELETE ON equipment_items BEGIN
  INSERT INTO equipment_items_search (equipment_items_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER equipment_items_search_update AFTER UPDATE OF search_key ON equipment_items BEGIN
  INSERT INTO equipment_items_search (equipment_items_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO equipment_items_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE equipment_inventory_search USING fts5(search_key, content='equipment_inventory', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO equipment_inventory_search (equipment_inventory_search) VALUES ('rebuild');
CREATE TRIGGER equipment_inventory_search_insert AFTER INSERT ON equipment_inventory BEGIN
  INSERT INTO equipment_inventory_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER equipment_inventory_search_delete AFTER DELETE ON equipment_inventory BEGIN
  INSERT INTO equipment_inventory_search (equipment_inventory_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER equipment_inventory_search_update AFTER UPDATE OF search_key ON equipment_inventory BEGIN
  INSERT INTO equipment_inventory_search (equipment_inventory_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO equipment_inventory_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE equipment_needs_search USING fts5(search_key, content='equipment_needs', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO equipment_needs_search (equipment_needs_search) VALUES ('rebuild');
CREATE TRIGGER equipment_needs_search_insert AFTER INSERT ON equipment_needs BEGIN
  INSERT INTO equipment_needs_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER equipment_needs_search_delete AFTER DELETE ON equipment_needs BEGIN
  INSERT INTO equipment_needs_search (equipment_needs_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER equipment_needs_search_update AFTER UPDATE OF search_key ON equipment_needs BEGIN
  INSERT INTO equipment_needs_search (equipment_needs_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO equipment_needs_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE trainings_search USING fts5(search_key, public_search_key, content='trainings', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO trainings_search (trainings_search) VALUES ('rebuild');
CREATE TRIGGER trainings_search_insert AFTER INSERT ON trainings BEGIN
  INSERT INTO trainings_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER trainings_search_delete AFTER DELETE ON trainings BEGIN
  INSERT INTO trainings_search (trainings_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER trainings_search_update AFTER UPDATE OF search_key, public_search_key ON trainings BEGIN
  INSERT INTO trainings_search (trainings_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO trainings_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE programmes_search USING fts5(search_key, content='programmes', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO programmes_search (programmes_search) VALUES ('rebuild');
CREATE TRIGGER programmes_search_insert AFTER INSERT ON programmes BEGIN
  INSERT INTO programmes_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER programmes_search_delete AFTER DELETE ON programmes BEGIN
  INSERT INTO programmes_search (programmes_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER programmes_search_update AFTER UPDATE OF search_key ON programmes BEGIN
  INSERT INTO programmes_search (programmes_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO programmes_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE meetings_search USING fts5(search_key, content='meetings', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO meetings_search (meetings_search) VALUES ('rebuild');
CREATE TRIGGER meetings_search_insert AFTER INSERT ON meetings BEGIN
  INSERT INTO meetings_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER meetings_search_delete AFTER DELETE ON meetings BEGIN
  INSERT INTO meetings_search (meetings_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER meetings_search_update AFTER UPDATE OF search_key ON meetings BEGIN
  INSERT INTO meetings_search (meetings_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO meetings_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE participants_search USING fts5(search_key, public_search_key, content='participants', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO participants_search (participants_search) VALUES ('rebuild');
CREATE TRIGGER participants_search_insert AFTER INSERT ON participants BEGIN
  INSERT INTO participants_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER participants_search_delete AFTER DELETE ON participants BEGIN
  INSERT INTO participants_search (participants_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER participants_search_update AFTER UPDATE OF search_key, public_search_key ON participants BEGIN
  INSERT INTO participants_search (participants_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO participants_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE recommendations_search USING fts5(search_key, content='recommendations', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO recommendations_search (recommendations_search) VALUES ('rebuild');
CREATE TRIGGER recommendations_search_insert AFTER INSERT ON recommendations BEGIN
  INSERT INTO recommendations_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER recommendations_search_delete AFTER DELETE ON recommendations BEGIN
  INSERT INTO recommendations_search (recommendations_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER recommendations_search_update AFTER UPDATE OF search_key ON recommendations BEGIN
  INSERT INTO recommendations_search (recommendations_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO recommendations_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE actions_search USING fts5(search_key, content='actions', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO actions_search (actions_search) VALUES ('rebuild');
CREATE TRIGGER actions_search_insert AFTER INSERT ON actions BEGIN
  INSERT INTO actions_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER actions_search_delete AFTER DELETE ON actions BEGIN
  INSERT INTO actions_search (actions_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER actions_search_update AFTER UPDATE OF search_key ON actions BEGIN
  INSERT INTO actions_search (actions_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO actions_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE grants_search USING fts5(search_key, content='grants', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO grants_search (grants_search) VALUES ('rebuild');
CREATE TRIGGER grants_search_insert AFTER INSERT ON grants BEGIN
  INSERT INTO grants_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER grants_search_delete AFTER DELETE ON grants BEGIN
  INSERT INTO grants_search (grants_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER grants_search_update AFTER UPDATE OF search_key ON grants BEGIN
  INSERT INTO grants_search (grants_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO grants_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE funding_lines_search USING fts5(search_key, content='funding_lines', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO funding_lines_search (funding_lines_search) VALUES ('rebuild');
CREATE TRIGGER funding_lines_search_insert AFTER INSERT ON funding_lines BEGIN
  INSERT INTO funding_lines_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER funding_lines_search_delete AFTER DELETE ON funding_lines BEGIN
  INSERT INTO funding_lines_search (funding_lines_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER funding_lines_search_update AFTER UPDATE OF search_key ON funding_lines BEGIN
  INSERT INTO funding_lines_search (funding_lines_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO funding_lines_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE monthly_statistics_search USING fts5(search_key, content='monthly_statistics', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO monthly_statistics_search (monthly_statistics_search) VALUES ('rebuild');
CREATE TRIGGER monthly_statistics_search_insert AFTER INSERT ON monthly_statistics BEGIN
  INSERT INTO monthly_statistics_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER monthly_statistics_search_delete AFTER DELETE ON monthly_statistics BEGIN
  INSERT INTO monthly_statistics_search (monthly_statistics_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER monthly_statistics_search_update AFTER UPDATE OF search_key ON monthly_statistics BEGIN
  INSERT INTO monthly_statistics_search (monthly_statistics_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO monthly_statistics_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE service_items_search USING fts5(search_key, content='service_items', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO service_items_search (service_items_search) VALUES ('rebuild');
CREATE TRIGGER service_items_search_insert AFTER INSERT ON service_items BEGIN
  INSERT INTO service_items_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER service_items_search_delete AFTER DELETE ON service_items BEGIN
  INSERT INTO service_items_search (service_items_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER service_items_search_update AFTER UPDATE OF search_key ON service_items BEGIN
  INSERT INTO service_items_search (service_items_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO service_items_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE institution_services_search USING fts5(search_key, content='institution_services', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO institution_services_search (institution_services_search) VALUES ('rebuild');
CREATE TRIGGER institution_services_search_insert AFTER INSERT ON institution_services BEGIN
  INSERT INTO institution_services_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER institution_services_search_delete AFTER DELETE ON institution_services BEGIN
  INSERT INTO institution_services_search (institution_services_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER institution_services_search_update AFTER UPDATE OF search_key ON institution_services BEGIN
  INSERT INTO institution_services_search (institution_services_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO institution_services_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE activities_search USING fts5(search_key, content='activities', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO activities_search (activities_search) VALUES ('rebuild');
CREATE TRIGGER activities_search_insert AFTER INSERT ON activities BEGIN
  INSERT INTO activities_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER activities_search_delete AFTER DELETE ON activities BEGIN
  INSERT INTO activities_search (activities_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER activities_search_update AFTER UPDATE OF search_key ON activities BEGIN
  INSERT INTO activities_search (activities_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO activities_search (rowid, search_key) VALUES (new.id, new.search_key);
END;

CREATE VIRTUAL TABLE beneficiaries_search USING fts5(search_key, public_search_key, content='beneficiaries', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO beneficiaries_search (beneficiaries_search) VALUES ('rebuild');
CREATE TRIGGER beneficiaries_search_insert AFTER INSERT ON beneficiaries BEGIN
  INSERT INTO beneficiaries_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;
CREATE TRIGGER beneficiaries_search_delete AFTER DELETE ON beneficiaries BEGIN
  INSERT INTO beneficiaries_search (beneficiaries_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
END;
CREATE TRIGGER beneficiaries_search_update AFTER UPDATE OF search_key, public_search_key ON beneficiaries BEGIN
  INSERT INTO beneficiaries_search (beneficiaries_search, rowid, search_key, public_search_key) VALUES ('delete', old.id, old.search_key, old.public_search_key);
  INSERT INTO beneficiaries_search (rowid, search_key, public_search_key) VALUES (new.id, new.search_key, new.public_search_key);
END;

CREATE VIRTUAL TABLE beneficiary_years_search USING fts5(search_key, content='beneficiary_years', content_rowid='id',
  tokenize='trigram case_sensitive 1');
INSERT INTO beneficiary_years_search (beneficiary_years_search) VALUES ('rebuild');
CREATE TRIGGER beneficiary_years_search_insert AFTER INSERT ON beneficiary_years BEGIN
  INSERT INTO beneficiary_years_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
CREATE TRIGGER beneficiary_years_search_delete AFTER DELETE ON beneficiary_years BEGIN
  INSERT INTO beneficiary_years_search (beneficiary_years_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
END;
CREATE TRIGGER beneficiary_years_search_update AFTER UPDATE OF search_key ON beneficiary_years BEGIN
  INSERT INTO beneficiary_years_search (beneficiary_years_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
  INSERT INTO beneficiary_years_search (rowid, search_key) VALUES (new.id, new.search_key);
END;
