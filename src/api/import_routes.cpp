// Imports from CSV and XLSX (docs/API.md, "Imports"): for each kind of import, its template,
// the columns of an uploaded file and their mapping, a dry run and the commit. Each kind's
// routes take the access rights of the resource it fills (domain/access.cpp).
#include "api/list_params.hpp"
#include "api/request_body.hpp"
#include "api/routes.hpp"
#include "io/import_kinds.hpp"
#include "io/row_source.hpp"
#include "store/import_references.hpp"
#include "store/imports.hpp"

namespace riaya::api {
namespace {

using domain::Action;
using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// The rows of the uploaded file, or why it is refused, in the caller's language.
domain::Result<io::Sheet> uploaded_sheet(const Context& c, const std::string& file_name) {
  auto sheet = io::read_import_file(c.request.body, file_name);
  if (!sheet) {
    auto refused = sheet.error();
    refused.detail["message"] = io::describe_file_refusal(refused, c.language);
    return std::unexpected(std::move(refused));
  }
  return sheet;
}

std::vector<std::string> header_row(const io::Sheet& sheet) {
  for (const auto& row : sheet.rows)
    if (!row.empty()) return row;
  return {};
}

// An import's query: file_name, and the id of the institution or province the rows belong to
// (io::parent_parameter) when `parent` names one.
struct ImportQuery {
  std::string file_name;
  long long parent_id = 0;
};

domain::Result<ImportQuery> import_query(const Context& c, std::string_view parent) {
  ImportQuery query;
  for (const auto& [name, value] : c.request.query) {
    if (name == "file_name") {
      auto file_name = upload_file_name(value);
      if (!file_name) return std::unexpected(file_name.error());
      query.file_name = *file_name;
    } else if (!parent.empty() && name == parent) {
      auto id = positive_integer(name, value);
      if (!id) return std::unexpected(id.error());
      query.parent_id = *id;
    } else {
      return fail(ErrorCode::BadParameter, name);
    }
  }
  if (!parent.empty() && query.parent_id == 0) return fail(ErrorCode::BadParameter, std::string(parent));
  return query;
}

json columns_of(const io::ImportKind& kind, domain::Language language) {
  json columns = json::array();
  for (const auto& column : kind.columns)
    columns.push_back({{"field", column.field},
                       {"header", io::column_header(column, language)},
                       {"required", kind.needs_column(column)}});
  return columns;
}

Handler run(const io::ImportKind& kind, store::ImportMode mode) {
  return [&kind, mode](Context& c) -> domain::Result<http::Response> {
    auto query = import_query(c, io::parent_parameter(kind));
    if (!query) return std::unexpected(query.error());
    auto sheet = uploaded_sheet(c, query->file_name);
    if (!sheet) return std::unexpected(sheet.error());
    const auto mapping =
        io::guess_mapping(kind, header_row(*sheet), store::remembered_mapping(c.db, c.caller(), kind.name));
    const bool by_province = kind.parent == io::ImportParent::Province;
    auto report = store::run_import(c.db, c.caller(), *sheet,
                                    {.kind = kind,
                                     .institution_id = by_province ? 0 : query->parent_id,
                                     .province_id = by_province ? query->parent_id : 0,
                                     .file_name = query->file_name,
                                     .mapping = mapping,
                                     .mode = mode,
                                     .language = c.language});
    if (!report) return std::unexpected(report.error());
    return json_response(mode == store::ImportMode::Commit ? 201 : 200, *report);
  };
}

}  // namespace

std::vector<Route> import_routes() {
  std::vector<Route> routes;
  routes.push_back({"GET", "/api/imports", Access::SignedIn, "session", Action::Read,
                    "The kinds of import the caller may run, with their columns",
                    [](Context& c) -> domain::Result<http::Response> {
                      if (!c.request.query.empty())
                        return fail(ErrorCode::BadParameter, c.request.query.begin()->first);
                      json kinds = json::array();
                      for (const auto& kind : io::import_kinds())
                        if (domain::may(c.caller().role, kind.resource, Action::Create))
                          kinds.push_back({{"kind", kind.name},
                                           {"resource", kind.resource},
                                           {"parent", io::parent_parameter(kind)},
                                           {"columns", columns_of(kind, c.language)}});
                      return json_response(200, {{"items", kinds}});
                    }});
  for (const auto& kind : io::import_kinds()) {
    const std::string base = "/api/imports/" + std::string(kind.name);
    const std::string resource(kind.resource);
    routes.push_back({"GET", base + "/template", Access::SignedIn, resource, Action::Create,
                      "The template workbook of the import (?lang=ar|fr): its header row and validation lists",
                      [&kind](Context& c) -> domain::Result<http::Response> {
                        auto language = document_language(c, {});
                        if (!language) return std::unexpected(language.error());
                        const auto name =
                            std::string(kind.name) + (*language == domain::Language::Arabic ? "-ar" : "-fr") + ".xlsx";
                        std::string bytes;
                        io::write_template(
                            kind, *language, [&](std::string_view part) { bytes += part; },
                            store::reference_lists(c.db, c.caller(), kind, *language));
                        return file_response(std::string(kXlsxType), name, std::move(bytes));
                      }});
    routes.push_back(
        {"POST", base + "/columns", Access::SignedIn, resource, Action::Create,
         "The header row of an uploaded file (the body; ?file_name=) and the mapping of its headers to "
         "fields: the caller's last choice, else guessed from the template's headers",
         [&kind](Context& c) -> domain::Result<http::Response> {
           auto query = import_query(c, {});
           if (!query) return std::unexpected(query.error());
           auto sheet = uploaded_sheet(c, query->file_name);
           if (!sheet) return std::unexpected(sheet.error());
           const auto headers = header_row(*sheet);
           return json_response(
               200,
               {{"sheet", sheet->name},
                {"headers", headers},
                {"mapping", io::guess_mapping(kind, headers, store::remembered_mapping(c.db, c.caller(), kind.name))},
                {"columns", columns_of(kind, c.language)}});
         },
         Body::File});
    routes.push_back({"PUT", base + "/mapping", Access::SignedIn, resource, Action::Create,
                      "Remember the caller's mapping of headers to fields for this import ({mapping: {header: field "
                      "or null}})",
                      [&kind](Context& c) -> domain::Result<http::Response> {
                        json mapping;
                        auto read = RequestReader(c.body, {"mapping"}).object("mapping", mapping).finish(true);
                        if (!read) return std::unexpected(read.error());
                        auto saved = store::remember_mapping(c.db, c.caller(), kind, mapping);
                        if (!saved) return std::unexpected(saved.error());
                        return json_response(200, {{"mapping", *saved}});
                      }});
    routes.push_back({"POST", base + "/check", Access::SignedIn, resource, Action::Create,
                      "Dry run of an import (the file is the body; ?file_name= and the institution_id or "
                      "province_id the kind names): every bad cell and duplicate, nothing written",
                      run(kind, store::ImportMode::DryRun), Body::File});
    routes.push_back({"POST", base, Access::SignedIn, resource, Action::Create,
                      "Import a file (the body; ?file_name= and the institution_id or province_id the kind "
                      "names): every row or none, audited",
                      run(kind, store::ImportMode::Commit), Body::File});
  }
  return routes;
}

}  // namespace riaya::api
