// What training sessions hold beyond their fields (they are a registry resource): the staff
// who attended, each staff member's history, and the indicator "staff trained in the last
// 12 months".
#include "api/list_export.hpp"
#include "api/list_params.hpp"
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "store/registry_tables.hpp"
#include "store/trainings.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// What the reads of trainings and their participants read (api::cached_read).
const store::Tables& training_tables() {
  static const auto tables = store::read_tables({"trainings", "training_participants", "staff"});
  return tables;
}

// A read of record {id}: `read(db, caller, id)`, served from the cache while the training tables
// are unchanged.
Handler on_id(domain::Result<json> (*read)(store::Database&, const store::Caller&, long long)) {
  return [read](Context& c) -> domain::Result<http::Response> {
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
    return cached_read(c, training_tables(), [&] { return read(c.db, c.caller(), *id); });
  };
}

// The typed request of adding or removing participants (store/trainings.hpp): ids that are
// not positive are no one's (InvalidReference), and none may come twice (Duplicate); both name
// "staff_ids" and give the id in {"staff_id"}.
domain::Result<store::ParticipantChange> participant_change(const json& body) {
  store::ParticipantChange request;
  RequestReader reader(body, {"version", "staff_ids"});
  reader.version(request.version)
      .ids("staff_ids", request.staff_ids, store::kMaxParticipantChange, true, RequestReader::Items::Unnamed)
      .check([&]() -> std::optional<domain::Error> {
        const auto& ids = request.staff_ids;
        for (auto at = ids.begin(); at != ids.end(); ++at) {
          if (*at <= 0) return domain::Error{ErrorCode::InvalidReference, "staff_ids", {{"staff_id", *at}}};
          if (std::find(ids.begin(), at, *at) != at)
            return domain::Error{ErrorCode::Duplicate, "staff_ids", {{"staff_id", *at}}};
        }
        return std::nullopt;
      });
  return reader.finish(request);
}

// The participants of training {id} the caller may see, as a file (format=xlsx|csv,
// lang=ar|fr|en): name, function, institution, date added, as the page lists them.
domain::Result<http::Response> export_participants(Context& c) {
  auto id = c.id();
  if (!id) return std::unexpected(id.error());
  auto parameters = c.request.query;
  auto choice = file_choice(parameters, c.language);
  if (!choice) return std::unexpected(choice.error());
  if (!parameters.empty()) return fail(ErrorCode::BadParameter, parameters.begin()->first);
  auto list = store::list_participants(c.db, c.caller(), *id);
  if (!list) return std::unexpected(list.error());
  const auto language = choice->language;
  const auto label = [language](std::string_view key) { return export_label(key, language); };
  auto file = table_file("training-" + std::to_string(*id) + "-participants", label("trainings.participants"), *choice,
                         {{label("field.full_name"), io::ColumnKind::Text, 30},
                          {label("field.function"), io::ColumnKind::Text, 24},
                          {label("field.institution"), io::ColumnKind::Text, 36},
                          {label("trainings.added_on"), io::ColumnKind::Date, 14}},
                         [items = std::move((*list)["items"]), language](io::TableFile& table) {
                           const auto text = [](const json& value) {
                             return value.is_string() ? io::ExportCell(value.get<std::string>()) : io::ExportCell();
                           };
                           for (const auto& item : items) {
                             const auto& french = item["institution_name_fr"];
                             const auto& institution = language != domain::Language::Arabic && french.is_string() &&
                                                               !french.get<std::string>().empty()
                                                           ? french
                                                           : item["institution_name_ar"];
                             const auto added =
                                 item["added_at"].is_string() ? item["added_at"].get<std::string>().substr(0, 10) : "";
                             table.row({text(item["full_name"]), text(item["function"]), text(institution),
                                        added.empty() ? io::ExportCell() : io::ExportCell(added)});
                           }
                         });
  return file_response(file.content_type, file.name, std::move(file.write));
}

}  // namespace

std::vector<Route> training_routes() {
  return {
      {"GET", "/api/trainings/{id}/participants", Access::SignedIn, "trainings", Action::Read,
       "The participants of a training whom the caller may see (an association: its own staff)",
       on_id(&store::list_participants)},
      {"GET", "/api/trainings/{id}/participants/export", Access::SignedIn, "trainings", Action::Read,
       "The participants the caller may see as a file: format=xlsx (default) or csv, lang=ar|fr|en (default: the "
       "caller's)",
       export_participants},
      {"POST", "/api/trainings/{id}/participants", Access::SignedIn, "trainings", Action::Update,
       "Add staff to a training: {version, staff_ids} (in scope, under the training's territory, not twice)",
       on_record(&participant_change, &store::add_participants)},
      {"POST", "/api/trainings/{id}/participants/remove", Access::SignedIn, "trainings", Action::Update,
       "Remove staff from a training: {version, staff_ids}",
       on_record(&participant_change, &store::remove_participants)},
      {"GET", "/api/staff/{id}/trainings", Access::SignedIn, "staff", Action::Read,
       "A staff member's training history, latest first", on_id(&store::staff_trainings)},
      {"GET", "/api/trained_staff", Access::SignedIn, "trained_staff", Action::Read,
       "Staff trained in the last 12 months per institution in scope (on=YYYY-MM-DD, territory_id, association_id,"
       " category, institution_id)",
       [](Context& c) -> domain::Result<http::Response> {
         auto on = domain::today_utc();
         std::map<std::string, json> filters;
         for (const auto& [name, value] : c.request.query) {
           if (value.empty()) continue;
           if (name == "on") {
             const auto date = domain::parse_iso_date(value);
             if (!date) return fail(ErrorCode::BadParameter, name);
             on = *date;
           } else {
             auto taken = institution_filter(name, value, filters);
             if (!taken) return std::unexpected(taken.error());
             if (!*taken || name == "campaign_id") return fail(ErrorCode::BadParameter, name);
           }
         }
         return cached_read(c, training_tables(), [&]() -> domain::Result<json> {
           return store::trained_staff(c.db, c.caller(), on, filters);
         });
       }},
  };
}

}  // namespace riaya::api
