// The individual register (issue 16, law 09-08) beyond its registry routes
// (registry_routes.cpp): the register's switch on an institution and the possible duplicates.
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "store/beneficiaries.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// GET /api/beneficiaries/duplicates: with full_name_ar and birth_date, the namesakes of a person
// about to be recorded (exclude_id: the record being edited); without, every group. Audited as a
// read of the records shown.
domain::Result<http::Response> duplicates(Context& c) {
  std::string name, birth;
  long long self = 0;
  for (const auto& [key, value] : c.request.query) {
    if (key == "full_name_ar") {
      if (value.size() > 800 || !domain::is_valid_utf8(value)) return fail(ErrorCode::BadParameter, key);
      name = value;
    } else if (key == "birth_date") {
      if (!domain::parse_iso_date(value)) return fail(ErrorCode::BadParameter, key);
      birth = value;
    } else if (key == "exclude_id") {
      auto id = positive_integer(key, value);
      if (!id) return std::unexpected(id.error());
      self = *id;
    } else {
      return fail(ErrorCode::BadParameter, key);
    }
  }
  if (name.empty() != birth.empty()) return fail(ErrorCode::BadParameter, name.empty() ? "full_name_ar" : "birth_date");
  auto answer = c.db.read([&](soci::session& session) {
    return name.empty() ? store::duplicate_groups(session, c.caller())
                        : store::namesakes(session, c.caller(), name, birth, self);
  });
  std::vector<long long> ids;
  const auto note = [&](const json& items) {
    for (const auto& item : items) ids.push_back(item["id"].get<long long>());
  };
  if (answer.contains("items")) note(answer["items"]);
  for (const auto& group : answer.value("groups", json::array())) note(group["items"]);
  store::audit_named(c.db, *domain::find_spec("beneficiaries"), c.caller(), "read", ids, {{"duplicates", true}});
  return json_response(200, answer);
}

// GET /api/beneficiaries/{id}/access-export: everything the register holds on one person, for
// an access request (law 09-08, article 7): the record and its school years, as a JSON file.
// Audited as an export.
domain::Result<http::Response> access_export(Context& c) {
  auto id = c.id();
  if (!id) return std::unexpected(id.error());
  if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
  const auto& spec = *domain::find_spec("beneficiaries");
  auto record = store::get_record(c.db, spec, c.caller(), *id);
  if (!record) return std::unexpected(record.error());
  store::ListRequest years{.filters = {{"beneficiary_id", *id}}, .sort = "school_year"};
  json school_years = json::array();
  store::each_listed_record(c.db, *domain::find_spec("beneficiary_years"), c.caller(), years,
                            [&](json&& year) { school_years.push_back(std::move(year)); });
  store::audit_named(c.db, spec, c.caller(), "export", {*id}, {{"access_request", true}});
  const json file = {{"beneficiary", *record}, {"school_years", school_years}, {"exported_at", store::utc_now()}};
  return file_response("application/json", "beneficiary-" + std::to_string(*id) + ".json", file.dump(2));
}

}  // namespace

std::vector<Route> beneficiary_routes() {
  return {
      {"PUT", "/api/institutions/{id}/register", Access::SignedIn, "institution_register", Action::Update,
       "Switch an institution's individual register on or off ({keeps_register, version}); the division of its "
       "territory",
       on_record(store::set_register)},
      {"GET", "/api/beneficiaries/duplicates", Access::SignedIn, "beneficiaries", Action::Read,
       "Possible duplicates in scope (same folded Arabic name and birth date): the namesakes of full_name_ar and "
       "birth_date (exclude_id: the record edited), or without them every group; audited as a read",
       duplicates},
      {"GET", "/api/beneficiaries/{id}/access-export", Access::SignedIn, "beneficiaries", Action::Read,
       "Everything the register holds on one beneficiary (the record and its school years) as a JSON file, for an "
       "access request; audited as an export",
       access_export},
  };
}

}  // namespace riaya::api
