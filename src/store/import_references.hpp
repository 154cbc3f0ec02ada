#pragma once

// What the rows of an import name by words rather than by id (docs/API.md, "Imports"): a
// commune, a territory, an association or a category by its name or code, and a pupil of the
// register by its identity number or by its name and birth date. Each is looked for only among
// the records the caller's writes may reference, read once per import.

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "domain/schema.hpp"
#include "io/import_kinds.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::store {

// The names of the records a reference field may name, read the first time a field of their
// resource (and level) is asked for, in the transaction of the import.
class ReferenceNames {
 public:
  ReferenceNames(soci::session& session, const Caller& caller) : session_(session), caller_(caller) {}

  // The value `field` (a Reference or CodeReference) takes for a cell's text: the id, or for a
  // CodeReference the code, of the live record of `field.references` whose code, Arabic or
  // French name (or English one, for a category; or registration number, for an association)
  // folds as `text` does (domain::search_key), among those the caller's writes may reference
  // (the scope check_references applies; of `field.reference_level` when it has one). A name
  // several territories share (the commune and the province of Boujdour) names the one of the
  // lowest level. Nothing when no such record is found.
  std::optional<nlohmann::json> find(const domain::FieldSpec& field, std::string_view text);

 private:
  using Names = std::map<std::string, nlohmann::json>;  // folded name → id or code
  const Names& names_of(const domain::FieldSpec& field);

  soci::session& session_;
  const Caller& caller_;
  std::map<std::string, Names> read_;  // "resource level" → its names
};

// The live pupils of one institution's register that an import of school results may name,
// read once with their identity numbers opened (they are sealed at rest, so no query can
// compare them).
class PupilIndex {
 public:
  // The pupils of institution `institution_id` in the caller's write scope, anonymised ones left out.
  PupilIndex(soci::session& session, const Caller& caller, long long institution_id);

  // The pupil a row names: the one whose identity number is `identity_number` (compared without
  // spaces, dashes or case) when the row gives one, else the one whose Arabic name folds as
  // `full_name_ar` does (domain::search_key) and who was born on `birth_date`. Errors:
  // InvalidReference on "identity_number" when no pupil has that number; InvalidReference on
  // "full_name_ar" when no pupil has that name and birth date (detail {"code": "unknown_pupil"});
  // Duplicate on "full_name_ar" when several pupils have them (detail {"code":
  // "ambiguous_pupil"}: the identity number tells them apart); Required on "full_name_ar" or
  // "birth_date" when the row gives neither an identity number nor both of them.
  domain::Result<long long> find(const nlohmann::json& identity_number, const nlohmann::json& full_name_ar,
                                 const nlohmann::json& birth_date) const;

 private:
  std::map<std::string, long long> by_identity_;
  std::map<std::string, std::vector<long long>> by_name_and_birth_;
};

// The names the template of `kind` offers in `language` in each of its reference columns (a
// commune, a territory, an association, a category): those of the records ReferenceNames::find
// would find for the caller, in `language` (the Arabic name where there is none), each once.
io::ReferenceLists reference_lists(Database& db, const Caller& caller, const io::ImportKind& kind,
                                   domain::Language language);

}  // namespace riaya::store
