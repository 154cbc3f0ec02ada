#include "store/sort_keys.hpp"

#include "domain/sort_key.hpp"
#include "store/query.hpp"

namespace riaya::store {

using nlohmann::json;

std::vector<std::string_view> sorted_text_fields(const domain::EntitySpec& spec) {
  std::vector<std::string_view> names;
  for (const auto& name : spec.sortable)
    if (const auto* field = spec.field(name); field && field->type == domain::FieldType::Text && !field->sealed)
      names.push_back(name);
  return names;
}

json sort_key_columns(const domain::EntitySpec& spec, const json& values) {
  json columns = json::object();
  for (const auto name : sorted_text_fields(spec)) {
    const auto value = values.find(std::string(name));
    columns[std::string(name) + "_sort"] =
        value != values.end() && value->is_string() ? json(domain::sort_key(value->get<std::string>())) : json();
  }
  return columns;
}

void fill_sort_keys(Database& db) {
  for (const auto& spec : domain::registry_specs()) {
    const auto fields = sorted_text_fields(spec);
    if (fields.empty()) continue;
    std::string columns = "id", missing;
    for (const auto name : fields) {
      columns += ", " + std::string(name);
      missing += std::string(missing.empty() ? "" : " OR ") + "(" + std::string(name) + "_sort IS NULL AND " +
                 std::string(name) + " IS NOT NULL)";
    }
    const Query missing_keys("SELECT " + columns + " FROM " + std::string(spec.resource) + " WHERE " + missing);
    // Read first: a database whose keys are all there is not written to (nor its table versions renewed).
    if (db.read([&](soci::session& session) { return !missing_keys.first(session).has_value(); })) continue;
    db.write([&](soci::session& session) -> domain::Result<void> {
      const auto rows = missing_keys.rows(session);
      std::string assignments;
      for (const auto name : fields)
        assignments += std::string(assignments.empty() ? "" : ", ") + std::string(name) +
                       "_sort = :" + std::string(name) + "_sort";
      const std::string update = "UPDATE " + std::string(spec.resource) + " SET " + assignments + " WHERE id = :id";
      for (const auto& row : rows) {
        Query query(update);
        const auto keys = sort_key_columns(spec, row);
        for (auto key = keys.begin(); key != keys.end(); ++key) query.bind(key.key(), *key);
        query.bind("id", row.at("id")).execute(session);
      }
      return {};
    });
  }
}

}  // namespace riaya::store
