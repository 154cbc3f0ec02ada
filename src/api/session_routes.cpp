// Log-in, log-out, the signed-in user, password and language.
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/schema.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using nlohmann::json;

std::string session_cookie(const Context& context, const std::string& value, long long max_age) {
  return "riaya_session=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (context.settings.secure_cookies ? "; Secure" : "");
}

// What the caller's role may do, by resource of the access table: the actions domain::may allows
// ("read", "create", "update", "archive", "validate"); a resource it may do nothing with is left out.
json permissions(domain::Role role) {
  constexpr std::pair<Action, const char*> kActions[] = {{Action::Read, "read"},
                                                         {Action::Create, "create"},
                                                         {Action::Update, "update"},
                                                         {Action::Archive, "archive"},
                                                         {Action::Validate, "validate"}};
  json answer = json::object();
  for (const auto resource : domain::access_resources()) {
    json allowed = json::array();
    for (const auto& [action, name] : kActions)
      if (domain::may(role, resource, action)) allowed.push_back(name);
    if (!allowed.empty()) answer[std::string(resource)] = std::move(allowed);
  }
  return answer;
}

// Which roles may create records of each resource of the access table (domain::may), for a
// screen to say who adds what its user may not: {"associations": ["division"], …}; a resource no
// role may create is left out.
json creators() {
  constexpr domain::Role kRoles[] = {domain::Role::Admin,    domain::Role::Division,    domain::Role::Delegation,
                                     domain::Role::Assessor, domain::Role::Association, domain::Role::Viewer};
  json answer = json::object();
  for (const auto resource : domain::access_resources()) {
    json roles = json::array();
    for (const auto role : kRoles)
      if (domain::may(role, resource, Action::Create)) roles.push_back(std::string(domain::role_name(role)));
    if (!roles.empty()) answer[std::string(resource)] = std::move(roles);
  }
  return answer;
}

json session_body(const store::Account& account) {
  return {{"user", account.user},
          {"csrf_token", account.csrf_token},
          {"permissions", permissions(account.caller.role)},
          {"creators", creators()}};
}

// The typed requests of the session's writes. Credentials and the language are taken as sent
// (the store checks them), at most kMaxCredentialBytes bytes each.
constexpr std::size_t kMaxCredentialBytes = 1024;

struct LogIn {
  std::string username, password;
};

domain::Result<LogIn> log_in(const json& body) {
  LogIn request;
  return RequestReader(body, {"username", "password"})
      .exact_text("username", request.username, kMaxCredentialBytes)
      .exact_text("password", request.password, kMaxCredentialBytes)
      .finish(request);
}

struct PasswordChange {
  std::string current_password, new_password;
};

domain::Result<PasswordChange> password_change(const json& body) {
  PasswordChange request;
  return RequestReader(body, {"current_password", "new_password"})
      .exact_text("current_password", request.current_password, kMaxCredentialBytes)
      .exact_text("new_password", request.new_password, kMaxCredentialBytes)
      .finish(request);
}

domain::Result<std::string> chosen_language(const json& body) {
  std::string language;
  return RequestReader(body, {"language"}).exact_text("language", language, kMaxCredentialBytes).finish(language);
}

}  // namespace

std::vector<Route> session_routes() {
  return {
      {"POST", "/api/session", Access::Public, "", Action::Create,
       "Log in: opens a session (cookie) and returns the user",
       [](Context& c) -> domain::Result<http::Response> {
         auto request = log_in(c.body);
         if (!request) return std::unexpected(request.error());
         auto result = store::login(c.db, request->username, request->password, c.request.remote_address,
                                    c.settings.session_limits);
         if (!result) return std::unexpected(result.error());
         auto response = json_response(200, session_body(result->account));
         response.headers.emplace_back(
             "Set-Cookie", session_cookie(c, result->session_token, c.settings.session_limits.max_age_seconds));
         return response;
       }},
      {"GET", "/api/session", Access::SignedIn, "session", Action::Read, "The signed-in user and the CSRF token",
       [](Context& c) -> domain::Result<http::Response> { return json_response(200, session_body(*c.account)); }},
      {"DELETE", "/api/session", Access::SignedIn, "session", Action::Archive, "Log out",
       [](Context& c) -> domain::Result<http::Response> {
         store::logout(c.db, c.caller(), c.request.cookie("riaya_session"));
         auto response = empty_response();
         response.headers.emplace_back("Set-Cookie", session_cookie(c, "", 0));
         return response;
       }},
      {"POST", "/api/session/password", Access::SignedIn, "session", Action::Update,
       "Change one's own password; ends one's other sessions and revokes one's API tokens",
       [](Context& c) -> domain::Result<http::Response> {
         auto request = password_change(c.body);
         if (!request) return std::unexpected(request.error());
         const bool by_cookie = c.account->credential == store::Credential::Session;
         if (auto ok = store::change_password(c.db, c.caller(), request->current_password, request->new_password,
                                              by_cookie ? c.request.cookie("riaya_session") : "");
             !ok)
           return std::unexpected(ok.error());
         return empty_response();
       }},
      {"POST", "/api/session/language", Access::SignedIn, "session", Action::Update, "Set one's interface language",
       [](Context& c) -> domain::Result<http::Response> {
         auto language = chosen_language(c.body);
         if (!language) return std::unexpected(language.error());
         if (auto ok = store::set_language(c.db, c.caller(), *language); !ok) return std::unexpected(ok.error());
         c.account->user["language"] = *language;
         return json_response(200, session_body(*c.account));
       }},
  };
}

std::vector<Route> system_routes() {
  return {
      {"GET", "/healthz", Access::Public, "", Action::Read, "The process is up",
       [](Context&) -> domain::Result<http::Response> {
         return json_response(200, {{"status", "ok"}});
       }},
      {"GET", "/readyz", Access::Public, "", Action::Read,
       "The server has started, its database answers and has room to write (503 with the reason when not)",
       [](Context& c) -> domain::Result<http::Response> {
         if (c.db.migrating()) return json_response(503, {{"status", "starting: migrations running"}});
         if (!c.db.reachable()) return json_response(503, {{"status", "database unreachable"}});
         if (c.db.disk_full()) return json_response(503, {{"status", "disk full: free space on the server"}});
         return json_response(200, {{"status", "ok"}});
       }},
  };
}

}  // namespace riaya::api
