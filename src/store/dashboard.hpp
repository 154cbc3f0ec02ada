#pragma once

#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

namespace riaya::store {

// The home page's figures for the caller's scope, computed live (docs/API.md, /api/dashboard).
// Staff counts, documents and the latest changes are left out for roles that may not read them.
nlohmann::json dashboard(Database& db, const Caller& caller, std::string_view today_iso, int expiry_window_days);

}  // namespace riaya::store
