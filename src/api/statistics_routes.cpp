// The performance record's indicators. The monthly statistics themselves are a registry
// resource (registry_routes.cpp), as are the institutions that have not reported a month
// (GET /api/institutions?unreported_month=YYYY-MM).
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/statistics.hpp"
#include "store/registry_tables.hpp"
#include "store/statistics.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// institution_id, association_id, territory_id (ids), category (a code), school_year ("YYYY-YYYY").
domain::Result<std::map<std::string, json>> parse_indicator_filters(const std::map<std::string, std::string>& query) {
  std::map<std::string, json> filters;
  for (const auto& [name, value] : query) {
    if (value.empty()) continue;
    if (name == "school_year") {
      if (!domain::school_year_months(value)) return fail(ErrorCode::BadParameter, name);
      filters[name] = value;
      continue;
    }
    auto taken = institution_filter(name, value, filters);
    if (!taken) return std::unexpected(taken.error());
    if (!*taken || name == "campaign_id") return fail(ErrorCode::BadParameter, name);
  }
  return filters;
}

}  // namespace

std::vector<Route> statistics_routes() {
  return {
      {"GET", "/api/indicators", Access::SignedIn, "indicators", Action::Read,
       "The performance record's indicators over the institutions in scope (filters: institution_id, association_id, "
       "territory_id, category, school_year): the school year's, each month's occupancy, the trend by school year",
       [](Context& c) -> domain::Result<http::Response> {
         auto filters = parse_indicator_filters(c.request.query);
         if (!filters) return std::unexpected(filters.error());
         static const auto tables = store::read_tables(
             {"monthly_statistics", "institutions", "indicator_sums", "indicator_province_sums", "grants", "staff"});
         return cached_read(c, tables, [&]() -> domain::Result<json> {
           return c.db.read([&](soci::session& session) { return store::indicators(session, c.caller(), *filters); });
         });
       }},
  };
}

}  // namespace riaya::api
