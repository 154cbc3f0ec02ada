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
// when the territories table is empty, the equipment and services catalogues each when it is empty; and the
// default grid (data/grid.json) when there is no grid. Answers whether it loaded anything.
bool load_reference(Database& db);

// Which parts of data/demo.json to load.
enum class DemoParts {
  Whole,     // the registry and the story
  Registry,  // associations, their documents and agreements, institutions, staff, equipment, services,
             // activities, trainings
};

// What load_demo did.
enum class DemoLoad {
  Loaded,         // what was asked, into a database without associations
  StoryAdded,     // the story, beside the registry an earlier `riaya demo` loaded without it
  AlreadyLoaded,  // nothing: what was asked is there
  Refused,        // nothing: the database holds data that is not the demo's
};

// Loads data/demo.json. The registry (associations, their documents and agreements,
// institutions, staff, equipment inventories and needs, services and activities, trainings and their participants)
// loads only into a database without associations. The story (DemoParts::Whole) — users
// demo.division, demo.delegation and demo.assessor with one-time passwords nobody is shown,
// the diagnostic campaigns of September 2018 and 2019 validated for every demo institution,
// their shortcomings, the meeting of 26 April 2019, the programme 2019–2020 with its actions
// and follow-ups, grants and funding lines, the monthly statistics of every demo institution
// from September 2018 to June 2020 — loads with the registry, or beside a registry
// that `riaya demo` itself loaded (its audit entries show it made every DEMO- institution),
// and only when there is no campaign, programme, meeting, grant nor demo user yet. Anything
// else is Refused and writes nothing. Every record goes through the store functions the API
// calls, with their validation, derived records and audit entries. A load interrupted half-way
// is not resumed (start again from an empty database).
DemoLoad load_demo(Database& db, DemoParts parts = DemoParts::Whole);

}  // namespace riaya::store
