#pragma once

// Monthly statistics of an institution (issue 16, docs/INDICATORS.md): how many beneficiaries
// were present in a month, by sex and by school level (boarding houses) or by age band (homes
// for children, elderly or disabled people), how many were admitted and how many left, and why.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// The school levels of a pupil, as field parts: present_<level>_<f|m>.
inline constexpr std::array<std::string_view, 6> kSchoolLevels = {"primary", "college",    "lycee",
                                                                  "higher",  "vocational", "not_in_school"};
// The age bands of a beneficiary of a home that is not a boarding house: present_<band>_<f|m>.
// 0–5, 6–11, 12–17: early childhood, primary age, adolescence (child protection, 18 is majority);
// 18–59: adults (disability, women); 60–74 and 75 and over (elderly homes: the second is
// where dependency grows).
inline constexpr std::array<std::string_view, 6> kAgeBands = {"age_0_5",   "age_6_11",  "age_12_17",
                                                              "age_18_59", "age_60_74", "age_75_plus"};
// Why a beneficiary left: exits_<reason>_<f|m>.
inline constexpr std::array<std::string_view, 4> kExitReasons = {"dropout", "graduated", "moved", "other"};

// A month's total present may reach this many times the institution's authorised capacity
// before the person typing it must confirm it.
inline constexpr double kOverCapacityFactor = 1.5;

// The count fields, in the order a form shows them.
const std::vector<std::string>& school_level_fields();  // present_<level>_<f|m>, 12
const std::vector<std::string>& age_band_fields();      // present_<band>_<f|m>, 12
const std::vector<std::string>& flow_fields();          // admissions_<f|m>, exits_<reason>_<f|m>, 10

// SQL summing the present counts of one sex ('f' or 'm') of the row of alias r, both breakdowns,
// an empty count as 0: "COALESCE(r.present_primary_f, 0) + …".
std::string present_sql(char sex);

// Whether `text` is a month "YYYY-MM" (year 1900–2200, month 01–12).
bool is_month(std::string_view text);
// The month of an ISO date "YYYY-MM-DD" (its first seven characters).
std::string month_of(std::string_view iso_date);
// The month before / after `month` (a valid month).
std::string previous_month(std::string_view month);
std::string next_month(std::string_view month);
// The school year a month belongs to, September to August: "2019-03" → "2018-2019".
std::string school_year_of(std::string_view month);
// A school year "YYYY-YYYY" (the second the year after the first): its first and last
// months ("YYYY-09", "YYYY+1-08"); nothing when `text` is not one.
std::optional<std::pair<std::string, std::string>> school_year_months(std::string_view text);

}  // namespace riaya::domain
