#include "store/audit.hpp"

#include "store/query.hpp"

namespace riaya::store {

using nlohmann::json;

void scope_entry(AuditEntry& entry, const json& scoped) {
  if (scoped.contains("scope_path_") && scoped["scope_path_"].is_string())
    entry.scope_path = scoped["scope_path_"].get<std::string>();
  if (scoped.contains("scope_association_id_") && scoped["scope_association_id_"].is_number())
    entry.scope_association_id = scoped["scope_association_id_"].get<long long>();
  for (auto* record : {&entry.before, &entry.after})
    if (record->is_object()) {
      record->erase("scope_path_");
      record->erase("scope_association_id_");
    }
}

json acting_user(const Caller& caller) { return caller.user_id > 0 ? json(caller.user_id) : json(nullptr); }

void write_audit(soci::session& session, const Caller& caller, const AuditEntry& entry) {
  Query(
      "INSERT INTO audit_log (at, user_id, username, address, action, entity, entity_id, before_json, after_json,"
      " scope_path, scope_association_id) VALUES (:at, :user_id, :username, :address, :action, :entity, :entity_id,"
      " :before_json, :after_json, :scope_path, :scope_association_id)")
      .bind("at", utc_now())
      .bind("user_id", acting_user(caller))
      .bind("username", caller.username)
      .bind("address", caller.address)
      .bind("action", entry.action)
      .bind("entity", entry.entity)
      .bind("entity_id", entry.entity_id ? json(*entry.entity_id) : json(nullptr))
      .bind("before_json", entry.before.is_null() ? json(nullptr) : json(entry.before.dump()))
      .bind("after_json", entry.after.is_null() ? json(nullptr) : json(entry.after.dump()))
      .bind("scope_path", entry.scope_path ? json(*entry.scope_path) : json(nullptr))
      .bind("scope_association_id", entry.scope_association_id ? json(*entry.scope_association_id) : json(nullptr))
      .execute(session);
}

json list_audit(soci::session& session, const Caller& caller, const AuditFilter& filter) {
  std::string where = " WHERE 1 = 1";
  std::vector<std::pair<std::string, json>> params;
  if (caller.territory_path) {
    where += " AND (scope_path LIKE :scope_path OR (scope_path IS NULL AND user_id IN (SELECT u.id FROM users u"
             " LEFT JOIN territories ut ON ut.id = u.scope_territory_id LEFT JOIN associations ua ON ua.id ="
             " u.scope_association_id LEFT JOIN territories uat ON uat.id = ua.territory_id"
             " WHERE COALESCE(ut.path, uat.path) LIKE :scope_path)))";
    params.emplace_back("scope_path", *caller.territory_path + "%");
  } else {
    where += " AND scope_association_id = :scope_association";
    params.emplace_back("scope_association", caller.association_id.value_or(-1));
  }
  if (filter.user_id) {
    where += " AND user_id = :user_id";
    params.emplace_back("user_id", *filter.user_id);
  }
  if (!filter.entity.empty()) {
    where += " AND entity = :entity";
    params.emplace_back("entity", filter.entity);
  }
  if (filter.entity_id) {
    where += " AND entity_id = :entity_id";
    params.emplace_back("entity_id", *filter.entity_id);
  }
  if (!filter.from.empty()) {
    where += " AND at >= :from_at";
    params.emplace_back("from_at", filter.from);
  }
  if (!filter.to.empty()) {
    where += " AND at < :to_at";
    params.emplace_back("to_at", filter.to + "T99");  // inclusive of the whole day
  }
  Query count("SELECT COUNT(*) AS n FROM audit_log" + where);
  Query page("SELECT id, at, user_id, username, address, action, entity, entity_id, before_json, after_json"
             " FROM audit_log" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
  count.bind(params);
  page.bind(params);
  page.bind("limit", filter.page_size).bind("offset", static_cast<long long>(filter.page - 1) * filter.page_size);
  json items = json::array();
  for (auto row : page.rows(session)) {
    for (const char* column : {"before_json", "after_json"}) {
      const std::string name = std::string(column).substr(0, std::string(column).size() - 5);
      row[name] = row[column].is_string() ? json::parse(row[column].get<std::string>()) : json(nullptr);
      row.erase(column);
    }
    items.push_back(std::move(row));
  }
  return {{"items", std::move(items)}, {"total", count.scalar(session)}, {"page", filter.page},
          {"page_size", filter.page_size}};
}

}  // namespace riaya::store
