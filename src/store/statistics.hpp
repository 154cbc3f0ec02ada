#pragma once

// The performance record's store (issue 16): the rules of a month's statistics beyond their
// spec, and the indicators computed from them (domain/indicators.hpp).

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace riaya::store {

// The TableSpec::check of monthly_statistics, in the write's transaction after the references
// were found in the caller's scope. Errors: InvalidValue on "month" unless "YYYY-MM", OutOfRange
// on "month" after the current month; InvalidValue on the first age band count when school
// levels are counted too (a month counts by one breakdown); Duplicate on "month" when the
// institution has another live record for that month; ConfirmationRequired on
// "capacity_confirmed" when the total present is over domain::kOverCapacityFactor × the
// institution's authorised capacity and capacity_confirmed is not 1 (detail: present_total,
// capacity, limit); RegisterKept on "institution_id" when the institution keeps an individual
// register (its school results come from it, and its months are not typed). Completes `values`: the counts of the
// breakdown used, admissions, exits and capacity_confirmed default to 0; the other breakdown's counts stay null.
domain::Result<void> check_monthly_statistics(soci::session& session, const Caller& caller, nlohmann::json& values,
                                              const nlohmann::json* before);

// The indicators (domain/indicators.hpp, docs/INDICATORS.md) of the institutions the caller
// reads, narrowed by `filters` (institution_id, association_id, territory_id: ids; category: a
// category code; school_year: "YYYY-YYYY", already checked; absent: the latest school year
// with a report). Answers
//   {"school_year": "2019-2020" or null, "current": Year or null, "trend": [Year…] by school
//    year ascending, "months": [{"month", "reports", "present_total", "present_f", "present_m",
//    "capacity", "occupancy_rate"}…] of the school year}
// where a Year is {"school_year", "institutions", "reports", "occupancy_rate", "average_present",
// "average_present_f", "average_present_m", "dropout_rate", "dropout_rate_f", "dropout_rate_m",
// "educators", "beneficiaries_per_educator", "disbursed_centimes",
// "funding_per_beneficiary_centimes"}; a rate is null when its denominator is 0. Three reads
// (statistics, staff, grants) in `session`, whatever the scope.
nlohmann::json indicators(soci::session& session, const Caller& caller,
                          const std::map<std::string, nlohmann::json>& filters);

}  // namespace riaya::store
