// The signed-in user's notices (issue 17): computed from the data on each request, read state
// per user (store/notices.hpp).
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "domain/dates.hpp"
#include "store/notices.hpp"
#include "store/registry_tables.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// A notice key is ours: ASCII, at most this long.
constexpr std::size_t kMaxKeyLength = 200;

// What the notices are computed from (store::notices), and the caller's read marks.
const store::Tables& notice_tables() {
  static const auto tables =
      store::read_tables({"assessments", "actions", "followups", "documents", "monthly_statistics", "institutions",
                          "recommendations", "meetings", "notice_reads"});
  return tables;
}

}  // namespace

std::vector<Route> notice_routes() {
  return {
      {"GET", "/api/notices", Access::SignedIn, "notices", Action::Read,
       "The caller's notices, in scope, computed from the data: assessments returned or to validate, actions overdue "
       "or due within 7 days, documents expiring within 30 days, last month's statistics not reported, "
       "recommendations without an action; each with its key, link and whether it was read",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return cached_read(c, notice_tables(), [&]() -> domain::Result<json> {
           return c.db.read(
               [&](soci::session& session) { return store::notices(session, c.caller(), domain::today_iso()); });
         });
       }},
      {"GET", "/api/notices/count", Access::SignedIn, "notices", Action::Read,
       "How many of the caller's notices are unread (the bell's count), and how many there are",
       [](Context& c) -> domain::Result<http::Response> {
         if (!c.request.query.empty()) return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
         return cached_read(c, notice_tables(), [&]() -> domain::Result<json> {
           const auto all = c.db.read(
               [&](soci::session& session) { return store::notices(session, c.caller(), domain::today_iso()); });
           return json{{"unread", all["unread"]}, {"total", all["total"]}};
         });
       }},
      {"POST", "/api/notices/read", Access::SignedIn, "notices", Action::Update,
       "Marks one of the caller's notices read (body: key); answers the unread count",
       [](Context& c) -> domain::Result<http::Response> {
         std::string key;
         auto read = RequestReader(c.body, {"key"}).text("key", key, kMaxKeyLength).finish(key);
         if (!read) return std::unexpected(read.error());
         return record_response(200, store::mark_notice_read(c.db, c.caller(), *read, domain::today_iso()));
       }},
      {"POST", "/api/notices/read-all", Access::SignedIn, "notices", Action::Update,
       "Marks every notice the caller has read; answers the unread count (0) and how many were marked",
       [](Context& c) -> domain::Result<http::Response> {
         if (auto empty = RequestReader(c.body, {}).finish(true); !empty) return std::unexpected(empty.error());
         return record_response(200, store::mark_all_notices_read(c.db, c.caller(), domain::today_iso()));
       }},
  };
}

}  // namespace riaya::api
