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

// A body made once and sent to many requests, never copied: its bytes, and the same bytes
// gzipped when they are worth compressing (empty otherwise), so that no request gzips it again.
struct SharedBody {
  std::string bytes;
  std::string gzipped;
  std::string file_name;  // the name a browser saves it under, when it is a file (a PDF); else empty
};
// `bytes` as a SharedBody, gzipped too when worth_gzipping; `file_name` kept beside.
std::shared_ptr<const SharedBody> share_body(std::string bytes, std::string_view content_type,
                                             std::string file_name = {});

// Whether an answer of `size` bytes of `content_type` is worth gzipping: text and JSON over 1 kB
// are; PDF, XLSX (already deflated) and images are not.
bool worth_gzipping(std::size_t size, std::string_view content_type);

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  // Sent instead of `body` when set: an answer shared by many requests, never copied; the
  // same gzipped, sent instead to a client that accepts gzip, when set (see share_body).
  std::shared_ptr<const std::string> shared_body;
  std::shared_ptr<const std::string> shared_gzipped;
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
