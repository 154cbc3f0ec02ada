#include "store/dashboard.hpp"

#include "domain/dates.hpp"
#include "store/audit.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

namespace riaya::store {
namespace {

using nlohmann::json;

// SELECT `columns` over the live records of `resource` in the caller's scope, then `rest`.
Query scoped(const std::string& columns, std::string_view resource, const Caller& caller,
             const std::string& rest = "") {
  return scoped_select(resource, caller, ScopeUse::Read).live().select(columns, rest);
}

}  // namespace

json dashboard(Database& db, const Caller& caller, std::string_view today_iso, int expiry_window_days) {
  const auto today = domain::parse_iso_date(today_iso).value_or(domain::today_utc());
  const auto limit = domain::to_iso(domain::add_days(today, expiry_window_days));
  return db.read([&](soci::session& session) {
    json result;
    json categories = json::array();
    for (auto& row :
         scoped(
             "r.category, k.name_ar, k.name_fr, k.name_en, COUNT(*) AS count, COALESCE(SUM(r.capacity), 0) AS capacity",
             "institutions", caller, " GROUP BY r.category, k.name_ar, k.name_fr, k.name_en ORDER BY r.category")
             .integers({"count", "capacity"})
             .rows(session))
      categories.push_back(std::move(row));
    result["institutions_by_category"] = categories;
    long long institutions = 0, capacity = 0;
    for (const auto& row : categories) {
      institutions += row["count"].get<long long>();
      capacity += row["capacity"].get<long long>();
    }
    result["totals"] = {{"institutions", institutions},
                        {"capacity", capacity},
                        {"associations", scoped("COUNT(*)", "associations", caller).scalar(session)}};
    if (domain::may(caller.role, "staff", domain::Action::Read))
      result["totals"]["staff"] = scoped("COUNT(*)", "staff", caller).scalar(session);
    if (domain::may(caller.role, "documents", domain::Action::Read)) {
      json expiring = json::array();
      for (auto& row : scoped("r.id, r.association_id, r.kind, r.reference, r.expires_on,"
                              " a.name_ar AS association_name_ar, a.name_fr AS association_name_fr",
                              "documents", caller,
                              " AND r.expires_on IS NOT NULL AND r.expires_on <= :limit ORDER BY r.expires_on LIMIT 20")
                           .bind("limit", limit)
                           .rows(session))
        expiring.push_back(std::move(row));
      result["expiring_documents"] = expiring;
    }
    if (domain::may(caller.role, "audit", domain::Action::Read))
      result["latest_changes"] =
          list_audit(session, caller, {.record_changes_only = true, .page = 1, .page_size = 10})["items"];
    return result;
  });
}

}  // namespace riaya::store
