#include "store/setup.hpp"

#include "domain/audit_vocabulary.hpp"
#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "store/audit.hpp"
#include "store/embedded_files.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/trainings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace riaya::store {
namespace {

using nlohmann::json;

// The loader acts with the whole country in scope, and says so in the audit trail.
Caller loader(std::string name) {
  return Caller{.username = std::move(name), .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
}

json create_or_throw(Database& db, std::string_view resource, const Caller& caller, const json& body) {
  auto record = create_record(db, *domain::find_spec(resource), caller, body);
  if (!record)
    throw std::runtime_error("cannot load " + std::string(resource) + " " + body.dump() + ": " +
                             std::string(domain::error_code_name(record.error().code)) + " " + record.error().field);
  return *record;
}

// The id of the record of `table` whose `column` is `value`.
long long id_of(Database& db, const std::string& table, const std::string& column, const std::string& value) {
  const auto id = db.read([&](soci::session& session) {
    return Query("SELECT id FROM " + table + " WHERE " + column + " = :value").bind("value", value).scalar(session, 0);
  });
  if (id == 0) throw std::runtime_error("no " + table + " with " + column + " " + value);
  return id;
}

long long territory_id(Database& db, const std::string& code) { return id_of(db, "territories", "code", code); }

long long count_rows(Database& db, const std::string& table) {
  return db.read([&](soci::session& session) { return Query("SELECT COUNT(*) FROM " + table).scalar(session); });
}

// The demo's equipment: each institution's inventory and needs, items named by their code.
void load_demo_equipment(Database& db, const Caller& caller, const json& equipment) {
  for (const auto& entry : equipment) {
    const auto institution_id = id_of(db, "institutions", "code", entry.at("institution").get<std::string>());
    for (const auto& [resource, key] :
         {std::pair{"equipment_inventory", "inventory"}, std::pair{"equipment_needs", "needs"}}) {
      for (auto line : entry.value(key, json::array())) {
        line["institution_id"] = institution_id;
        line["item_id"] = id_of(db, "equipment_items", "code", line["item"].get<std::string>());
        line.erase("item");
        create_or_throw(db, resource, caller, line);
      }
    }
  }
}

// The demo's trainings, with dates either fixed or counted back from today, and their
// participants named by their full name.
void load_demo_trainings(Database& db, const Caller& caller, const json& trainings) {
  const auto today = domain::today_utc();
  for (auto training : trainings) {
    auto names = training.at("participants");
    training.erase("participants");
    for (const auto& [key, field] :
         {std::pair{"starts_days_ago", "starts_on"}, std::pair{"ends_days_ago", "ends_on"}}) {
      if (!training.contains(key)) continue;
      training[field] = domain::to_iso(domain::add_days(today, -training[key].get<int>()));
      training.erase(key);
    }
    training["territory_id"] = territory_id(db, training["territory"].get<std::string>());
    training.erase("territory");
    const auto record = create_or_throw(db, "trainings", caller, training);
    json staff_ids = json::array();
    for (const auto& name : names) staff_ids.push_back(id_of(db, "staff", "full_name", name.get<std::string>()));
    auto added = add_participants(db, caller, record["id"].get<long long>(),
                                  {{"version", record["version"]}, {"staff_ids", staff_ids}});
    if (!added) throw std::runtime_error("cannot add the participants of " + training["topic"].get<std::string>());
  }
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
  fill_public_search_keys(db);
  db.write_schema([](soci::session& session) -> domain::Result<void> {
    chain_existing_audit(session);
    return {};
  });
  return applied;
}

bool load_reference(Database& db) {
  const bool grid = load_default_grid(db);
  const auto data = json::parse(embedded_file("data/reference.json"));
  const auto caller = loader(std::string(domain::kReferenceActor));
  // The catalogue came after the territories: a database made before it gets it on its own.
  bool items = false;
  if (count_rows(db, "equipment_items") == 0) {
    for (const auto& item : data.at("equipment_items")) create_or_throw(db, "equipment_items", caller, item);
    items = true;
  }
  if (count_rows(db, "territories") > 0) return grid || items;
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
  if (count_rows(db, "associations") > 0) return false;
  const auto data = json::parse(embedded_file("data/demo.json"));
  const auto caller = loader(std::string(domain::kDemoActor));
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
  load_demo_equipment(db, caller, data.at("equipment"));
  load_demo_trainings(db, caller, data.at("trainings"));
  return true;
}

}  // namespace riaya::store
