-- Lists ordered by a name without sorting every row (issue 12): beside each text field a list
-- may be sorted by, its ICU sort key under the Arabic collator (domain::sort_key: hex text whose
-- byte order is the collation's), written by every write that writes the field, and an index on
-- (key, id) over the live rows, so that a page walks the index in order and stops after its
-- rows. The keys of the rows already stored are filled at startup (store::fill_sort_keys): SQL
-- has no ICU sort key of its own. Then indexes for the other orders and the scopes of the large
-- tables (below).

ALTER TABLE territories ADD COLUMN code_sort TEXT;
ALTER TABLE territories ADD COLUMN name_ar_sort TEXT;
ALTER TABLE territories ADD COLUMN name_fr_sort TEXT;
CREATE INDEX territories_code_sort ON territories (code_sort, id) WHERE archived_at IS NULL;
CREATE INDEX territories_name_ar_sort ON territories (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX territories_name_fr_sort ON territories (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE categories ADD COLUMN code_sort TEXT;
ALTER TABLE categories ADD COLUMN name_ar_sort TEXT;
ALTER TABLE categories ADD COLUMN name_fr_sort TEXT;
CREATE INDEX categories_code_sort ON categories (code_sort, id) WHERE archived_at IS NULL;
CREATE INDEX categories_name_ar_sort ON categories (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX categories_name_fr_sort ON categories (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE associations ADD COLUMN name_ar_sort TEXT;
ALTER TABLE associations ADD COLUMN name_fr_sort TEXT;
CREATE INDEX associations_name_ar_sort ON associations (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX associations_name_fr_sort ON associations (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE institutions ADD COLUMN code_sort TEXT;
ALTER TABLE institutions ADD COLUMN name_ar_sort TEXT;
ALTER TABLE institutions ADD COLUMN name_fr_sort TEXT;
CREATE INDEX institutions_code_sort ON institutions (code_sort, id) WHERE archived_at IS NULL;
CREATE INDEX institutions_name_ar_sort ON institutions (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX institutions_name_fr_sort ON institutions (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE staff ADD COLUMN full_name_sort TEXT;
ALTER TABLE staff ADD COLUMN function_sort TEXT;
CREATE INDEX staff_full_name_sort ON staff (full_name_sort, id) WHERE archived_at IS NULL;
CREATE INDEX staff_function_sort ON staff (function_sort, id) WHERE archived_at IS NULL;

ALTER TABLE equipment_items ADD COLUMN code_sort TEXT;
ALTER TABLE equipment_items ADD COLUMN name_ar_sort TEXT;
ALTER TABLE equipment_items ADD COLUMN name_fr_sort TEXT;
CREATE INDEX equipment_items_code_sort ON equipment_items (code_sort, id) WHERE archived_at IS NULL;
CREATE INDEX equipment_items_name_ar_sort ON equipment_items (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX equipment_items_name_fr_sort ON equipment_items (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE trainings ADD COLUMN topic_sort TEXT;
CREATE INDEX trainings_topic_sort ON trainings (topic_sort, id) WHERE archived_at IS NULL;

ALTER TABLE campaigns ADD COLUMN name_ar_sort TEXT;
ALTER TABLE campaigns ADD COLUMN name_fr_sort TEXT;
CREATE INDEX campaigns_name_ar_sort ON campaigns (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX campaigns_name_fr_sort ON campaigns (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE shortcomings ADD COLUMN criterion_code_sort TEXT;
CREATE INDEX shortcomings_criterion_code_sort ON shortcomings (criterion_code_sort, id) WHERE archived_at IS NULL;

ALTER TABLE programmes ADD COLUMN name_ar_sort TEXT;
CREATE INDEX programmes_name_ar_sort ON programmes (name_ar_sort, id) WHERE archived_at IS NULL;

ALTER TABLE actions ADD COLUMN title_ar_sort TEXT;
CREATE INDEX actions_title_ar_sort ON actions (title_ar_sort, id) WHERE archived_at IS NULL;

ALTER TABLE meetings ADD COLUMN title_ar_sort TEXT;
CREATE INDEX meetings_title_ar_sort ON meetings (title_ar_sort, id) WHERE archived_at IS NULL;

ALTER TABLE participants ADD COLUMN full_name_sort TEXT;
CREATE INDEX participants_full_name_sort ON participants (full_name_sort, id) WHERE archived_at IS NULL;

ALTER TABLE monthly_statistics ADD COLUMN month_sort TEXT;
CREATE INDEX monthly_statistics_month_sort ON monthly_statistics (month_sort, id) WHERE archived_at IS NULL;

ALTER TABLE service_items ADD COLUMN code_sort TEXT;
ALTER TABLE service_items ADD COLUMN name_ar_sort TEXT;
ALTER TABLE service_items ADD COLUMN name_fr_sort TEXT;
CREATE INDEX service_items_code_sort ON service_items (code_sort, id) WHERE archived_at IS NULL;
CREATE INDEX service_items_name_ar_sort ON service_items (name_ar_sort, id) WHERE archived_at IS NULL;
CREATE INDEX service_items_name_fr_sort ON service_items (name_fr_sort, id) WHERE archived_at IS NULL;

ALTER TABLE activities ADD COLUMN title_sort TEXT;
CREATE INDEX activities_title_sort ON activities (title_sort, id) WHERE archived_at IS NULL;

ALTER TABLE beneficiaries ADD COLUMN full_name_ar_sort TEXT;
CREATE INDEX beneficiaries_full_name_ar_sort ON beneficiaries (full_name_ar_sort, id) WHERE archived_at IS NULL;

ALTER TABLE beneficiary_years ADD COLUMN school_year_sort TEXT;
CREATE INDEX beneficiary_years_school_year_sort ON beneficiary_years (school_year_sort, id) WHERE archived_at IS NULL;

ALTER TABLE users ADD COLUMN username_sort TEXT;
ALTER TABLE users ADD COLUMN display_name_sort TEXT;
CREATE INDEX users_username_sort ON users (username_sort, id) WHERE archived_at IS NULL;
CREATE INDEX users_display_name_sort ON users (display_name_sort, id) WHERE archived_at IS NULL;

-- The other columns the lists of the large registers may be sorted by, for the same walk.
CREATE INDEX institutions_category_order ON institutions (category, id) WHERE archived_at IS NULL;
CREATE INDEX institutions_capacity_order ON institutions (capacity, id) WHERE archived_at IS NULL;
CREATE INDEX institutions_opening_date_order ON institutions (opening_date, id) WHERE archived_at IS NULL;
CREATE INDEX institutions_updated_at_order ON institutions (updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX associations_registration_date_order ON associations (registration_date, id) WHERE archived_at IS NULL;
CREATE INDEX associations_updated_at_order ON associations (updated_at, id) WHERE archived_at IS NULL;
CREATE INDEX staff_start_date_order ON staff (start_date, id) WHERE archived_at IS NULL;
CREATE INDEX beneficiaries_admission_date_order ON beneficiaries (admission_date, id) WHERE archived_at IS NULL;
CREATE INDEX beneficiaries_birth_date_order ON beneficiaries (birth_date, id) WHERE archived_at IS NULL;
CREATE INDEX beneficiaries_exit_date_order ON beneficiaries (exit_date, id) WHERE archived_at IS NULL;
CREATE INDEX beneficiaries_updated_at_order ON beneficiaries (updated_at, id) WHERE archived_at IS NULL;

-- A caller's scope, `c.path LIKE '/1/4/%'`: SQLite's LIKE ignores case, so only an index with
-- NOCASE serves it (the paths are digits and slashes): a province's lists start from its
-- communes instead of reading every institution of the country.
CREATE INDEX territories_path_prefix ON territories (path COLLATE NOCASE);

-- The audit log in a territory's scope (store::list_audit), `r.scope_path LIKE '/1/4/%'`, by the
-- same kind of index: a province's count of its entries reads them, not the country's.
CREATE INDEX audit_scope_path ON audit_log (scope_path COLLATE NOCASE);
