#pragma once

#include "api/document_makings.hpp"
#include "api/official_documents.hpp"
#include "api/reply_cache.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/file_type.hpp"
#include "domain/language.hpp"
#include "http/message.hpp"
#include "io/byte_sink.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::api {

struct Settings {
  store::SessionLimits session_limits;
  std::size_t reply_cache_bytes = 64 << 20;
  bool secure_cookies = false;  // set the Secure flag (behind HTTPS)
  std::string metrics_token;    // GET /metrics from other than loopback needs it as a bearer token
  // Requests making or waiting for an official document at once (each holds a worker while the
  // PDF is made); beyond, 503 Busy with Retry-After. `riaya serve` sets half its workers.
  std::size_t documents_at_once = 2;
};

// What a handler gets: the request, the database, who is calling, in which language.
struct Context {
  http::Request& request;
  store::Database& db;
  const Settings& settings;
  ReplyCache& cache;
  DocumentMakings& makings;  // the documents being made now (cached_document)
  domain::Language language;
  std::optional<store::Account> account;  // set on every route that is not Public
  nlohmann::json body;                    // the parsed JSON body of POST / PUT / PATCH, else null

  const store::Caller& caller() const { return account->caller; }
  // A path parameter holding an id ({id} unless named); NotFound when it is not a positive integer.
  domain::Result<long long> id(const std::string& name = "id") const;
};

using Handler = std::function<domain::Result<http::Response>(Context&)>;

enum class Access {
  Public,    // anyone, signed in or not
  SignedIn,  // any signed-in user whose role may do `action` on `resource`
};

// What a route's request body holds.
inline constexpr std::size_t kMaxJsonBody = 1 << 20;
enum class Body {
  Json,  // a JSON object of at most kMaxJsonBody bytes (checked for UTF-8, parsed into Context::body)
  File,  // the bytes of an uploaded file (spreadsheet, photo, PDF), left as they are in the request
};

// One route of the API, with what the authorization layer and the OpenAPI document need.
struct Route {
  std::string method;
  std::string pattern;
  Access access;
  std::string resource;  // for domain::may; empty for public routes
  domain::Action action;
  std::string summary;
  Handler handler;
  Body body = Body::Json;
};

http::Response json_response(unsigned status, const nlohmann::json& body);
http::Response empty_response(unsigned status = 204);
// The answer of a read that depends only on the data of `tables`, the request's path and query
// and the caller's role and scope: served from the cache while those tables' versions are
// unchanged (store::Database::write), else computed by `compute` and kept. `tables` names every
// data table `compute` reads, the users and assignments that make a scope and the audit log
// included: the API tests fail a read of another (store::ReadTables).
domain::Result<http::Response> cached_read(Context& context, const store::Tables& tables,
                                           const std::function<domain::Result<nlohmann::json>()>& compute);
// An official document (PDF) as cached_read keeps an answer: made once per version of `tables`, role
// and scope (two people asking at once wait for one making), then served from the cache.
// `prepare` reads its records (its error is the answer's). When the request accepts
// application/x-ndjson, the answer is lines of JSON sent as they come: {"pages_done": n} as the
// document lays out its pages, then {"name": file name, "pdf": its bytes in base64}; the client
// that closes the connection stops the making at its next page (http::ClientGone). A request
// that waits for another's making of the same document (Context::makings) is told the same
// pages as they come, then gets the same file; when that making fails or is cancelled, the
// waiting request makes the document itself. The file is kept once and sent to each request
// without a copy (http::SharedBody, its name beside). A document not in the cache is made or
// waited for only in one of Settings::documents_at_once places; with every place taken, 503 Busy
// with Retry-After (kDocumentRetrySeconds). Held in no state between requests: any server behind
// a proxy answers either way.
domain::Result<http::Response> cached_document(Context& context, const store::Tables& tables,
                                               const std::function<domain::Result<PreparedDocument>()>& prepare);
inline constexpr std::string_view kProgressType = "application/x-ndjson";
// The Retry-After of a document refused while every place for documents is taken: a making
// takes seconds at most.
inline constexpr int kDocumentRetrySeconds = 5;
// What the summary of a document's route adds: how the page asks for it with progress.
inline constexpr std::string_view kProgressNote =
    ". With Accept: application/x-ndjson, lines of JSON as it is made: {\"pages_done\": n} for each page laid "
    "out, then {\"name\", \"pdf\": the file in base64}";

inline constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A file to download (`disposition` "attachment") or to show ("inline"): its bytes, type,
// and the name a browser saves it under (UTF-8, sent in RFC 5987 form with an ASCII fallback).
http::Response file_response(std::string content_type, std::string_view file_name, std::string body,
                             std::string_view disposition = "attachment");

// The same, with the bytes sent as `write` produces them (an export of any size; see
// http::Response::stream).
http::Response file_response(std::string content_type, std::string_view file_name,
                             std::function<void(const io::ByteSink&)> write);

// The name of an uploaded file, from the query parameter `file_name`: valid UTF-8 with no
// control character (bidi controls included, domain::has_bidi_control), quote or slash
// (InvalidValue on "file_name"); empty when absent.
domain::Result<std::string> upload_file_name(const std::string& value);

// The query of a file upload that is kept (store/attachments.hpp: an action's, a meeting's, an
// assessment's evidence): `file_name` as upload_file_name checks it and, `with_criterion`, the
// `criterion_code` the file answers (Required); BadParameter on any other parameter.
struct UploadQuery {
  std::string file_name, criterion_code;
};
domain::Result<UploadQuery> upload_query(const Context& context, bool with_criterion);

// A stored upload served back: images shown inline, PDFs downloaded rather than run by the
// browser's viewer; sandboxed either way.
http::Response stored_file_response(domain::StoredFile file);

// `record` as a JSON answer with `status`, or its error.
domain::Result<http::Response> record_response(unsigned status, domain::Result<nlohmann::json> record);

// The handler of a route on record {id} that answers `change(db, caller, id, body)` with `status`.
Handler on_record(domain::Result<nlohmann::json> (*change)(store::Database&, const store::Caller&, long long,
                                                           const nlohmann::json&),
                  unsigned status = 200);

// The handler of a route on record {id} whose JSON body `read` makes a typed request (with an
// api::RequestReader, api/request_body.hpp), answered `change(db, caller, id, request)` with
// `status`. The id is checked first (NotFound), then the body (its first error).
template <class Request>
Handler on_record(domain::Result<Request> (*read)(const nlohmann::json&),
                  domain::Result<nlohmann::json> (*change)(store::Database&, const store::Caller&, long long,
                                                           const Request&),
                  unsigned status = 200) {
  return [read, change, status](Context& c) -> domain::Result<http::Response> {
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    auto request = read(c.body);
    if (!request) return std::unexpected(request.error());
    return record_response(status, change(c.db, c.caller(), *id, *request));
  };
}

// The same for a route that names no record: `change(db, caller, request)`.
template <class Request>
Handler on_request(domain::Result<Request> (*read)(const nlohmann::json&),
                   domain::Result<nlohmann::json> (*change)(store::Database&, const store::Caller&, const Request&),
                   unsigned status = 200) {
  return [read, change, status](Context& c) -> domain::Result<http::Response> {
    auto request = read(c.body);
    if (!request) return std::unexpected(request.error());
    return record_response(status, change(c.db, c.caller(), *request));
  };
}

// The language of a document a route answers: its lang=ar|fr parameter, else the caller's
// language (Arabic for English: documents are official). Any query parameter other than lang
// and those in `others` is a BadParameter error naming it; so is a lang other than ar or fr.
domain::Result<domain::Language> document_language(const Context& context,
                                                   std::initializer_list<std::string_view> others);

// The routes of each area, in the order the OpenAPI document lists them.
std::vector<Route> system_routes();
std::vector<Route> session_routes();
std::vector<Route> registry_routes();
std::vector<Route> user_routes();
std::vector<Route> audit_routes();
std::vector<Route> diagnostic_routes();
std::vector<Route> programme_routes();
std::vector<Route> equipment_routes();
std::vector<Route> training_routes();
std::vector<Route> attachment_routes();
std::vector<Route> statistics_routes();
std::vector<Route> beneficiary_routes();
std::vector<Route> document_routes();
std::vector<Route> notice_routes();
std::vector<Route> import_routes();

// The OpenAPI 3 document describing `routes` (built from the same table the server uses).
nlohmann::json openapi_document(const std::vector<Route>& routes);

}  // namespace riaya::api
