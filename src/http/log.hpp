#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace riaya::http {

enum class LogFormat {
  Json,  // one JSON object a line: {"time", "level", "msg", "request_id"?, access fields?}
  Text,  // "TIME LEVEL MESSAGE", for a terminal
};

// Makes spdlog's default logger write `format` lines. A line written on a thread while it
// answers a request (RequestScope) carries that request's id: "request_id" in JSON, a trailing
// "request=ID" in text. Times are UTC with milliseconds.
void use_log_format(LogFormat format);

// The request id of a request: the client's X-Request-Id when it is a plain token (1 to 64
// letters, digits, "-", "_" or "."; anything else could forge log lines), else a new random
// one of 16 hexadecimal digits.
std::string request_id_of(std::string_view client_id);

// While alive, the lines this thread writes carry `request_id` (which must outlive the scope).
class RequestScope {
 public:
  explicit RequestScope(std::string_view request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string_view previous_;
};

// What the access line of one request says. Never a body, a query string or a personal field:
// `route` is the route's pattern (e.g. /api/actions/{id}), `user` a user id or "".
struct AccessEntry {
  std::string_view method;
  std::string_view route;
  unsigned status;
  double seconds;
  std::string_view user;
};

// Writes the access line of a request at info level: in JSON {"msg": "access", "method",
// "route", "status", "duration_ms", "user"} (user null when nobody signed in); in text
// "access METHOD ROUTE STATUS 1.2ms user=ID|-".
void log_access(const AccessEntry& entry);

}  // namespace riaya::http
