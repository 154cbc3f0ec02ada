#pragma once

// Imports from CSV and XLSX (docs/API.md, "Imports"): a file's rows made into records of the
// registry through the resources' own validation, scope checks and audit, all or nothing; and
// the column mapping each user last chose per import.

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "io/import_kinds.hpp"
#include "io/xlsx_reader.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace riaya::store {

enum class ImportMode {
  DryRun,  // check every row as the commit would, inside a transaction that is rolled back
  Commit,  // write every row, or nothing at all
};

struct ImportRequest {
  const io::ImportKind& kind;
  long long institution_id = 0;  // the institution the rows belong to (io::ImportParent::Institution)
  long long province_id = 0;     // the province the rows belong to (io::ImportParent::Province)
  std::string file_name;
  nlohmann::json mapping;  // {"header": "field" or null}, io::check_mapping'd
  ImportMode mode = ImportMode::DryRun;
  domain::Language language = domain::Language::Arabic;  // of the problems' messages
  // Called after each data row with (rows done, rows in all); may be empty.
  std::function<void(std::size_t, std::size_t)> progress = {};
};

// Reads the rows of `sheet` below its first row holding something (the headers) as records of
// `request.kind`'s resource (and child resource) for institution `request.institution_id`, each row through the
// resource's own rules exactly as a single create would meet them (domain::validate_input, store::insert_record:
// references in the caller's write scope, the resource's checks), in one transaction.
//
// Answers {"kind", "file_name", "sheet", "rows": data rows holding something, "created": n,
// "dry_run": bool, "problems": [...]}: on DryRun, always (nothing is written; "created" counts the
// rows that would be); on Commit when no row has a problem, the records then written (through
// an InsertBatch), audited as one operation: one "import" entry naming the kind, the file name,
// the count and the ids of the records created, by resource ({"ids": {"beneficiaries": [...]}}). Every bad cell and
// every duplicate is a problem {"sheet", "row" (as the spreadsheet numbers it), "column" (the file's header, "" when
// the field has no column), "field", "value", "code", "message" (in request.language)}; duplicates are two rows naming
// the same record (ImportKind::same_record: "duplicate_in_file", naming the first row), or, for the register, a row
// matching a live beneficiary in the caller's scope
// ("duplicate_in_database", that record audited as read), or a row naming a live record the caller's writes reach
// by one of ImportKind::known_by (an association imported again: "duplicate_in_database"); a record the resource
// itself finds taken (a month already reported, a commune's or an institution's code) is its own "duplicate".
//
// A cell naming a record by words (a commune, an association, a category) is read as the record
// of that name or code the caller's writes may reference (store::ReferenceNames); a school
// result's pupil is found in the institution's register (store::PupilIndex). The request's
// institution or province (ImportKind::parent) fills ImportKind::parent_field of every record;
// ImportKind::defaults fill the fields a row leaves blank.
//
// Errors: ImportRejected on "file" with detail {"problems": [...], "rows": n} when a row of a
// Commit has a problem (nothing written); Required on "mapping" with detail {"missing":
// [fields]} when a required field has no column (for school results: neither the identity
// number nor the name and birth date); InvalidReference on "institution_id" (or
// "province_id") when the institution (the province) is not in the caller's write scope; NoRegister (beneficiaries) or
// RegisterKept (monthly statistics) on "institution_id" when the resource refuses the institution itself;
// ImportRejected with reason "no_rows" when the sheet has headers only.
domain::Result<nlohmann::json> run_import(Database& db, const Caller& caller, const io::Sheet& sheet,
                                          const ImportRequest& request);

// The mapping the caller chose last for import `kind` ({} when none, or for the command line).
nlohmann::json remembered_mapping(Database& db, const Caller& caller, std::string_view kind);

// Remembers `mapping` as the caller's for import `kind` (replacing the last one), audited
// ("update", entity "import_mapping"). Errors: io::check_mapping's.
domain::Result<nlohmann::json> remember_mapping(Database& db, const Caller& caller, const io::ImportKind& kind,
                                                const nlohmann::json& mapping);

}  // namespace riaya::store
