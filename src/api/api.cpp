#include "api/api.hpp"

#include "api/dhis2_export.hpp"
#include "domain/dates.hpp"
#include "domain/messages.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "store/attachments.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <cctype>

namespace riaya::api {
namespace {

using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

unsigned status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::MalformedJson:
    case ErrorCode::InvalidUtf8:
    case ErrorCode::BadParameter: return 400;
    case ErrorCode::Unauthenticated:
    case ErrorCode::InvalidCredentials:
    case ErrorCode::SessionExpired: return 401;
    case ErrorCode::Forbidden:
    case ErrorCode::Csrf:
    case ErrorCode::SessionRequired:
    case ErrorCode::PasswordChangeRequired: return 403;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::MethodNotAllowed: return 405;
    case ErrorCode::Conflict:
    case ErrorCode::InvalidState:
    case ErrorCode::NoRegister:
    case ErrorCode::RegisterKept:
    case ErrorCode::Duplicate: return 409;
    case ErrorCode::TooLarge: return 413;
    case ErrorCode::UnsupportedMediaType: return 415;
    case ErrorCode::Required:
    case ErrorCode::UnknownField:
    case ErrorCode::WrongType:
    case ErrorCode::TooLong:
    case ErrorCode::InvalidValue:
    case ErrorCode::OutOfRange:
    case ErrorCode::InvalidDate:
    case ErrorCode::InvalidReference:
    case ErrorCode::DateOrder:
    case ErrorCode::PasswordTooShort:
    case ErrorCode::WrongPassword:
    case ErrorCode::ImportRejected:
    case ErrorCode::FileTooLarge:
    case ErrorCode::UnsupportedFile:
    case ErrorCode::TooManyFiles:
    case ErrorCode::FileNameMismatch:
    case ErrorCode::ConfirmationRequired: return 422;
    case ErrorCode::Locked: return 429;
    case ErrorCode::Internal: return 500;
    case ErrorCode::Busy: return 503;
    case ErrorCode::DiskFull: return 507;
  }
  return 500;
}

bool is_write(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Whether the request says its body is JSON: "application/json", parameters such as
// "; charset=utf-8" allowed, in any case.
bool is_json_request(const http::Request& request) {
  auto type = request.header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  for (auto& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return type == "application/json";
}

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Whether the request comes from this machine itself and not through a proxy on it (a proxy
// says so with a forwarding header; a proxy that says nothing makes every client loopback).
bool from_loopback(const http::Request& request) {
  const auto& address = request.remote_address;
  const bool local = address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
  return local && !request.headers.contains("x-forwarded-for") && !request.headers.contains("forwarded") &&
         !request.headers.contains("x-real-ip");
}

// Counts one piece of work in progress for its life.
class InProgress {
 public:
  explicit InProgress(std::atomic<long long>& count) : count_(count) { count_.fetch_add(1); }
  ~InProgress() { count_.fetch_sub(1); }
  InProgress(const InProgress&) = delete;
  InProgress& operator=(const InProgress&) = delete;

 private:
  std::atomic<long long>& count_;
};

}  // namespace

domain::Result<long long> Context::id(const std::string& name) const {
  const auto it = request.params.find(name);
  if (it == request.params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos)
    return fail(ErrorCode::NotFound);
  const auto value = std::stoll(it->second);
  if (value <= 0) return fail(ErrorCode::NotFound);
  return value;
}

http::Response json_response(unsigned status, const json& body) {
  http::Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

http::Response empty_response(unsigned status) {
  http::Response response;
  response.status = status;
  response.content_type = "text/plain";
  return response;
}

namespace {

// The cache key of a read that depends only on the data, the request's path and query, the date
// and the caller's role and scope; `per_user`: on who the caller is too.
std::string reply_key(const Context& context, bool per_user) {
  const auto& caller = context.caller();
  std::string key = (per_user ? std::to_string(caller.user_id) : std::string("any")) + "|" +
                    std::string(domain::role_name(caller.role)) + "|" + caller.territory_path.value_or("") + "|" +
                    std::to_string(caller.association_id.value_or(0)) + "|" + domain::today_iso() + "|" +
                    context.request.path;
  for (const auto& [name, value] : context.request.query) key += "|" + name + "=" + value;  // std::map: sorted
  return key;
}

// Runs `compute`, the making of a cached answer declaring that it reads `tables`; in the API tests
// (store::ReadTables::watching) throws std::logic_error when it read another data table.
template <class Compute>
auto reading_declared(const Context& context, const store::Tables& tables, const Compute& compute) {
  if (!store::ReadTables::watching()) return compute();
  const store::ReadTables read;
  auto result = compute();
  std::string undeclared;
  for (const auto& table : read.tables)
    if (context.account->table_versions->has(table) && std::find(tables.begin(), tables.end(), table) == tables.end())
      undeclared += " " + table;
  if (!undeclared.empty())
    throw std::logic_error("the cached read " + context.request.path +
                           " reads tables it does not declare:" + undeclared);
  return result;
}

}  // namespace

domain::Result<http::Response> cached_read(Context& context, const store::Tables& tables,
                                           const std::function<domain::Result<json>()>& compute) {
  // The user is part of the key: an assessor's scope also depends on their assignments. The
  // versions were read with the session: one query less.
  const auto version = context.account->table_versions->of(tables);
  std::optional<domain::Error> refused;
  http::Response response;
  const auto kept = context.cache.find_or_compute(reply_key(context, true), version, [&] {
    auto result = reading_declared(context, tables, compute);
    if (!result) {
      refused = result.error();
      return std::shared_ptr<const http::SharedBody>();
    }
    auto answer = json_response(200, *result);
    return http::share_body(std::move(answer.body), answer.content_type);
  });
  if (!kept) return std::unexpected(*refused);
  response.shared_body = std::shared_ptr<const std::string>(kept, &kept->bytes);
  if (!kept->gzipped.empty()) response.shared_gzipped = std::shared_ptr<const std::string>(kept, &kept->gzipped);
  return response;
}

namespace {

// The document kept under `key` at `version`, else made once by `make` (given what to tell of the
// pages it lays out) and kept; `told(pages)` hears its pages laid out: as `make` tells them when
// made here (what `told` throws stops the making), else each new count of the request making the
// same document at the same time, which this one waits for. Nothing when `make` gives nothing.
std::shared_ptr<const http::SharedBody> document_once(
    ReplyCache& cache, DocumentMakings& makings, const std::string& key, long long version,
    const std::function<std::shared_ptr<const http::SharedBody>(const reports::Progress&)>& make,
    const std::function<void(std::size_t)>& told) {
  const auto name = key + "\n" + std::to_string(version);
  std::size_t seen = 0;
  for (;;) {
    auto making = makings.join(name);
    if (making.maker())
      return cache.find_or_compute(key, version, [&] {
        return make([&](std::size_t pages) {
          making.tell(pages);
          seen = std::max(seen, pages);
          told(pages);
        });
      });
    // Another request makes it: its pages, then (its ticket released) the cache holds it, or
    // it failed and this request takes the making over.
    while (const auto pages = making.wait_past(seen)) told(seen = *pages);
  }
}

// A made document's PDF as a file to download.
http::Response document_response(const std::shared_ptr<const http::SharedBody>& kept) {
  auto response = file_response("application/pdf", kept->file_name, std::string());
  response.shared_body = std::shared_ptr<const std::string>(kept, &kept->bytes);
  return response;
}

}  // namespace

domain::Result<http::Response> cached_document(Context& context, const store::Tables& tables,
                                               const std::function<domain::Result<PreparedDocument>()>& prepare) {
  // Not the user: two people of one role and scope read the same document (but an assessor,
  // whose scope is its assignments). Kept as the PDF's bytes with its file name beside.
  auto key = reply_key(context, context.caller().role == domain::Role::Assessor);
  const auto version = context.account->table_versions->of(tables);
  // The last line of a document with progress: its name and bytes.
  const auto last_line = [](const http::SharedBody& kept) {
    return json{{"name", kept.file_name}, {"pdf", store::to_base64(kept.bytes)}}.dump() + "\n";
  };
  const bool with_progress = context.request.header("accept").find(kProgressType) != std::string::npos;
  http::Response response;
  if (with_progress) {
    response.content_type = std::string(kProgressType) + "; charset=utf-8";
    response.headers.emplace_back("Vary", "Accept");
  }
  if (const auto kept = context.cache.find(key, version)) {
    if (!with_progress) return document_response(kept);
    response.body = last_line(*kept);
    return response;
  }
  // Made (or waited for) only in one of the places kept for documents, which leave the other
  // workers to the rest of the API; when they are all taken, Busy, to ask again in a moment.
  auto place = context.makings.enter();
  if (!place) {
    auto busy = error_response({domain::ErrorCode::Busy}, context.language);
    busy.headers.emplace_back("Retry-After", std::to_string(kDocumentRetrySeconds));
    return busy;
  }
  if (with_progress) {
    auto document = reading_declared(context, tables, prepare);
    if (!document) return std::unexpected(document.error());
    response.stream_each_write = true;
    response.stream = [&cache = context.cache, &makings = context.makings, key = std::move(key), version, last_line,
                       document = std::move(*document),
                       place = std::make_shared<DocumentMakings::Place>(std::move(*place))](
                          const std::function<void(std::string_view)>& write) {
      const auto kept = document_once(
          cache, makings, key, version,
          [&](const reports::Progress& progress) {
            return http::share_body(document.render(progress), "application/pdf", document.name);
          },
          [&](std::size_t pages) {
            write(json{{"pages_done", pages}}.dump() + "\n");
          });
      write(last_line(*kept));
    };
    return response;
  }
  std::optional<domain::Error> refused;
  const auto kept = document_once(
      context.cache, context.makings, key, version,
      [&](const reports::Progress& progress) {
        auto document = reading_declared(context, tables, prepare);
        if (!document) {
          refused = document.error();
          return std::shared_ptr<const http::SharedBody>();
        }
        return http::share_body(document->render(progress), "application/pdf", document->name);
      },
      [](std::size_t) {});
  if (!kept) return std::unexpected(*refused);
  return document_response(kept);
}

Handler on_record(domain::Result<json> (*change)(store::Database&, const store::Caller&, long long, const json&),
                  unsigned status) {
  return [change, status](Context& c) -> domain::Result<http::Response> {
    auto id = c.id();
    if (!id) return std::unexpected(id.error());
    return record_response(status, change(c.db, c.caller(), *id, c.body));
  };
}

// A Content-Disposition value naming `file_name` (UTF-8): an ASCII fallback with other
// characters as "_", and the exact name in RFC 5987 form.
std::string disposition_of(std::string_view disposition, std::string_view file_name) {
  std::string plain, encoded;
  for (const unsigned char ch : file_name) {
    const bool safe = std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.';
    plain += safe ? static_cast<char>(ch) : '_';
    if (safe) {
      encoded += static_cast<char>(ch);
    } else {
      constexpr char kHex[] = "0123456789ABCDEF";
      encoded += {'%', kHex[ch >> 4], kHex[ch & 15]};
    }
  }
  return std::string(disposition) + "; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

domain::Result<domain::Language> document_language(const Context& context,
                                                   std::initializer_list<std::string_view> others) {
  auto language = context.language == domain::Language::French ? domain::Language::French : domain::Language::Arabic;
  for (const auto& [name, value] : context.request.query) {
    if (std::find(others.begin(), others.end(), name) != others.end()) continue;
    if (name != "lang" || (value != "ar" && value != "fr")) return domain::fail(domain::ErrorCode::BadParameter, name);
    language = value == "fr" ? domain::Language::French : domain::Language::Arabic;
  }
  return language;
}

http::Response file_response(std::string content_type, std::string_view file_name, std::string body,
                             std::string_view disposition) {
  http::Response response;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", disposition_of(disposition, file_name));
  return response;
}

http::Response file_response(std::string content_type, std::string_view file_name,
                             std::function<void(const io::ByteSink&)> write) {
  auto response = file_response(std::move(content_type), file_name, std::string());
  response.stream = std::move(write);
  return response;
}

domain::Result<std::string> upload_file_name(const std::string& value) {
  if (!domain::is_valid_utf8(value) || value.find_first_of(std::string_view("\0\r\n\"/\\", 6)) != std::string::npos ||
      domain::has_bidi_control(value))
    return fail(ErrorCode::InvalidValue, "file_name");
  return value;
}

domain::Result<UploadQuery> upload_query(const Context& context, bool with_criterion) {
  UploadQuery query;
  for (const auto& [name, value] : context.request.query) {
    if (name == "file_name")
      query.file_name = value;
    else if (name == "criterion_code" && with_criterion)
      query.criterion_code = value;
    else
      return fail(ErrorCode::BadParameter, name);
  }
  if (with_criterion && query.criterion_code.empty()) return fail(ErrorCode::Required, "criterion_code");
  auto file_name = upload_file_name(query.file_name);
  if (!file_name) return std::unexpected(file_name.error());
  query.file_name = std::move(*file_name);
  return query;
}

http::Response stored_file_response(domain::StoredFile file) {
  const bool image = file.content_type.starts_with("image/");
  auto response = file_response(std::move(file.content_type), file.file_name, std::move(file.bytes),
                                image ? "inline" : "attachment");
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  return response;
}

domain::Result<http::Response> record_response(unsigned status, domain::Result<json> record) {
  if (!record) return std::unexpected(record.error());
  return json_response(status, *record);
}

http::Response error_response(const domain::Error& error, domain::Language language) {
  json body = {{"code", domain::error_code_name(error.code)}, {"message", domain::error_message(error, language)}};
  if (!error.field.empty()) body["field"] = error.field;
  for (const auto& [key, value] : error.detail.items()) body[key] = value;
  auto response = json_response(status_of(error.code), {{"error", body}});
  if (error.code == ErrorCode::Locked && error.detail.contains("retry_after"))
    response.headers.emplace_back("Retry-After", std::to_string(error.detail["retry_after"].get<long long>()));
  return response;
}

Api::Api(store::Database& db, Settings settings)
    : db_(db),
      settings_(std::move(settings)),
      cache_(settings_.reply_cache_bytes),
      makings_(settings_.documents_at_once),
      metrics_(RIAYA_VERSION) {
  for (auto part :
       {system_routes(), session_routes(), registry_routes(), user_routes(), audit_routes(), diagnostic_routes(),
        programme_routes(), equipment_routes(), training_routes(), attachment_routes(), statistics_routes(),
        beneficiary_routes(), document_routes(), notice_routes(), import_routes(), dhis2_routes()})
    for (auto& route : part) routes_.push_back(std::move(route));
  routes_.push_back(
      {"GET", "/api/openapi.json", Access::Public, "", domain::Action::Read, "This document: every route of the API",
       [this](Context&) -> domain::Result<http::Response> { return json_response(200, openapi_document(routes_)); }});
  routes_.push_back({"GET", "/metrics", Access::Public, "", domain::Action::Read,
                     "Prometheus metrics (text format): no token from loopback, else the configured bearer token",
                     [this](Context& c) -> domain::Result<http::Response> { return metrics_reply(c.request); }});
  for (const auto& route : routes_) {
    const auto work = route.pattern.ends_with(".pdf")      ? Work::Document
                      : route.pattern.ends_with("/export") ? Work::Export
                                                           : Work::Plain;
    router_.add(route.method, route.pattern,
                [this, &route, work](http::Request& request) { return run(route, work, request); });
  }
  using Kind = http::Metrics::Kind;
  metrics_.add("riaya_db_connections", "Database connections in the pool.", Kind::Gauge,
               [this] { return static_cast<double>(db_.connections()); });
  metrics_.add("riaya_db_connections_in_use", "Database connections borrowed from the pool now.", Kind::Gauge,
               [this] { return static_cast<double>(db_.connections_in_use()); });
  metrics_.add("riaya_reply_cache_hits_total", "Reads answered from the reply cache.", Kind::Counter,
               [this] { return static_cast<double>(cache_.hits()); });
  metrics_.add("riaya_reply_cache_misses_total", "Cacheable reads the reply cache could not answer.", Kind::Counter,
               [this] { return static_cast<double>(cache_.misses()); });
  metrics_.add("riaya_documents_in_progress", "Official documents (PDF) being made now.", Kind::Gauge,
               [this] { return static_cast<double>(documents_.load()); });
  metrics_.add("riaya_documents_cancelled_total",
               "Official documents with progress whose client went away before the end (their making stopped).",
               Kind::Counter, [this] { return static_cast<double>(documents_cancelled_.load()); });
  metrics_.add("riaya_exports_in_progress", "List exports (XLSX, CSV) being made or sent now.", Kind::Gauge,
               [this] { return static_cast<double>(exports_.load()); });
  metrics_.add("riaya_starting", "1 while the server applies its migrations at start, else 0.", Kind::Gauge,
               [this] { return db_.migrating() ? 1.0 : 0.0; });
}

http::Response Api::metrics_reply(const http::Request& request) {
  const auto language = domain::language_from_accept(request.header("accept-language"));
  if (!from_loopback(request)) {
    const auto authorization = request.header("authorization");
    if (!authorization.starts_with("Bearer ")) {
      auto response = error_response({ErrorCode::Unauthenticated}, language);
      response.headers.emplace_back("WWW-Authenticate", "Bearer");
      return response;
    }
    if (!same_secret(authorization.substr(7), settings_.metrics_token))
      return error_response({ErrorCode::Forbidden}, language);
  }
  http::Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = metrics_.render();
  return response;
}

http::Response Api::handle(http::Request& request) {
  bool path_known = false;
  if (const auto* handler = router_.match(request, path_known)) return (*handler)(request);
  return failure(request, path_known ? http::Failure::MethodNotAllowed : http::Failure::NotFound);
}

http::Response Api::failure(const http::Request& request, http::Failure failure) {
  const auto language = domain::parse_language(request.language)
                            .value_or(domain::language_from_accept(request.header("accept-language")));
  switch (failure) {
    case http::Failure::BodyTooLarge: return error_response({ErrorCode::TooLarge}, language);
    case http::Failure::BadRequest: return error_response({ErrorCode::MalformedJson}, language);
    case http::Failure::NotFound: return error_response({ErrorCode::NotFound}, language);
    case http::Failure::MethodNotAllowed: return error_response({ErrorCode::MethodNotAllowed}, language);
    case http::Failure::Busy: {
      auto response = error_response({ErrorCode::Busy}, language);
      response.headers.emplace_back("Retry-After", "60");
      return response;
    }
    case http::Failure::Internal: break;
  }
  spdlog::error("internal failure on {} {}", request.method, request.path);
  return error_response({ErrorCode::Internal}, language);
}

http::Response Api::run(const Route& route, Work work, http::Request& request) {
  Context context{request, db_,      settings_,
                  cache_,  makings_, domain::language_from_accept(request.header("accept-language")),
                  {},      nullptr};
  request.route = route.pattern;
  if (db_.migrating() && route.pattern != "/healthz" && route.pattern != "/readyz" && route.pattern != "/metrics") {
    auto response = error_response({ErrorCode::Busy}, context.language);
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  // The answer to a refused request; a refused write (or an internal failure) leaves a line in
  // the log: who, which route, which code, and the error's internal note.
  const auto refuse = [&](const domain::Error& error) {
    if (is_write(request.method) || error.code == ErrorCode::Internal || !error.internal.empty())
      spdlog::log(error.code == ErrorCode::Internal ? spdlog::level::err : spdlog::level::warn,
                  "refused {} {} user={} code={}{}{}", request.method, route.pattern,
                  request.user.empty() ? "-" : request.user, domain::error_code_name(error.code),
                  error.internal.empty() ? "" : ": ", error.internal);
    return error_response(error, context.language);
  };
  try {
    if (route.access != Access::Public) {
      const auto authorization = request.header("authorization");
      const bool bearer = authorization.starts_with("Bearer ");
      auto account =
          bearer ? store::token_account(db_, authorization.substr(7))
                 : store::session_account(db_, accounts_, request.cookie("riaya_session"), settings_.session_limits);
      if (!account) return refuse(account.error());
      account->caller.address = request.remote_address;
      request.user = std::to_string(account->caller.user_id);
      if (const auto language = domain::parse_language(account->language)) {
        context.language = *language;
        request.language = account->language;
      }
      if (!bearer && is_write(request.method) && !same_secret(request.header("x-csrf-token"), account->csrf_token))
        return refuse({ErrorCode::Csrf});
      if (account->user.value("must_change_password", false) && route.resource != "session")
        return refuse({ErrorCode::PasswordChangeRequired});
      if (!domain::may(account->caller.role, route.resource, route.action)) return refuse({ErrorCode::Forbidden});
      context.account = std::move(*account);
    } else if (is_write(request.method) && route.body == Body::Json && !is_json_request(request)) {
      // No CSRF token guards a public write (the log-in): a plain HTML form of another site
      // can send text/plain or a form encoding, but not application/json without CORS.
      return refuse({ErrorCode::UnsupportedMediaType});
    }
    if (route.body == Body::File) {
      if (request.body.empty()) return refuse({ErrorCode::Required, "file"});
    } else if (request.body.size() > kMaxJsonBody) {
      return refuse({ErrorCode::TooLarge});
    } else if (is_write(request.method) && !request.body.empty()) {
      if (!domain::is_valid_utf8(request.body)) return refuse({ErrorCode::InvalidUtf8});
      context.body = json::parse(request.body, nullptr, false);
      if (context.body.is_discarded() || !context.body.is_object()) return refuse({ErrorCode::MalformedJson});
      if (auto refused = domain::refuse_bidi_controls(context.body); !refused) return refuse(refused.error());
    } else if (is_write(request.method)) {
      context.body = json::object();
    }
    std::optional<InProgress> counted;
    if (work != Work::Plain) counted.emplace(work == Work::Document ? documents_ : exports_);
    auto result = route.handler(context);
    if (!result) return refuse(result.error());
    if (work == Work::Export && result->stream) {
      // A streamed export goes on after the handler: counted until its writer is done or dropped.
      auto in_progress = std::make_shared<InProgress>(exports_);
      result->stream = [in_progress, write = std::move(result->stream)](const auto& sink) { write(sink); };
    }
    if (work == Work::Document && result->stream) {
      // A document with progress is made after the handler: counted the same way, and once
      // more when its client went away before the end (a download cancelled).
      auto in_progress = std::make_shared<InProgress>(documents_);
      result->stream = [this, in_progress, write = std::move(result->stream)](const auto& sink) {
        try {
          write(sink);
        } catch (const http::ClientGone&) {
          documents_cancelled_.fetch_add(1);
          throw;
        }
      };
    }
    return std::move(*result);
  } catch (const std::exception& error) {
    if (store::is_unique_violation(error)) return refuse({ErrorCode::Duplicate});
    if (store::is_disk_full(error)) return refuse({ErrorCode::DiskFull});
    return refuse({ErrorCode::Internal, {}, json::object(), error.what()});
  }
}

}  // namespace riaya::api
