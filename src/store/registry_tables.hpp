#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace riaya::store {

// How a registry resource (domain/registry.cpp), or another scoped table (the audit log), is
// stored and scoped. The alias of the resource's own table is always `r`. The FROM clauses and
// scope fields are read by store/scoped_select.cpp only: every other store file reads a scoped
// table through store::scoped_select (tests/unit/scoped_select_test.cpp checks it).
struct TableSpec {
  std::string_view resource;
  std::string_view from;             // FROM clause with the joins the other columns need
  std::string_view count_from;       // the joins scope and filters need (for COUNT); empty: `from`
  std::string_view display_columns;  // extra read-only columns, e.g. "a.name_ar AS association_name_ar"
  std::string_view territory_path;   // SQL giving the record's territory path; empty: not territorial
  std::string_view association_id;   // SQL giving the record's association; empty: none
  bool reference_data = false;       // readable by every scope; written only within a territory scope
  // Owned by a territory (column r.territory_id; NULL: a default, kept by the country-wide
  // admin), scoped by store::territory_owned_scope, codes unique among what a caller reads.
  bool territory_owned = false;
  // For the `assessor` role, a further condition on :caller_user (the user's id): the
  // records their assignments reach. Empty: none.
  std::string_view assessor_condition = {};
  // For a caller scoped to an association, the condition on :scope_association that replaces
  // `association_id = :scope_association`, for records an association reaches without owning
  // them (the campaigns of its territory, a training its staff attended). Empty: that comparison.
  std::string_view association_condition = {};
  // For a caller scoped to a territory, the condition on :scope_path (the territory's path
  // and '%') that replaces `territory_path LIKE :scope_path`; "{path}" in it stands for that
  // comparison, written as for any table (for the whole country, one no index serves: see
  // path_in_scope in store/scoped_select.cpp). Empty: that comparison.
  std::string_view territory_condition = {};
  // For the `association` role, a further condition: what it may see of the records its
  // scope reaches (the assessments of others once validated). Empty: all of them.
  std::string_view association_sees = {};
  // filter name → SQL condition using the parameter :<filter name>
  std::vector<std::pair<std::string_view, std::string_view>> filters = {};
  // Display columns computed by SQL (SUM, COUNT, subqueries) to read as integers. Display
  // columns may use :today (the date of the request).
  std::vector<std::string> integer_columns = {};

  // Rules beyond the spec's, checked in the write's transaction before the record is
  // stored; may complete `values` (e.g. progress 100 when done). `before` is the stored
  // record on an update, null on a create.
  domain::Result<void> (*check)(soci::session&, const Caller&, nlohmann::json& values,
                                const nlohmann::json* before) = nullptr;
  // Columns stored beside the fields, computed from the values of every create and update
  // ({"column": value}: the folded name duplicates are found by). Null: none.
  nlohmann::json (*derived_columns)(const nlohmann::json& values) = nullptr;
  // What a stored create or update entails elsewhere, in the same transaction.
  void (*after_write)(soci::session&, const Caller&, const nlohmann::json& record) = nullptr;
  // Fields computed from a record as read (a funding gap, whether it is overdue).
  void (*complete)(nlohmann::json& record) = nullptr;
  // The reference field whose record's scope is this record's, and nothing else: the table is
  // "<resource> r JOIN institutions i ON i.id = r.<field> JOIN territories c ON c.id =
  // i.commune_id …" scoped by c.path and i.association_id alone (tests/unit/scoped_select_test.cpp
  // checks the shape), so a record whose institution lies in the caller's write scope lies there
  // too. Within an InsertBatch (an import), insert_record takes that as the proof of a new
  // record's scope, the reference having been found in the caller's write scope, instead of
  // reading the record back; `after_write` then receives the record's fields and id. Empty: none.
  std::string_view scope_reference = {};
};

// The table spec of `resource`; nullptr when it is not a registry resource or "audit_log".
const TableSpec* find_table(std::string_view resource);
// Every table spec.
std::span<const TableSpec> all_tables();

// The data tables a read of `resource` through store::scoped_select names (after FROM or JOIN in
// its SQL: its joins, scope conditions, filters and display columns), `resource` included: what a
// cached answer of it declares it reads (api::cached_read).
Tables read_tables(std::string_view resource);
// The union of read_tables(r) for each of `resources` (a name that is no scoped resource stands
// for itself): what a cached answer reading them declares.
Tables read_tables(std::initializer_list<std::string_view> resources);

}  // namespace riaya::store
