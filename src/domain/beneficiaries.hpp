#pragma once

// The individual register of an institution (issue 16, docs/INDICATORS.md): the rules on a
// beneficiary's dates and school years, apart from storage.

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

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

}  // namespace riaya::domain
