#pragma once

#include "api/routes.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace riaya::api {

// The JSON API: one routing table, and around every handler the same steps: authenticate
// (session cookie or bearer token), check CSRF for cookie writes, check the role may use the
// route, parse the body, run, and turn an error value into its status and localized message.
// Thread-safe: handle() runs concurrently on the server's workers.
class Api {
 public:
  Api(store::Database& db, Settings settings);

  http::Response handle(http::Request& request);
  http::Response failure(const http::Request& request, http::Failure failure);

  const std::vector<Route>& routes() const { return routes_; }

 private:
  http::Response run(const Route& route, http::Request& request);

  store::Database& db_;
  Settings settings_;
  ReplyCache cache_;
  std::vector<Route> routes_;
  http::Router router_;
};

// The error body and status for `error`, in `language`.
http::Response error_response(const domain::Error& error, domain::Language language);

}  // namespace riaya::api
