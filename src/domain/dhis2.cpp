#include "domain/dhis2.hpp"

#include <algorithm>

namespace riaya::domain {
namespace {

using nlohmann::json;

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

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
