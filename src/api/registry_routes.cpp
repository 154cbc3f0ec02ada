// List, read, create, replace and archive every registry resource (domain/registry.cpp).
#include "api/list_export.hpp"
#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/schema.hpp"
#include "store/records.hpp"
#include "store/registry_tables.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::EntitySpec;

domain::Result<http::Response> export_list(Context& c, const EntitySpec& spec) {
  auto file = list_file(c.db, spec, c.caller(), c.request.query, c.language);
  if (!file) return std::unexpected(file.error());
  return file_response(file->content_type, file->name, std::move(file->write));
}

// A list page of named records (EntitySpec::named): never from the cache, since every page
// shown is audited as a read of the records it names.
domain::Result<http::Response> named_list(Context& c, const EntitySpec& spec, const store::ListRequest& request) {
  auto page = store::list_records(c.db, spec, c.caller(), request);
  std::vector<long long> ids;
  for (const auto& item : page["items"]) ids.push_back(item["id"].get<long long>());
  store::audit_named(c.db, spec, c.caller(), "read", ids, {{"page", request.page}});
  return json_response(200, page);
}

}  // namespace

std::vector<Route> registry_routes() {
  std::vector<Route> routes;
  for (const EntitySpec& spec : domain::registry_specs()) {
    const std::string base = "/api/" + std::string(spec.resource);
    const std::string resource(spec.resource);
    const std::string entity(spec.entity);
    const auto tables = store::read_tables(spec.resource);  // what its list and its records read
    routes.push_back({"GET", base, Access::SignedIn, resource, Action::Read, "List " + resource + " in scope",
                      [&spec, tables](Context& c) -> domain::Result<http::Response> {
                        auto request = parse_list_params(spec, c.request.query);
                        if (!request) return std::unexpected(request.error());
                        if (spec.named) return named_list(c, spec, *request);
                        return cached_read(c, tables, [&]() -> domain::Result<nlohmann::json> {
                          return store::list_records(c.db, spec, c.caller(), *request);
                        });
                      }});
    routes.push_back({"GET", base + "/export", Access::SignedIn, resource, Action::Read,
                      "List " + resource + " in scope as a file: the list's parameters, format=xlsx|csv, lang=ar|fr|en",
                      [&spec](Context& c) { return export_list(c, spec); }});
    routes.push_back(
        {"POST", base, Access::SignedIn, resource, Action::Create, "Create a " + entity,
         [&spec](Context& c) { return record_response(201, store::create_record(c.db, spec, c.caller(), c.body)); }});
    routes.push_back({"GET", base + "/{id}", Access::SignedIn, resource, Action::Read, "Read a " + entity,
                      [&spec, tables](Context& c) -> domain::Result<http::Response> {
                        auto id = c.id();
                        if (!id) return std::unexpected(id.error());
                        if (spec.named) {
                          auto record = store::get_record(c.db, spec, c.caller(), *id);
                          if (record) store::audit_named(c.db, spec, c.caller(), "read", {*id});
                          return record_response(200, std::move(record));
                        }
                        return cached_read(c, tables, [&] { return store::get_record(c.db, spec, c.caller(), *id); });
                      }});
    routes.push_back({"PUT", base + "/{id}", Access::SignedIn, resource, Action::Update,
                      "Replace a " + entity + "'s fields (carries the version read)",
                      [&spec](Context& c) -> domain::Result<http::Response> {
                        auto id = c.id();
                        if (!id) return std::unexpected(id.error());
                        return record_response(200, store::update_record(c.db, spec, c.caller(), *id, c.body));
                      }});
    routes.push_back({"POST", base + "/{id}/archive", Access::SignedIn, resource, Action::Archive,
                      "Archive a " + entity + " (carries the version read)",
                      [&spec](Context& c) -> domain::Result<http::Response> {
                        auto id = c.id();
                        if (!id) return std::unexpected(id.error());
                        return record_response(200, store::archive_record(c.db, spec, c.caller(), *id, c.body));
                      }});
  }
  return routes;
}

}  // namespace riaya::api
