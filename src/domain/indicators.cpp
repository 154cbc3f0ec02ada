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

Indicators compute_indicators(std::span<const InstitutionMonths> institutions) {
  Indicators result;
  for (const auto& field : school_level_fields()) result.average_present_by_level[field] = 0;
  for (const auto& institution : institutions) {
    if (institution.months <= 0) continue;
    ++result.institutions;
    result.reports += institution.months;
    result.occupancy.numerator += static_cast<double>(institution.present_with_capacity);
    result.occupancy.denominator += static_cast<double>(institution.capacity);
    result.dropout_f.numerator += static_cast<double>(institution.dropout_f);
    result.dropout_m.numerator += static_cast<double>(institution.dropout_m);
    result.dropout_f.denominator += static_cast<double>(institution.served_f);
    result.dropout_m.denominator += static_cast<double>(institution.served_m);
    const auto months = static_cast<double>(institution.months);
    result.average_present_f += static_cast<double>(institution.present_f) / months;
    result.average_present_m += static_cast<double>(institution.present_m) / months;
    for (const auto& [field, present] : institution.present_by_level)
      if (result.average_present_by_level.contains(field))
        result.average_present_by_level[field] += static_cast<double>(present) / months;
  }
  result.average_present = result.average_present_f + result.average_present_m;
  result.dropout = {result.dropout_f.numerator + result.dropout_m.numerator,
                    result.dropout_f.denominator + result.dropout_m.denominator};
  return result;
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
