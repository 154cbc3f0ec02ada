#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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
  // Set by the handler: the caller's language ("ar", "fr", "en"), for an answer the server
  // words after the handler has run (a streamed answer refused as busy); empty: Accept-Language.
  std::string language;
  std::string request_id;  // X-Request-Id, the client's when sane (http/log.hpp), sent back

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
  // Sent instead of `body` when set: the bytes this writer gives `write`, sent as they come
  // (chunked), never held whole (an export). It runs on the worker after the headers are on
  // their way; `write` blocks while the client is slow and throws when the client has gone.
  // A writer that throws ends the answer cut short (the client sees an incomplete body).
  std::function<void(const std::function<void(std::string_view)>& write)> stream;
  // With `stream`: each write is sent as a chunk of its own at once (lines of progress), instead
  // of being gathered into chunks of 64 KiB.
  bool stream_each_write = false;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Thrown by a streamed answer's `write` when the client has gone (it closed the connection:
// a download cancelled) or the server is stopping: the writer should stop its work.
struct ClientGone {};

// Decodes %XX and, when `plus_is_space`, '+'. Invalid escapes are kept as they are.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace riaya::http
