#pragma once

// Services and parallel activities (issue 16, S10): the rules of an institution's services
// and of its activities beyond their specs (domain/registry.cpp).

#include "domain/error.hpp"
#include "store/caller.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

namespace riaya::store {

// The latest day an activity may be dated, counted from today: an activity is recorded once
// held, or planned up to a year ahead.
inline constexpr int kActivityDaysAhead = 366;

// The TableSpec::check of institution_services, in the write's transaction after the references
// were found in the caller's scope. Errors: InvalidReference on "service_id" when the catalogue
// item belongs to a territory that does not hold the institution (another province's item);
// OutOfRange on "since" after today; Duplicate on "service_id" when the institution already
// offers that service in another live record.
domain::Result<void> check_institution_service(soci::session& session, const Caller& caller, nlohmann::json& values,
                                               const nlohmann::json* before);

// The TableSpec::check of activities. Errors: OutOfRange on "activity_date" later than
// kActivityDaysAhead days from today. Completes `values`: participants_f and participants_m
// default to 0.
domain::Result<void> check_activity(soci::session& session, const Caller& caller, nlohmann::json& values,
                                    const nlohmann::json* before);

}  // namespace riaya::store
