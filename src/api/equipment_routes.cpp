// The consolidated equipment needs, and their export. The catalogue, inventories and needs
// themselves are registry resources (registry_routes.cpp).
#include "api/list_export.hpp"
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/messages.hpp"
#include "domain/schema.hpp"
#include "store/equipment.hpp"
#include "store/registry_tables.hpp"

#include <algorithm>

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using domain::Language;
using nlohmann::json;

bool is_choice(std::string_view resource, std::string_view field, const std::string& value) {
  const auto& choices = domain::find_spec(resource)->field(field)->choices;
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

// territory_id, category, priority, status.
domain::Result<std::map<std::string, json>> parse_needs_filters(const std::map<std::string, std::string>& query) {
  std::map<std::string, json> filters;
  for (const auto& [name, value] : query) {
    if (value.empty()) continue;
    if (name == "territory_id") {
      auto id = positive_integer(name, value);
      if (!id) return std::unexpected(id.error());
      filters[name] = *id;
    } else if ((name == "category" && is_choice("equipment_items", name, value)) ||
               ((name == "priority" || name == "status") && is_choice("equipment_needs", name, value))) {
      filters[name] = value;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  return filters;
}

// The consolidated list (store::consolidated_needs, one row per catalogue item) as a file in
// `choice`'s format and language, its totals last.
ListFile needs_file(json list, const FileChoice& choice) {
  const auto language = choice.language;
  const auto label = [language](std::string_view field) { return domain::field_label(field, language); };
  return table_file("consolidated-needs", label("consolidated_needs"), choice,
                    {{label("code"), io::ColumnKind::Text, 16},
                     {label("item_id"), io::ColumnKind::Text, 36},
                     {label("category"), io::ColumnKind::Text, 24},
                     {label("unit"), io::ColumnKind::Text, 10},
                     {label("quantity"), io::ColumnKind::Integer, 12},
                     {label("institutions"), io::ColumnKind::Integer, 14},
                     {label("total_centimes"), io::ColumnKind::Centimes, 22}},
                    [list = std::move(list), language, label](io::TableFile& table) {
                      for (const auto& item : list["items"]) {
                        const auto& french = item["item_name_fr"];
                        const auto name =
                            language == Language::Arabic || !french.is_string() ? item["item_name_ar"] : french;
                        table.row({item["item_code"].get<std::string>(), name.get<std::string>(),
                                   domain::choice_label("category", item["item_category"].get<std::string>(), language),
                                   domain::choice_label("unit", item["item_unit"].get<std::string>(), language),
                                   item["quantity"].get<long long>(), item["institutions"].get<long long>(),
                                   item["total_centimes"].get<long long>()});
                      }
                      const auto& totals = list["totals"];
                      table.totals({label("total"),
                                    {},
                                    {},
                                    {},
                                    {},
                                    totals["institutions"].get<long long>(),
                                    totals["total_centimes"].get<long long>()});
                    });
}

}  // namespace

std::vector<Route> equipment_routes() {
  return {
      {"GET", "/api/consolidated_needs", Access::SignedIn, "consolidated_needs", Action::Read,
       "Equipment needs in scope summed by item (filters: territory_id, category, priority, status)",
       [](Context& c) -> domain::Result<http::Response> {
         auto filters = parse_needs_filters(c.request.query);
         if (!filters) return std::unexpected(filters.error());
         static const auto tables = store::read_tables({"equipment_needs", "equipment_items"});
         return cached_read(c, tables, [&]() -> domain::Result<json> {
           return store::consolidated_needs(c.db, c.caller(), *filters);
         });
       }},
      {"GET", "/api/consolidated_needs/export", Access::SignedIn, "consolidated_needs", Action::Read,
       "The consolidated needs as a file: format=xlsx (default) or csv, lang=ar|fr|en (default: the caller's), same "
       "filters",
       [](Context& c) -> domain::Result<http::Response> {
         auto parameters = c.request.query;
         auto choice = file_choice(parameters, c.language);
         if (!choice) return std::unexpected(choice.error());
         auto filters = parse_needs_filters(parameters);
         if (!filters) return std::unexpected(filters.error());
         auto file = needs_file(store::consolidated_needs(c.db, c.caller(), *filters), *choice);
         return file_response(file.content_type, file.name, std::move(file.write));
       }},
  };
}

}  // namespace riaya::api
