#include "domain/beneficiaries.hpp"

#include "domain/dates.hpp"
#include "domain/statistics.hpp"

#include <algorithm>
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

namespace {

// The level a pupil is counted at in `school_year`: its own, else the nearest recorded, an
// earlier year before a later one, else not in school.
std::string level_in(const RegisterStay& stay, const std::string& school_year) {
  if (stay.levels.empty()) return "not_in_school";
  const auto later = stay.levels.lower_bound(school_year);
  if (later != stay.levels.end() && later->first == school_year) return later->second;
  if (later != stay.levels.begin()) return std::prev(later)->second;
  return later->second;
}

// The age band of a beneficiary at the end of `month`.
std::string_view age_band_at(const RegisterStay& stay, std::string_view month) {
  const int year = std::stoi(std::string(month.substr(0, 4))), number = std::stoi(std::string(month.substr(5, 2)));
  int age = 0;
  if (stay.birth_date) {
    const auto birth = *parse_iso_date(*stay.birth_date);
    age = year - birth.year - (number < birth.month ? 1 : 0);
  } else if (stay.birth_year) {
    age = year - *stay.birth_year - (number < 7 ? 1 : 0);
  }
  constexpr std::array<int, 5> kFirstAges = {6, 12, 18, 60, 75};  // the first age of each band after the first
  const auto band = std::upper_bound(kFirstAges.begin(), kFirstAges.end(), age) - kFirstAges.begin();
  return kAgeBands[static_cast<std::size_t>(band)];
}

}  // namespace

std::vector<RegisterMonth> register_months(const std::vector<RegisterStay>& stays, bool by_level,
                                           std::string_view last_month) {
  std::vector<RegisterMonth> months;
  if (stays.empty()) return months;
  auto first = std::min_element(stays.begin(), stays.end(), [](const auto& a, const auto& b) {
                 return a.admission_date < b.admission_date;
               })->admission_date.substr(0, 7);
  // Once every beneficiary has left, the register says nothing of the months after the last exit.
  std::string last(last_month);
  if (std::all_of(stays.begin(), stays.end(), [](const auto& stay) { return stay.exit_date.has_value(); }))
    last = std::min(last, month_of(*std::max_element(stays.begin(), stays.end(), [](const auto& a, const auto& b) {
                                      return *a.exit_date < *b.exit_date;
                                    })->exit_date));
  const auto& present_fields = by_level ? school_level_fields() : age_band_fields();
  for (auto month = first; month <= last; month = next_month(month)) {
    RegisterMonth row{.month = month};
    for (const auto& field : present_fields) row.counts[field] = 0;
    for (const auto& field : flow_fields()) row.counts[field] = 0;
    const auto school_year = school_year_of(month);
    const auto first_day = *parse_iso_date(month + "-01");
    const auto last_day = to_iso(add_days(add_months(first_day, 1), -1));
    for (const auto& stay : stays) {
      const std::string sex(1, stay.sex);
      const auto admitted = month_of(stay.admission_date);
      const auto gone = stay.exit_date ? month_of(*stay.exit_date) : std::string();
      if (admitted == month) ++row.counts["admissions_" + sex];
      if (gone == month) ++row.counts["exits_" + stay.exit_reason.value_or("other") + "_" + sex];
      // In the institution on the month's last day (the exit date is the last day there).
      if (admitted > month || (stay.exit_date && *stay.exit_date < last_day)) continue;
      const auto part = by_level ? level_in(stay, school_year) : std::string(age_band_at(stay, month));
      ++row.counts["present_" + part + "_" + sex];
    }
    months.push_back(std::move(row));
  }
  return months;
}

}  // namespace riaya::domain
