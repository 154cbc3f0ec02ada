#pragma once

// The individual register (issue 16, law 09-08): the rules of beneficiaries and their school
// years beyond their specs (domain/registry.cpp), the register's switch on an institution, the
// possible duplicates.

#include "domain/error.hpp"
#include "domain/schema.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace riaya::store {

// The TableSpec::check of beneficiaries, after the references were found in the caller's write
// scope. Errors: NoRegister on "institution_id" when the institution keeps no register;
// InvalidState on "institution_id" when an update moves the beneficiary to another institution
// (a transfer is an exit "moved" and an admission there); InvalidState on "anonymised_at" when the record was
// anonymised (it is kept for the statistics only); domain::check_beneficiary_dates' errors.
domain::Result<void> check_beneficiary(soci::session& session, const Caller& caller, nlohmann::json& values,
                                       const nlohmann::json* before);

// The TableSpec::derived_columns of beneficiaries: the folded Arabic name (name_key) that
// duplicates are found by.
nlohmann::json beneficiary_derived_columns(const nlohmann::json& values);

// The TableSpec::after_write of beneficiaries, beneficiary_years and monthly_statistics (a
// record with an institution_id): refresh_institution_figures of its institution.
void institution_figures_written(soci::session& session, const Caller& caller, const nlohmann::json& record);

// The TableSpec::after_write of institutions: refresh_institution_figures (its category says how
// a register counts, its capacity how occupancy does).
void institution_written(soci::session& session, const Caller& caller, const nlohmann::json& record);

// Recomputes what institution `institution_id`'s figures give:
//  - its monthly statistics, from its register when it keeps one (domain::register_months,
//    docs/INDICATORS.md): the months from its first admission to the current one are stored as
//    computed records (monthly_statistics.computed = 1), changed only where a count differs; a
//    month typed before the register was switched on is kept as typed; a computed month the
//    register no longer gives is archived;
//  - then its indicator sums (store/indicator_sums.hpp).
// Not audited: they are figures derived from audited writes. Locks the institution's row first,
// so that concurrent writes to one institution compute its figures in turn. Called by every
// write to its register, its monthly statistics and the institution itself.
void refresh_institution_figures(soci::session& session, long long institution_id);

// Many writes in one transaction (an import): while a batch lives on this thread,
// refresh_institution_figures only notes the institution; flush() then recomputes each once, in
// the same transaction. A batch dropped without flush() recomputes nothing (its transaction is
// rolled back).
class InstitutionFiguresBatch {
 public:
  InstitutionFiguresBatch();
  ~InstitutionFiguresBatch();
  InstitutionFiguresBatch(const InstitutionFiguresBatch&) = delete;
  InstitutionFiguresBatch& operator=(const InstitutionFiguresBatch&) = delete;
  void flush(soci::session& session);

 private:
  std::set<long long> institutions_;
  std::set<long long>* outer_;
};

// The TableSpec::complete of beneficiaries: "age", full years today (null once anonymised).
void complete_beneficiary(nlohmann::json& record);

// The TableSpec::check of beneficiary_years. Errors: InvalidValue on "school_year" when it is
// not "YYYY-YYYY"; OutOfRange on "school_year" when the beneficiary was not in the institution
// during that year (admission after its end, exit before its start); Duplicate on
// "school_year" when the beneficiary has another live record for it; InvalidState on
// "beneficiary_id" when the beneficiary was anonymised.
domain::Result<void> check_beneficiary_year(soci::session& session, const Caller& caller, nlohmann::json& values,
                                            const nlohmann::json* before);

// Switches the individual register of institution `id` on or off (body: {"keeps_register":
// bool, "version": n}), audited as an update of the institution. Errors: UnknownField,
// Required / WrongType on "keeps_register", NotFound outside the caller's write scope, Conflict
// on a stale version.
domain::Result<nlohmann::json> set_register(Database& db, const Caller& caller, long long id,
                                            const nlohmann::json& body);

// The live beneficiaries in the caller's scope whose Arabic name folds as `full_name_ar` does
// and who were born on `birth_date`, other than `self`: {"items": [{id, full_name_ar,
// full_name_fr, birth_date, sex, institution_id, institution_name_ar, institution_name_fr,
// admission_date}]}.
nlohmann::json namesakes(soci::session& session, const Caller& caller, const std::string& full_name_ar,
                         const std::string& birth_date, long long self = 0);

// The folded names and birth dates of the live beneficiaries in the caller's scope, read once:
// for an import, which asks namesakes() only of the rows it may find.
class NamesakeIndex {
 public:
  NamesakeIndex(soci::session& session, const Caller& caller);
  // Whether namesakes(session, caller, full_name_ar, birth_date) may find someone (it does, but
  // for a beneficiary the same import wrote).
  bool may_have(const std::string& full_name_ar, const std::string& birth_date) const;

 private:
  std::unordered_set<std::string> keys_;
};

// Every group of two or more live beneficiaries in the caller's scope sharing a folded name and
// a birth date, largest first, at most 200 groups: {"groups": [{"birth_date", "items": [...]}]}.
nlohmann::json duplicate_groups(soci::session& session, const Caller& caller);

// How many years after their exit `riaya anonymise` anonymises beneficiaries by default.
inline constexpr int kDefaultRetentionYears = 5;

// Anonymises the live beneficiaries the caller's write scope reaches who exited before the day
// `years` years before today and are not anonymised yet: their names, identity number, guardian
// and birth day are removed (year of birth, sex, dates of stay, origin commune and school years
// are kept for the statistics), anonymised_at set, each audited ("anonymise", no personal data
// in the entry), all in one transaction. With `dry_run`, only counts them. Answers {"cutoff":
// date, "count": n, "ids": [...], "dry_run": bool}.
nlohmann::json anonymise(Database& db, const Caller& caller, int years, bool dry_run);

}  // namespace riaya::store
