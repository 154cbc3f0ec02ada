// DHIS2 interop (issue 17): the mapping of territories and indicators to DHIS2's UIDs (the
// admin's), and the data value set of a territory and year (store/dhis2.hpp).
#include "api/dhis2_export.hpp"
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "domain/dhis2.hpp"
#include "store/dhis2.hpp"
#include "store/query.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

}  // namespace

domain::Result<Dhis2File> dhis2_file(store::Database& db, const store::Caller& caller,
                                     const std::map<std::string, std::string>& query) {
  std::optional<int> year;
  std::optional<long long> territory;
  std::string format = "json";
  for (const auto& [name, value] : query) {
    if (name == "period") {
      year = domain::parse_dhis2_period(value);
      if (!year) return fail(ErrorCode::BadParameter, name);
    } else if (name == "territory_id") {
      if (value.empty()) continue;
      const auto id = positive_integer(name, value);
      if (!id) return fail(ErrorCode::BadParameter, name);
      territory = *id;
    } else if (name == "format") {
      if (value != "json" && value != "csv") return fail(ErrorCode::BadParameter, name);
      format = value;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  if (!year) return fail(ErrorCode::Required, "period");
  auto set = store::dhis2_export(db, caller, *year, territory, domain::today_iso());
  if (!set) return std::unexpected(set.error());
  const auto stem = "dhis2-" + std::to_string(*year) + "-" + (*set)["orgUnit"].get<std::string>();
  if (format == "csv") return Dhis2File{"text/csv; charset=utf-8", stem + ".csv", domain::dhis2_csv(*set)};
  return Dhis2File{"application/json", stem + ".json", set->dump(2)};
}

std::vector<Route> dhis2_routes() {
  return {
      {"GET", "/api/dhis2/mapping", Access::SignedIn, "dhis2", Action::Read,
       "The DHIS2 mapping: data set, the org unit of each territory the caller reads, the data element and category "
       "option combo of each indicator, the indicators that may be mapped and the territories, with its version",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return json_response(
             200, c.db.read([&](soci::session& session) { return store::dhis2_mapping(session, c.caller()); }));
       }},
      {"PUT", "/api/dhis2/mapping", Access::SignedIn, "dhis2", Action::Update,
       "Replaces the DHIS2 mapping (body: version, data_set, org_units [{territory_id, org_unit}], data_elements "
       "[{indicator, data_element, category_option_combo}]); every UID 11 characters, a letter then letters or "
       "digits; answers the mapping",
       [](Context& c) -> domain::Result<http::Response> {
         auto mapping = domain::parse_dhis2_mapping(c.body);
         if (!mapping) return std::unexpected(mapping.error());
         std::optional<long long> version;
         if (const auto found = c.body.find("version"); found != c.body.end() && !found->is_null()) {
           if (!found->is_number_integer()) return fail(ErrorCode::WrongType, "version");
           version = found->get<long long>();
         }
         return record_response(200, store::save_dhis2_mapping(c.db, c.caller(), *mapping, version));
       }},
      {"GET", "/api/dhis2/data-value-set", Access::SignedIn, "dhis2", Action::Read,
       "The dashboard's figures of a territory (territory_id, default the caller's) for a yearly period (period=2019) "
       "as a DHIS2 data value set: format=json (dataValueSets) or csv; 422 required on dhis2_mapping listing "
       "error.missing when the data set, the territory's org unit or every indicator is unmapped (nothing exported)",
       [](Context& c) -> domain::Result<http::Response> {
         auto file = dhis2_file(c.db, c.caller(), c.request.query);
         if (!file) return std::unexpected(file.error());
         return file_response(file->content_type, file->name, std::move(file->bytes));
       }},
  };
}

}  // namespace riaya::api
