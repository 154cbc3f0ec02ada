#include "domain/beneficiaries.hpp"

#include "domain/dates.hpp"
#include "domain/statistics.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// The age band (its index in kAgeBands) at the end of month `number` of `year` of someone born
// in month `birth_month` of `birth_year` (0: unknown, counted as age 0).
int age_band_at(int birth_year, int birth_month, int year, int number) {
  const int age = birth_year ? year - birth_year - (number < birth_month ? 1 : 0) : 0;
  constexpr std::array<int, 5> kFirstAges = {6, 12, 18, 60, 75};  // the first age of each band after the first
  return static_cast<int>(std::upper_bound(kFirstAges.begin(), kFirstAges.end(), age) - kFirstAges.begin());
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
  // What each stay gives, worked out once rather than at each month, as small numbers (the
  // register is gone through once a month): its months of admission and exit, its exit day,
  // and the present count it adds to (its level or its age band changes with the school year or
  // the month, so that count is kept with the year or band it is for).
  const auto month_number = [](const Date& date) { return date.year * 12 + date.month - 1; };
  const auto day_number = [](const Date& date) { return date.year * 10000 + date.month * 100 + date.day; };
  struct Counted {
    const RegisterStay* stay;
    int admitted, gone, exit_day;  // months as year × 12 + month − 1, the day as YYYYMMDD
    int birth_year, birth_month;   // for the age bands; 0 when unknown (counted as age 0)
    int present_for = -1;          // the school year's first year, or the age band, present_slot counts
    std::size_t present_slot = 0;  // in `present_counts`
  };
  std::vector<Counted> counted;
  counted.reserve(stays.size());
  for (const auto& stay : stays) {
    Counted one{.stay = &stay,
                .admitted = month_number(*parse_iso_date(stay.admission_date)),
                .gone = -1,
                .exit_day = std::numeric_limits<int>::max(),
                // The year of birth alone counts as born on July 1st.
                .birth_year = stay.birth_year.value_or(0),
                .birth_month = 7};
    if (const auto exit = stay.exit_date ? parse_iso_date(*stay.exit_date) : std::nullopt; exit.has_value()) {
      one.gone = month_number(exit.value());
      one.exit_day = day_number(exit.value());
    }
    if (const auto birth = stay.birth_date ? parse_iso_date(*stay.birth_date) : std::nullopt; birth.has_value()) {
      one.birth_year = birth->year;
      one.birth_month = birth->month;
    }
    counted.push_back(one);
  }
  std::vector<std::string> present_counts;     // the present fields met, by slot
  std::map<std::string, std::size_t> slot_of;  // and their slots
  std::vector<long long> present;              // the month's count of each
  for (auto month = first; month <= last; month = next_month(month)) {
    RegisterMonth row{.month = month};
    for (const auto& field : present_fields) row.counts[field] = 0;
    for (const auto& field : flow_fields()) row.counts[field] = 0;
    const auto school_year = school_year_of(month);
    const auto first_day = *parse_iso_date(month + "-01");
    const int this_month = month_number(first_day);
    const int last_day = day_number(add_days(add_months(first_day, 1), -1));
    const int year_first = std::stoi(school_year.substr(0, 4));
    std::fill(present.begin(), present.end(), 0);
    for (auto& one : counted) {
      const auto sex = [&] { return std::string(1, one.stay->sex); };
      if (one.admitted == this_month) ++row.counts["admissions_" + sex()];
      if (one.gone == this_month) ++row.counts["exits_" + one.stay->exit_reason.value_or("other") + "_" + sex()];
      // In the institution on the month's last day (the exit date is the last day there).
      if (one.admitted > this_month || one.exit_day < last_day) continue;
      const int part =
          by_level ? year_first : age_band_at(one.birth_year, one.birth_month, first_day.year, first_day.month);
      if (one.present_for != part) {
        const auto field =
            "present_" +
            (by_level ? level_in(*one.stay, school_year) : std::string(kAgeBands[static_cast<std::size_t>(part)])) +
            "_" + sex();
        const auto [slot, fresh] = slot_of.try_emplace(field, present_counts.size());
        if (fresh) {
          present_counts.push_back(field);
          present.push_back(0);
        }
        one.present_slot = slot->second;
        one.present_for = part;
      }
      ++present[one.present_slot];
    }
    for (std::size_t slot = 0; slot < present.size(); ++slot)
      if (present[slot] > 0) row.counts[present_counts[slot]] += present[slot];
    months.push_back(std::move(row));
  }
  return months;
}

}  // namespace riaya::domain
