#pragma once

// What each import reads (docs/API.md, "Imports"): its columns, the headers they are known
// by, how a cell's text becomes a field's value, and its template workbook. The rules the
// values must then follow are the resources' own (domain/registry.cpp and the store's checks):
// nothing here repeats them.

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/schema.hpp"
#include "io/byte_sink.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::io {

// One column of an import: a field of one of the kind's resources.
struct ImportColumn {
  std::string_view resource;  // a registry resource (domain::find_spec)
  std::string_view field;     // one of its fields; unique within the kind
};

// What the request of an import names, that every row belongs to.
enum class ImportParent {
  Institution,  // ?institution_id=: an institution in the caller's write scope
  Province,     // ?province_id=: a province in the caller's write scope
  None,         // nothing: each row names its references in its cells
};

// A value a field takes when the row gives it none (no column, or a blank cell).
struct ImportDefault {
  std::string_view field;
  std::string_view value;
};

struct ImportKind {
  std::string_view name;      // the URL segment: "beneficiaries"
  std::string_view resource;  // the resource each row makes a record of, whose access rights the import takes
  std::vector<ImportColumn> columns;
  ImportParent parent = ImportParent::Institution;
  // The field of each record the request's institution or province fills; empty when none.
  std::string_view parent_field = "institution_id";
  std::vector<ImportDefault> defaults = {};
  // Two rows whose values of these fields (text folded as search folds it) are equal are the
  // same record: the second is a problem "duplicate_in_file".
  std::vector<std::string_view> same_record;
  // Whether a row naming a live beneficiary in the caller's scope (store::namesakes) is a problem.
  bool register_namesakes = false;
  // The fields a record of this kind is known by, as a cell naming one is read (by its
  // registration number, Arabic or French name: store::ReferenceNames): a row whose value of one
  // of them names a live record the caller's writes reach is that record imported again, a
  // problem "duplicate_in_database" (the file's own duplicates are same_record's). A kind whose
  // records have a unique code has that code's "duplicate" instead.
  std::vector<std::string_view> known_by = {};
  // A second record a row may make (its columns are those of this resource), referencing the
  // first by `child_parent_field`; empty when none.
  std::string_view child_resource = {};
  std::string_view child_parent_field = {};
  // Whether the columns of "beneficiaries" name an existing pupil of the request's institution
  // (by identity number, else by name and birth date: store::PupilIndex), whose id fills the
  // record's "beneficiary_id", rather than make one.
  bool names_pupil = false;

  const ImportColumn* column(std::string_view field) const;
  // Whether a file must have a column for `column`: its resource requires the field of the
  // records the rows make, and the kind gives it no default.
  bool needs_column(const ImportColumn& column) const;
};

// The imports, in the order the API lists them; find_import_kind by name, nullptr if unknown.
const std::vector<ImportKind>& import_kinds();
const ImportKind* find_import_kind(std::string_view name);

// The header the template gives a column in `language` (the web app's label of the field).
std::string column_header(const ImportColumn& column, domain::Language language);

// Which field each header of the file's first row names: {"header": "field" or null}. A header
// is known by the mapping `remembered` gives it (the user's last choice, when it names a column
// of the kind), else by matching, folded as search does (domain::search_key), a column's
// header in Arabic, French or English or its field name. A field is given to one header only.
nlohmann::json guess_mapping(const ImportKind& kind, const std::vector<std::string>& headers,
                             const nlohmann::json& remembered);

// Whether `mapping` ({"header": "field" or null}) names only columns of the kind, each once:
// InvalidValue on "mapping" otherwise (detail {"header"}).
domain::Result<void> check_mapping(const ImportKind& kind, const nlohmann::json& mapping);

// The query parameter naming the request's parent ("institution_id", "province_id"); empty for
// ImportParent::None.
std::string_view parent_parameter(const ImportKind& kind);

// A date as people type it or a spreadsheet stores it: "YYYY-MM-DD", "DD/MM/YYYY" (or with '-'
// or '.'), an Excel serial day number (1 = 1900-01-01, the 1900 leap-year bug included, as
// Excel, LibreOffice and Google Sheets store dates), or a day, a month's name and a year
// ("26 أبريل 2019", "26 avril 2019", "1er mai 2019", Moroccan, Middle-Eastern and Egyptian
// Arabic month names, French and English ones). Answers "YYYY-MM-DD", or nothing when it is
// none of those or not a real day.
std::optional<std::string> parse_cell_date(std::string_view text);

// The value validate_input expects for a cell's text: null for a blank cell; a Date's ISO
// form; a Choice's code (the code itself or its label in any language, folded); an Integer as
// a number; a Decimal as a number (a decimal comma read as a point); a Reference as a number
// when the text is digits, else the text (the store resolves names, and a CodeReference's
// names); Text as is. Errors: InvalidDate, InvalidValue, WrongType on the column's field.
domain::Result<nlohmann::json> cell_value(const ImportColumn& column, std::string_view text);

// The names a template offers in a reference column, by field ("commune_id": the communes the
// caller's writes reach); a column not named here gets no list.
using ReferenceLists = std::map<std::string, std::vector<std::string>, std::less<>>;

// Writes the template workbook of `kind` in `language`: a sheet whose first row holds the
// columns' headers (right to left in Arabic), each choice column restricted to its labels, and
// each reference column `references` names to those names, by a validation list, and a second
// sheet "lists" holding those labels and names.
void write_template(const ImportKind& kind, domain::Language language, const ByteSink& sink,
                    const ReferenceLists& references = {});

}  // namespace riaya::io
