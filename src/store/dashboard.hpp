#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace riaya::store {

// What the dashboard is limited to, beyond the caller's scope. Unset: no limit.
struct DashboardFilter {
  std::optional<long long> territory_id;    // institutions in this territory (any level) or below it
  std::string category;                     // institutions of this category code; empty: all
  std::optional<long long> association_id;  // institutions of this association
  std::optional<long long> campaign_id;     // the campaign of the scores and heat map
  std::optional<int> year;  // grants committed that year; the default campaign started that year; school year Y-(Y+1)
};

// The dashboard's tiles for the caller's scope and `filter`, computed live from the data in one
// read (docs/API.md, GET /api/dashboard, gives the shapes). Each tile's figures are those the
// matching list answers for the same caller and the same filters (institutions, assessments,
// shortcomings, actions, grants, trained_staff; territory_id, association_id and, named
// institution_category there, category); the performance record's tiles are those of
// store::indicators for the same institutions and, for `year`, the school year starting in it.
// Tiles without data (no month of statistics reported; no school result in the individual
// registers) are {"state": "missing"}. Staff counts, documents and the
// latest changes are left out for roles that may not read them.
// Errors (nothing is read past them): InvalidReference naming "territory_id" (unknown, or
// outside the caller's area), "category" (unknown), "association_id" or "campaign_id"
// (unknown or outside the scope).
domain::Result<nlohmann::json> dashboard(Database& db, const Caller& caller, const DashboardFilter& filter,
                                         std::string_view today_iso, int expiry_window_days);

}  // namespace riaya::store
