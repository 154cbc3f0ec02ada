#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace riaya::http {

// An HTTP request as handlers see it: no Beast types, so handlers compile fast.
struct Request {
  std::string method;                          // "GET", "POST", …
  std::string path;                            // percent-decoded, without the query string
  std::map<std::string, std::string> query;    // decoded; a repeated name keeps the last value
  std::map<std::string, std::string> headers;  // names lower-case
  std::map<std::string, std::string> params;   // from the route pattern, e.g. {id}
  std::string body;
  std::string remote_address;
  // Set by the handler for the access log: the matched route pattern (e.g. /api/actions/{id})
  // and who asked (a user id); the log shows the path without its query string when no route
  // matched, and "-" for nobody.
  std::string route;
  std::string user;

  // The header's value, or "" when absent. `name` is lower-case.
  std::string header(const std::string& name) const;
  // The value of cookie `name`, or "" when absent.
  std::string cookie(std::string_view name) const;
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Sent instead of `body` when set: an answer shared by many requests, never copied.
  std::shared_ptr<const std::string> shared_body;
  // Sent instead of `body` when set: this file's bytes, read as they are sent (an export), never
  // held whole in memory. `file_owner` keeps the file until it is sent (a temporary file is
  // removed when its last owner drops it).
  std::string file_path;
  std::shared_ptr<const void> file_owner;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Decodes %XX and, when `plus_is_space`, '+'. Invalid escapes are kept as they are.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace riaya::http
