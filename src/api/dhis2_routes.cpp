// DHIS2 interop (issue 17): the mapping of territories and indicators to DHIS2's UIDs (the
// admin's), and the data value set of a territory and year (store/dhis2.hpp).
#include "api/dhis2_export.hpp"
#include "api/list_params.hpp"
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "domain/dhis2.hpp"
#include "store/dhis2.hpp"
#include "store/query.hpp"

#include <set>

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// The most items either list of a mapping may hold: far more than a country's territories
// (Morocco counts some 1,600 communes) or the indicators.
constexpr std::size_t kMaxDhis2MappingItems = 5000;

// The rule that the UID just read into `uid` is one (domain::is_dhis2_uid), else InvalidValue on
// `field`; an empty `uid` (a data set not mapped yet) passes. A UID is exactly 11 characters, so
// a longer text is not one: read without a length of its own.
std::function<std::optional<domain::Error>()> uid_rule(std::string field, const std::string& uid) {
  return [field = std::move(field), &uid]() -> std::optional<domain::Error> {
    if (uid.empty() || domain::is_dhis2_uid(uid)) return std::nullopt;
    return domain::Error{ErrorCode::InvalidValue, field};
  };
}

// Duplicate on "name[i]" for the first of `items` whose key (`key_of`) an item before it has.
template <class Item, class Key>
std::optional<domain::Error> first_repeated(const std::vector<Item>& items, std::string_view name,
                                            Key (*key_of)(const Item&)) {
  std::set<Key> seen;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (!seen.insert(key_of(items[i])).second)
      return domain::Error{ErrorCode::Duplicate, std::string(name) + "[" + std::to_string(i) + "]"};
  return std::nullopt;
}

// The typed request of PUT /api/dhis2/mapping (store::Dhis2MappingUpdate). Its list items'
// fields are named by their rank, "org_unit[2]" (docs/API.md, "DHIS2").
domain::Result<domain::Dhis2OrgUnit> dhis2_org_unit(const json& body, const std::string& suffix) {
  domain::Dhis2OrgUnit unit;
  return RequestReader(body, {"territory_id", "org_unit"}, {}, suffix)
      .id("territory_id", unit.territory_id)
      .text("org_unit", unit.org_unit, kAnyLength)
      .check(uid_rule("org_unit" + suffix, unit.org_unit))
      .finish(unit);
}

domain::Result<domain::Dhis2DataElement> dhis2_data_element(const json& body, const std::string& suffix) {
  domain::Dhis2DataElement element;
  return RequestReader(body, {"indicator", "data_element", "category_option_combo"}, {}, suffix)
      .text("indicator", element.indicator, kAnyLength)
      .check([&]() -> std::optional<domain::Error> {
        if (domain::is_dhis2_indicator(element.indicator)) return std::nullopt;
        return domain::Error{ErrorCode::InvalidValue, "indicator" + suffix, {{"choices", domain::kDhis2Indicators}}};
      })
      .text("data_element", element.data_element, kAnyLength)
      .check(uid_rule("data_element" + suffix, element.data_element))
      .text("category_option_combo", element.category_option_combo, kAnyLength)
      .check(uid_rule("category_option_combo" + suffix, element.category_option_combo))
      .finish(element);
}

domain::Result<store::Dhis2MappingUpdate> dhis2_mapping_update(const json& body) {
  store::Dhis2MappingUpdate request;
  auto& mapping = request.mapping;
  std::optional<std::string> data_set;  // null or empty: not mapped yet
  return RequestReader(body, {"version", "data_set", "org_units", "data_elements"})
      .text("data_set", data_set, kAnyLength)
      .check([&]() -> std::optional<domain::Error> {
        mapping.data_set = data_set.value_or("");
        return uid_rule("data_set", mapping.data_set)();
      })
      .ranked_list<domain::Dhis2OrgUnit>("org_units", mapping.org_units, kMaxDhis2MappingItems, dhis2_org_unit)
      .check([&] {
        return first_repeated<domain::Dhis2OrgUnit, long long>(
            mapping.org_units, "territory_id", [](const domain::Dhis2OrgUnit& unit) { return unit.territory_id; });
      })
      .ranked_list<domain::Dhis2DataElement>("data_elements", mapping.data_elements, kMaxDhis2MappingItems,
                                             dhis2_data_element)
      .check([&] {
        return first_repeated<domain::Dhis2DataElement, std::string>(
            mapping.data_elements, "indicator",
            [](const domain::Dhis2DataElement& element) { return element.indicator; });
      })
      .version(request.version)
      .finish(request);
}

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
         auto request = dhis2_mapping_update(c.body);
         if (!request) return std::unexpected(request.error());
         return record_response(200, store::save_dhis2_mapping(c.db, c.caller(), *request));
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
