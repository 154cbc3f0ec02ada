#include "store/statistics.hpp"

#include "domain/dates.hpp"
#include "domain/indicators.hpp"
#include "domain/statistics.hpp"
#include "store/indicator_sums.hpp"
#include "store/scoped_select.hpp"

#include <algorithm>

namespace riaya::store {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

namespace {

long long count_of(const json& value) { return value.is_number_integer() ? value.get<long long>() : 0; }

}  // namespace

Result<void> check_monthly_statistics(soci::session& session, const Caller& caller, json& values, const json* before) {
  const auto month = values["month"].get<std::string>();
  if (!domain::is_month(month)) return fail(ErrorCode::InvalidValue, "month");
  if (month > domain::month_of(domain::today_iso())) return fail(ErrorCode::OutOfRange, "month");

  const auto& levels = domain::school_level_fields();
  const auto& bands = domain::age_band_fields();
  const bool by_level = std::any_of(levels.begin(), levels.end(), [&](auto& f) { return !values[f].is_null(); });
  const auto band = std::find_if(bands.begin(), bands.end(), [&](auto& f) { return !values[f].is_null(); });
  if (by_level && band != bands.end()) return fail(ErrorCode::InvalidValue, *band);
  long long total = 0;
  for (const auto& field : band != bands.end() ? bands : levels) {
    if (values[field].is_null()) values[field] = 0;
    total += count_of(values[field]);
  }
  for (const auto& field : domain::flow_fields())
    if (values[field].is_null()) values[field] = 0;
  if (values["capacity_confirmed"].is_null()) values["capacity_confirmed"] = 0;

  // Locked before the record refers to it: the institution's figures are then recomputed in turn
  // (store::refresh_institution_figures), and on PostgreSQL two writers holding the reference's
  // share lock would each wait for the other.
  const auto institution = scoped_select("institutions", caller, ScopeUse::Change)
                               .where("r.id = :institution")
                               .bind("institution", values["institution_id"])
                               .select("r.capacity, r.keeps_register")
                               .integers({"keeps_register"})
                               .first(session);
  // An institution that keeps an individual register has its statistics computed from it.
  if (institution && (*institution)["keeps_register"] == 1) return fail(ErrorCode::RegisterKept, "institution_id");

  auto same = scoped_select("monthly_statistics", caller, ScopeUse::Read)
                  .live()
                  .where("r.institution_id = :institution AND r.month = :month AND r.id <> :self")
                  .bind("institution", values["institution_id"])
                  .bind("month", month)
                  .bind("self", before ? (*before)["id"] : json(0));
  if (same.count().scalar(session) > 0) return fail(ErrorCode::Duplicate, "month");
  const auto capacity = institution ? count_of((*institution)["capacity"]) : 0;
  const double limit = domain::kOverCapacityFactor * static_cast<double>(capacity);
  if (capacity > 0 && static_cast<double>(total) > limit && values["capacity_confirmed"] != 1)
    return fail(ErrorCode::ConfirmationRequired, "capacity_confirmed",
                {{"present_total", total}, {"capacity", capacity}, {"limit", static_cast<long long>(limit)}});
  return {};
}

namespace {

json rate(const domain::Rate& rate) {
  const auto value = rate.value();
  return value ? json(*value) : json(nullptr);
}

// The scope narrowing `filters` asks for, on a table joined to its institution as alias i.
ScopedSelect narrowed(std::string_view resource, const Caller& caller, const std::map<std::string, json>& filters) {
  auto rows = scoped_select(resource, caller, ScopeUse::Read).live();
  for (const auto& [name, value] : filters) {
    if (name == "institution_id") rows.where("i.id = :f_institution").bind("f_institution", value);
    if (name == "association_id") rows.where("i.association_id = :f_association").bind("f_association", value);
    if (name == "category") rows.where("i.category = :f_category").bind("f_category", value);
    if (name == "territory_id")
      rows.where("c.path LIKE (SELECT x.path FROM territories x WHERE x.id = :f_territory) || '%'")
          .bind("f_territory", value);
  }
  return rows;
}

// The average present by school level and sex: {"primary": {"f", "m"}, "college": …}, every level.
json by_level_of(const domain::Indicators& computed) {
  json levels = json::object();
  for (const auto level : domain::kSchoolLevels) {
    const std::string prefix = "present_" + std::string(level) + "_";
    levels[std::string(level)] = {{"f", computed.average_present_by_level.at(prefix + "f")},
                                  {"m", computed.average_present_by_level.at(prefix + "m")}};
  }
  return levels;
}

}  // namespace

json indicators(soci::session& session, const Caller& caller, const std::map<std::string, json>& filters) {
  // The figures per school year, as kept by store/indicator_sums.hpp, of the institutions in scope
  // narrowed by the filters.
  const auto rows = indicator_rows(session, caller, filters);
  auto years = sum_school_years(session, rows);

  // The educators (staff.educational) who worked during each school year: from its first day
  // to its last, a missing start or end date reaching as far as need be.
  std::string educator_counts;
  std::vector<std::string> educator_columns;
  auto staff = narrowed("staff", caller, filters).where("r.educational = 1");
  for (const auto& [school_year, sums] : years) {
    const auto [first_month, last_month] = *domain::school_year_months(school_year);
    const auto n = std::to_string(educator_columns.size());
    educator_counts += std::string(educator_counts.empty() ? "" : ", ") +
                       "SUM(CASE WHEN (r.start_date IS NULL OR r.start_date <= :last_" + n +
                       ") AND (r.end_date IS NULL OR r.end_date >= :first_" + n + ") THEN 1 ELSE 0 END) AS year_" + n;
    staff.bind("first_" + n, first_month + "-01").bind("last_" + n, last_month + "-31");
    educator_columns.push_back("year_" + n);
  }
  std::map<std::string, long long> educators;
  if (!educator_columns.empty()) {
    const auto counts = staff.select(educator_counts).integers(educator_columns).first(session);
    std::size_t n = 0;
    for (const auto& [school_year, sums] : years)
      educators[school_year] = counts ? count_of((*counts)[educator_columns[n++]]) : 0;
  }

  std::map<std::string, long long> disbursed;
  narrowed("grants", caller, filters)
      .where("r.institution_id IS NOT NULL AND r.disbursed_on IS NOT NULL")
      .select("r.disbursed_centimes, r.disbursed_on")
      .each(session, [&](json&& row) {
        const auto month = domain::month_of(row["disbursed_on"].get<std::string>());
        if (domain::is_month(month)) disbursed[domain::school_year_of(month)] += count_of(row["disbursed_centimes"]);
      });

  const auto year_of = [&](const std::string& school_year, const YearSums& sums) {
    const auto computed = domain::compute_indicators(sums.totals);
    const auto staff_count = educators.contains(school_year) ? educators.at(school_year) : 0;
    const auto money = disbursed.contains(school_year) ? disbursed.at(school_year) : 0;
    const auto per_educator = domain::per_educator(computed.average_present, staff_count);
    const auto per_beneficiary = domain::funding_per_beneficiary(money, computed.average_present);
    const auto school = domain::compute_school_results(sums.results);
    const auto rates = [](const domain::ResultRates& r) {
      return json{{"counted", r.counted},
                  {"success_rate", rate(r.success)},
                  {"repetition_rate", rate(r.repetition)},
                  {"dropout_rate", rate(r.dropout)}};
    };
    json by_level = json::object();
    for (const auto& [level, level_rates] : school.by_level) by_level[level] = rates(level_rates);
    return json{{"school_results",
                 {{"all", rates(school.all)}, {"f", rates(school.f)}, {"m", rates(school.m)}, {"by_level", by_level}}},
                {"school_year", school_year},
                {"institutions", computed.institutions},
                {"reports", computed.reports},
                {"occupancy_rate", rate(computed.occupancy)},
                {"average_present", computed.average_present},
                {"average_present_f", computed.average_present_f},
                {"average_present_m", computed.average_present_m},
                {"average_present_by_level", by_level_of(computed)},
                {"dropout_rate", rate(computed.dropout)},
                {"dropout_rate_f", rate(computed.dropout_f)},
                {"dropout_rate_m", rate(computed.dropout_m)},
                {"educators", staff_count},
                {"beneficiaries_per_educator", per_educator ? json(*per_educator) : json(nullptr)},
                {"disbursed_centimes", money},
                {"funding_per_beneficiary_centimes", per_beneficiary ? json(*per_beneficiary) : json(nullptr)}};
  };

  json trend = json::array();
  for (const auto& [school_year, sums] : years) trend.push_back(year_of(school_year, sums));
  std::string chosen;
  if (const auto asked = filters.find("school_year"); asked != filters.end())
    chosen = asked->second.get<std::string>();
  else if (!years.empty())
    chosen = years.rbegin()->first;
  json answer = {{"school_year", chosen.empty() ? json(nullptr) : json(chosen)},
                 {"current", nullptr},
                 {"trend", std::move(trend)},
                 {"months", json::array()}};
  if (chosen.empty()) return answer;
  answer["current"] = year_of(chosen, years[chosen]);  // a year asked that holds nothing: zeros
  // The chosen year month by month, over the institutions that reported each month: each month
  // summed over them, as one institution's single month would be (reports aside).
  for (const auto& month : sum_school_year_months(session, rows, chosen)) {
    const auto computed = domain::compute_indicators(std::span<const domain::InstitutionMonths>(&month.sums, 1));
    answer["months"].push_back({{"month", month.month},
                                {"reports", month.reports},
                                {"present_total", computed.average_present},
                                {"present_f", computed.average_present_f},
                                {"present_m", computed.average_present_m},
                                {"capacity", month.sums.capacity},
                                {"occupancy_rate", rate(computed.occupancy)}});
  }
  return answer;
}

}  // namespace riaya::store
