// The consolidated equipment needs, and their export. The catalogue, inventories and needs
// themselves are registry resources (registry_routes.cpp).
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "domain/messages.hpp"
#include "domain/schema.hpp"
#include "io/table_export.hpp"
#include "store/equipment.hpp"

#include <algorithm>

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using domain::Language;
using nlohmann::json;

enum class Format { Xlsx, Csv };

struct NeedsQuery {
  std::map<std::string, json> filters;
  Format format = Format::Xlsx;  // export only
};

bool is_choice(std::string_view resource, std::string_view field, const std::string& value) {
  const auto& choices = domain::find_spec(resource)->field(field)->choices;
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

// territory_id, category, priority, status; and format (xlsx, csv) when exporting.
domain::Result<NeedsQuery> parse_needs_query(const std::map<std::string, std::string>& query, bool export_file) {
  NeedsQuery parsed;
  for (const auto& [name, value] : query) {
    if (value.empty()) continue;
    if (name == "territory_id") {
      auto id = positive_integer(name, value);
      if (!id) return std::unexpected(id.error());
      parsed.filters[name] = *id;
    } else if ((name == "category" && is_choice("equipment_items", name, value)) ||
               ((name == "priority" || name == "status") && is_choice("equipment_needs", name, value))) {
      parsed.filters[name] = value;
    } else if (export_file && name == "format" && (value == "xlsx" || value == "csv")) {
      parsed.format = value == "csv" ? Format::Csv : Format::Xlsx;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  return parsed;
}

// The consolidated list as a table in the caller's language.
io::ExportTable needs_table(const json& list, Language language) {
  const auto label = [&](std::string_view field) { return domain::field_label(field, language); };
  io::ExportTable table{.title = label("consolidated_needs"),
                        .language = language,
                        .columns = {{label("code"), io::ColumnKind::Text, 16},
                                    {label("item_id"), io::ColumnKind::Text, 36},
                                    {label("category"), io::ColumnKind::Text, 24},
                                    {label("unit"), io::ColumnKind::Text, 10},
                                    {label("quantity"), io::ColumnKind::Integer, 12},
                                    {label("institutions"), io::ColumnKind::Integer, 14},
                                    {label("total_centimes"), io::ColumnKind::Centimes, 22}}};
  for (const auto& item : list["items"]) {
    const auto& french = item["item_name_fr"];
    const auto name = language == Language::Arabic || !french.is_string() ? item["item_name_ar"] : french;
    table.rows.push_back({item["item_code"].get<std::string>(), name.get<std::string>(),
                          domain::choice_label("category", item["item_category"].get<std::string>(), language),
                          domain::choice_label("unit", item["item_unit"].get<std::string>(), language),
                          item["quantity"].get<long long>(), item["institutions"].get<long long>(),
                          item["total_centimes"].get<long long>()});
  }
  const auto& totals = list["totals"];
  table.totals = {label("total"),
                  {},
                  {},
                  {},
                  {},
                  totals["institutions"].get<long long>(),
                  totals["total_centimes"].get<long long>()};
  return table;
}

}  // namespace

std::vector<Route> equipment_routes() {
  return {
      {"GET", "/api/consolidated_needs", Access::SignedIn, "consolidated_needs", Action::Read,
       "Equipment needs in scope summed by item (filters: territory_id, category, priority, status)",
       [](Context& c) -> domain::Result<http::Response> {
         auto query = parse_needs_query(c.request.query, false);
         if (!query) return std::unexpected(query.error());
         return cached_read(
             c, [&]() -> domain::Result<json> { return store::consolidated_needs(c.db, c.caller(), query->filters); });
       }},
      {"GET", "/api/consolidated_needs/export", Access::SignedIn, "consolidated_needs", Action::Read,
       "The consolidated needs as a file: format=xlsx (default) or csv, same filters, labels in the caller's language",
       [](Context& c) -> domain::Result<http::Response> {
         auto query = parse_needs_query(c.request.query, true);
         if (!query) return std::unexpected(query.error());
         const auto table = needs_table(store::consolidated_needs(c.db, c.caller(), query->filters), c.language);
         const auto name = "consolidated-needs-" + domain::today_iso();
         if (query->format == Format::Csv)
           return file_response("text/csv; charset=utf-8", name + ".csv", io::to_csv(table));
         return file_response(std::string(kXlsxType), name + ".xlsx", io::to_xlsx(table));
       }},
  };
}

}  // namespace riaya::api
