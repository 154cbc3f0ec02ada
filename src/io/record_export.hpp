#pragma once

#include "domain/language.hpp"
#include "domain/schema.hpp"
#include "io/table_export.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace riaya::io {

// How the records of a registry resource (domain/registry.cpp) become the rows of an export,
// in one reader's language: the id, then each field in the spec's order, then the computed
// amounts the list answers (read-only fields in centimes). Labels are the web app's
// (io/labels.hpp); a reference shows the name or
// title of the record it names when the list answers one (e.g. association_name_ar), else its
// id; dates are date cells; amounts in centimes are dirhams. Personal fields are left out
// unless `personal_data` (the caller may see them: domain::sees_personal_data).
class RecordExport {
 public:
  RecordExport(const domain::EntitySpec& spec, domain::Language language, bool personal_data);

  const std::vector<ExportColumn>& columns() const { return columns_; }
  // The cells of `record` (as a list answers it), one per column.
  std::vector<ExportCell> cells(const nlohmann::json& record) const;

 private:
  struct Source {
    std::string name;
    const domain::FieldSpec* field = nullptr;  // null: the id or a computed amount
  };

  const domain::EntitySpec& spec_;
  domain::Language language_;
  std::vector<ExportColumn> columns_;
  std::vector<Source> sources_;
};

}  // namespace riaya::io
