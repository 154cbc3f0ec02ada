#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace riaya::store {

// The action programme beyond plain records (which records.cpp keeps): actions made from
// shortcomings or from a meeting's recommendation, the shortcomings an action remedies, its
// dated follow-up, the rules a write must keep, and what a change entails elsewhere.
// Every function works in the caller's scope; every write is one transaction, audited.

// The requests of the endpoints below, read from their JSON bodies by src/api (its
// RequestReader checks their shape: types, bounds, unknown fields); the store checks the rest.
struct ActionsFromShortcomings {
  std::vector<long long> shortcoming_ids;  // 1–100
  std::optional<std::string> due_on;       // YYYY-MM-DD, for every action made
};
struct ActionsFromNeeds {
  std::vector<long long> need_ids;  // 1–500
  std::string grouping = "single";  // or "per_institution"
  std::optional<std::string> due_on;
};
struct ShortcomingLinks {
  long long version = 0;
  std::vector<long long> shortcoming_ids;  // 0–100
};
inline constexpr std::size_t kMaxFollowupNote = 4000;
struct FollowupEntry {
  long long version = 0;
  std::string entry_date;       // YYYY-MM-DD
  std::string note;             // not blank, kMaxFollowupNote code points at most
  std::optional<int> progress;  // 0–100
};

// Creates one action per shortcoming of body.shortcoming_ids (1–100, in the caller's scope,
// of institutions within the programme's territory) in programme `programme_id`: titled
// with the criterion's suggested remedy (else the criterion, else the description), the
// institution's, category from the grid domain, planned, linked to the shortcoming (which
// goes from open to in progress). Optional body.due_on for all. Answers {"items": [actions]}.
domain::Result<nlohmann::json> actions_from_shortcomings(Database& db, const Caller& caller, long long programme_id,
                                                         const ActionsFromShortcomings& body);

// Makes the open equipment needs body.need_ids (1–500, in the caller's scope, of institutions
// within the programme's territory, none planned yet) equipment actions of programme
// `programme_id`. body.grouping "single" (the default) makes one action: the institution's
// when every need is of one institution, else province-wide; "per_institution" makes one
// per institution. Each action is titled with its items and quantities, costs Σ quantity ×
// unit cost, and is planned; its needs become planned and keep the link. Optional
// body.due_on for all. Answers {"items": [actions]}.
domain::Result<nlohmann::json> actions_from_needs(Database& db, const Caller& caller, long long programme_id,
                                                  const ActionsFromNeeds& body);

// Replaces the shortcomings action `action_id` remedies (body {"version", "shortcoming_ids"}).
domain::Result<nlohmann::json> link_shortcomings(Database& db, const Caller& caller, long long action_id,
                                                 const ShortcomingLinks& body);

// Adds a dated entry to an action's follow-up log (body {"version", "entry_date", "note",
// "progress"?}); a progress sets the action's progress (a planned action becomes ongoing).
// Who may (the division, or the association of the action's institution) is the access table's
// "followups" and the scope's. Not on a cancelled action;
// no progress change on a done one. Answers the action.
domain::Result<nlohmann::json> add_followup(Database& db, const Caller& caller, long long action_id,
                                            const FollowupEntry& body);

// {"items": [{"id", "entry_date", "progress", "note", "created_by_name", "created_at"}]}, newest first.
domain::Result<nlohmann::json> list_followups(Database& db, const Caller& caller, long long action_id);

// Makes recommendation `recommendation_id` an action of body.programme_id (other action
// fields in the body; the title defaults to the recommendation's text) and keeps the link.
// Duplicate when it already became one.
domain::Result<nlohmann::json> action_from_recommendation(Database& db, const Caller& caller,
                                                          long long recommendation_id, nlohmann::json body);

// The programme review of meeting `meeting_id`: the open (planned, ongoing) actions of the
// institutions its participants represent (themselves or through their association), overdue
// ones first: {"items": [actions with "overdue"]}.
domain::Result<nlohmann::json> meeting_actions(Database& db, const Caller& caller, long long meeting_id);

// What the minutes of meeting `meeting_id` show, read in one transaction, every query in the
// caller's scope (the meeting as GET /api/meetings/{id} reads it, archived or not):
//   {"meeting": {"kind", "title_ar", "title_fr", "held_on", "place", "chair", "agenda", "minutes",
//                "issuer_name_ar", "issuer_name_fr", "issuer_level"},
//    "participants": [{"full_name", "function", "organisation", "association_name_ar", "association_name_fr",
//                      "institution_name_ar", "institution_name_fr"}],
//    "recommendations": [{"text_ar", "text_fr", "action": {"title_ar", "title_fr", "status"} or null}]}
// The issuer is the province the meeting's territory lies in (itself when it is one; the
// territory itself when it lies above provinces). Live participants and recommendations in
// the order they were recorded; a recommendation's action when it is live and the caller
// may read it. NotFound when the meeting does not exist or lies outside the scope.
domain::Result<nlohmann::json> meeting_minutes(Database& db, const Caller& caller, long long meeting_id);

// Hooks of the generic records (store/registry_tables.cpp).
domain::Result<void> check_action(soci::session& session, const Caller& caller, nlohmann::json& values,
                                  const nlohmann::json* before);
void after_action_write(soci::session& session, const Caller& caller, const nlohmann::json& record);
void complete_action(nlohmann::json& record);
void complete_programme(nlohmann::json& record);
domain::Result<void> check_need(soci::session& session, const Caller& caller, nlohmann::json& values,
                                const nlohmann::json* before);
domain::Result<void> check_grant(soci::session& session, const Caller& caller, nlohmann::json& values,
                                 const nlohmann::json* before);
domain::Result<void> check_funding_line(soci::session& session, const Caller& caller, nlohmann::json& values,
                                        const nlohmann::json* before);

}  // namespace riaya::store
