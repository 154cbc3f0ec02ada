#pragma once

#include "api/routes.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace riaya::api {

// The JSON API: one routing table, and around every handler the same steps: authenticate
// (session cookie or bearer token), check CSRF for cookie writes, check the role may use the
// route, parse the body, run, and turn an error value into its status and localized message.
// While the database is starting (Database::migrating) only /healthz, /readyz and /metrics
// answer; other routes answer 503 busy. Keeps the process's metrics (GET /metrics: the
// server counts requests into metrics(), the API adds its database pool, reply cache and work
// in progress). Thread-safe: handle() runs concurrently on the server's workers.
class Api {
 public:
  Api(store::Database& db, Settings settings);

  http::Response handle(http::Request& request);
  http::Response failure(const http::Request& request, http::Failure failure);

  const std::vector<Route>& routes() const { return routes_; }
  http::Metrics& metrics() { return metrics_; }
  // The documents being made now and the places for them (for tests: to take every place).
  DocumentMakings& document_makings() { return makings_; }

 private:
  // What a route does, as counted in the metrics' work in progress.
  enum class Work { Plain, Document, Export };
  http::Response run(const Route& route, Work work, http::Request& request);
  http::Response metrics_reply(const http::Request& request);

  store::Database& db_;
  Settings settings_;
  ReplyCache cache_;
  store::AccountCache accounts_;
  DocumentMakings makings_;
  http::Metrics metrics_;
  std::atomic<long long> documents_ = 0, exports_ = 0;  // being made now
  std::atomic<long long> documents_cancelled_ = 0;      // since the start
  std::vector<Route> routes_;
  http::Router router_;
};

// The error body and status for `error`, in `language`.
http::Response error_response(const domain::Error& error, domain::Language language);

}  // namespace riaya::api
