#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

namespace riaya::store {

// Compares two campaigns over their validated official assessments in the caller's scope:
//   {"before": {"id", "name_ar", "name_fr"}, "after": {…},
//    "domains": [{"code", "name_ar", "name_fr"}]   (the later grid's, then any only the earlier has),
//    "institutions": [{"institution_id", "code", "name_ar", "name_fr",
//        "before": {"overall", "legal_compliance", "domains": {code: percent}} or null, "after": …,
//        "change": {"overall", "domains": {code: after − before}}}]   (null where either side is),
//    "shortcomings": {"resolved": [Item], "persisted": [Item], "appeared": [Item]}}
// Item: {"institution_id", "institution_name_ar", "institution_name_fr", "criterion_code",
// "criterion_text_ar", "criterion_text_fr", "domain_code", "score_before", "score_after",
// "shortcoming_id"}. For an institution assessed in both: a criterion below 2 before and 2
// after is resolved, below 2 in both persisted, 2 or not applicable before and below 2 after
// appeared; for one assessed only in the later campaign every criterion below 2 appeared.
// shortcoming_id is the register's latest entry for that institution and criterion, if any.
// InvalidReference on "before" / "after" for a campaign outside the scope; InvalidValue on
// "after" when both are the same.
domain::Result<nlohmann::json> compare_campaigns(Database& db, const Caller& caller, long long before, long long after);

}  // namespace riaya::store
