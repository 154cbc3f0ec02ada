#include "domain/dhis2.hpp"

#include <algorithm>
#include <set>

namespace riaya::domain {
namespace {

using nlohmann::json;

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string indexed(std::string_view name, std::size_t index) {
  return std::string(name) + "[" + std::to_string(index) + "]";
}

// The UID at `key` of `object`, checked; `field` names it in errors. `optional`: null or "" is
// no UID (answered empty).
Result<std::string> uid_at(const json& object, std::string_view key, const std::string& field, bool optional) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null() ||
      (found->is_string() && found->get_ref<const std::string&>().empty())) {
    if (optional) return std::string();
    return fail(ErrorCode::Required, field);
  }
  if (!found->is_string()) return fail(ErrorCode::WrongType, field);
  const auto& text = found->get_ref<const std::string&>();
  if (!is_dhis2_uid(text)) return fail(ErrorCode::InvalidValue, field);
  return text;
}

// The array at `key` of `body` (absent: empty).
Result<json> list_at(const json& body, std::string_view key) {
  const auto found = body.find(key);
  if (found == body.end() || found->is_null()) return json::array();
  if (!found->is_array()) return fail(ErrorCode::WrongType, std::string(key));
  return *found;
}

Result<void> only_keys(const json& object, std::initializer_list<std::string_view> keys, const std::string& where) {
  if (!object.is_object()) return fail(ErrorCode::WrongType, where);
  for (const auto& [key, value] : object.items())
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) return fail(ErrorCode::UnknownField, key);
  return {};
}

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

bool is_dhis2_uid(std::string_view text) {
  if (text.size() != 11 || !is_ascii_letter(text.front())) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return is_ascii_letter(c) || is_ascii_digit(c); });
}

bool is_dhis2_indicator(std::string_view code) {
  return std::find(kDhis2Indicators.begin(), kDhis2Indicators.end(), code) != kDhis2Indicators.end();
}

Result<Dhis2Mapping> parse_dhis2_mapping(const json& body) {
  if (auto ok = only_keys(body, {"version", "data_set", "org_units", "data_elements"}, "body"); !ok)
    return std::unexpected(ok.error());
  Dhis2Mapping mapping;
  auto data_set = uid_at(body, "data_set", "data_set", true);
  if (!data_set) return std::unexpected(data_set.error());
  mapping.data_set = *data_set;

  auto org_units = list_at(body, "org_units");
  if (!org_units) return std::unexpected(org_units.error());
  std::set<long long> territories;
  for (std::size_t i = 0; i < org_units->size(); ++i) {
    const auto& row = (*org_units)[i];
    if (auto ok = only_keys(row, {"territory_id", "org_unit"}, indexed("org_units", i)); !ok)
      return std::unexpected(ok.error());
    const auto territory = row.find("territory_id");
    if (territory == row.end() || territory->is_null()) return fail(ErrorCode::Required, indexed("territory_id", i));
    if (!territory->is_number_integer() || territory->get<long long>() <= 0)
      return fail(ErrorCode::WrongType, indexed("territory_id", i));
    auto uid = uid_at(row, "org_unit", indexed("org_unit", i), false);
    if (!uid) return std::unexpected(uid.error());
    if (!territories.insert(territory->get<long long>()).second)
      return fail(ErrorCode::Duplicate, indexed("territory_id", i));
    mapping.org_units.push_back({territory->get<long long>(), *uid});
  }

  auto elements = list_at(body, "data_elements");
  if (!elements) return std::unexpected(elements.error());
  std::set<std::string> indicators;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    const auto& row = (*elements)[i];
    if (auto ok = only_keys(row, {"indicator", "data_element", "category_option_combo"}, indexed("data_elements", i));
        !ok)
      return std::unexpected(ok.error());
    const auto indicator = row.find("indicator");
    if (indicator == row.end() || indicator->is_null()) return fail(ErrorCode::Required, indexed("indicator", i));
    if (!indicator->is_string()) return fail(ErrorCode::WrongType, indexed("indicator", i));
    const auto& code = indicator->get_ref<const std::string&>();
    if (!is_dhis2_indicator(code)) return fail(ErrorCode::InvalidValue, indexed("indicator", i));
    auto element = uid_at(row, "data_element", indexed("data_element", i), false);
    if (!element) return std::unexpected(element.error());
    auto combo = uid_at(row, "category_option_combo", indexed("category_option_combo", i), false);
    if (!combo) return std::unexpected(combo.error());
    if (!indicators.insert(code).second) return fail(ErrorCode::Duplicate, indexed("indicator", i));
    mapping.data_elements.push_back({code, *element, *combo});
  }
  return mapping;
}

std::optional<int> parse_dhis2_period(std::string_view text) {
  if (text.size() != 4 || !std::all_of(text.begin(), text.end(), is_ascii_digit) || !text.starts_with("20"))
    return std::nullopt;
  return std::stoi(std::string(text));
}

json dhis2_data_value_set(const Dhis2Mapping& mapping, const std::string& org_unit, const std::string& period,
                          const json& figures) {
  json values = json::array();
  for (const auto& element : mapping.data_elements) {
    const auto figure = figures.find(element.indicator);
    if (figure == figures.end() || figure->is_null()) continue;
    values.push_back({{"dataElement", element.data_element},
                      {"categoryOptionCombo", element.category_option_combo},
                      {"orgUnit", org_unit},
                      {"period", period},
                      {"value", *figure}});
  }
  return {{"dataSet", mapping.data_set}, {"period", period}, {"orgUnit", org_unit}, {"dataValues", values}};
}

std::string dhis2_csv(const json& data_value_set) {
  std::string csv = "dataelement,period,orgunit,catoptcombo,attroptcombo,value\r\n";
  for (const auto& value : data_value_set["dataValues"]) {
    for (const auto* key : {"dataElement", "period", "orgUnit", "categoryOptionCombo"})
      csv += csv_cell(value[key].get<std::string>()) + ",";
    csv += "," + csv_cell(value["value"].get<std::string>()) + "\r\n";
  }
  return csv;
}

}  // namespace riaya::domain
