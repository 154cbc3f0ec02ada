#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace riaya::store {

// How a registry resource (domain/registry.cpp) is stored and scoped. The alias of the
// resource's own table is always `r`.
struct TableSpec {
  std::string_view resource;
  std::string_view from;             // FROM clause with the joins the other columns need
  std::string_view count_from;       // the joins scope and filters need (for COUNT); empty: `from`
  std::string_view display_columns;  // extra read-only columns, e.g. "a.name_ar AS association_name_ar"
  std::string_view territory_path;   // SQL giving the record's territory path; empty: not territorial
  std::string_view association_id;   // SQL giving the record's association; empty: none
  bool reference_data = false;       // readable by every scope; written only within a territory scope
  // For the `assessor` role, a further condition on :caller_user (the user's id): the
  // records their assignments reach. Empty: none.
  std::string_view assessor_condition = {};
  // For the `association` role, the condition on :scope_association that replaces
  // `association_id = :scope_association`, for records an association reaches without owning
  // them (a training its staff attended). Empty: that comparison.
  std::string_view association_condition = {};
  // Display columns that SQL computes as integers (COUNT, a product): read as numbers on
  // both backends (store::Query::integers).
  std::vector<std::string> integer_columns = {};
  // filter name → SQL condition using the parameter :<filter name>
  std::vector<std::pair<std::string_view, std::string_view>> filters = {};
};

// The table spec of `resource`; nullptr when it is not a registry resource.
const TableSpec* find_table(std::string_view resource);

}  // namespace riaya::store
