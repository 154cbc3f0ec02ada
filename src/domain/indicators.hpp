#pragma once

// The performance record's indicators (issue 16), computed from the monthly statistics and,
// for the school results, from the individual registers. Each
// formula is written here once; docs/INDICATORS.md defines them in words, and
// tests/unit/indicators_test.cpp works them out by hand.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// One institution's month, as reported (domain/statistics.hpp).
struct MonthReport {
  long long institution_id = 0;
  std::string month;  // "YYYY-MM"
  long long present_f = 0, present_m = 0;
  long long admissions_f = 0, admissions_m = 0;
  long long dropout_f = 0, dropout_m = 0;
  long long exits_f = 0, exits_m = 0;  // for every reason, dropout included
  long long capacity = 0;              // the institution's authorised capacity; 0 when unknown
  // Present by school level and sex, by field (domain::school_level_fields: "present_primary_f"…);
  // a field not given counts 0.
  std::map<std::string, long long> present_by_level;
};

// A rate with what it was computed from; `value` is nothing when the denominator is 0.
struct Rate {
  double numerator = 0, denominator = 0;
  std::optional<double> value() const {
    if (denominator <= 0) return std::nullopt;
    return numerator / denominator;
  }
};

struct Indicators {
  long long institutions = 0;  // that reported at least one month
  long long reports = 0;       // institution-months reported
  // Σ present ÷ Σ authorised capacity, over the months reported by institutions with a capacity.
  Rate occupancy;
  // Each institution's mean present over its reported months, summed over the institutions.
  double average_present = 0, average_present_f = 0, average_present_m = 0;
  // Dropout exits ÷ beneficiaries served (present in an institution's first reported month, plus
  // that month's exits, plus the admissions of its later reported months).
  Rate dropout, dropout_f, dropout_m;
  // Average present by school level and sex, as average_present, by field ("present_primary_f"…,
  // every field of domain::school_level_fields).
  std::map<std::string, double> average_present_by_level;
};

// One institution's reported months of one period, summed: what the indicators need of them.
// The store sums them in SQL (store/statistics.cpp, per institution and school year);
// sum_months sums a list of reports the same way.
struct InstitutionMonths {
  long long institution_id = 0;
  long long months = 0;                    // months reported
  long long present_f = 0, present_m = 0;  // Σ present over those months
  // Σ present and Σ capacity over the months reported while the institution had a capacity
  // (occupancy counts those only).
  long long present_with_capacity = 0, capacity = 0;
  long long dropout_f = 0, dropout_m = 0;  // Σ dropout exits
  // Beneficiaries served: the first reported month's present plus its exits, plus the
  // admissions of the later reported months.
  long long served_f = 0, served_m = 0;
  std::map<std::string, long long> present_by_level;  // Σ present by field (MonthReport's)
};

// `reports` (any order, one per institution and month) summed per institution, by institution id.
std::vector<InstitutionMonths> sum_months(std::span<const MonthReport> reports);

// What one institution's months of a period bring to the indicators of a set of institutions,
// and the same summed over the set: every member adds up, so the totals of many institutions
// are the sum of theirs (the store keeps each institution's per school year and lets the
// database add them: store/indicator_sums.hpp).
struct IndicatorTotals {
  long long institutions = 0;  // institutions that reported a month
  long long reports = 0;       // months reported
  long long present_with_capacity = 0, capacity = 0;
  long long dropout_f = 0, dropout_m = 0, served_f = 0, served_m = 0;
  // Each institution's mean present over its reported months, summed over the institutions.
  double average_present_f = 0, average_present_m = 0;
  std::map<std::string, double> average_present_by_level;  // by field, as Indicators'

  IndicatorTotals& operator+=(const IndicatorTotals& other);
};

// The totals of one institution's months (nothing when it reported no month).
IndicatorTotals totals_of(const InstitutionMonths& institution);

// The indicators of a set of institutions' totals.
Indicators compute_indicators(const IndicatorTotals& totals);

// The indicators of institutions' months of one period (one summary per institution): the
// indicators of the sum of their totals.
Indicators compute_indicators(std::span<const InstitutionMonths> institutions);

// The indicators of `reports` (any order, one per institution and month, of one period):
// compute_indicators(sum_months(reports)).
Indicators compute_indicators(std::span<const MonthReport> reports);

// One school year of one beneficiary of an individual register: sex ('f' or 'm'), level
// (domain/statistics.hpp kSchoolLevels) and result ("promoted", "repeated", "dropped_out",
// "graduated", "moved"; empty while not recorded); `count` such school years when the store
// has counted the same ones together.
struct SchoolResult {
  char sex = 'f';
  std::string level;
  std::string result;
  long long count = 1;
};

// The rates of a set of school results. Counted: the results recorded, but "moved" (the pupil
// left for another institution or town: neither success nor failure here). Success: promoted or
// graduated ÷ counted; repetition: repeated ÷ counted; dropout: dropped out ÷ counted.
struct ResultRates {
  long long counted = 0;
  Rate success, repetition, dropout;
};

struct SchoolResults {
  ResultRates all, f, m;
  std::map<std::string, ResultRates> by_level;  // level → its rates, levels with a counted result only
};

// The rates of `results` (of one school year), in all, by sex and by level.
SchoolResults compute_school_results(std::span<const SchoolResult> results);

// Average present per educator; nothing without an educator.
std::optional<double> per_educator(double average_present, long long educators);

// Disbursed funding per beneficiary present on average, in centimes (rounded); nothing when
// nobody was present.
std::optional<long long> funding_per_beneficiary(long long disbursed_centimes, double average_present);

// Whether a staff member's function, as typed, is educational: educator, teacher, tutor,
// animator, supervisor of pupils (مربي، مربية، مؤطر، معلم، أستاذ، منشط; éducateur, enseignant,
// animateur, encadrant, moniteur), in any case, with or without tashkeel or accents.
bool is_educational_function(std::string_view function);

}  // namespace riaya::domain
