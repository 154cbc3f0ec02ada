#pragma once

#include "domain/error.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::domain {

// Whether a criterion is an obligation of the law. Only Yes counts in "legal compliance";
// Probable is shown as "to confirm" and counted as good practice.
enum class LegalStatus { Yes, Probable, No };

// "yes", "probable", "no": the spelling of a grid file.
std::string_view legal_status_name(LegalStatus status);

// One step of the answer scale, e.g. {2, "مرض", "satisfaisant"}.
struct ScaleLevel {
  int value;
  std::string ar;
  std::string fr;

  friend bool operator==(const ScaleLevel&, const ScaleLevel&) = default;
};

struct GridCriterion {
  std::string code;  // unique in its grid, e.g. "D1.1"
  std::string text_ar;
  std::string text_fr;  // empty when the grid has no French
  double weight = 1;    // > 0
  LegalStatus legal = LegalStatus::No;
  std::optional<std::string> legal_reference;  // e.g. "Loi 65.15"; always set when legal is Yes
  bool critical = false;                       // a 0 here is a critical failure
  std::string guidance_ar, guidance_fr;        // how to assess it; may be empty
  std::string remedy_ar, remedy_fr;            // the suggested remedy; may be empty

  friend bool operator==(const GridCriterion&, const GridCriterion&) = default;
};

struct GridDomain {
  std::string code;  // unique in its grid, e.g. "D1"
  std::string name_ar;
  std::string name_fr;
  double weight = 1;                    // > 0
  std::vector<GridCriterion> criteria;  // never empty

  friend bool operator==(const GridDomain&, const GridDomain&) = default;
};

// An assessment grid (template): domains of criteria, each answered 0, 1, 2 or "not applicable".
struct Grid {
  std::string code;  // e.g. "default-2018"
  int version = 1;   // >= 1
  std::string name_ar;
  std::string name_fr;
  std::vector<ScaleLevel> scale;  // exactly the values 0, 1, 2, in that order
  std::string not_applicable_ar, not_applicable_fr;
  std::vector<GridDomain> domains;  // never empty

  // The criterion with `criterion_code`, or nullptr. The pointer lives as long as the grid
  // is not modified.
  const GridCriterion* find_criterion(std::string_view criterion_code) const;
  // The domain holding the criterion with `criterion_code`, or nullptr.
  const GridDomain* domain_of(std::string_view criterion_code) const;
  std::size_t criterion_count() const;

  friend bool operator==(const Grid&, const Grid&) = default;
};

// Reads a grid in the format of data/grid.json:
//   {"code", "version", "name_ar", "name_fr"?, "scale": [{"value", "ar", "fr"?}, ...],
//    "not_applicable": {"ar", "fr"?},
//    "domains": [{"code", "name_ar", "name_fr"?, "weight"?, "criteria": [{"code", "text_ar",
//      "text_fr"?, "weight"?, "legal"?, "legal_reference"?, "critical"?, "guidance_ar"?,
//      "guidance_fr"?, "remedy_ar"?, "remedy_fr"?}]}]}
// Keys marked ? may be absent (or null): weights default to 1, legal to "no", critical to
// false, texts to "". Texts are trimmed.
//
// On failure returns the first error found, its field naming the place in the document,
// e.g. "domains[2].criteria[0].text_ar" (an empty field: the document is not an object):
//   WrongType     a value of the wrong JSON type (a weight that is a string, ...)
//   Required      a required key absent, null or blank; no domain; a domain with no criterion;
//                 a criterion with legal "yes" and no legal_reference
//   InvalidValue  a weight <= 0; a version < 1; legal not one of "yes", "probable", "no";
//                 a scale other than the values 0, 1, 2 in that order (field "scale")
//   Duplicate     a domain code or criterion code used twice (criterion codes are unique
//                 across the whole grid); the field names the second use
//   UnknownField  a key the format does not have, so that a misspelt key is not lost silently
Result<Grid> parse_grid(const nlohmann::json& document);

// The grid in the format parse_grid reads; parse_grid(grid_to_json(g)) gives back g.
nlohmann::json grid_to_json(const Grid& grid);

}  // namespace riaya::domain
