#include "domain/indicators.hpp"

#include "domain/search_key.hpp"
#include "domain/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace riaya::domain {

std::vector<InstitutionMonths> sum_months(std::span<const MonthReport> reports) {
  std::map<long long, std::vector<const MonthReport*>> by_institution;
  for (const auto& report : reports) by_institution[report.institution_id].push_back(&report);
  std::vector<InstitutionMonths> sums;
  for (auto& [id, months] : by_institution) {
    std::sort(months.begin(), months.end(), [](auto* a, auto* b) { return a->month < b->month; });
    InstitutionMonths sum{.institution_id = id, .months = static_cast<long long>(months.size())};
    for (const auto* month : months) {
      sum.present_f += month->present_f;
      sum.present_m += month->present_m;
      if (month->capacity > 0) {
        sum.present_with_capacity += month->present_f + month->present_m;
        sum.capacity += month->capacity;
      }
      sum.dropout_f += month->dropout_f;
      sum.dropout_m += month->dropout_m;
      sum.served_f += month == months.front() ? month->present_f + month->exits_f : month->admissions_f;
      sum.served_m += month == months.front() ? month->present_m + month->exits_m : month->admissions_m;
      for (const auto& [field, present] : month->present_by_level) sum.present_by_level[field] += present;
    }
    sums.push_back(sum);
  }
  return sums;
}

IndicatorTotals& IndicatorTotals::operator+=(const IndicatorTotals& other) {
  institutions += other.institutions;
  reports += other.reports;
  present_with_capacity += other.present_with_capacity;
  capacity += other.capacity;
  dropout_f += other.dropout_f;
  dropout_m += other.dropout_m;
  served_f += other.served_f;
  served_m += other.served_m;
  average_present_f += other.average_present_f;
  average_present_m += other.average_present_m;
  for (const auto& [field, present] : other.average_present_by_level) average_present_by_level[field] += present;
  return *this;
}

IndicatorTotals totals_of(const InstitutionMonths& institution) {
  IndicatorTotals totals;
  if (institution.months <= 0) return totals;
  const auto months = static_cast<double>(institution.months);
  totals.institutions = 1;
  totals.reports = institution.months;
  totals.present_with_capacity = institution.present_with_capacity;
  totals.capacity = institution.capacity;
  totals.dropout_f = institution.dropout_f;
  totals.dropout_m = institution.dropout_m;
  totals.served_f = institution.served_f;
  totals.served_m = institution.served_m;
  totals.average_present_f = static_cast<double>(institution.present_f) / months;
  totals.average_present_m = static_cast<double>(institution.present_m) / months;
  for (const auto& field : school_level_fields()) {
    const auto present = institution.present_by_level.find(field);
    totals.average_present_by_level[field] =
        present == institution.present_by_level.end() ? 0 : static_cast<double>(present->second) / months;
  }
  return totals;
}

Indicators compute_indicators(const IndicatorTotals& totals) {
  Indicators result;
  result.institutions = totals.institutions;
  result.reports = totals.reports;
  result.occupancy = {static_cast<double>(totals.present_with_capacity), static_cast<double>(totals.capacity)};
  result.dropout_f = {static_cast<double>(totals.dropout_f), static_cast<double>(totals.served_f)};
  result.dropout_m = {static_cast<double>(totals.dropout_m), static_cast<double>(totals.served_m)};
  result.dropout = {result.dropout_f.numerator + result.dropout_m.numerator,
                    result.dropout_f.denominator + result.dropout_m.denominator};
  result.average_present_f = totals.average_present_f;
  result.average_present_m = totals.average_present_m;
  result.average_present = result.average_present_f + result.average_present_m;
  for (const auto& field : school_level_fields()) {
    const auto present = totals.average_present_by_level.find(field);
    result.average_present_by_level[field] = present == totals.average_present_by_level.end() ? 0 : present->second;
  }
  return result;
}

Indicators compute_indicators(std::span<const InstitutionMonths> institutions) {
  IndicatorTotals totals;
  for (const auto& institution : institutions) totals += totals_of(institution);
  return compute_indicators(totals);
}

Indicators compute_indicators(std::span<const MonthReport> reports) {
  const auto sums = sum_months(reports);
  return compute_indicators(std::span<const InstitutionMonths>(sums));
}

SchoolResults compute_school_results(std::span<const SchoolResult> results) {
  SchoolResults rates;
  const auto add = [](ResultRates& to, const SchoolResult& each) {
    const auto n = static_cast<double>(each.count);
    to.counted += each.count;
    for (auto* rate : {&to.success, &to.repetition, &to.dropout}) rate->denominator += n;
    if (each.result == "promoted" || each.result == "graduated") to.success.numerator += n;
    if (each.result == "repeated") to.repetition.numerator += n;
    if (each.result == "dropped_out") to.dropout.numerator += n;
  };
  for (const auto& each : results) {
    if (each.result.empty() || each.result == "moved") continue;
    add(rates.all, each);
    add(each.sex == 'f' ? rates.f : rates.m, each);
    add(rates.by_level[each.level], each);
  }
  return rates;
}

std::optional<double> per_educator(double average_present, long long educators) {
  if (educators <= 0) return std::nullopt;
  return average_present / static_cast<double>(educators);
}

std::optional<long long> funding_per_beneficiary(long long disbursed_centimes, double average_present) {
  if (average_present <= 0) return std::nullopt;
  return std::llround(static_cast<double>(disbursed_centimes) / average_present);
}

bool is_educational_function(std::string_view function) {
  // Search keys (domain/search_key.hpp) of the words' stems: ة is folded to ه, accents dropped.
  static constexpr std::array<std::string_view, 13> kStems = {"مربي",  "موطر",   "معلم",    "استاذ",  "مدرس",
                                                              "منشط",  "educat", "enseign", "animat", "encadr",
                                                              "monit", "tutor",  "teacher"};
  const auto key = search_key(function);
  return std::any_of(kStems.begin(), kStems.end(), [&](auto stem) { return key.find(stem) != std::string::npos; });
}

}  // namespace riaya::domain
