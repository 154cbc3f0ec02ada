#pragma once

#include "store/database.hpp"

#include <string>
#include <vector>

namespace riaya::store {

// Applies the embedded migrations of the database's backend that are not applied yet, each
// in its own transaction, in order; answers the names of those it applied. Safe to run from
// several servers at once on PostgreSQL (an advisory lock serialises them). Then chains the
// audit entries written before the audit chain existed, once (store::chain_existing_audit).
std::vector<std::string> migrate(Database& db);

// Loads data/reference.json: the territories of Boujdour and the institution categories
// when the territories table is empty, the equipment catalogue when it is empty; and the
// default grid (data/grid.json) when there is no grid. Answers whether it loaded anything.
bool load_reference(Database& db);

// Loads data/demo.json (associations, their documents and agreements, institutions, staff,
// equipment inventories and needs, trainings and their participants) when there are no
// associations yet; answers whether it loaded anything. Every record goes
// through the same validation and audit as the API.
bool load_demo(Database& db);

}  // namespace riaya::store
