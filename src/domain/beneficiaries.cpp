#include "domain/beneficiaries.hpp"

#include "domain/dates.hpp"

#include <string>

namespace riaya::domain {

bool is_school_category(std::string_view code) { return code == "dar_talib" || code == "dar_taliba"; }

int age_on(std::string_view birth, std::string_view on) {
  const auto from = *parse_iso_date(birth);
  const auto to = *parse_iso_date(on);
  int age = to.year - from.year;
  if (to.month < from.month || (to.month == from.month && to.day < from.day)) --age;
  return age;
}

Result<void> check_beneficiary_dates(const nlohmann::json& values, std::string_view category, std::string_view today) {
  const auto birth = values["birth_date"].get<std::string>();
  const auto admission = values["admission_date"].get<std::string>();
  if (birth > today || birth > admission) return fail(ErrorCode::OutOfRange, "birth_date");
  if (is_school_category(category)) {
    const int age = age_on(birth, admission);
    if (age < kMinSchoolAge || age > kMaxSchoolAge)
      return fail(ErrorCode::OutOfRange, "birth_date", {{"min_age", kMinSchoolAge}, {"max_age", kMaxSchoolAge}});
  }
  if (!values["exit_date"].is_null() && values["exit_reason"].is_null())
    return fail(ErrorCode::Required, "exit_reason");
  if (values["exit_date"].is_null() && !values["exit_reason"].is_null()) return fail(ErrorCode::Required, "exit_date");
  return {};
}

bool present_in_school_year(std::string_view school_year, std::string_view admission,
                            std::optional<std::string_view> exit) {
  const std::string first = std::string(school_year.substr(0, 4)) + "-09-01";
  const std::string last = std::string(school_year.substr(5, 4)) + "-08-31";
  return admission <= last && (!exit || *exit >= first);
}

}  // namespace riaya::domain
