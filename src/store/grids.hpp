#pragma once

#include "domain/error.hpp"
#include "domain/grid.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace riaya::store {

// Assessment grids, versioned. A grid that a campaign uses is frozen: replacing its content
// makes a new version (same code, next grid_version) and leaves the used one untouched.
// A grid belongs to a territory (territory_id; null for a default grid) and is scoped as
// store::scoped_select says: a default grid is read by everyone and edited by the admin
// only; a territory's grid is read in that territory, above and below it, and edited by the
// callers whose territory holds it. A copy, an import or a new version belongs to the
// territory of the caller that makes it (a new version: to its grid's).

// {"items": [{"id", "code", "grid_version", "name_ar", "name_fr", "territory_id", "frozen", "criteria", …}]}: in scope.
nlohmann::json list_grids(Database& db, const Caller& caller);

// The grid record with its "content" (domain::grid_to_json) and "editable" (whether the caller
// may change it: the default grids the admin, a territory's grids its own division); NotFound
// when unknown or out of scope.
domain::Result<nlohmann::json> get_grid(Database& db, const Caller& caller, long long id);

// The grid stored under `id` (which must exist: a campaign's grid, read in its session).
domain::Grid stored_grid(soci::session& session, long long id);

// Stores data/grid.json as the first grid when there is none; answers whether it did.
bool load_default_grid(Database& db);

// The requests of copy_grid and update_grid, read from their JSON bodies by src/api; the grid
// itself is checked by domain::parse_grid.
struct GridCopy {
  std::string code;
  std::string name_ar;
  std::optional<std::string> name_fr;
};
struct GridContent {  // NOLINT(bugprone-exception-escape): holds a json (.clang-tidy)
  long long version = 0;
  nlohmann::json content;  // an object, as domain::parse_grid reads it
};

// Copies grid `id` under a new code (body: {"code", "name_ar", "name_fr"}), as version 1,
// not frozen. NotFound when grid `id` is out of the read scope; Duplicate when the code is taken.
domain::Result<nlohmann::json> copy_grid(Database& db, const Caller& caller, long long id, const GridCopy& body);

// Replaces the content of grid `id` (body: {"version", "content"}), checked by
// domain::parse_grid (its error names the place in the content). When the grid is frozen the
// new content becomes a new version, answered with its own id. NotFound out of the write
// scope; Conflict on a stale version.
domain::Result<nlohmann::json> update_grid(Database& db, const Caller& caller, long long id, const GridContent& body);

// Stores an imported grid: version 1 of a new code, or the next version of an existing one.
domain::Result<nlohmann::json> import_grid(Database& db, const Caller& caller, domain::Grid grid);

}  // namespace riaya::store
