#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace riaya::store {

// A page of a comparison's institutions: page ≥ 1, page_size ≥ 1 (the API limits it).
struct ComparisonPage {
  int page = 1;
  int page_size = 50;
};

// Compares two campaigns over their validated official assessments in the caller's scope:
//   {"before": {"id", "name_ar", "name_fr"}, "after": {…},
//    "domains": [{"code", "name_ar", "name_fr"}]   (the later grid's, then any only the earlier has),
//    "institutions": [{"institution_id", "code", "name_ar", "name_fr",
//        "before": {"overall", "legal_compliance", "domains": {code: percent}} or null, "after": …,
//        "change": {"overall", "domains": {code: after − before}}}]   (null where either side is),
//    "total": institutions assessed in either campaign, "page", "page_size" (null: every one),
//    "shortcomings": {"resolved": [Item], "persisted": [Item], "appeared": [Item]},
//    "shortcoming_totals": {"resolved": n, "persisted": n, "appeared": n}}
// The institutions are ordered by Arabic name (binary), then id; with `page`, "institutions" and
// "shortcomings" hold those of that page only (a page past the last is empty), while "total"
// and "shortcoming_totals" count every institution; without it, every institution (the PDF).
// Item: {"institution_id", "institution_name_ar", "institution_name_fr", "criterion_code",
// "criterion_text_ar", "criterion_text_fr", "domain_code", "score_before", "score_after",
// "shortcoming_id"}, by institution then criterion code. For an institution assessed in both:
// a criterion below 2 before and 2 after is resolved, below 2 in both persisted, 2 or not
// applicable before and below 2 after appeared; for one assessed only in the later campaign
// every criterion below 2 appeared. shortcoming_id is the register's latest entry for that
// institution and criterion, if any. The scores are those stored at validation (migration
// 0027), the change and the lists computed by the database; a page costs a constant number
// of queries.
// InvalidReference on "before" / "after" for a campaign outside the scope; InvalidValue on
// "after" when both are the same.
domain::Result<nlohmann::json> compare_campaigns(Database& db, const Caller& caller, long long before, long long after,
                                                 std::optional<ComparisonPage> page = std::nullopt);
// The data tables compare_campaigns reads (what its cached answers and PDF declare, api::cached_read).
const Tables& comparison_tables();

}  // namespace riaya::store
