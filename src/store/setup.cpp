#include "store/setup.hpp"

#include "domain/schema.hpp"
#include "store/embedded_files.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace riaya::store {
namespace {

using nlohmann::json;

// The loader acts with the whole country in scope, and says so in the audit trail.
Caller loader(std::string name) { return Caller{.username = std::move(name), .address = "local", .role = domain::Role::Admin, .territory_path = "/"}; }

json create_or_throw(Database& db, std::string_view resource, const Caller& caller, const json& body) {
  auto record = create_record(db, *domain::find_spec(resource), caller, body);
  if (!record)
    throw std::runtime_error("cannot load " + std::string(resource) + " " + body.dump() + ": " +
                             std::string(domain::error_code_name(record.error().code)) + " " + record.error().field);
  return *record;
}

long long territory_id(Database& db, const std::string& code) {
  const auto id = db.read([&](soci::session& session) {
    return Query("SELECT id FROM territories WHERE code = :code").bind("code", code).scalar(session, 0);
  });
  if (id == 0) throw std::runtime_error("unknown territory code " + code);
  return id;
}

}  // namespace

std::vector<std::string> migrate(Database& db) {
  const std::string folder = db.backend() == Backend::Sqlite ? "migrations/sqlite/" : "migrations/postgres/";
  std::vector<EmbeddedFile> files;
  for (const auto& file : embedded_files())
    if (file.path.starts_with(folder)) files.push_back(file);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });

  db.read([](soci::session& session) {
    session << "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)";
  });
  std::vector<std::string> applied;
  for (const auto& file : files) {
    const std::string name(file.path.substr(folder.size()));
    db.write_schema([&](soci::session& session) -> domain::Result<void> {
      if (db.backend() == Backend::Postgres) session << "SELECT pg_advisory_xact_lock(7274929)";
      if (Query("SELECT COUNT(*) FROM schema_migrations WHERE name = :name").bind("name", name).scalar(session) > 0)
        return {};
      run_script(session, file.content);
      Query("INSERT INTO schema_migrations (name, applied_at) VALUES (:name, :now)")
          .bind("name", name)
          .bind("now", utc_now())
          .execute(session);
      applied.push_back(name);
      return {};
    });
  }
  return applied;
}

bool load_reference(Database& db) {
  const bool grid = load_default_grid(db);
  const auto count = db.read([](soci::session& session) { return Query("SELECT COUNT(*) FROM territories").scalar(session); });
  if (count > 0) return grid;
  const auto data = json::parse(embedded_file("data/reference.json"));
  const auto caller = loader("riaya reference");
  for (const auto& category : data.at("categories")) create_or_throw(db, "categories", caller, category);
  for (auto territory : data.at("territories")) {
    if (territory.contains("parent")) {
      territory["parent_id"] = territory_id(db, territory["parent"].get<std::string>());
      territory.erase("parent");
    }
    create_or_throw(db, "territories", caller, territory);
  }
  return true;
}

bool load_demo(Database& db) {
  const auto count = db.read([](soci::session& session) { return Query("SELECT COUNT(*) FROM associations").scalar(session); });
  if (count > 0) return false;
  const auto data = json::parse(embedded_file("data/demo.json"));
  const auto caller = loader("riaya demo");
  for (auto association : data.at("associations")) {
    auto documents = association.value("documents", json::array());
    auto agreements = association.value("agreements", json::array());
    auto institutions = association.value("institutions", json::array());
    for (const char* key : {"documents", "agreements", "institutions"}) association.erase(key);
    association["territory_id"] = territory_id(db, association["territory"].get<std::string>());
    association.erase("territory");
    const auto association_id = create_or_throw(db, "associations", caller, association)["id"];
    for (auto document : documents) {
      document["association_id"] = association_id;
      create_or_throw(db, "documents", caller, document);
    }
    for (auto agreement : agreements) {
      agreement["association_id"] = association_id;
      create_or_throw(db, "agreements", caller, agreement);
    }
    for (auto institution : institutions) {
      auto staff = institution.value("staff", json::array());
      institution.erase("staff");
      institution["association_id"] = association_id;
      institution["commune_id"] = territory_id(db, institution["commune"].get<std::string>());
      institution.erase("commune");
      const auto institution_id = create_or_throw(db, "institutions", caller, institution)["id"];
      for (auto member : staff) {
        member["institution_id"] = institution_id;
        create_or_throw(db, "staff", caller, member);
      }
    }
  }
  return true;
}

}  // namespace riaya::store
