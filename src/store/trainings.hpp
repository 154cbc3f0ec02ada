#pragma once

#include "domain/dates.hpp"
#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace riaya::store {

// Training sessions are a registry resource ("trainings"); this is what they hold beyond
// their fields: the staff who attended, each staff member's history, and the indicator
// "staff trained in the last 12 months". Every function is limited to the caller's scope.

// The participants of training `training_id` whom the caller may see (an association: its
// own staff only), by name: {"items": [{"staff_id", "full_name", "function", "institution_id",
// "institution_name_ar", "institution_name_fr", "archived_at", "added_at"}], "total"}.
// NotFound when the training is outside the scope.
domain::Result<nlohmann::json> list_participants(Database& db, const Caller& caller, long long training_id);

// The request of add_participants and remove_participants, read from its JSON body by src/api:
// 1 to kMaxParticipantChange positive ids, none twice.
inline constexpr std::size_t kMaxParticipantChange = 200;
struct ParticipantChange {
  long long version = 0;
  std::vector<long long> staff_ids;
};

// Adds body.staff_ids (1 to 200 ids) to training `training_id`, at body.version: each must be
// a live staff member within the caller's scope and under the training's territory
// (InvalidReference otherwise), and not a participant already nor twice in the list
// (Duplicate); both errors name "staff_ids" and give {"staff_id"} in their detail. Raises the
// training's version, audits "add_participants" (participant ids before → after), and
// answers the training with "participants" (as list_participants). NotFound, Conflict as
// update_record. Nothing is written on any error.
domain::Result<nlohmann::json> add_participants(Database& db, const Caller& caller, long long training_id,
                                                const ParticipantChange& body);

// Removes body.staff_ids from the participants, at body.version; an id that is not a
// participant the caller may see is InvalidReference. Audited as "remove_participants".
domain::Result<nlohmann::json> remove_participants(Database& db, const Caller& caller, long long training_id,
                                                   const ParticipantChange& body);

// The live trainings staff member `staff_id` attended, latest first: {"staff_id", "items":
// [{"id", "topic", "domain", "starts_on", "ends_on", "hours", "trainer", "organiser",
// "territory_id"}], "total", "total_hours"}. NotFound when the staff member is outside the scope.
domain::Result<nlohmann::json> staff_trainings(Database& db, const Caller& caller, long long staff_id);

// "Staff trained in the last 12 months" on day `on`, per live institution in the caller's
// scope (filters: territory_id, association_id, category of the institutions registry;
// institution_id: that one). Current staff: live, started on or before `on` (or no start
// date), not ended before it. Trained: attended a live training that ended (or, without an
// end date, started) from `since` to `on` inclusive, `since` being the day after the same
// date a year earlier. {"computed_on", "since", "items": [{"institution_id", "code",
// "name_ar", "name_fr", "staff", "trained", "percent"}], "totals": {"staff", "trained",
// "percent"}}; percent has one decimal, null without staff. No name of a person.
nlohmann::json trained_staff(Database& db, const Caller& caller, domain::Date on,
                             const std::map<std::string, nlohmann::json>& filters);

// trained_staff's "totals" and "since" alone, {"staff", "trained", "percent", "since"}, read by
// one aggregate in `session` (the dashboard's read): the same rows, counted without listing
// the institutions.
nlohmann::json trained_staff_totals(soci::session& session, const Caller& caller, domain::Date on,
                                    const std::map<std::string, nlohmann::json>& filters);

}  // namespace riaya::store
