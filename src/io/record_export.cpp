#include "io/record_export.hpp"

#include "io/labels.hpp"

namespace riaya::io {
namespace {

using domain::FieldType;
using nlohmann::json;

bool is_amount(std::string_view name) { return name.ends_with("_centimes"); }

ExportColumn column_of(const domain::EntitySpec& spec, std::string_view name, const domain::FieldSpec* field,
                       domain::Language language) {
  ExportColumn column{.label = name == "id" ? std::string("#") : field_label(spec, name, language)};
  if (is_amount(name)) {
    column.kind = ColumnKind::Centimes;
  } else if (!field) {
    column.kind = ColumnKind::Integer;
    column.width = 10;
  } else if (field->type == FieldType::Date) {
    column.kind = ColumnKind::Date;
    column.width = 12;
  } else if (field->type == FieldType::Integer) {
    column.kind = ColumnKind::Integer;
    column.width = 12;
  } else if (field->type == FieldType::LongText || field->type == FieldType::Reference) {
    column.width = 36;
  } else if (field->type == FieldType::Text) {
    column.width = 24;
  }
  return column;
}

// The text of `record`'s `stem`_name_<language> (or _title_), in the reader's language when
// the list gives it, else in Arabic; empty when the list gives neither.
std::string named(const json& record, const std::string& stem, domain::Language language) {
  const char* own = language == domain::Language::Arabic ? "_ar" : "_fr";
  for (const char* kind : {"_name", "_title"}) {
    for (const char* suffix : {own, "_ar"}) {
      const auto it = record.find(stem + kind + suffix);
      if (it != record.end() && it->is_string() && !it->get<std::string>().empty()) return it->get<std::string>();
    }
  }
  return {};
}

}  // namespace

RecordExport::RecordExport(const domain::EntitySpec& spec, domain::Language language, bool personal_data)
    : spec_(spec), language_(language) {
  sources_.push_back({"id"});
  for (const auto& field : spec.fields)
    if (personal_data || !field.personal) sources_.push_back({std::string(field.name), &field});
  for (const auto& field : spec.read_only)
    if (is_amount(field.name)) sources_.push_back({std::string(field.name)});
  for (const auto& source : sources_) columns_.push_back(column_of(spec, source.name, source.field, language));
}

std::vector<ExportCell> RecordExport::cells(const json& record) const {
  std::vector<ExportCell> cells;
  cells.reserve(sources_.size());
  for (const auto& [name, field] : sources_) {
    const auto it = record.find(name);
    if (it == record.end() || it->is_null()) {
      cells.emplace_back();
    } else if (it->is_number_integer()) {
      if (field && field->type == FieldType::Reference) {
        auto text = named(record, name.substr(0, name.size() - 3), language_);
        cells.emplace_back(text.empty() ? ExportCell(it->get<long long>()) : ExportCell(std::move(text)));
      } else {
        cells.emplace_back(it->get<long long>());
      }
    } else if (it->is_string()) {
      const auto text = it->get<std::string>();
      cells.emplace_back(
          field && field->type == FieldType::Choice ? choice_label(spec_, name, text, language_).value_or(text) : text);
    } else if (it->is_boolean()) {
      cells.emplace_back(it->get<bool>() ? 1LL : 0LL);
    } else {
      cells.emplace_back(it->dump());
    }
  }
  return cells;
}

}  // namespace riaya::io
