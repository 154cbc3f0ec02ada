#include "domain/statistics.hpp"

#include <cstdio>
#include <span>

namespace riaya::domain {
namespace {

std::vector<std::string> by_sex(std::string_view prefix, std::span<const std::string_view> parts) {
  std::vector<std::string> fields;
  for (const auto part : parts)
    for (const char* sex : {"_f", "_m"}) fields.push_back(std::string(prefix) + std::string(part) + sex);
  return fields;
}

int digits(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

std::string month_text(int year, int month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month);
  return text;
}

}  // namespace

const std::vector<std::string>& school_level_fields() {
  static const auto fields = by_sex("present_", kSchoolLevels);
  return fields;
}

const std::vector<std::string>& age_band_fields() {
  static const auto fields = by_sex("present_", kAgeBands);
  return fields;
}

const std::vector<std::string>& flow_fields() {
  static const auto fields = [] {
    std::vector<std::string> all = {"admissions_f", "admissions_m"};
    for (auto& field : by_sex("exits_", kExitReasons)) all.push_back(std::move(field));
    return all;
  }();
  return fields;
}

std::string present_sql(char sex) {
  std::string sql;
  const std::string suffix = std::string("_") + sex;
  for (const auto* fields : {&school_level_fields(), &age_band_fields()})
    for (const auto& field : *fields)
      if (field.ends_with(suffix)) sql += (sql.empty() ? "" : " + ") + ("COALESCE(r." + field + ", 0)");
  return sql;
}

bool is_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (std::size_t i = 0; i < 7; ++i)
    if (i != 4 && (text[i] < '0' || text[i] > '9')) return false;
  const int year = digits(text.substr(0, 4)), month = digits(text.substr(5, 2));
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12;
}

std::string month_of(std::string_view iso_date) { return std::string(iso_date.substr(0, 7)); }

std::string previous_month(std::string_view month) {
  const int year = digits(month.substr(0, 4)), number = digits(month.substr(5, 2));
  return number == 1 ? month_text(year - 1, 12) : month_text(year, number - 1);
}

std::string next_month(std::string_view month) {
  const int year = digits(month.substr(0, 4)), number = digits(month.substr(5, 2));
  return number == 12 ? month_text(year + 1, 1) : month_text(year, number + 1);
}

std::string school_year_of(std::string_view month) {
  const int year = digits(month.substr(0, 4)), number = digits(month.substr(5, 2));
  const int first = number >= 9 ? year : year - 1;
  return std::to_string(first) + "-" + std::to_string(first + 1);
}

std::optional<std::pair<std::string, std::string>> school_year_months(std::string_view text) {
  if (text.size() != 9 || text[4] != '-') return std::nullopt;
  for (std::size_t i = 0; i < 9; ++i)
    if (i != 4 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  const int first = digits(text.substr(0, 4)), second = digits(text.substr(5, 4));
  if (second != first + 1 || first < 1900 || first > 2199) return std::nullopt;
  return std::pair{month_text(first, 9), month_text(second, 8)};
}

}  // namespace riaya::domain
