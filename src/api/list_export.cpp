#include "api/list_export.hpp"

#include "api/list_params.hpp"
#include "api/routes.hpp"
#include "domain/access.hpp"
#include "domain/dates.hpp"
#include "io/labels.hpp"
#include "store/records.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace riaya::api {

using domain::ErrorCode;
using domain::FieldType;

namespace {

// How the records of a registry resource (domain/registry.cpp) become the rows of an export,
// in one reader's language: the id, then each field in the spec's order, then the computed
// amounts the list answers (read-only fields in centimes). Labels are the web app's
// (io/labels.hpp); a reference shows the name or title of the record it names when the list
// answers one (e.g. association_name_ar, in the reader's language, else in Arabic), else its id;
// a choice shows its label; dates are date cells; amounts in centimes are dirhams. Personal
// fields are left out unless `personal_data` (the caller may see them:
// domain::sees_personal_data). Each record goes from the database row straight into the file's
// cells (store::ListedRow): no JSON, no cell made, where the values are found once.
class RecordCells {
 public:
  RecordCells(const domain::EntitySpec& spec, domain::Language language, bool personal_data) {
    add(spec, "id", nullptr, language);
    for (const auto& field : spec.fields)
      if (personal_data || !field.personal) add(spec, field.name, &field, language);
    for (const auto& field : spec.read_only)
      if (is_amount(field.name)) add(spec, field.name, nullptr, language);
  }

  const std::vector<io::ExportColumn>& columns() const { return columns_; }

  // Writes `record` as the next row of `file`.
  void write(const store::ListedRow& record, io::TableFile& file) {
    if (!placed_) place(record);
    for (const auto& source : sources_) {
      if (!source.at || record.is_null(*source.at)) {
        file.blank();
      } else if (source.reference) {
        if (!named(record, source, file)) file.integer(record.integer(*source.at));
      } else if (source.integer) {
        file.integer(record.integer(*source.at));
      } else {
        record.text(*source.at, text_);
        const auto label = std::find_if(source.choices.begin(), source.choices.end(),
                                        [&](const auto& choice) { return choice.first == text_; });
        file.text(label == source.choices.end() ? std::string_view(text_) : std::string_view(label->second));
      }
    }
    file.end_row();
  }

 private:
  struct Source {
    std::string name;
    bool integer = false;    // an id, a count, an amount
    bool reference = false;  // an id shown by the name of the record it names, when the list gives one
    std::vector<std::pair<std::string, std::string>> choices;  // value → label
    std::optional<std::size_t> at;                             // in the records read
    // Of a reference: the columns the list may name its record in, in the order they are tried
    // (name, then title; the reader's language, then Arabic), and where those it has are.
    std::vector<std::string> name_columns;
    std::vector<std::size_t> names;
  };

  static bool is_amount(std::string_view name) { return name.ends_with("_centimes"); }

  void add(const domain::EntitySpec& spec, std::string_view name, const domain::FieldSpec* field,
           domain::Language language) {
    io::ExportColumn column{.label = name == "id" ? std::string("#") : io::field_label(spec, name, language)};
    Source source{.name = std::string(name), .integer = !field || is_amount(name)};
    if (is_amount(name)) {
      column.kind = io::ColumnKind::Centimes;
    } else if (!field) {
      column.kind = io::ColumnKind::Integer;
      column.width = 10;
    } else if (field->type == FieldType::Date) {
      column.kind = io::ColumnKind::Date;
      column.width = 12;
    } else if (field->type == FieldType::Integer) {
      column.kind = io::ColumnKind::Integer;
      column.width = 12;
      source.integer = true;
    } else if (field->type == FieldType::LongText || field->type == FieldType::Reference) {
      column.width = 36;
    } else if (field->type == FieldType::Text) {
      column.width = 24;
    }
    if (field && field->type == FieldType::Reference) {
      source.integer = source.reference = true;
      const auto stem = source.name.substr(0, source.name.size() - 3);  // without "_id"
      const char* own = language == domain::Language::Arabic ? "_ar" : "_fr";
      for (const char* kind : {"_name", "_title"}) {
        source.name_columns.push_back(stem + kind + own);
        if (language != domain::Language::Arabic) source.name_columns.push_back(stem + kind + "_ar");
      }
    }
    if (field && field->type == FieldType::Choice)
      for (const auto& choice : field->choices)
        source.choices.emplace_back(choice,
                                    io::choice_label(spec, name, choice, language).value_or(std::string(choice)));
    columns_.push_back(std::move(column));
    sources_.push_back(std::move(source));
  }

  // Finds where each value is in the records read (the same for every record).
  void place(const store::ListedRow& record) {
    for (auto& source : sources_) {
      source.at = record.position(source.name);
      for (const auto& column : source.name_columns)
        if (const auto at = record.position(column)) source.names.push_back(*at);
    }
    placed_ = true;
  }

  // Writes the name of the record a reference names, if the list gives one; whether it did.
  bool named(const store::ListedRow& record, const Source& source, io::TableFile& file) {
    for (const auto at : source.names) {
      record.text(at, text_);
      if (!text_.empty()) {
        file.text(text_);
        return true;
      }
    }
    return false;
  }

  std::vector<io::ExportColumn> columns_;
  std::vector<Source> sources_;
  bool placed_ = false;
  std::string text_;  // the text of the cell being written, its storage kept from cell to cell
};

}  // namespace

domain::Result<FileChoice> file_choice(std::map<std::string, std::string>& parameters, domain::Language language) {
  FileChoice choice{io::TableFormat::Xlsx, language};
  if (const auto it = parameters.find("format"); it != parameters.end()) {
    if (it->second != "xlsx" && it->second != "csv") return fail(ErrorCode::BadParameter, "format");
    choice.format = it->second == "csv" ? io::TableFormat::Csv : io::TableFormat::Xlsx;
    parameters.erase(it);
  }
  if (const auto it = parameters.find("lang"); it != parameters.end()) {
    const auto chosen = domain::parse_language(it->second);
    if (!chosen) return fail(ErrorCode::BadParameter, "lang");
    choice.language = *chosen;
    parameters.erase(it);
  }
  return choice;
}

ListFile table_file(std::string_view stem, std::string title, const FileChoice& choice,
                    std::vector<io::ExportColumn> columns, std::function<void(io::TableFile&)> rows) {
  const bool csv = choice.format == io::TableFormat::Csv;
  return ListFile{csv ? "text/csv; charset=utf-8" : std::string(kXlsxType),
                  std::string(stem) + "-" + domain::today_iso() + (csv ? ".csv" : ".xlsx"),
                  [title = std::move(title), choice, columns = std::move(columns),
                   rows = std::move(rows)](const io::ByteSink& sink) {
                    io::TableFile file(choice.format, title, choice.language, columns, sink);
                    rows(file);
                    file.finish();
                  }};
}

std::string export_label(std::string_view key, domain::Language language) {
  auto entry = io::dictionary_entry(key, language);
  if (!entry) throw std::logic_error("no label " + std::string(key) + " in the web app's dictionaries");
  return *entry;
}

domain::Result<ListFile> list_file(store::Database& db, const domain::EntitySpec& spec, const store::Caller& caller,
                                   std::map<std::string, std::string> parameters, domain::Language language) {
  auto choice = file_choice(parameters, language);
  if (!choice) return std::unexpected(choice.error());
  auto request = parse_list_params(spec, parameters);
  if (!request) return std::unexpected(request.error());
  if (spec.named) {  // an export of named records is audited with the ids it holds
    std::vector<long long> ids;
    std::optional<std::size_t> id_at;
    store::each_listed_row(db, spec, caller, *request, [&](const store::ListedRow& record) {
      if (!id_at) id_at = record.position("id");
      ids.push_back(record.integer(id_at.value()));
    });
    store::audit_named(db, spec, caller, "export", ids,
                       {{"format", choice->format == io::TableFormat::Csv ? "csv" : "xlsx"}});
  }
  RecordCells plan(spec, choice->language, domain::sees_personal_data(caller.role));
  auto columns = plan.columns();
  return table_file(
      spec.resource, io::resource_label(spec.resource, choice->language), *choice, std::move(columns),
      [&db, &spec, caller, request = std::move(*request), plan = std::move(plan)](io::TableFile& file) mutable {
        store::each_listed_row(db, spec, caller, request,
                               [&](const store::ListedRow& record) { plan.write(record, file); });
      });
}

}  // namespace riaya::api
