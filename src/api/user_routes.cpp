// User accounts (admin) and API tokens (everyone, their own).
#include "api/list_params.hpp"
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "store/records.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// A user of the `association` role is scoped to an association; every other role to a territory.
domain::Result<void> check_role_scope(const json& body) {
  if (!body.is_object() || !body.contains("role") || !body["role"].is_string()) return {};
  const bool association_role = body["role"] == "association";
  if (association_role && body.contains("scope_territory_id") && !body["scope_territory_id"].is_null())
    return fail(ErrorCode::InvalidValue, "scope_territory_id");
  if (!association_role && body.contains("scope_association_id") && !body["scope_association_id"].is_null())
    return fail(ErrorCode::InvalidValue, "scope_association_id");
  return {};
}

// The typed request of a new API token (store/accounts.hpp): its last day, if any, after today.
domain::Result<store::NewToken> new_token(const json& body) {
  store::NewToken request;
  RequestReader reader(body, {"name", "expires_on"});
  reader.text("name", request.name, store::kMaxTokenName)
      .date("expires_on", request.expires_on)
      .check([&]() -> std::optional<domain::Error> {
        if (request.expires_on && *domain::parse_iso_date(*request.expires_on) <= domain::today_utc())
          return domain::Error{ErrorCode::OutOfRange, "expires_on"};
        return std::nullopt;
      });
  return reader.finish(request);
}

}  // namespace

std::vector<Route> user_routes() {
  const auto& spec = domain::user_spec();
  return {
      {"GET", "/api/users", Access::SignedIn, "users", Action::Read, "List user accounts in scope",
       [&spec](Context& c) -> domain::Result<http::Response> {
         auto request = parse_list_params(spec, c.request.query);
         if (!request) return std::unexpected(request.error());
         return json_response(200, store::list_records(c.db, spec, c.caller(), *request));
       }},
      {"POST", "/api/users", Access::SignedIn, "users", Action::Create,
       "Create a user account; answers a one-time password",
       [](Context& c) -> domain::Result<http::Response> {
         if (auto ok = check_role_scope(c.body); !ok) return std::unexpected(ok.error());
         return record_response(201, store::create_user(c.db, c.caller(), c.body));
       }},
      {"GET", "/api/users/{id}", Access::SignedIn, "users", Action::Read, "Read a user account",
       [&spec](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(200, store::get_record(c.db, spec, c.caller(), *id));
       }},
      {"PUT", "/api/users/{id}", Access::SignedIn, "users", Action::Update, "Replace a user account's fields",
       [&spec](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         if (auto ok = check_role_scope(c.body); !ok) return std::unexpected(ok.error());
         if (*id == c.caller().user_id && c.body.value("role", json("admin")) != json("admin"))
           return fail(ErrorCode::InvalidValue, "role");  // an admin cannot remove their own rights
         return record_response(200, store::update_record(c.db, spec, c.caller(), *id, c.body));
       }},
      {"POST", "/api/users/{id}/archive", Access::SignedIn, "users", Action::Archive, "Archive a user account",
       [&spec](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         if (*id == c.caller().user_id) return fail(ErrorCode::Forbidden);
         return record_response(200, store::archive_record(c.db, spec, c.caller(), *id, c.body));
       }},
      {"POST", "/api/users/{id}/reset-password", Access::SignedIn, "users", Action::Update,
       "Give a user a new one-time password; ends their sessions and revokes their API tokens",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         return record_response(200, store::reset_password(c.db, c.caller(), *id));
       }},
      {"GET", "/api/tokens", Access::SignedIn, "tokens", Action::Read, "List one's API tokens (admin: all)",
       [](Context& c) -> domain::Result<http::Response> {
         return json_response(200, store::list_tokens(c.db, c.caller()));
       }},
      {"POST", "/api/tokens", Access::SignedIn, "tokens", Action::Create,
       "Create an API token; answers it once (not with an API token)",
       [](Context& c) -> domain::Result<http::Response> {
         // A token cannot mint tokens that would outlive its own revocation.
         if (c.account->credential == store::Credential::ApiToken) return fail(ErrorCode::SessionRequired);
         auto request = new_token(c.body);
         if (!request) return std::unexpected(request.error());
         return record_response(201, store::create_token(c.db, c.caller(), *request));
       }},
      {"DELETE", "/api/tokens/{id}", Access::SignedIn, "tokens", Action::Archive, "Revoke an API token",
       [](Context& c) -> domain::Result<http::Response> {
         auto id = c.id();
         if (!id) return std::unexpected(id.error());
         if (auto ok = store::revoke_token(c.db, c.caller(), *id); !ok) return std::unexpected(ok.error());
         return empty_response();
       }},
  };
}

}  // namespace riaya::api
