#include "store/dhis2.hpp"

#include "domain/statistics.hpp"
#include "store/audit.hpp"
#include "store/dashboard.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// Whether the territory at `path` lies within the caller's territory (the country-wide "/" too).
bool within_caller(const Caller& caller, const std::string& path) {
  const auto& area = caller.territory_path ? caller.territory_path : caller.area_path;
  return area && path.starts_with(*area);
}

// The live territories within the caller's own (reference data every role reads, but a division
// maps and exports its own only), by path.
json territories_within(soci::session& session, const Caller& caller) {
  json territories = json::array();
  for (auto& row : scoped_select("territories", caller, ScopeUse::Read)
                       .live()
                       .select("r.id, r.level, r.code, r.name_ar, r.name_fr, r.path", " ORDER BY r.path")
                       .rows(session)) {
    if (!within_caller(caller, row["path"].get<std::string>())) continue;
    row.erase("path");
    territories.push_back(std::move(row));
  }
  return territories;
}

std::size_t indicator_rank(const std::string& code) {
  return static_cast<std::size_t>(std::find(domain::kDhis2Indicators.begin(), domain::kDhis2Indicators.end(), code) -
                                  domain::kDhis2Indicators.begin());
}

// The stored mapping, whole (every territory), indicators in kDhis2Indicators order.
domain::Dhis2Mapping stored_mapping(soci::session& session) {
  domain::Dhis2Mapping mapping;
  const auto head = Query("SELECT data_set_uid FROM dhis2_mapping WHERE id = 1").first(session);
  if (head && (*head)["data_set_uid"].is_string()) mapping.data_set = (*head)["data_set_uid"].get<std::string>();
  for (const auto& row :
       Query("SELECT territory_id, org_unit_uid FROM dhis2_org_units ORDER BY territory_id").rows(session))
    mapping.org_units.push_back({row["territory_id"].get<long long>(), row["org_unit_uid"].get<std::string>()});
  for (const auto& row :
       Query("SELECT indicator, data_element_uid, category_option_combo_uid FROM dhis2_data_elements").rows(session))
    mapping.data_elements.push_back({row["indicator"].get<std::string>(), row["data_element_uid"].get<std::string>(),
                                     row["category_option_combo_uid"].get<std::string>()});
  std::sort(mapping.data_elements.begin(), mapping.data_elements.end(),
            [](const auto& a, const auto& b) { return indicator_rank(a.indicator) < indicator_rank(b.indicator); });
  return mapping;
}

json data_elements_json(const domain::Dhis2Mapping& mapping) {
  json elements = json::array();
  for (const auto& element : mapping.data_elements)
    elements.push_back({{"indicator", element.indicator},
                        {"data_element", element.data_element},
                        {"category_option_combo", element.category_option_combo}});
  return elements;
}

// The caller's own territory: the last id of its path; nothing for "/" or an association.
std::optional<long long> own_territory(const Caller& caller) {
  if (!caller.territory_path || caller.territory_path->size() < 3) return std::nullopt;
  const auto& path = *caller.territory_path;  // "/1/4/9/"
  const auto start = path.find_last_of('/', path.size() - 2) + 1;
  try {
    return std::stoll(path.substr(start, path.size() - 1 - start));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string whole(double value) { return std::to_string(std::llround(value)); }

std::string one_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10.0) / 10.0);
  return text;
}

// The figures of kDhis2Indicators from the dashboard's answer (store/dashboard.hpp): DHIS2 text,
// or null where the dashboard has no data.
json figures_of(const json& dashboard) {
  json figures = json::object();
  const auto& totals = dashboard["totals"];
  figures["institutions"] = std::to_string(totals["institutions"].get<long long>());
  figures["capacity"] = std::to_string(totals["capacity"].get<long long>());
  const auto& by_sex = dashboard["beneficiaries_by_sex"];
  const bool reported = !by_sex.contains("state");
  figures["beneficiaries_f"] = reported ? json(whole(by_sex["f"].get<double>())) : json(nullptr);
  figures["beneficiaries_m"] = reported ? json(whole(by_sex["m"].get<double>())) : json(nullptr);
  for (const auto level : domain::kSchoolLevels)
    for (const char* sex : {"f", "m"})
      figures["beneficiaries_" + std::string(level) + "_" + sex] =
          reported ? json(whole(by_sex["by_level"][std::string(level)][sex].get<double>())) : json(nullptr);
  const auto percent = [](const json& rate) {
    return rate.is_number() ? json(one_decimal(rate.get<double>() * 100.0)) : json(nullptr);
  };
  figures["occupancy_rate"] =
      dashboard["occupancy"].contains("state") ? json(nullptr) : percent(dashboard["occupancy"]["rate"]);
  figures["dropout_rate"] =
      dashboard["dropout_rate"].contains("state") ? json(nullptr) : percent(dashboard["dropout_rate"]["rate"]);
  // The mean overall percent of the campaign's validated official assessments, one decimal.
  const auto& score = dashboard["scores"]["overall"];
  figures["diagnostic_score"] = score.is_number() ? json(one_decimal(score.get<double>())) : json(nullptr);
  figures["shortcomings_open"] = std::to_string(dashboard["shortcomings"]["open"].get<long long>());
  figures["shortcomings_in_progress"] = std::to_string(dashboard["shortcomings"]["in_progress"].get<long long>());
  return figures;
}

}  // namespace

json dhis2_mapping(soci::session& session, const Caller& caller) {
  const auto head = Query("SELECT version, updated_at FROM dhis2_mapping WHERE id = 1").first(session);
  const auto mapping = stored_mapping(session);
  auto territories = territories_within(session, caller);
  std::set<long long> readable;
  for (const auto& territory : territories) readable.insert(territory["id"].get<long long>());
  json org_units = json::array();
  for (const auto& unit : mapping.org_units)
    if (readable.contains(unit.territory_id))
      org_units.push_back({{"territory_id", unit.territory_id}, {"org_unit", unit.org_unit}});
  json indicators = json::array();
  for (auto code : domain::kDhis2Indicators) indicators.push_back(code);
  return {{"version", head ? (*head)["version"] : json(1)},
          {"updated_at", head ? (*head)["updated_at"] : json(nullptr)},
          {"data_set", mapping.data_set.empty() ? json(nullptr) : json(mapping.data_set)},
          {"indicators", indicators},
          {"territories", std::move(territories)},
          {"org_units", org_units},
          {"data_elements", data_elements_json(mapping)}};
}

domain::Result<json> save_dhis2_mapping(Database& db, const Caller& caller, const Dhis2MappingUpdate& request) {
  const auto& mapping = request.mapping;
  const auto version = request.version;
  return db.write([&](soci::session& session) -> domain::Result<json> {
    const auto current =
        Query("SELECT version FROM dhis2_mapping m WHERE id = 1" + locked_rows(session, "m")).first(session);
    if (!current || (*current)["version"].get<long long>() != version)
      return fail(ErrorCode::Conflict, "version", {{"current", dhis2_mapping(session, caller)}});
    for (std::size_t i = 0; i < mapping.org_units.size(); ++i)
      if (!scoped_record(session, caller, "territories", "r.id", mapping.org_units[i].territory_id, ScopeUse::Read))
        return fail(ErrorCode::InvalidReference, "territory_id[" + std::to_string(i) + "]");
    const auto before = dhis2_mapping(session, caller);
    const auto now = utc_now();
    const bool changed =
        changed_one(session, Query("UPDATE dhis2_mapping SET data_set_uid = :data_set, version = version + 1,"
                                   " updated_at = :now WHERE id = 1 AND version = :version")
                                 .bind("data_set", mapping.data_set.empty() ? json(nullptr) : json(mapping.data_set))
                                 .bind("now", now)
                                 .bind("version", version));
    if (!changed) return fail(ErrorCode::Conflict, "version", {{"current", before}});
    Query("DELETE FROM dhis2_org_units").execute(session);
    Query("DELETE FROM dhis2_data_elements").execute(session);
    for (const auto& unit : mapping.org_units)
      Query("INSERT INTO dhis2_org_units (territory_id, org_unit_uid) VALUES (:territory, :uid)")
          .bind("territory", unit.territory_id)
          .bind("uid", unit.org_unit)
          .execute(session);
    for (const auto& element : mapping.data_elements)
      Query(
          "INSERT INTO dhis2_data_elements (indicator, data_element_uid, category_option_combo_uid)"
          " VALUES (:indicator, :element, :combo)")
          .bind("indicator", element.indicator)
          .bind("element", element.data_element)
          .bind("combo", element.category_option_combo)
          .execute(session);
    auto after = dhis2_mapping(session, caller);
    auto audited_before = before, audited_after = after;
    for (auto* entry : {&audited_before, &audited_after}) {
      entry->erase("territories");
      entry->erase("indicators");
    }
    write_audit(session, caller,
                {.action = "update",
                 .entity = "dhis2_mapping",
                 .entity_id = 1,
                 .before = audited_before,
                 .after = audited_after});
    return after;
  });
}

domain::Result<json> dhis2_export(Database& db, const Caller& caller, int year, std::optional<long long> territory_id,
                                  std::string_view today_iso) {
  if (!territory_id) territory_id = own_territory(caller);
  if (!territory_id && caller.territory_path == "/")  // the command line: the country
    if (const auto root = db.read([&](soci::session& session) {
          return scoped_select("territories", caller, ScopeUse::Read)
              .live()
              .where("r.parent_id IS NULL")
              .select("r.id", " ORDER BY r.id")
              .first(session);
        }))
      territory_id = (*root)["id"].get<long long>();
  if (!territory_id) return fail(ErrorCode::Required, "territory_id");
  auto checked = db.read([&](soci::session& session) -> domain::Result<domain::Dhis2Mapping> {
    const auto territory =
        scoped_record(session, caller, "territories", "r.path, r.name_ar, r.name_fr", *territory_id, ScopeUse::Read);
    if (!territory || !within_caller(caller, (*territory)["path"].get<std::string>()))
      return fail(ErrorCode::InvalidReference, "territory_id");
    auto mapping = stored_mapping(session);
    domain::Dhis2Missing missing;
    if (mapping.data_set.empty())
      missing.push_back({{"what", "data_set"}});
    else if (!domain::is_dhis2_uid(mapping.data_set))
      missing.push_back({{"what", "uid"}, {"field", "data_set"}, {"value", mapping.data_set}});
    const auto unit = std::find_if(mapping.org_units.begin(), mapping.org_units.end(),
                                   [&](const auto& each) { return each.territory_id == *territory_id; });
    if (unit == mapping.org_units.end())
      missing.push_back({{"what", "org_unit"},
                         {"territory_id", *territory_id},
                         {"name_ar", (*territory)["name_ar"]},
                         {"name_fr", (*territory)["name_fr"]}});
    else if (!domain::is_dhis2_uid(unit->org_unit))
      missing.push_back({{"what", "uid"}, {"field", "org_unit"}, {"value", unit->org_unit}});
    if (mapping.data_elements.empty()) missing.push_back({{"what", "data_elements"}});
    for (const auto& element : mapping.data_elements)
      for (const auto& [field, uid] : {std::pair{"data_element", element.data_element},
                                       std::pair{"category_option_combo", element.category_option_combo}})
        if (!domain::is_dhis2_uid(uid))
          missing.push_back({{"what", "uid"}, {"field", field}, {"indicator", element.indicator}, {"value", uid}});
    if (!missing.empty()) return fail(ErrorCode::Required, "dhis2_mapping", {{"missing", missing}});
    // Only the territory's own org unit is sent.
    std::erase_if(mapping.org_units, [&](const auto& each) { return each.territory_id != *territory_id; });
    return mapping;
  });
  if (!checked) return std::unexpected(checked.error());
  const auto dashboard = store::dashboard(db, caller, {.territory_id = territory_id, .year = year}, today_iso, 90);
  if (!dashboard) return std::unexpected(dashboard.error());
  return domain::dhis2_data_value_set(*checked, checked->org_units.front().org_unit, std::to_string(year),
                                      figures_of(*dashboard));
}

}  // namespace riaya::store
