#pragma once

// The DHIS2 mapping and export (issue 17; domain/dhis2.hpp has the rules, docs/API.md "DHIS2" the
// shapes). The mapping is one for the database (migration 0019), written by the admin; the
// export sends the dashboard's figures (store/dashboard.hpp) of one territory and year, in the
// caller's scope, under the mapped UIDs.

#include "domain/dhis2.hpp"
#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace riaya::store {

// The mapping as the caller may see it:
//   {"version", "updated_at", "data_set" (UID or null), "indicators": [codes, kDhis2Indicators],
//    "territories": [{"id", "level", "code", "name_ar", "name_fr"}] (the live territories within
//    the caller's own, by path), "org_units": [{"territory_id", "org_unit"}] (of those territories),
//    "data_elements": [{"indicator", "data_element", "category_option_combo"}] (indicator order)}.
nlohmann::json dhis2_mapping(soci::session& session, const Caller& caller);

// The request of save_dhis2_mapping, read from its JSON body by src/api (dhis2_routes.cpp):
// every UID checked (domain::is_dhis2_uid), every indicator one of kDhis2Indicators, no territory
// or indicator twice.
struct Dhis2MappingUpdate {
  long long version = 0;
  domain::Dhis2Mapping mapping;
};

// Replaces the whole mapping with `request.mapping`, if `request.version` is the one stored;
// audited ("update", entity "dhis2_mapping", before → after). Answers the mapping as
// dhis2_mapping does. Errors, nothing written: Conflict (detail "current") when stale;
// InvalidReference on "territory_id[i]" for a territory the caller does not read or that is archived.
domain::Result<nlohmann::json> save_dhis2_mapping(Database& db, const Caller& caller,
                                                  const Dhis2MappingUpdate& request);

// The data value set (domain::dhis2_data_value_set) of the dashboard's figures for `territory_id`
// (default: the caller's own territory; the country for the
// country-wide command line) and `year` (domain::parse_dhis2_period), in the caller's
// scope, as of `today_iso` for the figures that are a state (institutions, capacity, shortcomings).
// Errors: Required on "territory_id" when none is given and the caller has no territory of its
// own; InvalidReference on "territory_id" when the territory is unknown or not within the
// caller's territory (a territory above it would send the caller's figures as the larger one's);
// Required (field "dhis2_mapping", detail "missing": domain::Dhis2Missing, sent as the error's "missing") when the data
// set, the territory's org unit or every indicator is unmapped, or a stored UID is malformed:
// nothing is exported then.
domain::Result<nlohmann::json> dhis2_export(Database& db, const Caller& caller, int year,
                                            std::optional<long long> territory_id, std::string_view today_iso);

}  // namespace riaya::store
