#include "store/notices.hpp"

#include "domain/dates.hpp"
#include "domain/money.hpp"
#include "domain/statistics.hpp"
#include "store/audit.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <set>

namespace riaya::store {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

const std::string kLimit = " LIMIT " + std::to_string(kNoticesPerKind);

std::string text(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }

// A notice of `kind` about record `id`, keyed by what makes its event new (none: the record alone).
json notice(std::string_view kind, const json& id, const std::string& event, json date, std::string link) {
  return {{"key", std::string(kind) + ":" + std::to_string(id.get<long long>()) + (event.empty() ? "" : ":" + event)},
          {"kind", kind},
          {"id", id},
          {"date", std::move(date)},
          {"link", std::move(link)}};
}

ScopedSelect live(std::string_view resource, const Caller& caller) {
  auto select = scoped_select(resource, caller, ScopeUse::Read);
  select.live();
  return select;
}

void assessment_notices(soci::session& session, const Caller& caller, json& items) {
  if (!domain::may(caller.role, "assessments", Action::Read)) return;
  const std::string columns =
      "r.id, r.updated_at, r.submitted_at, r.return_reason, i.name_ar, i.name_fr,"
      " m.name_ar AS campaign_name_ar, m.name_fr AS campaign_name_fr";
  // Returned to the assessors, the caller among them.
  for (auto& row : live("assessments", caller)
                       .where("r.kind = 'official' AND r.status = 'returned' AND EXISTS (SELECT 1 FROM"
                              " assessment_assessors x WHERE x.assessment_id = r.id AND x.user_id = :notice_user)")
                       .bind("notice_user", caller.user_id)
                       .select(columns, " ORDER BY r.updated_at DESC, r.id DESC" + kLimit)
                       .rows(session)) {
    // Keyed by the submission it returns: saving answers meanwhile does not make it new again.
    auto item = notice("assessment_returned", row["id"], text(row["submitted_at"]), row["updated_at"],
                       "/assessments/" + std::to_string(row["id"].get<long long>()));
    item.update({{"name_ar", row["name_ar"]},
                 {"name_fr", row["name_fr"]},
                 {"campaign_name_ar", row["campaign_name_ar"]},
                 {"campaign_name_fr", row["campaign_name_fr"]},
                 {"reason", row["return_reason"]}});
    items.push_back(std::move(item));
  }
  if (!domain::may(caller.role, "assessments", Action::Validate)) return;
  for (auto& row : live("assessments", caller)
                       .where("r.kind = 'official' AND r.status = 'submitted'")
                       .select(columns, " ORDER BY r.submitted_at, r.id" + kLimit)
                       .rows(session)) {
    auto item = notice("assessment_submitted", row["id"], text(row["submitted_at"]), row["submitted_at"],
                       "/assessments/" + std::to_string(row["id"].get<long long>()));
    item.update({{"name_ar", row["name_ar"]},
                 {"name_fr", row["name_fr"]},
                 {"campaign_name_ar", row["campaign_name_ar"]},
                 {"campaign_name_fr", row["campaign_name_fr"]}});
    items.push_back(std::move(item));
  }
}

void action_notices(soci::session& session, const Caller& caller, const domain::Date& today, json& items) {
  if (!domain::may(caller.role, "followups", Action::Create)) return;
  const auto today_iso = domain::to_iso(today);
  for (auto& row : live("actions", caller)
                       .where("r.status IN ('planned', 'ongoing') AND r.due_on IS NOT NULL AND r.due_on <= :soon")
                       .bind("soon", domain::to_iso(domain::add_days(today, kActionDueDays)))
                       .select("r.id, r.title_ar, r.title_fr, r.status, r.due_on, i.name_ar AS institution_name_ar,"
                               " i.name_fr AS institution_name_fr",
                               " ORDER BY r.due_on, r.id" + kLimit)
                       .rows(session)) {
    const auto due = text(row["due_on"]);
    const bool overdue = domain::is_overdue(text(row["status"]), due, today_iso);
    auto item = notice(overdue ? "action_overdue" : "action_due", row["id"], due, row["due_on"],
                       "/actions/" + std::to_string(row["id"].get<long long>()));
    item.update({{"name_ar", row["title_ar"]},
                 {"name_fr", row["title_fr"]},
                 {"institution_name_ar", row["institution_name_ar"]},
                 {"institution_name_fr", row["institution_name_fr"]}});
    items.push_back(std::move(item));
  }
}

void document_notices(soci::session& session, const Caller& caller, const domain::Date& today, json& items) {
  if (!domain::may(caller.role, "documents", Action::Update)) return;
  for (auto& row :
       live("documents", caller)
           .filters({{"expiring_within_days", domain::to_iso(domain::add_days(today, kDocumentExpiryDays))}})
           .select("r.id, r.association_id, r.kind, r.reference, r.expires_on, a.name_ar, a.name_fr",
                   " ORDER BY r.expires_on, r.id" + kLimit)
           .rows(session)) {
    auto item = notice("document_expiring", row["id"], text(row["expires_on"]), row["expires_on"],
                       "/associations/" + std::to_string(row["association_id"].get<long long>()));
    item.update({{"name_ar", row["name_ar"]},
                 {"name_fr", row["name_fr"]},
                 {"document_kind", row["kind"]},
                 {"reference", row["reference"]}});
    items.push_back(std::move(item));
  }
}

void statistics_notices(soci::session& session, const Caller& caller, const domain::Date& today, json& items) {
  if (!domain::may(caller.role, "monthly_statistics", Action::Create)) return;
  const auto month = domain::previous_month(domain::month_of(domain::to_iso(today)));
  for (auto& row : live("institutions", caller)
                       .filters({{"unreported_month", month}})
                       .select("r.id, r.code, r.name_ar, r.name_fr", " ORDER BY r.code, r.id" + kLimit)
                       .rows(session)) {
    auto item = notice("statistics_unreported", row["id"], month, month,
                       "/institutions/" + std::to_string(row["id"].get<long long>()) + "/statistics?month=" + month);
    item.update({{"name_ar", row["name_ar"]}, {"name_fr", row["name_fr"]}, {"month", month}});
    items.push_back(std::move(item));
  }
}

void recommendation_notices(soci::session& session, const Caller& caller, json& items) {
  if (!domain::may(caller.role, "actions", Action::Create) ||
      !domain::may(caller.role, "recommendations", Action::Read))
    return;
  for (auto& row : live("recommendations", caller)
                       .filters({{"without_action", 1}})
                       .select("r.id, r.meeting_id, r.text_ar, r.text_fr, m.title_ar AS meeting_title_ar,"
                               " m.title_fr AS meeting_title_fr, m.held_on",
                               " ORDER BY m.held_on DESC, r.id" + kLimit)
                       .rows(session)) {
    auto item = notice("recommendation_without_action", row["id"], "", row["held_on"],
                       "/meetings/" + std::to_string(row["meeting_id"].get<long long>()));
    item.update({{"name_ar", row["text_ar"]},
                 {"name_fr", row["text_fr"]},
                 {"meeting_title_ar", row["meeting_title_ar"]},
                 {"meeting_title_fr", row["meeting_title_fr"]}});
    items.push_back(std::move(item));
  }
}

// The keys the caller has read.
std::set<std::string> read_keys(soci::session& session, const Caller& caller) {
  std::set<std::string> keys;
  for (const auto& row :
       Query("SELECT notice_key FROM notice_reads WHERE user_id = :user").bind("user", caller.user_id).rows(session))
    keys.insert(row["notice_key"].get<std::string>());
  return keys;
}

void audit_read(soci::session& session, const Caller& caller, const json& keys) {
  write_audit(session, caller, {.action = "mark_read", .entity = "notice", .after = {{"keys", keys}}});
}

void insert_read(soci::session& session, const Caller& caller, const std::string& key, const std::string& now) {
  Query(
      "INSERT INTO notice_reads (user_id, notice_key, read_at) VALUES (:user, :key, :now)"
      " ON CONFLICT (user_id, notice_key) DO NOTHING")
      .bind("user", caller.user_id)
      .bind("key", key)
      .bind("now", now)
      .execute(session);
}

}  // namespace

json notices(soci::session& session, const Caller& caller, std::string_view today_iso) {
  const auto today = domain::parse_iso_date(today_iso).value_or(domain::today_utc());
  json items = json::array();
  assessment_notices(session, caller, items);
  action_notices(session, caller, today, items);
  document_notices(session, caller, today, items);
  statistics_notices(session, caller, today, items);
  recommendation_notices(session, caller, items);
  long long unread = 0;
  if (!items.empty()) {
    const auto read = read_keys(session, caller);
    for (auto& item : items) {
      item["read"] = read.contains(item["key"].get<std::string>());
      if (!item["read"].get<bool>()) ++unread;
    }
  }
  const auto total = static_cast<long long>(items.size());
  return {{"items", std::move(items)}, {"unread", unread}, {"total", total}};
}

domain::Result<json> mark_notice_read(Database& db, const Caller& caller, const std::string& key,
                                      std::string_view today) {
  return db.write([&](soci::session& session) -> domain::Result<json> {
    auto current = notices(session, caller, today);
    const json* found = nullptr;
    for (const auto& item : current["items"])
      if (item["key"] == key) found = &item;
    if (!found) return fail(ErrorCode::InvalidReference, "key");
    auto unread = current["unread"].get<long long>();
    if (!(*found)["read"].get<bool>()) {
      insert_read(session, caller, key, utc_now());
      audit_read(session, caller, json::array({key}));
      --unread;
    }
    return json{{"unread", unread}};
  });
}

domain::Result<json> mark_all_notices_read(Database& db, const Caller& caller, std::string_view today) {
  const auto unread = db.read([&](soci::session& session) { return notices(session, caller, today); });
  if (unread["unread"].get<long long>() == 0) return json{{"unread", 0}, {"marked", 0}};
  return db.write([&](soci::session& session) -> domain::Result<json> {
    // Again in the transaction: what is unread now.
    const auto current = notices(session, caller, today);
    const auto now = utc_now();
    json marked = json::array();
    std::set<std::string> keys;
    for (const auto& item : current["items"]) {
      const auto key = item["key"].get<std::string>();
      keys.insert(key);
      if (item["read"].get<bool>()) continue;
      insert_read(session, caller, key, now);
      marked.push_back(key);
    }
    for (const auto& key : read_keys(session, caller))
      if (!keys.contains(key))
        Query("DELETE FROM notice_reads WHERE user_id = :user AND notice_key = :key")
            .bind("user", caller.user_id)
            .bind("key", key)
            .execute(session);
    if (!marked.empty()) audit_read(session, caller, marked);
    return json{{"unread", 0}, {"marked", marked.size()}};
  });
}

}  // namespace riaya::store
