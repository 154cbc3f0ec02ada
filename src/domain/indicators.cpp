#include "domain/indicators.hpp"

#include "domain/search_key.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace riaya::domain {

Indicators compute_indicators(std::span<const MonthReport> reports) {
  std::map<long long, std::vector<const MonthReport*>> by_institution;
  for (const auto& report : reports) by_institution[report.institution_id].push_back(&report);

  Indicators result;
  result.institutions = static_cast<long long>(by_institution.size());
  result.reports = static_cast<long long>(reports.size());
  for (auto& [id, months] : by_institution) {
    std::sort(months.begin(), months.end(), [](auto* a, auto* b) { return a->month < b->month; });
    double present_f = 0, present_m = 0;
    for (const auto* month : months) {
      present_f += static_cast<double>(month->present_f);
      present_m += static_cast<double>(month->present_m);
      if (month->capacity > 0) {
        result.occupancy.numerator += static_cast<double>(month->present_f + month->present_m);
        result.occupancy.denominator += static_cast<double>(month->capacity);
      }
      result.dropout_f.numerator += static_cast<double>(month->dropout_f);
      result.dropout_m.numerator += static_cast<double>(month->dropout_m);
      if (month == months.front()) {
        result.dropout_f.denominator += static_cast<double>(month->present_f + month->exits_f);
        result.dropout_m.denominator += static_cast<double>(month->present_m + month->exits_m);
      } else {
        result.dropout_f.denominator += static_cast<double>(month->admissions_f);
        result.dropout_m.denominator += static_cast<double>(month->admissions_m);
      }
    }
    const auto count = static_cast<double>(months.size());
    result.average_present_f += present_f / count;
    result.average_present_m += present_m / count;
  }
  result.average_present = result.average_present_f + result.average_present_m;
  result.dropout = {result.dropout_f.numerator + result.dropout_m.numerator,
                    result.dropout_f.denominator + result.dropout_m.denominator};
  return result;
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
