#include "store/statistics.hpp"

#include "domain/dates.hpp"
#include "domain/indicators.hpp"
#include "domain/statistics.hpp"
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

  const auto institution = scoped_select("institutions", caller, ScopeUse::Read)
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

struct StaffMember {
  std::string function;
  json start_date, end_date;
};

// Whether a staff member worked during the school year of `months` (first, last).
bool worked_during(const StaffMember& member, const std::pair<std::string, std::string>& months) {
  const auto starts = months.first + "-01", ends = months.second + "-31";
  return (member.start_date.is_null() || member.start_date.get<std::string>() <= ends) &&
         (member.end_date.is_null() || member.end_date.get<std::string>() >= starts);
}

}  // namespace

json indicators(soci::session& session, const Caller& caller, const std::map<std::string, json>& filters) {
  // Each institution's months summed per school year by the database (domain::InstitutionMonths):
  // the rows numbered in month order within the institution and year, the first one's present
  // and exits and the later ones' admissions making the beneficiaries served.
  const std::string present_f = domain::present_sql('f'), present_m = domain::present_sql('m');
  const std::string year_start = domain::school_year_start_sql("r.month");
  const std::string capacity = "CASE WHEN i.capacity > 0 THEN i.capacity ELSE 0 END";
  // Present by school level and sex, summed as present is.
  std::string level_columns, level_sums;
  std::vector<std::string> integer_columns = {
      "year_start", "months",    "present_f", "present_m", "present_with_capacity",
      "capacity",   "dropout_f", "dropout_m", "served_f",  "served_m"};
  for (const auto& field : domain::school_level_fields()) {
    level_columns += ", COALESCE(r." + field + ", 0) AS " + field;
    level_sums += ", SUM(x." + field + ") AS " + field;
    integer_columns.push_back(field);
  }
  const auto statistics =
      narrowed("monthly_statistics", caller, filters)
          .around(
              "SELECT x.institution_id, x.year_start, COUNT(*) AS months, SUM(x.pf) AS present_f,"
              " SUM(x.pm) AS present_m, SUM(CASE WHEN x.capacity > 0 THEN x.pf + x.pm ELSE 0 END)"
              " AS present_with_capacity, SUM(x.capacity) AS capacity, SUM(x.df) AS dropout_f,"
              " SUM(x.dm) AS dropout_m, SUM(CASE WHEN x.nth = 1 THEN x.first_f ELSE x.af END) AS served_f,"
              " SUM(CASE WHEN x.nth = 1 THEN x.first_m ELSE x.am END) AS served_m" +
                  level_sums + " FROM (",
              "r.institution_id, " + year_start + " AS year_start, " + present_f + " AS pf, " + present_m +
                  " AS pm, r.exits_dropout_f AS df, r.exits_dropout_m AS dm, " + present_f +
                  " + r.exits_dropout_f + r.exits_graduated_f + r.exits_moved_f + r.exits_other_f AS first_f, " +
                  present_m +
                  " + r.exits_dropout_m + r.exits_graduated_m + r.exits_moved_m + r.exits_other_m AS first_m,"
                  " r.admissions_f AS af, r.admissions_m AS am, " +
                  capacity + " AS capacity, ROW_NUMBER() OVER (PARTITION BY r.institution_id, " + year_start +
                  " ORDER BY r.month) AS nth" + level_columns,
              ") x GROUP BY x.institution_id, x.year_start")
          .integers(integer_columns);
  const auto staff = narrowed("staff", caller, filters).select("r.function, r.start_date, r.end_date");
  const auto grants = narrowed("grants", caller, filters)
                          .where("r.institution_id IS NOT NULL AND r.disbursed_on IS NOT NULL")
                          .select("r.disbursed_centimes, r.disbursed_on");

  // The school results of the individual registers, counted by the database (names are not
  // read: counts only).
  const auto results = narrowed("beneficiary_years", caller, filters)
                           .where("r.result IS NOT NULL")
                           .select("r.school_year, b.sex, r.level, r.result, COUNT(*) AS count",
                                   " GROUP BY r.school_year, b.sex, r.level, r.result")
                           .integers({"count"});

  std::map<std::string, std::vector<domain::InstitutionMonths>> by_year;
  std::map<std::string, std::vector<domain::SchoolResult>> results_by_year;
  std::vector<StaffMember> educators;
  std::map<std::string, long long> disbursed;
  statistics.each(session, [&](json&& row) {
    const auto first = count_of(row["year_start"]);
    std::map<std::string, long long> present_by_level;
    for (const auto& field : domain::school_level_fields()) present_by_level[field] = count_of(row[field]);
    by_year[std::to_string(first) + "-" + std::to_string(first + 1)].push_back(
        {.institution_id = row["institution_id"].get<long long>(),
         .months = count_of(row["months"]),
         .present_f = count_of(row["present_f"]),
         .present_m = count_of(row["present_m"]),
         .present_with_capacity = count_of(row["present_with_capacity"]),
         .capacity = count_of(row["capacity"]),
         .dropout_f = count_of(row["dropout_f"]),
         .dropout_m = count_of(row["dropout_m"]),
         .served_f = count_of(row["served_f"]),
         .served_m = count_of(row["served_m"]),
         .present_by_level = std::move(present_by_level)});
  });
  staff.each(session, [&](json&& row) {
    if (domain::is_educational_function(row["function"].get<std::string>()))
      educators.push_back({row["function"].get<std::string>(), row["start_date"], row["end_date"]});
  });
  results.each(session, [&](json&& row) {
    results_by_year[row["school_year"].get<std::string>()].push_back(
        {row["sex"].get<std::string>() == "f" ? 'f' : 'm', row["level"].get<std::string>(),
         row["result"].get<std::string>(), count_of(row["count"])});
  });
  grants.each(session, [&](json&& row) {
    const auto month = domain::month_of(row["disbursed_on"].get<std::string>());
    if (domain::is_month(month)) disbursed[domain::school_year_of(month)] += count_of(row["disbursed_centimes"]);
  });

  const auto year_of = [&](const std::string& school_year, const std::vector<domain::InstitutionMonths>& sums) {
    const auto computed = domain::compute_indicators(std::span<const domain::InstitutionMonths>(sums));
    const auto months = *domain::school_year_months(school_year);
    const auto staff_count = std::count_if(educators.begin(), educators.end(),
                                           [&](const StaffMember& member) { return worked_during(member, months); });
    const auto money = disbursed.contains(school_year) ? disbursed.at(school_year) : 0;
    const auto per_educator = domain::per_educator(computed.average_present, staff_count);
    const auto per_beneficiary = domain::funding_per_beneficiary(money, computed.average_present);
    const auto school = domain::compute_school_results(
        results_by_year.contains(school_year) ? results_by_year.at(school_year) : std::vector<domain::SchoolResult>{});
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

  for (const auto& year : results_by_year) by_year[year.first];  // a year with register results only
  json trend = json::array();
  for (const auto& [school_year, reports] : by_year) trend.push_back(year_of(school_year, reports));
  std::string chosen;
  if (const auto asked = filters.find("school_year"); asked != filters.end())
    chosen = asked->second.get<std::string>();
  else if (!by_year.empty())
    chosen = by_year.rbegin()->first;
  json answer = {{"school_year", chosen.empty() ? json(nullptr) : json(chosen)},
                 {"current", nullptr},
                 {"trend", std::move(trend)},
                 {"months", json::array()}};
  if (chosen.empty()) return answer;
  answer["current"] = year_of(chosen, by_year[chosen]);
  // The chosen year month by month, over the institutions that reported each month: the
  // database sums each month, as one institution's single month would be (reports aside).
  const auto [first_month, last_month] = *domain::school_year_months(chosen);
  narrowed("monthly_statistics", caller, filters)
      .where("r.month >= :first_month AND r.month <= :last_month")
      .bind("first_month", first_month)
      .bind("last_month", last_month)
      .select("r.month, COUNT(*) AS reports, SUM(" + present_f + ") AS present_f, SUM(" + present_m +
                  ") AS present_m, SUM(CASE WHEN i.capacity > 0 THEN " + present_f + " + " + present_m +
                  " ELSE 0 END) AS present_with_capacity, SUM(" + capacity + ") AS capacity",
              " GROUP BY r.month ORDER BY r.month")
      .integers({"reports", "present_f", "present_m", "present_with_capacity", "capacity"})
      .each(session, [&](json&& row) {
        const domain::InstitutionMonths month{.months = 1,
                                              .present_f = count_of(row["present_f"]),
                                              .present_m = count_of(row["present_m"]),
                                              .present_with_capacity = count_of(row["present_with_capacity"]),
                                              .capacity = count_of(row["capacity"])};
        const auto computed = domain::compute_indicators(std::span<const domain::InstitutionMonths>(&month, 1));
        answer["months"].push_back({{"month", row["month"]},
                                    {"reports", row["reports"]},
                                    {"present_total", computed.average_present},
                                    {"present_f", computed.average_present_f},
                                    {"present_m", computed.average_present_m},
                                    {"capacity", month.capacity},
                                    {"occupancy_rate", rate(computed.occupancy)}});
      });
  return answer;
}

}  // namespace riaya::store
