#include "store/scoped_select.hpp"

#include "store/registry_tables.hpp"

#include <algorithm>

namespace riaya::store {
namespace {

using nlohmann::json;

// The SQL condition limiting the rows (alias `r`) of a table to the caller's scope, with its
// parameters: the caller's territory or association, and for an assessor the records of
// their assignments; "1 = 1" when the table is readable by every scope.
struct ScopeCondition {
  std::string sql;
  std::vector<std::pair<std::string, json>> params;
  // The path tested against the caller's when that caller's territory is the whole country (a
  // root: "/<id>/"), which every row has: see ScopedSelect::in_index_order. Empty otherwise.
  std::string country_path;
};

const TableSpec& table_named(std::string_view resource) {
  const auto* table = find_table(resource);
  if (!table) throw std::logic_error("no scoped table " + std::string(resource));
  return *table;
}

// A territory-owned table (TableSpec::territory_owned: grids, the equipment catalogue): a
// default (no territory) is read by everyone and written by the admin only; a territory's
// record is read in that territory, above it and below it, and written by the callers whose
// territory holds it. An association reads as its province (Caller::area_path).
ScopeCondition territory_owned_scope(const Caller& caller, ScopeUse use) {
  const auto path = caller.territory_path ? *caller.territory_path : caller.area_path.value_or("/");
  const std::string owner = "EXISTS (SELECT 1 FROM territories gt WHERE gt.id = r.territory_id AND ";
  if (use == ScopeUse::Read)
    return {"(r.territory_id IS NULL OR " + owner + "(:owner_path LIKE gt.path || '%' OR gt.path LIKE :owner_within)))",
            {{"owner_path", path}, {"owner_within", path + "%"}}};
  if (!caller.territory_path) return {"1 = 0", {}};
  const std::string sql = owner + "gt.path LIKE :owner_within)";
  if (caller.role == domain::Role::Admin)
    return {"(r.territory_id IS NULL OR " + sql + ")", {{"owner_within", path + "%"}}};
  return {sql, {{"owner_within", path + "%"}}};
}

// Whether `caller_path` is the whole country's: a root, "/<id>/".
bool is_country(const std::string& caller_path) { return std::count(caller_path.begin(), caller_path.end(), '/') <= 2; }

// `path_sql LIKE :scope_path`: the path of the row's territory within the caller's.
std::string path_in_scope(std::string_view path_sql) { return std::string(path_sql) + " LIKE :scope_path"; }

// The part of the scope every role has: the caller's territory or association. An
// association writes (and references) only within the province of its own seat
// (Caller::area_path), so no change can move its records into another province.
ScopeCondition scope_of_territory_or_association(const TableSpec& spec, const Caller& caller, ScopeUse use) {
  const auto* table = &spec;
  if (table->territory_owned) return territory_owned_scope(caller, use);
  const bool within_area = use == ScopeUse::Write && caller.association_id && !table->territory_path.empty();
  const std::pair<std::string, nlohmann::json> area{"scope_area", caller.area_path.value_or("/") + "%"};
  if (table->reference_data && use == ScopeUse::Read) return {"1 = 1", {}};
  if (table->reference_data && caller.association_id) {
    if (!within_area) return {"1 = 1", {}};
    return {std::string(table->territory_path) + " LIKE :scope_area", {area}};
  }
  if (caller.territory_path) {
    const std::string country_path = is_country(*caller.territory_path) ? std::string(table->territory_path) : "";
    if (!table->territory_condition.empty()) {
      std::string sql(table->territory_condition);
      if (const auto at = sql.find("{path}"); at != std::string::npos)
        sql.replace(at, std::string_view("{path}").size(), path_in_scope(table->territory_path));
      return {sql, {{"scope_path", *caller.territory_path + "%"}}, country_path};
    }
    if (table->territory_path.empty()) return {"1 = 1", {}};
    return {path_in_scope(table->territory_path), {{"scope_path", *caller.territory_path + "%"}}, country_path};
  }
  ScopeCondition condition;
  if (!table->association_condition.empty())
    condition = {std::string(table->association_condition), {{"scope_association", *caller.association_id}}};
  else if (table->association_id.empty())
    return {"1 = 0", {}};
  else
    condition = {std::string(table->association_id) + " = :scope_association",
                 {{"scope_association", *caller.association_id}}};
  if (within_area) {
    condition.sql = "(" + condition.sql + ") AND " + std::string(table->territory_path) + " LIKE :scope_area";
    condition.params.push_back(area);
  }
  return condition;
}

ScopeCondition scope_condition(const TableSpec& table, const Caller& caller, ScopeUse use) {
  // A change is a write whose rows are also locked (ScopedSelect::select): the same rows.
  auto condition = scope_of_territory_or_association(table, caller, use == ScopeUse::Change ? ScopeUse::Write : use);
  if (caller.role == domain::Role::Assessor && !table.assessor_condition.empty()) {
    condition.sql = "(" + condition.sql + ") AND " + std::string(table.assessor_condition);
    condition.params.emplace_back("caller_user", caller.user_id);
  }
  if (caller.role == domain::Role::Association && !table.association_sees.empty())
    condition.sql = "(" + condition.sql + ") AND " + std::string(table.association_sees);
  return condition;
}

}  // namespace

ScopedSelect::ScopedSelect(const TableSpec& table, const std::string& condition,
                           std::vector<std::pair<std::string, json>> params, bool locked, std::string country_path)
    : table_(&table),
      where_("(" + condition + ")"),
      params_(std::move(params)),
      locked_(locked),
      country_path_(std::move(country_path)) {}

ScopedSelect& ScopedSelect::where(const std::string& condition) {
  where_ += " AND " + condition;
  return *this;
}

ScopedSelect& ScopedSelect::bind(std::string name, json value) {
  params_.emplace_back(std::move(name), std::move(value));
  return *this;
}

ScopedSelect& ScopedSelect::live() { return where("r.archived_at IS NULL"); }

ScopedSelect& ScopedSelect::filters(const std::map<std::string, json>& filters) {
  for (const auto& [name, value] : filters) {
    const auto it = std::find_if(table_->filters.begin(), table_->filters.end(),
                                 [&](const auto& filter) { return filter.first == name; });
    if (it == table_->filters.end()) continue;
    where(std::string(it->second));
    bind(name, value);
  }
  return *this;
}

ScopedSelect& ScopedSelect::with_writable(const Caller& caller) {
  auto writable = scope_condition(*table_, caller, ScopeUse::Write);
  auto& sql = writable.sql;
  // Its parameters are renamed (":scope_path" becomes ":writable_scope_path") so that they do
  // not meet the read scope's parameters of the same names.
  for (auto& [name, value] : writable.params) {
    const auto renamed = ":writable_" + name;
    for (auto at = find_placeholder(sql, name); at != std::string::npos;
         at = find_placeholder(sql, name, at + renamed.size()))
      sql.replace(at, name.size() + 1, renamed);
    bind("writable_" + name, std::move(value));
  }
  writable_ = ", CASE WHEN " + sql + " THEN 1 ELSE 0 END AS writable_";
  return *this;
}

ScopedSelect& ScopedSelect::join(const std::string& joins) {
  joins_ += " " + joins;
  return *this;
}

ScopedSelect& ScopedSelect::lean() {
  lean_ = true;
  return *this;
}

ScopedSelect& ScopedSelect::in_index_order() {
  in_index_order_ = true;
  return *this;
}

ScopedSelect& ScopedSelect::narrowed_by_index() {
  narrowed_by_index_ = true;
  return *this;
}

std::string ScopedSelect::sql(std::string_view columns) const {
  const auto from = lean_ && !table_->count_from.empty() ? table_->count_from : table_->from;
  auto where = where_;
  if ((in_index_order_ || narrowed_by_index_) && !country_path_.empty()) {
    const auto test = path_in_scope(country_path_);
    if (const auto at = where.find(test); at != std::string::npos)
      where.replace(at, test.size(), "(" + country_path_ + " || '') LIKE :scope_path");
  }
  return "SELECT " + std::string(columns) + writable_ + " FROM " + std::string(from) + joins_ + " WHERE " + where;
}

Query ScopedSelect::select(std::string_view columns, std::string_view tail) const {
  Query query(sql(columns) + std::string(tail));
  query.bind(params_);
  if (!writable_.empty()) query.integers({"writable_"});
  if (locked_) query.lock_rows("r");
  return query;
}

Query ScopedSelect::count() const {
  auto counting = *this;
  counting.lean_ = true;
  counting.in_index_order_ = false;
  counting.writable_.clear();
  Query query(counting.sql("COUNT(*)"));
  query.bind(params_);
  return query;
}

Query ScopedSelect::around(std::string_view head, std::string_view columns, std::string_view tail) const {
  Query query(std::string(head) + sql(columns) + std::string(tail));
  query.bind(params_);
  return query;
}

ScopedSelect scoped_select(std::string_view resource, const Caller& caller, ScopeUse use) {
  const auto& table = table_named(resource);
  auto condition = scope_condition(table, caller, use);
  return ScopedSelect(table, condition.sql, std::move(condition.params), use == ScopeUse::Change,
                      std::move(condition.country_path));
}

ScopedSelect unscoped_select(std::string_view resource, bool locked) {
  return ScopedSelect(table_named(resource), "1 = 1", {}, locked);
}

std::string scope_columns(std::string_view resource) {
  const auto& table = table_named(resource);
  const auto sql = [](std::string_view column) { return column.empty() ? std::string("NULL") : std::string(column); };
  return sql(table.territory_path) + " AS scope_path_, " + sql(table.association_id) + " AS scope_association_id_";
}

std::optional<json> scoped_record(soci::session& session, const Caller& caller, std::string_view resource,
                                  const std::string& columns, long long id, ScopeUse use) {
  return scoped_select(resource, caller, use).where("r.id = :id").live().bind("id", id).select(columns).first(session);
}

std::string_view scope_by_reference(std::string_view resource) {
  const auto& table = table_named(resource);
  if (table.reference_data || table.territory_owned || !table.assessor_condition.empty() ||
      !table.association_condition.empty() || !table.territory_condition.empty() || !table.association_sees.empty())
    return {};
  return table.scope_reference;
}

nlohmann::json territory_owner(const Caller& caller) {
  if (!caller.territory_path || caller.territory_path->size() < 2) return nullptr;
  const auto& path = *caller.territory_path;
  return std::stoll(path.substr(path.rfind('/', path.size() - 2) + 1));
}

std::vector<std::string> scoped_tables() {
  std::vector<std::string> names;
  for (const auto& table : all_tables())
    if (!table.reference_data) names.emplace_back(table.resource);
  return names;
}

}  // namespace riaya::store
