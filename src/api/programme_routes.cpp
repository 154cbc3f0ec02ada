// The action programme (issue 5) beyond its plain records (programmes, actions, grants,
// funding lines, meetings, participants, recommendations: registry_routes.cpp).
#include "api/routes.hpp"
#include "store/programme.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;

// A read route on record {id} answering `read(db, caller, id)`.
Handler read_of_record(domain::Result<nlohmann::json> (*read)(store::Database&, const store::Caller&, long long)) {
  return [read](Context& c) -> domain::Result<http::Response> {
    if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    return cached_read(c, [&] { return read(c.db, c.caller(), *id); });
  };
}

}  // namespace

std::vector<Route> programme_routes() {
  return {
      {"POST", "/api/programmes/{id}/actions-from-shortcomings", Access::SignedIn, "actions", Action::Create,
       "Create one action per selected shortcoming, titled with the criterion's suggested remedy, and link them",
       on_record(&store::actions_from_shortcomings, 201)},
      {"POST", "/api/programmes/{id}/actions-from-needs", Access::SignedIn, "actions", Action::Create,
       "Make open equipment needs (from the consolidated list) one equipment action, or one per institution,"
       " costed from the needs, which become planned and keep the link",
       on_record(&store::actions_from_needs, 201)},
      {"PUT", "/api/actions/{id}/shortcomings", Access::SignedIn, "actions", Action::Update,
       "Replace the shortcomings an action remedies", on_record(&store::link_shortcomings)},
      {"GET", "/api/actions/{id}/followups", Access::SignedIn, "followups", Action::Read,
       "An action's dated follow-up log, newest first", read_of_record(&store::list_followups)},
      {"POST", "/api/actions/{id}/followups", Access::SignedIn, "followups", Action::Create,
       "Add a dated follow-up entry to an action, with its progress", on_record(&store::add_followup, 201)},
      {"POST", "/api/recommendations/{id}/action", Access::SignedIn, "actions", Action::Create,
       "Make a meeting's recommendation an action of a programme, keeping the link",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(201, store::action_from_recommendation(c.db, c.caller(), *id, c.body));
       }},
      {"GET", "/api/meetings/{id}/actions", Access::SignedIn, "meetings", Action::Read,
       "The open actions of the institutions a meeting's participants represent, overdue first",
       read_of_record(&store::meeting_actions)},
  };
}

}  // namespace riaya::api
