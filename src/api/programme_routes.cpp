// The action programme (issue 5) beyond its plain records (programmes, actions, grants,
// funding lines, meetings, participants, recommendations: registry_routes.cpp).
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "reports/meeting_minutes.hpp"
#include "store/programme.hpp"
#include "store/registry_tables.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// A read route on record {id} answering `read(db, caller, id)`, which reads `tables`.
Handler read_of_record(domain::Result<nlohmann::json> (*read)(store::Database&, const store::Caller&, long long),
                       store::Tables tables) {
  return [read, tables = std::move(tables)](Context& c) -> domain::Result<http::Response> {
    if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    return cached_read(c, tables, [&] { return read(c.db, c.caller(), *id); });
  };
}

// The typed requests of the programme's writes (store/programme.hpp).
domain::Result<store::ActionsFromShortcomings> actions_from_shortcomings(const json& body) {
  store::ActionsFromShortcomings request;
  return RequestReader(body, {"shortcoming_ids", "due_on"})
      .ids("shortcoming_ids", request.shortcoming_ids, 100, true)
      .date("due_on", request.due_on)
      .finish(request);
}

domain::Result<store::ActionsFromNeeds> actions_from_needs(const json& body) {
  store::ActionsFromNeeds request;
  return RequestReader(body, {"need_ids", "grouping", "due_on"})
      .ids("need_ids", request.need_ids, 500, true)
      .choice("grouping", request.grouping, {"single", "per_institution"})
      .date("due_on", request.due_on)
      .finish(request);
}

domain::Result<store::ShortcomingLinks> shortcoming_links(const json& body) {
  store::ShortcomingLinks request;
  return RequestReader(body, {"version", "shortcoming_ids"})
      .version(request.version)
      .ids("shortcoming_ids", request.shortcoming_ids, 100, false)
      .finish(request);
}

domain::Result<store::FollowupEntry> followup_entry(const json& body) {
  store::FollowupEntry request;
  return RequestReader(body, {"version", "entry_date", "note", "progress"})
      .version(request.version)
      .date("entry_date", request.entry_date)
      .text("note", request.note, store::kMaxFollowupNote)
      .integer("progress", request.progress, 0, 100)
      .finish(request);
}

std::string text_of(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

// What store::meeting_minutes read, as the document lays it out.
reports::MeetingMinutes minutes_of(const json& data) {
  const auto& m = data["meeting"];
  reports::MeetingMinutes minutes{
      .issuer = {text_of(m["issuer_name_ar"]), text_of(m["issuer_name_fr"]), m["issuer_level"] == "province"},
      .kind = text_of(m["kind"]),
      .title_ar = text_of(m["title_ar"]),
      .title_fr = text_of(m["title_fr"]),
      .held_on = domain::parse_iso_date(text_of(m["held_on"])).value(),
      .place = text_of(m["place"]),
      .chair = text_of(m["chair"]),
      .agenda = text_of(m["agenda"]),
      .minutes = text_of(m["minutes"]),
      .participants = {},
      .recommendations = {}};
  for (const auto& p : data["participants"]) {
    const bool institution = p["institution_name_ar"].is_string();
    minutes.participants.push_back({text_of(p["full_name"]), text_of(p["function"]), text_of(p["organisation"]),
                                    text_of(institution ? p["institution_name_ar"] : p["association_name_ar"]),
                                    text_of(institution ? p["institution_name_fr"] : p["association_name_fr"])});
  }
  for (const auto& r : data["recommendations"]) {
    auto& recommendation = minutes.recommendations.emplace_back(
        reports::MinutesRecommendation{text_of(r["text_ar"]), text_of(r["text_fr"]), std::nullopt});
    if (const auto& action = r["action"]; action.is_object())
      recommendation.action = {text_of(action["title_ar"]), text_of(action["title_fr"]), text_of(action["status"])};
  }
  return minutes;
}

}  // namespace

std::vector<Route> programme_routes() {
  return {
      {"POST", "/api/programmes/{id}/actions-from-shortcomings", Access::SignedIn, "actions", Action::Create,
       "Create one action per selected shortcoming, titled with the criterion's suggested remedy, and link them",
       on_record(&actions_from_shortcomings, &store::actions_from_shortcomings, 201)},
      {"POST", "/api/programmes/{id}/actions-from-needs", Access::SignedIn, "actions", Action::Create,
       "Make open equipment needs (from the consolidated list) one equipment action, or one per institution,"
       " costed from the needs, which become planned and keep the link",
       on_record(&actions_from_needs, &store::actions_from_needs, 201)},
      {"PUT", "/api/actions/{id}/shortcomings", Access::SignedIn, "actions", Action::Update,
       "Replace the shortcomings an action remedies", on_record(&shortcoming_links, &store::link_shortcomings)},
      {"GET", "/api/actions/{id}/followups", Access::SignedIn, "followups", Action::Read,
       "An action's dated follow-up log, newest first",
       read_of_record(&store::list_followups, store::read_tables({"actions", "followups", "users"}))},
      {"POST", "/api/actions/{id}/followups", Access::SignedIn, "followups", Action::Create,
       "Add a dated follow-up entry to an action, with its progress",
       on_record(&followup_entry, &store::add_followup, 201)},
      {"POST", "/api/recommendations/{id}/action", Access::SignedIn, "actions", Action::Create,
       "Make a meeting's recommendation an action of a programme, keeping the link",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(201, store::action_from_recommendation(c.db, c.caller(), *id, c.body));
       }},
      {"GET", "/api/meetings/{id}/actions", Access::SignedIn, "meetings", Action::Read,
       "The open actions of the institutions a meeting's participants represent, overdue first",
       read_of_record(&store::meeting_actions,
                      store::read_tables({"meetings", "recommendations", "actions", "participants"}))},
      {"GET", "/api/meetings/{id}/minutes.pdf", Access::SignedIn, "meetings", Action::Read,
       "The minutes of a meeting as a PDF with the official header: lang=ar or fr (default: the caller's language; "
       "Arabic for English)" +
           std::string(kProgressNote),
       [](Context& c) -> domain::Result<http::Response> {
         const auto language = document_language(c, {});
         if (!language) return std::unexpected(language.error());
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         static const auto tables = store::read_tables(
             {"meetings", "participants", "recommendations", "actions", "shortcomings", "equipment_needs"});
         return cached_document(c, tables, [&]() -> domain::Result<PreparedDocument> {
           const auto data = store::meeting_minutes(c.db, c.caller(), *id);
           if (!data) return std::unexpected(data.error());
           auto minutes = minutes_of(*data);
           auto name = reports::minutes_file_name(minutes, *language);
           return PreparedDocument{std::move(name), [minutes = std::move(minutes),
                                                     language = *language](const reports::Progress& progress) {
                                     return reports::minutes_pdf(minutes, language, domain::today_utc(), progress);
                                   }};
         });
       }},
  };
}

}  // namespace riaya::api
