#include "domain/scoring.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace riaya::domain {

Result<Scores> score(const Grid& grid, const std::vector<Answer>& answers) {
  std::map<std::string_view, std::optional<int>, std::less<>> by_code;
  for (const auto& answer : answers) {
    if (!grid.find_criterion(answer.criterion_code)) return fail(ErrorCode::InvalidReference, answer.criterion_code);
    if (answer.score && (*answer.score < 0 || *answer.score > 2))
      return fail(ErrorCode::OutOfRange, answer.criterion_code, {{"min", 0}, {"max", 2}});
    if (!by_code.emplace(answer.criterion_code, answer.score).second)
      return fail(ErrorCode::Duplicate, answer.criterion_code);
  }

  Scores scores;
  double domain_weights = 0, weighted_domains = 0;
  int legal_scored = 0, legal_satisfied = 0;
  for (const auto& domain : grid.domains) {
    DomainScore result{.code = domain.code};
    double weights = 0, weighted_scores = 0;
    for (const auto& criterion : domain.criteria) {
      const auto found = by_code.find(criterion.code);
      if (found == by_code.end()) {
        ++result.unanswered;
        continue;
      }
      if (!found->second) {
        ++result.not_applicable;
        continue;
      }
      const int value = *found->second;
      ++result.scored;
      weights += criterion.weight;
      weighted_scores += criterion.weight * value;
      if (criterion.legal == LegalStatus::Yes) {
        ++legal_scored;
        if (value == 2) ++legal_satisfied;
      }
      if (criterion.critical && value == 0) scores.critical_failures.push_back(criterion.code);
      if (value < 2) {
        scores.below_satisfactory.push_back(
            {domain.code, criterion.code, value, criterion.critical, severity(value, criterion.critical)});
      }
    }
    if (result.scored > 0) {
      result.percent = 100.0 * weighted_scores / (2.0 * weights);
      domain_weights += domain.weight;
      weighted_domains += domain.weight * *result.percent;
    }
    scores.domains.push_back(std::move(result));
  }
  if (domain_weights > 0) scores.overall = weighted_domains / domain_weights;
  if (legal_scored > 0) scores.legal_compliance = 100.0 * legal_satisfied / legal_scored;
  return scores;
}

std::string_view severity(int score, bool critical) {
  if (score == 0) return critical ? "critical" : "high";
  if (score == 1) return critical ? "high" : "medium";
  return "";
}

int rounded_percent(double percent) {
  if (!std::isfinite(percent)) return 0;
  // Snap to a millionth first, so 72.49999999999 (meant as 72.5) rounds like 72.5.
  const double snapped = std::round(percent * 1e6) / 1e6;
  const double rounded = std::round(snapped);  // halves away from zero
  if (rounded >= static_cast<double>(std::numeric_limits<int>::max())) return std::numeric_limits<int>::max();
  if (rounded <= static_cast<double>(std::numeric_limits<int>::min())) return std::numeric_limits<int>::min();
  return static_cast<int>(rounded);
}

}  // namespace riaya::domain
