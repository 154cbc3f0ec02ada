#include "store/beneficiaries.hpp"

#include "domain/beneficiaries.hpp"
#include "domain/dates.hpp"
#include "domain/search_key.hpp"
#include "domain/sort_key.hpp"
#include "domain/statistics.hpp"
#include "store/audit.hpp"
#include "store/indicator_sums.hpp"
#include "store/query.hpp"
#include "store/records.hpp"
#include "store/scoped_select.hpp"

#include <map>
#include <set>
#include <utility>

namespace riaya::store {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

namespace {

// What a possible duplicate shows of a beneficiary.
constexpr std::string_view kNamesakeColumns =
    "r.id, r.full_name_ar, r.full_name_fr, r.birth_date, r.sex, r.institution_id, i.name_ar AS institution_name_ar,"
    " i.name_fr AS institution_name_fr, r.admission_date, r.name_key";

constexpr int kMaxDuplicateGroups = 200;

// The institutions whose months the batch of this thread, if any, will recompute.
thread_local std::set<long long>* batched_institutions = nullptr;

}  // namespace

Result<void> check_beneficiary(soci::session& session, const Caller& caller, json& values, const json* before) {
  if (before && !(*before)["anonymised_at"].is_null()) return fail(ErrorCode::InvalidState, "anonymised_at");
  // A transfer is an exit ("moved") here and an admission there: both registers' months stay true.
  if (before && (*before)["institution_id"] != values["institution_id"])
    return fail(ErrorCode::InvalidState, "institution_id");
  // Locked before the beneficiary's row refers to it (refresh_institution_figures locks it too): on
  // PostgreSQL, two writers holding the reference's share lock would each wait for the other.
  // An import reads (and locks) it once.
  const auto institution = read_once("register institution " + values["institution_id"].dump(), [&] {
    return scoped_select("institutions", caller, ScopeUse::Change)
        .where("r.id = :institution")
        .bind("institution", values["institution_id"])
        .select("r.category, r.keeps_register")
        .integers({"keeps_register"})
        .first(session);
  });
  if (!institution) return fail(ErrorCode::InvalidReference, "institution_id");
  if ((*institution)["keeps_register"] != 1) return fail(ErrorCode::NoRegister, "institution_id");
  return domain::check_beneficiary_dates(values, (*institution)["category"].get<std::string>(), domain::today_iso());
}

json beneficiary_derived_columns(const json& values) {
  const auto& name = values["full_name_ar"];
  return {{"name_key", name.is_string() ? json(domain::search_key(name.get<std::string>())) : json(nullptr)}};
}

void institution_figures_written(soci::session& session, const Caller&, const json& record) {
  refresh_institution_figures(session, record["institution_id"].get<long long>());
}

void institution_written(soci::session& session, const Caller&, const json& record) {
  refresh_institution_figures(session, record["id"].get<long long>());
}

void complete_beneficiary(json& record) {
  const auto birth = record.find("birth_date");
  record["age"] = birth != record.end() && birth->is_string()
                      ? json(domain::age_on(birth->get<std::string>(), domain::today_iso()))
                      : json(nullptr);
}

InstitutionFiguresBatch::InstitutionFiguresBatch() : outer_(batched_institutions) {
  batched_institutions = &institutions_;
}

InstitutionFiguresBatch::~InstitutionFiguresBatch() { batched_institutions = outer_; }

void InstitutionFiguresBatch::flush(soci::session& session) {
  batched_institutions = outer_;
  for (const auto institution : std::exchange(institutions_, {})) refresh_institution_figures(session, institution);
}

namespace {

// The months of register institution `institution_id` (of `category`), recomputed from its
// register (refresh_institution_figures).
void recompute_register_months(soci::session& session, long long institution_id, const std::string& category) {
  // Each row visited as the database hands it over (a register of 100,000 pupils is not held
  // twice, as rows and as stays).
  std::map<long long, domain::RegisterStay> stays;
  unscoped_select("beneficiaries")
      .live()
      .where("r.institution_id = :institution")
      .bind("institution", institution_id)
      .select("r.id, r.sex, r.birth_date, r.birth_year, r.admission_date, r.exit_date, r.exit_reason")
      .integers({"birth_year"})
      .each(session, [&](json&& row) {
        auto& stay = stays[row["id"].get<long long>()];
        stay.sex = row["sex"].get<std::string>().front();
        if (row["birth_date"].is_string()) stay.birth_date = row["birth_date"].get<std::string>();
        if (row["birth_year"].is_number()) stay.birth_year = row["birth_year"].get<int>();
        stay.admission_date = row["admission_date"].get<std::string>();
        if (row["exit_date"].is_string()) stay.exit_date = row["exit_date"].get<std::string>();
        if (row["exit_reason"].is_string()) stay.exit_reason = row["exit_reason"].get<std::string>();
      });
  unscoped_select("beneficiary_years")
      .live()
      .where("b.institution_id = :institution AND b.archived_at IS NULL")
      .bind("institution", institution_id)
      .select("r.beneficiary_id, r.school_year, r.level")
      .each(session, [&](json&& row) {
        if (auto stay = stays.find(row["beneficiary_id"].get<long long>()); stay != stays.end())
          stay->second.levels[row["school_year"].get<std::string>()] = row["level"].get<std::string>();
      });
  std::vector<domain::RegisterStay> all;
  all.reserve(stays.size());
  for (auto& [id, stay] : stays) all.push_back(std::move(stay));
  const bool by_level = domain::is_school_category(category);
  const auto months = domain::register_months(all, by_level, domain::month_of(domain::today_iso()));

  // The months stored: typed ones are kept as they are, computed ones are brought up to date.
  std::vector<std::string> count_fields;
  for (const auto& field : domain::find_spec("monthly_statistics")->fields)
    if (field.type == domain::FieldType::Integer && field.name != "capacity_confirmed")
      count_fields.emplace_back(field.name);
  std::string stored_columns = "r.id, r.month, r.computed";
  for (const auto& field : count_fields) stored_columns += ", r." + field;
  std::map<std::string, json> stored;
  for (auto& row : unscoped_select("monthly_statistics")
                       .live()
                       .where("r.institution_id = :institution")
                       .bind("institution", institution_id)
                       .select(stored_columns)
                       .integers({"computed"})
                       .rows(session)) {
    auto month = row["month"].get<std::string>();
    stored.emplace(std::move(month), std::move(row));
  }
  const auto now = utc_now();
  for (const auto& month : months) {
    json counts = json::object();
    for (const auto& field : count_fields) {
      const auto count = month.counts.find(field);
      counts[field] = count == month.counts.end() ? json(nullptr) : json(count->second);
    }
    const auto existing = stored.find(month.month);
    if (existing == stored.end()) {
      std::string columns, values;
      for (const auto& [name, count] : counts.items()) {
        columns += name + ", ";
        values += ":" + name + ", ";
      }
      Query insert("INSERT INTO monthly_statistics (institution_id, month, month_sort, " + columns +
                   "computed, search_key, version, created_at, updated_at)"
                   " VALUES (:institution, :month, :month_sort, " +
                   values + "1, '', 1, :now, :now)");
      for (const auto& [name, count] : counts.items()) insert.bind(name, count);
      insert.bind("institution", institution_id).bind("month", month.month);
      insert.bind("month_sort", domain::sort_key(month.month)).bind("now", now).execute(session);
      continue;
    }
    const auto row = std::move(existing->second);
    stored.erase(existing);
    if (row["computed"] != 1) continue;  // typed before the register was switched on
    bool same = true;
    for (const auto& [name, count] : counts.items()) same = same && row[name] == count;
    if (same) continue;
    std::string assignments;
    for (const auto& [name, count] : counts.items()) assignments += name + " = :" + name + ", ";
    Query update("UPDATE monthly_statistics SET " + assignments +
                 "version = version + 1, updated_at = :now WHERE id = :id");
    for (const auto& [name, count] : counts.items()) update.bind(name, count);
    update.bind("now", now).bind("id", row["id"]).execute(session);
  }
  // Computed months the register no longer gives (its first admission moved later).
  for (const auto& [month, row] : stored)
    if (row["computed"] == 1)
      Query("UPDATE monthly_statistics SET archived_at = :now, version = version + 1, updated_at = :now WHERE id = :id")
          .bind("now", now)
          .bind("id", row["id"])
          .execute(session);
}

}  // namespace

void refresh_institution_figures(soci::session& session, long long institution_id) {
  if (batched_institutions) {
    batched_institutions->insert(institution_id);
    return;
  }
  // The institution's row, locked: two writes to one institution compute its figures one after the other.
  const auto institution = unscoped_select("institutions", true)
                               .where("r.id = :institution")
                               .bind("institution", institution_id)
                               .select("r.category, r.keeps_register")
                               .integers({"keeps_register"})
                               .first(session);
  if (!institution) return;
  if ((*institution)["keeps_register"] == 1)
    recompute_register_months(session, institution_id, (*institution)["category"].get<std::string>());
  refresh_indicator_sums(session, institution_id);
}

Result<void> check_beneficiary_year(soci::session& session, const Caller& caller, json& values, const json* before) {
  const auto year = values["school_year"].get<std::string>();
  if (!domain::school_year_months(year)) return fail(ErrorCode::InvalidValue, "school_year");
  const auto beneficiary = scoped_select("beneficiaries", caller, ScopeUse::Write)
                               .where("r.id = :beneficiary")
                               .bind("beneficiary", values["beneficiary_id"])
                               .select("r.admission_date, r.exit_date, r.anonymised_at")
                               .first(session);
  if (!beneficiary) return fail(ErrorCode::InvalidReference, "beneficiary_id");
  if (!(*beneficiary)["anonymised_at"].is_null()) return fail(ErrorCode::InvalidState, "beneficiary_id");
  const auto& exit = (*beneficiary)["exit_date"];
  if (!domain::present_in_school_year(
          year, (*beneficiary)["admission_date"].get<std::string>(),
          exit.is_string() ? std::optional<std::string_view>(exit.get_ref<const std::string&>()) : std::nullopt))
    return fail(ErrorCode::OutOfRange, "school_year");
  const auto same = scoped_select("beneficiary_years", caller, ScopeUse::Read)
                        .live()
                        .where("r.beneficiary_id = :beneficiary AND r.school_year = :year AND r.id <> :self")
                        .bind("beneficiary", values["beneficiary_id"])
                        .bind("year", year)
                        .bind("self", before ? (*before)["id"] : json(0))
                        .count()
                        .scalar(session);
  if (same > 0) return fail(ErrorCode::Duplicate, "school_year");
  return {};
}

Result<json> set_register(Database& db, const Caller& caller, long long id, const json& body) {
  if (auto ok = domain::only_fields(body, {"keeps_register", "version"}); !ok) return std::unexpected(ok.error());
  auto version = domain::read_version(body);
  if (!version) return std::unexpected(version.error());
  const auto keeps = body.find("keeps_register");
  if (keeps == body.end() || keeps->is_null()) return fail(ErrorCode::Required, "keeps_register");
  if (!keeps->is_boolean()) return fail(ErrorCode::WrongType, "keeps_register");
  const int value = keeps->get<bool>() ? 1 : 0;
  const auto& spec = *domain::find_spec("institutions");
  return db.write([&](soci::session& session) -> Result<json> {
    auto before = record_for_change(session, spec, caller, id, *version);
    if (!before) return before;
    const bool was = (*before)["keeps_register"] == 1;
    Query("UPDATE institutions SET keeps_register = :keeps WHERE id = :id")
        .bind("keeps", value)
        .bind("id", id)
        .execute(session);
    refresh_institution_figures(session, id);
    return record_changed(session, spec, caller, id, *version, "update", {{"keeps_register", was}},
                          {{"keeps_register", value == 1}});
  });
}

namespace {

// The live beneficiaries a caller's namesakes are found among: those in the caller's scope.
ScopedSelect namesake_candidates(const Caller& caller) {
  return scoped_select("beneficiaries", caller, ScopeUse::Read).live();
}

std::string namesake_key(std::string_view name_key, std::string_view birth_date) {
  return std::string(name_key) + "\n" + std::string(birth_date);
}

}  // namespace

NamesakeIndex::NamesakeIndex(soci::session& session, const Caller& caller) {
  namesake_candidates(caller)
      .where("r.name_key IS NOT NULL AND r.birth_date IS NOT NULL")
      .select("r.name_key, r.birth_date")
      .each(session, [&](json&& row) {
        keys_.insert(namesake_key(row["name_key"].get<std::string>(), row["birth_date"].get<std::string>()));
      });
}

bool NamesakeIndex::may_have(const std::string& full_name_ar, const std::string& birth_date) const {
  return keys_.contains(namesake_key(domain::search_key(full_name_ar), birth_date));
}

json namesakes(soci::session& session, const Caller& caller, const std::string& full_name_ar,
               const std::string& birth_date, long long self) {
  json items = json::array();
  for (auto& row : namesake_candidates(caller)
                       .where("r.name_key = :key AND r.birth_date = :birth AND r.id <> :self")
                       .bind("key", domain::search_key(full_name_ar))
                       .bind("birth", birth_date)
                       .bind("self", self)
                       .select(kNamesakeColumns, " ORDER BY r.id")
                       .rows(session)) {
    row.erase("name_key");
    items.push_back(std::move(row));
  }
  return {{"items", std::move(items)}};
}

json duplicate_groups(soci::session& session, const Caller& caller) {
  // Two reads whatever the scope: the rows sharing a key with another, then grouped here.
  const auto twins = scoped_select("beneficiaries", caller, ScopeUse::Read)
                         .live()
                         .where("r.name_key IS NOT NULL AND r.birth_date IS NOT NULL")
                         .select("r.name_key, r.birth_date",
                                 " GROUP BY r.name_key, r.birth_date HAVING COUNT(*) > 1"
                                 " ORDER BY COUNT(*) DESC, r.birth_date LIMIT " +
                                     std::to_string(kMaxDuplicateGroups))
                         .rows(session);
  json groups = json::array();
  if (twins.empty()) return {{"groups", groups}};
  std::map<std::pair<std::string, std::string>, std::size_t> at;
  for (const auto& twin : twins) {
    at[{twin["name_key"].get<std::string>(), twin["birth_date"].get<std::string>()}] = groups.size();
    groups.push_back({{"birth_date", twin["birth_date"]}, {"items", json::array()}});
  }
  auto members = scoped_select("beneficiaries", caller, ScopeUse::Read).live();
  std::string any;
  for (std::size_t i = 0; i < twins.size(); ++i) {
    const auto n = std::to_string(i);
    any += (i ? " OR " : "") + std::string("(r.name_key = :k") + n + " AND r.birth_date = :b" + n + ")";
    members.bind("k" + n, twins[i]["name_key"]).bind("b" + n, twins[i]["birth_date"]);
  }
  const auto rows = members.where("(" + any + ")").select(kNamesakeColumns, " ORDER BY r.id").rows(session);
  for (auto row : rows) {
    const auto found = at.find({row["name_key"].get<std::string>(), row["birth_date"].get<std::string>()});
    if (found == at.end()) continue;
    row.erase("name_key");
    groups[found->second]["items"].push_back(std::move(row));
  }
  return {{"groups", std::move(groups)}};
}

json anonymise(Database& db, const Caller& caller, int years, bool dry_run) {
  const auto cutoff = domain::to_iso(domain::add_months(domain::today_utc(), -12 * years));
  json answer = {{"cutoff", cutoff}, {"dry_run", dry_run}, {"ids", json::array()}};
  const auto due = [&](ScopeUse use) {
    return scoped_select("beneficiaries", caller, use)
        .live()
        .where("r.anonymised_at IS NULL AND r.exit_date IS NOT NULL AND r.exit_date < :cutoff")
        .bind("cutoff", cutoff);
  };
  db.write([&](soci::session& session) -> Result<void> {
    const auto rows = due(ScopeUse::Change)
                          .select("r.id, r.institution_id, " + scope_columns("beneficiaries"), " ORDER BY r.id")
                          .rows(session);
    const auto now = utc_now();
    std::set<long long> institutions;
    for (const auto& row : rows) {
      institutions.insert(row["institution_id"].get<long long>());
      answer["ids"].push_back(row["id"]);
      if (dry_run) continue;
      Query(
          "UPDATE beneficiaries SET full_name_ar = NULL, full_name_ar_sort = NULL, full_name_fr = NULL, "
          "identity_number = NULL,"
          " guardian_name = NULL, guardian_phone = NULL, birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER),"
          " birth_date = NULL, name_key = NULL, search_key = '', public_search_key = '', anonymised_at = :now,"
          " updated_at = :now, version = version + 1 WHERE id = :id")
          .bind("now", now)
          .bind("id", row["id"])
          .execute(session);
      AuditEntry entry{.action = "anonymise",
                       .entity = "beneficiary",
                       .entity_id = row["id"].get<long long>(),
                       .after = {{"anonymised_at", now}}};
      scope_entry(entry, row);
      write_audit(session, caller, entry);
    }
    // The age bands now count from the year of birth alone.
    for (const auto institution : institutions) refresh_institution_figures(session, institution);
    return {};
  });
  answer["count"] = answer["ids"].size();
  return answer;
}

}  // namespace riaya::store
