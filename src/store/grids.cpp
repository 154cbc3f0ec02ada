#include "store/grids.hpp"

#include "domain/access.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/grid.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "store/audit.hpp"
#include "store/embedded_files.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

const std::string kColumns =
    "r.id, r.code, r.grid_version, r.name_ar, r.name_fr, r.territory_id, r.version, r.created_at, r.updated_at,"
    " r.archived_at, (SELECT COUNT(*) FROM campaigns c WHERE c.grid_id = r.id) AS campaigns";

json present(json row) {
  row["frozen"] = row["campaigns"].get<long long>() > 0;
  return row;
}

// Grid `id` if the caller's scope reaches it for `use` (store::scoped_select); read locked
// for a change (store/query.hpp) when `use` is ScopeUse::Change.
std::optional<json> fetch(soci::session& session, const Caller& caller, long long id, bool with_content, ScopeUse use) {
  auto row = scoped_select("grids", caller, use)
                 .where("r.id = :id")
                 .bind("id", id)
                 .select(kColumns + (with_content ? ", r.content" : ""))
                 .integers({"campaigns"})
                 .first(session);
  if (!row) return std::nullopt;
  if (with_content) (*row)["content"] = json::parse((*row)["content"].get<std::string>());
  return present(std::move(*row));
}

// The grids with code `code` that the caller reads: how many, and the next version of the code
// (1 + their highest). Another province's grids of the same code are neither counted nor seen:
// codes and versions are unique per owner (migration 0013), and a caller's new version is
// above every version it reads.
struct CodeUse {
  long long grids = 0;
  long long next_version = 1;
};
CodeUse code_use(soci::session& session, const Caller& caller, const std::string& code) {
  const auto row = *scoped_select("grids", caller, ScopeUse::Read)
                        .where("r.code = :code")
                        .bind("code", code)
                        .select("COUNT(*) AS grids, COALESCE(MAX(r.grid_version), 0) + 1 AS next_version")
                        .integers({"grids", "next_version"})
                        .first(session);
  return {row.at("grids").get<long long>(), row.at("next_version").get<long long>()};
}

long long insert(soci::session& session, const domain::Grid& grid, const json& territory_id) {
  const auto now = utc_now();
  return Query(
             "INSERT INTO grids (code, grid_version, name_ar, name_fr, territory_id, content, search_key, version,"
             " created_at, updated_at)"
             " VALUES (:code, :grid_version, :name_ar, :name_fr, :territory_id, :content, :key, 1, :now, :now)"
             " RETURNING id")
      .bind("code", grid.code)
      .bind("territory_id", territory_id)
      .bind("grid_version", grid.version)
      .bind("name_ar", grid.name_ar)
      .bind("name_fr", grid.name_fr.empty() ? json(nullptr) : json(grid.name_fr))
      .bind("content", domain::grid_to_json(grid).dump())
      .bind("key", domain::search_key(grid.name_ar + " " + grid.name_fr + " " + grid.code))
      .bind("now", now)
      .scalar(session);
}

}  // namespace

json list_grids(Database& db, const Caller& caller) {
  const auto grids = scoped_select("grids", caller, ScopeUse::Read).live();
  return db.read([&](soci::session& session) {
    json items = json::array();
    for (auto& row : grids.select(kColumns + ", r.content", " ORDER BY r.code, r.grid_version")
                         .integers({"campaigns"})
                         .rows(session)) {
      const auto content = json::parse(row["content"].get<std::string>());
      std::size_t criteria = 0;
      for (const auto& domain : content["domains"]) criteria += domain["criteria"].size();
      row.erase("content");
      row["domains"] = content["domains"].size();
      row["criteria"] = criteria;
      items.push_back(present(std::move(row)));
    }
    return json{{"items", items}};
  });
}

Result<json> get_grid(Database& db, const Caller& caller, long long id) {
  return db.read([&](soci::session& session) -> Result<json> {
    auto grid = fetch(session, caller, id, true, ScopeUse::Read);
    if (!grid) return fail(ErrorCode::NotFound);
    (*grid)["editable"] = domain::may(caller.role, "grids", domain::Action::Update) &&
                          fetch(session, caller, id, false, ScopeUse::Write).has_value();
    return *grid;
  });
}

domain::Grid stored_grid(soci::session& session, long long id) {
  const auto row = Query("SELECT content FROM grids WHERE id = :id").bind("id", id).first(session);
  if (!row) throw std::runtime_error("grid " + std::to_string(id) + " is missing");
  return *domain::parse_grid(json::parse(row->at("content").get<std::string>()));
}

bool load_default_grid(Database& db) {
  const auto count =
      db.read([](soci::session& session) { return Query("SELECT COUNT(*) FROM grids").scalar(session); });
  if (count > 0) return false;
  auto grid = domain::parse_grid(json::parse(embedded_file("data/grid.json")));
  if (!grid) throw std::runtime_error("data/grid.json is not a valid grid: " + grid.error().field);
  db.write([&](soci::session& session) -> Result<void> {
    const auto id = insert(session, *grid, nullptr);
    write_audit(session,
                Caller{.username = std::string(domain::kReferenceActor), .address = "local", .territory_path = "/"},
                {.action = "create", .entity = "grid", .entity_id = id, .after = {{"code", grid->code}}});
    return {};
  });
  return true;
}

Result<json> copy_grid(Database& db, const Caller& caller, long long id, const GridCopy& body) {
  auto source = get_grid(db, caller, id);
  if (!source) return source;
  json content = (*source)["content"];
  content["code"] = body.code;
  content["version"] = 1;
  content["name_ar"] = body.name_ar;
  content["name_fr"] = body.name_fr.value_or("");
  auto grid = domain::parse_grid(content);
  if (!grid) return std::unexpected(grid.error());
  return db.write([&](soci::session& session) -> Result<json> {
    // A code is free when no grid the caller reads has it: another province's codes stay unseen.
    if (code_use(session, caller, grid->code).grids > 0) return fail(ErrorCode::Duplicate, "code");
    const auto new_id = insert(session, *grid, territory_owner(caller));
    auto record = fetch(session, caller, new_id, true, ScopeUse::Read);
    write_audit(
        session, caller,
        {.action = "copy", .entity = "grid", .entity_id = new_id, .after = {{"from", id}, {"code", grid->code}}});
    return *record;
  });
}

Result<json> update_grid(Database& db, const Caller& caller, long long id, const GridContent& body) {
  const auto version = body.version;
  return db.write([&](soci::session& session) -> Result<json> {
    auto current = fetch(session, caller, id, true, ScopeUse::Change);
    if (!current) return fail(ErrorCode::NotFound);
    if ((*current)["version"] != version || !(*current)["archived_at"].is_null())
      return fail(ErrorCode::Conflict, "version", {{"current", *current}});
    json content = body.content;
    content["code"] = (*current)["code"];
    const bool frozen = (*current)["frozen"].get<bool>();
    if (frozen) {
      content["version"] = code_use(session, caller, (*current)["code"].get<std::string>()).next_version;
    } else {
      content["version"] = (*current)["grid_version"];
    }
    auto grid = domain::parse_grid(content);
    if (!grid) {
      auto error = grid.error();
      error.field = "content." + error.field;
      return std::unexpected(error);
    }
    long long target = id;
    if (frozen) {
      target = insert(session, *grid, (*current)["territory_id"]);
    } else {
      if (!changed_one(session, Query("UPDATE grids SET content = :content, name_ar = :name_ar, name_fr = :name_fr,"
                                      " version = version + 1, updated_at = :now WHERE id = :id AND version = :version")
                                    .bind("content", domain::grid_to_json(*grid).dump())
                                    .bind("name_ar", grid->name_ar)
                                    .bind("name_fr", grid->name_fr.empty() ? json(nullptr) : json(grid->name_fr))
                                    .bind("now", utc_now())
                                    .bind("id", id)
                                    .bind("version", version)))
        return fail(ErrorCode::Conflict, "version",
                    {{"current", fetch(session, caller, id, true, ScopeUse::Read).value_or(nullptr)}});
    }
    auto after = fetch(session, caller, target, true, ScopeUse::Read);
    write_audit(session, caller,
                {.action = frozen ? "new_version" : "update",
                 .entity = "grid",
                 .entity_id = target,
                 .before = {{"id", id}, {"grid_version", (*current)["grid_version"]}},
                 .after = {{"grid_version", (*after)["grid_version"]}}});
    return *after;
  });
}

Result<json> import_grid(Database& db, const Caller& caller, domain::Grid grid) {
  return db.write([&](soci::session& session) -> Result<json> {
    // The next version of that code among the grids the caller reads (its first when none),
    // owned by the caller's territory.
    grid.version = static_cast<int>(code_use(session, caller, grid.code).next_version);
    const auto id = insert(session, grid, territory_owner(caller));
    auto record = fetch(session, caller, id, true, ScopeUse::Read);
    write_audit(session, caller,
                {.action = "import",
                 .entity = "grid",
                 .entity_id = id,
                 .after = {{"code", grid.code}, {"grid_version", grid.version}}});
    return *record;
  });
}

}  // namespace riaya::store
