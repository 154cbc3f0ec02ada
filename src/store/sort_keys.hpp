#pragma once

#include "domain/schema.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace riaya::store {

// The text fields a list of `spec` may be sorted by (EntitySpec::sortable; sealed ones never
// are): each has its sort key (domain::sort_key) stored beside it in the column
// "<field>_sort", with an index on (key, id) over the live rows (migration 0025), and a list
// sorted by the field is ordered by that column.
std::vector<std::string_view> sorted_text_fields(const domain::EntitySpec& spec);

// {"<field>_sort": domain::sort_key(value), or null when the value is not a string} for each of
// sorted_text_fields(spec): the columns every write of such a field stores beside it.
nlohmann::json sort_key_columns(const domain::EntitySpec& spec, const nlohmann::json& values);

// Fills the sort keys where they are NULL and their field is not: the rows stored before
// migration 0025. Run at startup, after the migrations; one transaction a resource.
void fill_sort_keys(Database& db);

}  // namespace riaya::store
