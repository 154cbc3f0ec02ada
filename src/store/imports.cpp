#include "store/imports.hpp"

#include "domain/language.hpp"
#include "domain/messages.hpp"
#include "domain/search_key.hpp"
#include "store/audit.hpp"
#include "store/beneficiaries.hpp"
#include "store/import_references.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/scoped_select.hpp"

#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Language;
using nlohmann::json;

std::string pick(Language language, const std::string& ar, const std::string& fr, const std::string& en) {
  return language == Language::Arabic ? ar : language == Language::French ? fr : en;
}

// What one import sees of a file: its header row and, for each column of the kind, where it is.
struct Layout {
  std::size_t header_row = 0;                      // 0-based row of the headers
  std::vector<std::string> headers;                // by column index
  std::map<std::string, std::size_t> field_index;  // field → column index
};

Layout layout_of(const io::Sheet& sheet, const json& mapping) {
  Layout layout;
  while (layout.header_row < sheet.rows.size() && sheet.rows[layout.header_row].empty()) ++layout.header_row;
  if (layout.header_row < sheet.rows.size()) layout.headers = sheet.rows[layout.header_row];
  for (std::size_t i = 0; i < layout.headers.size(); ++i) {
    const auto& header = layout.headers[i];
    if (!mapping.contains(header) || !mapping[header].is_string()) continue;
    layout.field_index.emplace(mapping[header].get<std::string>(), i);
  }
  return layout;
}

class RowImport {
 public:
  RowImport(soci::session& session, const Caller& caller, const io::Sheet& sheet, const ImportRequest& request,
            const Layout& layout)
      : session_(session),
        caller_(caller),
        sheet_(sheet),
        request_(request),
        layout_(layout),
        references_(session, caller) {
    if (request.kind.register_namesakes) namesake_index_.emplace(session, caller);
    if (request.kind.names_pupil) pupils_.emplace(session, caller, request.institution_id);
  }

  std::vector<json> problems;
  std::size_t rows = 0, created = 0;
  std::vector<long long> namesakes_shown;  // live records a duplicate problem names

  void run() {
    const auto& rows_of_sheet = sheet_.rows;
    std::size_t total = 0;
    for (std::size_t r = layout_.header_row + 1; r < rows_of_sheet.size(); ++r) total += !rows_of_sheet[r].empty();
    for (std::size_t r = layout_.header_row + 1; r < rows_of_sheet.size(); ++r) {
      if (rows_of_sheet[r].empty()) continue;
      ++rows;
      import_row(r);
      if (request_.progress) request_.progress(rows, total);
    }
  }

 private:
  soci::session& session_;
  const Caller& caller_;
  const io::Sheet& sheet_;
  const ImportRequest& request_;
  const Layout& layout_;
  ReferenceNames references_;                          // the records cells name by words, read once a resource
  std::optional<PupilIndex> pupils_;                   // the institution's pupils, for school results
  std::unordered_map<std::string, std::size_t> seen_;  // ImportKind::same_record's values → first row
  std::optional<NamesakeIndex> namesake_index_;        // the register's names in scope, read once

  std::string header_of(const std::string& field) const {
    const auto at = layout_.field_index.find(field);
    return at == layout_.field_index.end() ? std::string() : layout_.headers[at->second];
  }
  std::string cell_of(std::size_t row, const std::string& field) const {
    const auto at = layout_.field_index.find(field);
    return at == layout_.field_index.end() ? std::string() : std::string(sheet_.cell(row, at->second));
  }

  // The field's label as the kind's template words it, else as error messages do.
  std::string label_of(const std::string& field) const {
    if (const auto* column = request_.kind.column(field)) return io::column_header(*column, request_.language);
    return domain::field_label(field, request_.language);
  }

  void problem(std::size_t row, const domain::Error& error, std::string message = {}) {
    // A date the import could not read: the forms it reads, not only the API's.
    if (message.empty()) message = domain::import_message(error.detail.value("code", ""), request_.language);
    if (message.empty() && error.code == ErrorCode::InvalidDate) {
      const auto label = domain::quoted(request_.language, label_of(error.field));
      message = pick(request_.language, label + ": تاريخ غير مقروء (مثل 26/04/2019 أو 2019-04-26 أو «26 أبريل 2019»).",
                     label + " : date illisible (par exemple 26/04/2019, 2019-04-26 ou « 26 avril 2019 »).",
                     label + ": unreadable date (e.g. 26/04/2019, 2019-04-26 or \"26 April 2019\").");
    }
    problems.push_back(
        {{"sheet", sheet_.name},
         {"row", row + 1},
         {"column", header_of(error.field)},
         {"field", error.field},
         {"value", cell_of(row, error.field)},
         {"code", error.detail.value("code", std::string(domain::error_code_name(error.code)))},
         {"message",
          message.empty() ? domain::error_message(error, request_.language, label_of(error.field)) : message}});
  }

  // The values of the row's cells for the fields of `resource`, or false when a cell is bad.
  bool cells(std::size_t row, std::string_view resource, json& values) {
    bool good = true;
    for (const auto& column : request_.kind.columns) {
      if (column.resource != resource) continue;
      const std::string field(column.field);
      if (!layout_.field_index.contains(field)) continue;
      auto value = io::cell_value(column, cell_of(row, field));
      if (!value) {
        problem(row, value.error());
        good = false;
        continue;
      }
      const auto& spec = *domain::find_spec(resource)->field(field);
      if (value->is_string() &&
          (spec.type == domain::FieldType::Reference || spec.type == domain::FieldType::CodeReference)) {
        auto found = references_.find(spec, value->get<std::string>());
        if (!found) {
          problem(row, domain::Error{ErrorCode::InvalidReference, field});
          good = false;
          continue;
        }
        *value = std::move(*found);
      }
      if (!value->is_null()) values[field] = std::move(*value);
    }
    return good;
  }

  void import_row(std::size_t row) {
    const auto& kind = request_.kind;
    json record_values = json::object();
    if (!kind.parent_field.empty())
      record_values[std::string(kind.parent_field)] =
          kind.parent == io::ImportParent::Province ? request_.province_id : request_.institution_id;
    json child = json::object();
    bool good = cells(row, kind.resource, record_values);
    if (!kind.child_resource.empty()) good = cells(row, kind.child_resource, child) && good;
    json pupil = json::object();
    if (kind.names_pupil) good = cells(row, "beneficiaries", pupil) && good;
    if (!good) return;
    for (const auto& given : kind.defaults)
      if (record_values.value(std::string(given.field), json()).is_null())
        record_values[std::string(given.field)] = std::string(given.value);
    if (kind.names_pupil) {
      auto id = pupils_->find(pupil.value("identity_number", json()), pupil.value("full_name_ar", json()),
                              pupil.value("birth_date", json()));
      if (!id) return problem(row, id.error());
      record_values["beneficiary_id"] = *id;
    }
    const auto& spec = *domain::find_spec(kind.resource);
    auto values = domain::validate_input(spec, record_values);
    if (!values) return problem(row, values.error());
    if (!same_record_free(row, *values)) return;
    if (kind.register_namesakes && !namesake_free(row, *values)) return;
    if (!kind.known_by.empty() && !new_record(row, *values)) return;
    auto record = insert_record(session_, spec, caller_, *values);
    if (!record) return problem(row, record.error());
    ++created;
    if (child.empty()) return;
    child[std::string(kind.child_parent_field)] = (*record)["id"];
    const auto& child_spec = *domain::find_spec(kind.child_resource);
    auto child_values = domain::validate_input(child_spec, child);
    if (!child_values) return problem(row, child_values.error());
    if (auto stored = insert_record(session_, child_spec, caller_, *child_values); !stored)
      return problem(row, stored.error());
  }

  // Whether no earlier row names the same record (ImportKind::same_record).
  bool same_record_free(std::size_t row, const json& values) {
    const auto& fields = request_.kind.same_record;
    if (fields.empty()) return true;
    std::string key;
    for (const auto field : fields) {
      const auto& value = values[std::string(field)];
      key += (value.is_string() ? domain::search_key(value.get<std::string>()) : value.dump()) + "|";
    }
    const auto [first, inserted] = seen_.emplace(key, row);
    if (inserted) return true;
    const auto other = std::to_string(first->second + 1);
    problem(row, domain::Error{ErrorCode::Duplicate, std::string(fields.front()), {{"code", "duplicate_in_file"}}},
            pick(request_.language, "نفس السجل في السطر " + other + " من الملف.",
                 "Même enregistrement qu'à la ligne " + other + " du fichier.",
                 "The same record as row " + other + " of the file."));
    return false;
  }

  // Whether no live record the caller's writes reach is known by one of the row's values of
  // ImportKind::known_by (the file imported once already).
  bool new_record(std::size_t row, const json& values) {
    const domain::FieldSpec record{
        .name = "id", .type = domain::FieldType::Reference, .references = request_.kind.resource};
    for (const auto known_by : request_.kind.known_by) {
      const std::string field(known_by);
      const auto& value = values[field];
      if (!value.is_string()) continue;
      const auto found = references_.find(record, value.get<std::string>());
      if (!found) continue;
      const auto id = found->dump();
      const auto label = domain::quoted(request_.language, label_of(field));
      problem(row, domain::Error{ErrorCode::Duplicate, field, {{"code", "duplicate_in_database"}}},
              pick(request_.language, "موجود من قبل (رقم " + id + ") بنفس " + label + "، فلا يستورد مرة ثانية.",
                   "Existe déjà (n° " + id + ") avec le même " + label + " : il n'est pas importé une seconde fois.",
                   "Already exists (no. " + id + ") with the same " + label + ": it is not imported twice."));
      return false;
    }
    return true;
  }

  // Whether the row names no live beneficiary in the caller's scope (same folded Arabic name
  // and birth date, as the register's namesakes).
  bool namesake_free(std::size_t row, const json& values) {
    const auto name = values["full_name_ar"].get<std::string>();
    const auto birth = values["birth_date"].get<std::string>();
    const auto language = request_.language;
    if (!namesake_index_->may_have(name, birth)) return true;
    const auto others = namesakes(session_, caller_, name, birth)["items"];
    if (others.empty()) return true;
    const auto& found = others.front();
    const auto where = found.value(language == Language::Arabic ? "institution_name_ar" : "institution_name_fr",
                                   found.value("institution_name_ar", std::string()));
    namesakes_shown.push_back(found["id"].get<long long>());
    const auto id = std::to_string(namesakes_shown.back());
    problem(
        row, domain::Error{ErrorCode::Duplicate, "full_name_ar", {{"code", "duplicate_in_database"}}},
        pick(language, "مسجل من قبل في السجل (رقم " + id + "، " + where + ") بنفس الاسم وتاريخ الازدياد.",
             "Déjà inscrit au registre (n° " + id + ", " + where + ") avec le même nom et la même date de naissance.",
             "Already in the register (no. " + id + ", " + where + ") with the same name and birth date."));
    return false;
  }
};

}  // namespace

domain::Result<json> run_import(Database& db, const Caller& caller, const io::Sheet& sheet,
                                const ImportRequest& request) {
  if (auto ok = io::check_mapping(request.kind, request.mapping); !ok) return std::unexpected(ok.error());
  const auto layout = layout_of(sheet, request.mapping);
  json report;
  std::vector<long long> shown;
  auto outcome = db.write([&](soci::session& session) -> domain::Result<json> {
    // The institution or province the request names, in the caller's write scope.
    std::optional<json> parent;
    if (request.kind.parent == io::ImportParent::Institution) {
      parent = scoped_record(session, caller, "institutions", "r.id, " + scope_columns("institutions"),
                             request.institution_id, ScopeUse::Write);
      if (!parent) return fail(ErrorCode::InvalidReference, "institution_id");
    } else if (request.kind.parent == io::ImportParent::Province) {
      parent = scoped_select("territories", caller, ScopeUse::Write)
                   .live()
                   .where("r.id = :id AND r.level = 'province'")
                   .bind("id", request.province_id)
                   .select("r.id, " + scope_columns("territories"))
                   .first(session);
      if (!parent) return fail(ErrorCode::InvalidReference, "province_id");
    }
    json missing = json::array();
    // A child record's required fields are required only of rows that give one.
    for (const auto& column : request.kind.columns)
      if (request.kind.needs_column(column) && !layout.field_index.contains(std::string(column.field)))
        missing.push_back(column.field);
    // A school result names its pupil by identity number, else by name and birth date.
    if (request.kind.names_pupil && !layout.field_index.contains("identity_number"))
      for (const auto* field : {"full_name_ar", "birth_date"})
        if (!layout.field_index.contains(field)) missing.push_back(field);
    if (!missing.empty()) return fail(ErrorCode::Required, "mapping", {{"missing", missing}});
    RowImport import(session, caller, sheet, request, layout);
    InstitutionFiguresBatch figures;  // its months and indicator sums, recomputed once after every row
    InsertBatch batch;                // what the rows' checks read, read once; one audit entry below
    import.run();
    shown = import.namesakes_shown;
    // A refusal of the institution itself (its register is off) is the whole file's, not each row's.
    for (const auto& problem : import.problems)
      if (problem["field"] == "institution_id")
        return fail(problem["code"] == "no_register"     ? ErrorCode::NoRegister
                    : problem["code"] == "register_kept" ? ErrorCode::RegisterKept
                                                         : ErrorCode::InvalidReference,
                    "institution_id");
    if (import.rows == 0)
      return fail(ErrorCode::ImportRejected, "file", {{"reason", "no_rows"}, {"problems", json::array()}});
    report = {{"kind", request.kind.name},  {"file_name", request.file_name},
              {"sheet", sheet.name},        {"rows", import.rows},
              {"created", import.created},  {"dry_run", request.mode == ImportMode::DryRun},
              {"problems", import.problems}};
    // A dry run, and a commit with a problem, roll everything back.
    if (!import.problems.empty() || request.mode == ImportMode::DryRun)
      return fail(ErrorCode::ImportRejected, "file", {{"problems", import.problems}, {"rows", import.rows}});
    figures.flush(session);
    AuditEntry entry{.action = "import",
                     .entity = std::string(domain::find_spec(request.kind.resource)->entity),
                     .after = {{"kind", request.kind.name},
                               {"file_name", request.file_name},
                               {"count", import.created},
                               {"ids", batch.created()}}};
    if (request.kind.parent != io::ImportParent::None)
      entry.after[std::string(io::parent_parameter(request.kind))] =
          request.kind.parent == io::ImportParent::Province ? request.province_id : request.institution_id;
    if (parent) scope_entry(entry, *parent);
    write_audit(session, caller, entry);
    return report;
  });
  // The register's records a problem named were read (law 09-08), whatever became of the import.
  audit_named(db, *domain::find_spec(request.kind.resource), caller, "read", shown, {{"import", request.kind.name}});
  // A dry run that went through every row answers its report, problems or not.
  if (!outcome && request.mode == ImportMode::DryRun && !report.is_null()) return report;
  return outcome;
}

json remembered_mapping(Database& db, const Caller& caller, std::string_view kind) {
  if (caller.user_id == 0) return json::object();
  return db.read([&](soci::session& session) {
    const auto row = Query("SELECT mapping_json FROM import_mappings WHERE user_id = :user AND kind = :kind")
                         .bind("user", caller.user_id)
                         .bind("kind", std::string(kind))
                         .first(session);
    if (!row || !(*row)["mapping_json"].is_string()) return json::object();
    auto mapping = json::parse((*row)["mapping_json"].get<std::string>(), nullptr, false);
    return mapping.is_object() ? mapping : json::object();
  });
}

domain::Result<json> remember_mapping(Database& db, const Caller& caller, const io::ImportKind& kind,
                                      const json& mapping) {
  if (auto ok = io::check_mapping(kind, mapping); !ok) return std::unexpected(ok.error());
  if (caller.user_id == 0) return mapping;
  return db.write([&](soci::session& session) -> domain::Result<json> {
    const auto before = Query("SELECT mapping_json FROM import_mappings WHERE user_id = :user AND kind = :kind")
                            .bind("user", caller.user_id)
                            .bind("kind", std::string(kind.name))
                            .first(session);
    Query("DELETE FROM import_mappings WHERE user_id = :user AND kind = :kind")
        .bind("user", caller.user_id)
        .bind("kind", std::string(kind.name))
        .execute(session);
    Query("INSERT INTO import_mappings (user_id, kind, mapping_json, updated_at) VALUES (:user, :kind, :mapping, :now)")
        .bind("user", caller.user_id)
        .bind("kind", std::string(kind.name))
        .bind("mapping", mapping.dump())
        .bind("now", utc_now())
        .execute(session);
    write_audit(session, caller,
                AuditEntry{.action = "update",
                           .entity = "import_mapping",
                           .before = before ? json::parse((*before)["mapping_json"].get<std::string>(), nullptr, false)
                                            : json(nullptr),
                           .after = {{"kind", kind.name}, {"mapping", mapping}}});
    return mapping;
  });
}

}  // namespace riaya::store
