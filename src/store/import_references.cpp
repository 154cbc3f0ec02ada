#include "store/import_references.hpp"

#include "domain/search_key.hpp"
#include "store/field_cipher.hpp"
#include "store/scoped_select.hpp"

#include <cctype>
#include <set>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using nlohmann::json;

// The columns a record of `resource` is known by in a file, beside its id.
std::vector<std::string> name_columns(std::string_view resource) {
  if (resource == "territories") return {"code", "name_ar", "name_fr"};
  if (resource == "associations") return {"registration_number", "name_ar", "name_fr"};
  if (resource == "categories") return {"code", "name_ar", "name_fr", "name_en"};
  return {};
}

// An identity number as people write it: without spaces, dashes or dots, in capitals.
std::string identity_key(std::string_view text) {
  std::string key;
  for (const char c : text)
    if (c != ' ' && c != '-' && c != '.' && c != '/')
      key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

}  // namespace

namespace {

// The live records `field` may name, those the caller's writes may reference (the scope
// check_references applies once named: a category, reference data, is read; every other
// reference written), of its level when it has one; the lower territories first.
Query named_records(const domain::FieldSpec& field, const Caller& caller, const std::string& columns) {
  const auto use = field.type == domain::FieldType::CodeReference ? ScopeUse::Read : ScopeUse::Write;
  auto select = scoped_select(field.references, caller, use).live();
  if (!field.reference_level.empty()) select.where("r.level = '" + std::string(field.reference_level) + "'");
  // Of two territories with one name, the lower: a commune before its province.
  const std::string order = field.references == "territories"
                                ? " ORDER BY CASE r.level WHEN 'commune' THEN 0 WHEN 'province' THEN 1 WHEN 'region' "
                                  "THEN 2 ELSE 3 END, r.id"
                                : " ORDER BY r.id";
  return select.select(columns, order);
}

}  // namespace

const ReferenceNames::Names& ReferenceNames::names_of(const domain::FieldSpec& field) {
  const auto key = std::string(field.references) + " " + std::string(field.reference_level);
  if (const auto found = read_.find(key); found != read_.end()) return found->second;
  auto& names = read_[key];
  const auto columns = name_columns(field.references);
  if (columns.empty()) return names;
  std::string wanted = field.type == domain::FieldType::CodeReference ? "r.code AS value_" : "r.id AS value_";
  for (const auto& column : columns) wanted += ", r." + column;
  for (const auto& row : named_records(field, caller_, wanted).rows(session_))
    for (const auto& column : columns)
      if (row[column].is_string()) names.emplace(domain::search_key(row[column].get<std::string>()), row["value_"]);
  return names;
}

std::optional<json> ReferenceNames::find(const domain::FieldSpec& field, std::string_view text) {
  const auto& names = names_of(field);
  const auto found = names.find(domain::search_key(text));
  if (found == names.end()) return std::nullopt;
  return found->second;
}

PupilIndex::PupilIndex(soci::session& session, const Caller& caller, long long institution_id) {
  scoped_select("beneficiaries", caller, ScopeUse::Write)
      .live()
      .where("r.institution_id = :institution AND r.anonymised_at IS NULL")
      .bind("institution", institution_id)
      .select("r.id, r.name_key, r.birth_date, r.identity_number")
      .each(session, [&](json&& row) {
        const auto id = row["id"].get<long long>();
        if (row["identity_number"].is_string())
          if (const auto number = open_field(row["identity_number"].get<std::string>()))
            by_identity_.emplace(identity_key(*number), id);
        if (row["name_key"].is_string() && row["birth_date"].is_string())
          by_name_and_birth_[row["name_key"].get<std::string>() + "\n" + row["birth_date"].get<std::string>()]
              .push_back(id);
      });
}

domain::Result<long long> PupilIndex::find(const json& identity_number, const json& full_name_ar,
                                           const json& birth_date) const {
  if (identity_number.is_string()) {
    const auto found = by_identity_.find(identity_key(identity_number.get<std::string>()));
    if (found == by_identity_.end())
      return fail(ErrorCode::InvalidReference, "identity_number", {{"code", "unknown_pupil"}});
    return found->second;
  }
  if (!full_name_ar.is_string()) return fail(ErrorCode::Required, "full_name_ar");
  if (!birth_date.is_string()) return fail(ErrorCode::Required, "birth_date");
  const auto found = by_name_and_birth_.find(domain::search_key(full_name_ar.get<std::string>()) + "\n" +
                                             birth_date.get<std::string>());
  if (found == by_name_and_birth_.end())
    return fail(ErrorCode::InvalidReference, "full_name_ar", {{"code", "unknown_pupil"}});
  if (found->second.size() > 1) return fail(ErrorCode::Duplicate, "full_name_ar", {{"code", "ambiguous_pupil"}});
  return found->second.front();
}

io::ReferenceLists reference_lists(Database& db, const Caller& caller, const io::ImportKind& kind,
                                   domain::Language language) {
  io::ReferenceLists lists;
  db.read([&](soci::session& session) {
    for (const auto& column : kind.columns) {
      const auto& field = *domain::find_spec(column.resource)->field(column.field);
      if ((field.type != domain::FieldType::Reference && field.type != domain::FieldType::CodeReference) ||
          name_columns(field.references).empty())
        continue;
      const bool english = field.references == "categories" && language == domain::Language::English;
      const std::string wanted =
          std::string("r.name_ar, ") + (field.references == "categories" ? "r.name_en, " : "") + "r.name_fr";
      std::set<std::string> seen;
      auto& names = lists[std::string(column.field)];
      for (const auto& row : named_records(field, caller, wanted).rows(session)) {
        const char* preferred = language == domain::Language::Arabic ? "name_ar" : english ? "name_en" : "name_fr";
        const auto& name = row[preferred].is_string() ? row[preferred] : row["name_ar"];
        if (name.is_string() && seen.insert(name.get<std::string>()).second) names.push_back(name.get<std::string>());
      }
    }
  });
  return lists;
}

}  // namespace riaya::store
