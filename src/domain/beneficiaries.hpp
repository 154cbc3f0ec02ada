#pragma once

// The individual register of an institution (issue 16, docs/INDICATORS.md): the rules on a
// beneficiary's dates and school years, apart from storage.

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// A pupil of a school category (a boarding house) is at least this old and at most this old on
// the day of admission.
inline constexpr int kMinSchoolAge = 3;
inline constexpr int kMaxSchoolAge = 30;

// Whether institutions of category `code` house pupils (dar_talib, dar_taliba): their
// beneficiaries' ages are checked, their statistics are by school level.
bool is_school_category(std::string_view code);

// Full years of age on `on` of a person born on `birth` (valid ISO dates, birth not after on).
int age_on(std::string_view birth, std::string_view on);

// A beneficiary's dates, as validate_input left them (birth_date, admission_date, exit_date,
// exit_reason), for an institution of category `category`, on `today`: OutOfRange on
// birth_date when it is after today or after admission, or, in a school category, when it makes
// the pupil younger than kMinSchoolAge or older than kMaxSchoolAge at admission; Required on
// exit_reason when an exit date has none, and on exit_date when a reason has no date. The order
// of admission and exit is EntitySpec::date_orders'.
Result<void> check_beneficiary_dates(const nlohmann::json& values, std::string_view category, std::string_view today);

// Whether a beneficiary admitted on `admission` and gone on `exit` (none: still there) was in
// the institution during some day of `school_year` ("YYYY-YYYY", September 1st to August 31st,
// a valid one).
bool present_in_school_year(std::string_view school_year, std::string_view admission,
                            std::optional<std::string_view> exit);

// One beneficiary of a register as its monthly statistics count it: sex ('f' or 'm'), birth date
// (or, once anonymised, the year of birth only), dates of stay, exit reason (a
// domain::kExitReasons code), and the level of each school year recorded ("YYYY-YYYY" → level).
struct RegisterStay {
  char sex = 'f';
  std::optional<std::string> birth_date;
  std::optional<int> birth_year;
  std::string admission_date;
  std::optional<std::string> exit_date;
  std::optional<std::string> exit_reason;
  std::map<std::string, std::string> levels;
};

// One month of statistics computed from a register: its month "YYYY-MM" and its counts, by the
// fields of domain/statistics.hpp (every present field of the breakdown, admissions, exits).
struct RegisterMonth {
  std::string month;
  std::map<std::string, long long> counts;
};

// The monthly statistics an institution's register gives (docs/INDICATORS.md, "Months computed
// from a register"), from the month of the first admission to `last_month` (or to the month of
// the last exit, once every beneficiary has left), one per month:
// present = in the institution on the month's last day (admitted in or before the month, the
// exit date, the last day there, not before that day), by sex and by school level
// (`by_level`: the level of the month's school year, else of the nearest year recorded, earlier
// first, else not in school) or by age band at the month's end (the year of birth alone counts
// as born on July 1st); admissions and exits (by reason) of the month. Nothing when `stays` is
// empty.
std::vector<RegisterMonth> register_months(const std::vector<RegisterStay>& stays, bool by_level,
                                           std::string_view last_month);

}  // namespace riaya::domain
