#pragma once

#include "domain/error.hpp"
#include "domain/grid.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// The answer to one criterion of an assessment.
struct Answer {
  std::string criterion_code;
  std::optional<int> score;  // 0 absent, 1 partial, 2 satisfactory; std::nullopt = not applicable
};

struct DomainScore {
  std::string code;
  // Weighted mean of the domain's scored criteria / 2, as a percentage in [0, 100];
  // std::nullopt when none of its criteria was scored (all N/A or unanswered).
  std::optional<double> percent;
  int scored = 0;          // criteria answered 0, 1 or 2
  int not_applicable = 0;  // criteria answered N/A
  int unanswered = 0;      // criteria with no answer
};

// A criterion scored below satisfactory: what validating an assessment raises as a shortcoming.
struct Shortfall {
  std::string domain_code;
  std::string criterion_code;
  int score = 0;  // 0 or 1
  bool critical = false;
  std::string_view severity;  // severity(score, critical): a static string

  friend bool operator==(const Shortfall&, const Shortfall&) = default;
};

struct Scores {
  std::vector<DomainScore> domains;  // one per domain of the grid, in grid order
  // Weighted mean of the domain percentages by domain weight, over the domains that have one;
  // std::nullopt when no domain has one.
  std::optional<double> overall;
  // Percentage of the criteria with legal == Yes, answered 0, 1 or 2, that scored 2;
  // std::nullopt when there is none. Probable-legal criteria are not counted.
  std::optional<double> legal_compliance;
  std::vector<std::string> critical_failures;  // codes of critical criteria scored 0, in grid order
  std::vector<Shortfall> below_satisfactory;   // every criterion scored 0 or 1, in grid order
};

// Scores `answers` against `grid` as GRID.md says. Criteria of the grid with no answer are
// left out of every figure, as N/A ones are. Answers may come in any order.
// Errors, the field naming the criterion code of the first offending answer:
//   OutOfRange        a score other than 0, 1, 2 (detail {"min": 0, "max": 2})
//   InvalidReference  a criterion code the grid does not have
//   Duplicate         two answers to the same criterion
Result<Scores> score(const Grid& grid, const std::vector<Answer>& answers);

// The severity of the shortcoming a criterion scored `score` raises:
//   score 0, critical      → "critical"
//   score 0, not critical  → "high"
//   score 1, critical      → "high"
//   score 1, not critical  → "medium"
// Any other score (2, satisfactory) raises no shortcoming: returns "".
std::string_view severity(int score, bool critical);

// A percentage as a whole number, halves rounded away from zero (62.5 → 63, -0.5 → -1).
// A value within 1e-6 of a half counts as the half, so that floating-point noise in a
// computed 72.5 does not round it down. Returns 0 for NaN and infinities; saturates at the
// limits of int.
int rounded_percent(double percent);

}  // namespace riaya::domain
