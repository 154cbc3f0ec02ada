#pragma once

#include "domain/error.hpp"
#include "domain/schema.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"
#include "store/scoped_select.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace riaya::store {

// A page of a list, as the API asks for it. Filters are already checked for shape
// (ids are integers, choices are known values) by the caller.
struct ListRequest {
  std::string q;                                  // free text, folded with domain::search_key; every word must match
  std::map<std::string, nlohmann::json> filters;  // name → value, names from EntitySpec::filters
  std::string sort;                               // a sortable field; empty: the spec's default
  bool descending = false;
  int page = 1;
  int page_size = 50;
  bool archived = false;  // include archived records
};

// Generic create / read / update / archive for the registry resources (domain/registry.cpp).
// Every query is limited to the caller's scope; records outside it are "not found".
// Every write is one transaction with its audit entry. Fields a caller's role may not see
// (FieldSpec::personal for a viewer) are left out of what is returned.

// {"items": [...], "total": N, "page": p, "page_size": s}: one COUNT and one page query.
nlohmann::json list_records(Database& db, const domain::EntitySpec& spec, const Caller& caller,
                            const ListRequest& request);

// The read-only columns the list of registry resource `resource` answers beside its fields
// (e.g. the funded and gap amounts of actions), as SQL on the aliases of its scoped_select.
std::string display_columns(std::string_view resource);

// Every record the list `request` asks for, whatever its page, in its order, as the list
// answers them (a beneficiary's school years in the file of an access request), read with
// Query::scan. `visit` runs inside the read.
void each_listed_record(Database& db, const domain::EntitySpec& spec, const Caller& caller, const ListRequest& request,
                        const std::function<void(nlohmann::json&&)>& visit);

// One record of a list as the database hands it over, without JSON, for reads of any size
// (exports): the values the list answers, found by position. Positions are the same for every
// record of one read: find them once (position()). The columns read come first, then the
// fields the table computes from them (a funding gap, computed as the list computes it).
class ListedRow {
 public:
  struct Read;  // what the records of one read share (store/records.cpp)
  ListedRow(const soci::row& row, Read& read) : row_(row), read_(read) {}

  // Where the value `name` (a column or a computed field) is in every record of the read.
  std::optional<std::size_t> position(std::string_view name) const;
  bool is_null(std::size_t at) const;
  // The value as an integer (an id, a count, an amount in centimes); 0 when null.
  long long integer(std::size_t at) const;
  // The value as the list writes it into `text`: a sealed field opened (empty when it does not
  // open), a date as "YYYY-MM-DD", a number as JSON writes it; empty when null.
  void text(std::size_t at, std::string& text) const;

 private:
  // The computed field at `at` (past the columns), computed for this record when first asked.
  const nlohmann::json& computed(std::size_t at) const;

  const soci::row& row_;
  Read& read_;
};

// each_listed_record() without JSON, for exports (api/list_export.cpp): the same records in the
// same order, read with Query::scan_rows. `visit` runs inside the read.
void each_listed_row(Database& db, const domain::EntitySpec& spec, const Caller& caller, const ListRequest& request,
                     const std::function<void(const ListedRow&)>& visit);

// The record, or NotFound when it does not exist or lies outside the scope.
domain::Result<nlohmann::json> get_record(Database& db, const domain::EntitySpec& spec, const Caller& caller,
                                          long long id);

// Validates `body`, checks references exist within the scope and unique fields are free,
// inserts, audits. Errors: the validation errors, InvalidReference, Duplicate, Forbidden
// (the new record would lie outside the caller's scope).
// `stored_columns` adds columns that are not fields of the spec (a user's password hash):
// they are written but never read back through these functions.
domain::Result<nlohmann::json> create_record(Database& db, const domain::EntitySpec& spec, const Caller& caller,
                                             const nlohmann::json& body,
                                             const nlohmann::json& stored_columns = nlohmann::json::object());

// create_record's work inside the caller's transaction, on values already validated
// (domain::validate_input): for writes that create records as part of a larger change.
domain::Result<nlohmann::json> insert_record(soci::session& session, const domain::EntitySpec& spec,
                                             const Caller& caller, nlohmann::json values,
                                             const nlohmann::json& stored_columns = nlohmann::json::object());

// Many creates in one transaction (an import), while the batch lives on this thread:
// insert_record checks and stores each record exactly as it does alone, with three savings. A
// reference it found in the caller's scope (or a record it created, which it read back in the
// caller's write scope) is not looked up again; what a TableSpec::check reads through read_once
// (the institution a beneficiary joins) is read once; and the records are not audited one by
// one: created() names them for the one entry the batch's writer makes. For one transaction on
// one thread; batches do not nest.
class InsertBatch {
 public:
  InsertBatch();
  ~InsertBatch();
  InsertBatch(const InsertBatch&) = delete;
  InsertBatch& operator=(const InsertBatch&) = delete;

  // The ids of the records created, by resource, in the order created.
  const std::map<std::string, std::vector<long long>>& created() const { return created_; }

 private:
  friend class InsertBatchAccess;
  std::unordered_set<std::string> found_;                       // "resource level id" of references in scope
  std::map<std::string, std::optional<nlohmann::json>> reads_;  // read_once's answers by key
  std::map<std::string, std::vector<long long>> created_;
};

// Within an InsertBatch on this thread, `read`'s answer for `key` as first read in the batch;
// else `read()`. Only for what the batch's own writes cannot change.
std::optional<nlohmann::json> read_once(const std::string& key,
                                        const std::function<std::optional<nlohmann::json>()>& read);

// Replaces the editable fields of record `id`. `body.version` must be the stored version:
// otherwise Conflict with detail {"current": record}. Archived records cannot be edited
// (Conflict). Other errors as create_record, and NotFound.
domain::Result<nlohmann::json> update_record(Database& db, const domain::EntitySpec& spec, const Caller& caller,
                                             long long id, const nlohmann::json& body);

// Archives record `id` (body: {"version": n}); errors as update_record.
domain::Result<nlohmann::json> archive_record(Database& db, const domain::EntitySpec& spec, const Caller& caller,
                                              long long id, const nlohmann::json& body);

// Within a write transaction (Database::write): record `id` as stored, read locked for the
// change (ScopeUse::Change), when the caller's scope reaches it for a change, it is live and
// it is still at `version`; NotFound, or Conflict with detail {"current": record}, otherwise.
// What update_record checks first, for stores that change the parts of a record (a training's
// participants) under the same rules.
domain::Result<nlohmann::json> record_for_change(soci::session& session, const domain::EntitySpec& spec,
                                                 const Caller& caller, long long id, long long version);

// Within the same transaction, after such a change: raises the record's version from
// `version` and its updated_at, writes the audit entry `action` with `before` and `after` (the
// parts that changed) in the record's scope, and answers the record as the caller may see it;
// Conflict with the current record when the record is no longer at `version`.
domain::Result<nlohmann::json> record_changed(soci::session& session, const domain::EntitySpec& spec,
                                              const Caller& caller, long long id, long long version,
                                              const std::string& action, nlohmann::json before, nlohmann::json after);

// Writes the audit entry of a read ("read") or an export ("export") of named records of `spec`
// (EntitySpec::named) by the caller, in a transaction of its own: entity `spec.entity`, the id
// when there is one record, and {"ids": [...]} after, scoped to the caller's scope. Nothing
// when `ids` is empty (nothing named was shown).
void audit_named(Database& db, const domain::EntitySpec& spec, const Caller& caller, std::string_view action,
                 const std::vector<long long>& ids, nlohmann::json detail = nlohmann::json::object());

// Fills public_search_key (the search key without personal fields) where it is NULL: in the
// rows stored before it existed (migration 0010). Run at startup, after the migrations.
void fill_public_search_keys(Database& db);

}  // namespace riaya::store
