// The audit trail and the home page's dashboard.
#include "api/list_export.hpp"
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/dates.hpp"
#include "domain/search_key.hpp"
#include "io/labels.hpp"
#include "store/audit.hpp"
#include "store/dashboard.hpp"
#include "store/registry_tables.hpp"

#include <set>

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

domain::Result<store::AuditFilter> parse_audit_filter(const std::map<std::string, std::string>& query) {
  store::AuditFilter filter;
  for (const auto& [name, value] : query) {
    if (name == "page" || name == "page_size" || name == "user_id" || name == "entity_id") {
      auto number = positive_integer(name, value);
      if (!number || (name == "page_size" && *number > 200) || (name == "page" && *number > 1'000'000))
        return fail(ErrorCode::BadParameter, name);
      if (name == "page") filter.page = static_cast<int>(*number);
      if (name == "page_size") filter.page_size = static_cast<int>(*number);
      if (name == "user_id") filter.user_id = *number;
      if (name == "entity_id") filter.entity_id = *number;
    } else if (name == "entity") {
      if (value.size() > 40 || value.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos)
        return fail(ErrorCode::BadParameter, name);
      filter.entity = value;
    } else if (name == "action") {
      if (value.empty()) continue;
      if (!domain::find_audit_action(value)) return fail(ErrorCode::BadParameter, name);
      filter.action = value;
    } else if (name == "from" || name == "to") {
      if (value.empty()) continue;
      if (!domain::parse_iso_date(value)) return fail(ErrorCode::BadParameter, name);
      (name == "from" ? filter.from : filter.to) = value;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  return filter;
}

// "field: before → after", a line per field an entry changed, fields named in `language`.
std::string changes(const json& before, const json& after, domain::Language language) {
  std::set<std::string> fields;
  for (const auto* side : {&before, &after})
    if (side->is_object())
      for (const auto& [name, value] : side->items()) fields.insert(name);
  const auto value = [](const json& side, const std::string& name) {
    if (!side.is_object() || !side.contains(name) || side[name].is_null()) return std::string("—");
    return side[name].is_string() ? side[name].get<std::string>() : side[name].dump();
  };
  std::string text;
  for (const auto& name : fields) {
    const auto was = value(before, name), is = value(after, name);
    if (was == is) continue;
    if (!text.empty()) text += '\n';
    text += io::dictionary_entry("field." + name, language).value_or(name) + ": " + was + " → " + is;
  }
  return text;
}

// The audit entries the list answers with these parameters, every page, as a file.
domain::Result<http::Response> export_audit(Context& c) {
  auto parameters = c.request.query;
  auto choice = file_choice(parameters, c.language);
  if (!choice) return std::unexpected(choice.error());
  auto filter = parse_audit_filter(parameters);
  if (!filter) return std::unexpected(filter.error());
  const auto language = choice->language;
  const auto label = [&](std::string_view key) { return export_label(key, language); };
  auto file = table_file(
      "audit", label("audit.title"), *choice,
      {{"#", io::ColumnKind::Integer, 8},
       {label("audit.when"), io::ColumnKind::Text, 20},
       {label("audit.user"), io::ColumnKind::Text, 16},
       {label("audit.address"), io::ColumnKind::Text, 14},
       {label("field.action"), io::ColumnKind::Text, 16},
       {label("audit.entity"), io::ColumnKind::Text, 16},
       {label("audit.record"), io::ColumnKind::Integer, 10},
       {label("audit.changes_column"), io::ColumnKind::Text, 60}},
      [&db = c.db, caller = c.caller(), filter = *filter, language](io::TableFile& table) {
        const auto text = [](const json& value) {
          return value.is_string() ? io::ExportCell(value.get<std::string>()) : io::ExportCell();
        };
        const auto word = [language](const std::string& prefix, const json& value) {
          if (!value.is_string()) return io::ExportCell();
          const auto name = value.get<std::string>();
          return io::ExportCell(io::dictionary_entry(prefix + name, language).value_or(name));
        };
        store::each_audit_entry(db, caller, filter, [&](json&& entry) {
          table.row(
              {entry["id"].get<long long>(), text(entry["at"]), text(entry["username"]), text(entry["address"]),
               word("action.", entry["action"]), word("entity.", entry["entity"]),
               entry["entity_id"].is_number() ? io::ExportCell(entry["entity_id"].get<long long>()) : io::ExportCell(),
               changes(entry["before"], entry["after"], language)});
        });
      });
  return file_response(file.content_type, file.name, std::move(file.write));
}

// The dashboard's filters (store::DashboardFilter); an empty value is no filter. BadParameter
// naming an unknown parameter or a value of the wrong shape.
domain::Result<store::DashboardFilter> parse_dashboard_filter(const std::map<std::string, std::string>& query) {
  store::DashboardFilter filter;
  std::map<std::string, json> filters;
  for (const auto& [name, value] : query) {
    if (value.empty()) continue;
    if (name == "year") {
      if (value.size() != 4 || value.find_first_not_of("0123456789") != std::string::npos || value < "1900" ||
          value > "2200")
        return fail(ErrorCode::BadParameter, name);
      filter.year = std::stoi(value);
      continue;
    }
    auto taken = institution_filter(name, value, filters);
    if (!taken) return std::unexpected(taken.error());
    if (!*taken || name == "institution_id") return fail(ErrorCode::BadParameter, name);
  }
  const auto id = [&](const char* name) {
    const auto it = filters.find(name);
    return it == filters.end() ? std::optional<long long>() : std::optional<long long>(it->second.get<long long>());
  };
  filter.territory_id = id("territory_id");
  filter.association_id = id("association_id");
  filter.campaign_id = id("campaign_id");
  if (const auto it = filters.find("category"); it != filters.end()) filter.category = it->second.get<std::string>();
  return filter;
}

}  // namespace

std::vector<Route> audit_routes() {
  return {
      {"GET", "/api/audit", Access::SignedIn, "audit", Action::Read,
       "The audit trail in scope, newest first (filters: user_id, entity, entity_id, action, from, to)",
       [](Context& c) -> domain::Result<http::Response> {
         auto filter = parse_audit_filter(c.request.query);
         if (!filter) return std::unexpected(filter.error());
         return json_response(
             200, c.db.read([&](soci::session& session) { return store::list_audit(session, c.caller(), *filter); }));
       }},
      {"GET", "/api/audit/export", Access::SignedIn, "audit", Action::Read,
       "The audit trail the list answers with the same filters, every page, as a file: format=xlsx|csv, lang=ar|fr|en",
       export_audit},
      {"GET", "/api/audit/verify", Access::SignedIn, "audit", Action::Read,
       "Whether the audit trail's hash chain is whole: {whole, entries, head_hash}, or {whole: false, problem"
       " (edited, deleted, inserted, head), id} naming the first bad entry",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return json_response(200,
                              c.db.read([](soci::session& session) { return store::verify_audit(session).to_json(); }));
       }},
      {"GET", "/api/dashboard", Access::SignedIn, "dashboard", Action::Read,
       "The dashboard's tiles for the scope, computed live (filters: territory_id, category, association_id,"
       " campaign_id, year)",
       [](Context& c) -> domain::Result<http::Response> {
         auto filter = parse_dashboard_filter(c.request.query);
         if (!filter) return std::unexpected(filter.error());
         static const auto tables = store::read_tables(
             {"institutions", "associations", "staff", "assessments", "assessment_domain_scores", "campaigns",
              "shortcomings", "actions", "grants", "documents", "categories", "audit_log", "trainings",
              "training_participants", "indicator_sums", "indicator_province_sums"});
         return cached_read(c, tables, [&]() -> domain::Result<nlohmann::json> {
           return store::dashboard(c.db, c.caller(), *filter, domain::today_iso(), 90);
         });
       }},
  };
}

}  // namespace riaya::api
