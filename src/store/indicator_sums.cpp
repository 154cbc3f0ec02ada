#include "store/indicator_sums.hpp"

#include "domain/indicators.hpp"
#include "domain/schema.hpp"
#include "domain/statistics.hpp"
#include "store/query.hpp"

#include <array>
#include <set>
#include <span>
#include <string_view>

namespace riaya::store {

using nlohmann::json;

namespace {

// The calendar months of a school year, September first: the month_MM_… columns.
constexpr std::array<std::string_view, 12> kCalendarMonths = {"09", "10", "11", "12", "01", "02",
                                                              "03", "04", "05", "06", "07", "08"};

// The integer totals of domain::IndicatorTotals, by column (the same name).
constexpr std::array<std::string_view, 8> kTotalColumns = {
    "institutions", "reports", "present_with_capacity", "capacity", "dropout_f", "dropout_m", "served_f", "served_m"};

long long count_of(const json& value) { return value.is_number() ? value.get<long long>() : 0; }

std::vector<std::string_view> choices_of(std::string_view field) {
  for (const auto& each : domain::find_spec("beneficiary_years")->fields)
    if (each.name == field) return each.choices;
  return {};
}

// results_<level>_<f|m>_<result>: every level and result a school year may have.
struct ResultColumn {
  std::string name, level, result;
  char sex;
};
const std::vector<ResultColumn>& result_columns() {
  static const auto columns = [] {
    std::vector<ResultColumn> all;
    for (const auto level : choices_of("level"))
      for (const char sex : {'f', 'm'})
        for (const auto result : choices_of("result"))
          all.push_back({"results_" + std::string(level) + "_" + sex + "_" + std::string(result), std::string(level),
                         std::string(result), sex});
    return all;
  }();
  return columns;
}

std::string month_column(std::string_view month, std::string_view part) {
  return "month_" + std::string(month) + "_" + std::string(part);
}

int year_start_of(const std::string& school_year) { return std::stoi(school_year.substr(0, 4)); }

// Every column of a row but its keys, in both tables.
const std::vector<std::string>& value_columns() {
  static const auto columns = [] {
    std::vector<std::string> all(kTotalColumns.begin(), kTotalColumns.end());
    all.emplace_back("average_present_f");
    all.emplace_back("average_present_m");
    for (const auto& field : domain::school_level_fields()) all.push_back("average_" + field);
    for (const auto month : kCalendarMonths)
      for (const auto part : {"reports", "present_f", "present_m", "present_with_capacity", "capacity"})
        all.push_back(month_column(month, part));
    for (const auto& result : result_columns()) all.push_back(result.name);
    return all;
  }();
  return columns;
}

// Province `province_id`'s rows recomputed from its institutions'. Two writers to institutions of
// one province do it in turn (on PostgreSQL, under a lock of the province held until commit; the
// sum then reads what the other committed); SQLite runs one writer at a time anyway.
void refresh_province(soci::session& session, long long province_id) {
  if (session.get_backend_name() == "postgresql")
    Query("SELECT pg_advisory_xact_lock(7274930, CAST(:province AS INTEGER))")
        .bind("province", province_id)
        .execute(session);
  Query("DELETE FROM indicator_province_sums WHERE province_id = :province")
      .bind("province", province_id)
      .execute(session);
  std::string names = "province_id, year_start", sums = "province_id, year_start";
  for (const auto& column : value_columns()) {
    names += ", " + column;
    sums += ", SUM(" + column + ")";
  }
  Query("INSERT INTO indicator_province_sums (" + names + ") SELECT " + sums +
        " FROM indicator_sums WHERE province_id = :province GROUP BY province_id, year_start")
      .bind("province", province_id)
      .execute(session);
}

// One row being computed: column → value.
using Row = std::map<std::string, json>;

void put_totals(Row& row, const domain::IndicatorTotals& totals) {
  row["institutions"] = totals.institutions;
  row["reports"] = totals.reports;
  row["present_with_capacity"] = totals.present_with_capacity;
  row["capacity"] = totals.capacity;
  row["dropout_f"] = totals.dropout_f;
  row["dropout_m"] = totals.dropout_m;
  row["served_f"] = totals.served_f;
  row["served_m"] = totals.served_m;
  row["average_present_f"] = totals.average_present_f;
  row["average_present_m"] = totals.average_present_m;
  for (const auto& [field, present] : totals.average_present_by_level) row["average_" + field] = present;
}

domain::IndicatorTotals totals_from(const json& row) {
  domain::IndicatorTotals totals{.institutions = count_of(row["institutions"]),
                                 .reports = count_of(row["reports"]),
                                 .present_with_capacity = count_of(row["present_with_capacity"]),
                                 .capacity = count_of(row["capacity"]),
                                 .dropout_f = count_of(row["dropout_f"]),
                                 .dropout_m = count_of(row["dropout_m"]),
                                 .served_f = count_of(row["served_f"]),
                                 .served_m = count_of(row["served_m"]),
                                 .average_present_f = row["average_present_f"].get<double>(),
                                 .average_present_m = row["average_present_m"].get<double>()};
  for (const auto& field : domain::school_level_fields())
    totals.average_present_by_level[field] = row["average_" + field].get<double>();
  return totals;
}

// A month's report as domain::MonthReport reads it, from a monthly_statistics row.
domain::MonthReport report_of(const json& row, long long institution_id) {
  domain::MonthReport report{.institution_id = institution_id,
                             .month = row["month"].get<std::string>(),
                             .admissions_f = count_of(row["admissions_f"]),
                             .admissions_m = count_of(row["admissions_m"]),
                             .dropout_f = count_of(row["exits_dropout_f"]),
                             .dropout_m = count_of(row["exits_dropout_m"]),
                             .capacity = count_of(row["capacity"])};
  for (const auto* fields : {&domain::school_level_fields(), &domain::age_band_fields()})
    for (const auto& field : *fields)
      (field.ends_with("_f") ? report.present_f : report.present_m) += count_of(row[field]);
  for (const auto reason : domain::kExitReasons) {
    report.exits_f += count_of(row["exits_" + std::string(reason) + "_f"]);
    report.exits_m += count_of(row["exits_" + std::string(reason) + "_m"]);
  }
  for (const auto& field : domain::school_level_fields()) report.present_by_level[field] = count_of(row[field]);
  return report;
}

}  // namespace

void refresh_indicator_sums(soci::session& session, long long institution_id) {
  std::string columns = "r.month, CASE WHEN i.capacity > 0 THEN i.capacity ELSE 0 END AS capacity";
  for (const auto* fields : {&domain::school_level_fields(), &domain::age_band_fields(), &domain::flow_fields()})
    for (const auto& field : *fields) columns += ", r." + field;
  std::map<std::string, std::vector<domain::MonthReport>> reports;  // by school year
  for (const auto& row : unscoped_select("monthly_statistics")
                             .live()
                             .where("r.institution_id = :institution")
                             .bind("institution", institution_id)
                             .select(columns)
                             .integers({"capacity"})
                             .rows(session)) {
    auto report = report_of(row, institution_id);
    reports[domain::school_year_of(report.month)].push_back(std::move(report));
  }
  std::map<std::string, Row> rows;  // by school year
  for (const auto& [school_year, months] : reports) {
    auto& row = rows[school_year];
    const auto sums = domain::sum_months(months);
    put_totals(row, domain::totals_of(sums.front()));
    for (const auto& report : months) {
      // One month alone, summed as the indicators sum months (occupancy counts it only with a capacity).
      const auto month = domain::sum_months(std::span<const domain::MonthReport>(&report, 1)).front();
      const auto calendar = report.month.substr(5, 2);
      row[month_column(calendar, "reports")] = 1;
      row[month_column(calendar, "present_f")] = month.present_f;
      row[month_column(calendar, "present_m")] = month.present_m;
      row[month_column(calendar, "present_with_capacity")] = month.present_with_capacity;
      row[month_column(calendar, "capacity")] = month.capacity;
    }
  }
  for (const auto& row : unscoped_select("beneficiary_years")
                             .live()
                             .where("b.institution_id = :institution AND r.result IS NOT NULL")
                             .bind("institution", institution_id)
                             .select("r.school_year, b.sex, r.level, r.result, COUNT(*) AS count",
                                     " GROUP BY r.school_year, b.sex, r.level, r.result")
                             .integers({"count"})
                             .rows(session)) {
    const auto column = "results_" + row["level"].get<std::string>() + "_" + row["sex"].get<std::string>() + "_" +
                        row["result"].get<std::string>();
    rows[row["school_year"].get<std::string>()][column] = row["count"];
  }

  // The province the institution lies in now (a commune's parent), and the one its rows were
  // summed into before (another when it moved).
  const auto province = unscoped_select("institutions")
                            .where("r.id = :institution")
                            .bind("institution", institution_id)
                            .select("c.parent_id AS province_id")
                            .scalar(session);
  std::set<long long> provinces = {province};
  for (const auto& row : Query("SELECT DISTINCT province_id FROM indicator_sums WHERE institution_id = :institution")
                             .bind("institution", institution_id)
                             .rows(session))
    provinces.insert(row["province_id"].get<long long>());

  Query("DELETE FROM indicator_sums WHERE institution_id = :institution")
      .bind("institution", institution_id)
      .execute(session);
  for (auto& [school_year, row] : rows) {
    row["province_id"] = province;
    std::string names = "institution_id, year_start", values = ":institution_id, :year_start";
    for (const auto& [name, value] : row) {
      names += ", " + name;
      values += ", :" + name;
    }
    Query insert("INSERT INTO indicator_sums (" + names + ") VALUES (" + values + ")");
    for (auto& [name, value] : row) insert.bind(name, std::move(value));
    insert.bind("institution_id", institution_id).bind("year_start", year_start_of(school_year)).execute(session);
  }
  for (const auto each : provinces) refresh_province(session, each);
}

void fill_indicator_sums(Database& db) {
  db.write([](soci::session& session) -> domain::Result<void> {
    for (const auto& row : unscoped_select("staff")
                               .where("r.educational IS NULL AND r.function IS NOT NULL")
                               .select("r.id, r.function")
                               .rows(session))
      Query("UPDATE staff SET educational = :educational WHERE id = :id")
          .bind("educational", domain::is_educational_function(row["function"].get<std::string>()) ? 1 : 0)
          .bind("id", row["id"])
          .execute(session);
    const auto institutions = unscoped_select("institutions").select("r.id AS institution_id").rows(session);
    for (const auto& row : institutions) refresh_indicator_sums(session, row["institution_id"].get<long long>());
    return {};
  });
}

json staff_derived_columns(const json& values) {
  const auto& function = values["function"];
  return {{"educational", function.is_string()
                              ? json(domain::is_educational_function(function.get<std::string>()) ? 1 : 0)
                              : json(nullptr)}};
}

IndicatorRows indicator_rows(soci::session& session, const Caller& caller, const std::map<std::string, json>& filters) {
  // A caller whose scope, and filter, is a province or more, with no other filter, reads the
  // provinces' sums: the same sums as its institutions', a row a province.
  const auto at_province_or_above = [&](const std::string& condition, const json& value) {
    return Query("SELECT COUNT(*) FROM territories WHERE " + condition +
                 " AND level IN ('country', 'region', 'province')")
               .bind("value", value)
               .scalar(session) > 0;
  };
  bool by_province =
      caller.territory_path && !caller.association_id && at_province_or_above("path = :value", *caller.territory_path);
  for (const auto& [name, value] : filters)
    if (name == "territory_id")
      by_province = by_province && at_province_or_above("id = :value", value);
    else if (name != "school_year")
      by_province = false;
  if (by_province) return {scoped_select("indicator_province_sums", caller, ScopeUse::Read).filters(filters), "r"};
  // Else the institutions in scope, narrowed by the filters, and their rows.
  auto institutions = scoped_select("institutions", caller, ScopeUse::Read).lean().filters(filters);
  if (const auto institution = filters.find("institution_id"); institution != filters.end())
    institutions.where("r.id = :f_institution").bind("f_institution", institution->second);
  institutions.join("JOIN indicator_sums s ON s.institution_id = r.id");
  return {std::move(institutions), "s"};
}

std::map<std::string, YearSums> sum_school_years(soci::session& session, const IndicatorRows& rows) {
  const auto& s = rows.alias;
  std::string columns = s + ".year_start";
  std::vector<std::string> integers = {"year_start"};
  for (const auto column : kTotalColumns) {
    columns += ", SUM(" + s + "." + std::string(column) + ") AS " + std::string(column);
    integers.emplace_back(column);
  }
  std::vector<std::string> reals = {"average_present_f", "average_present_m"};
  for (const auto& field : domain::school_level_fields()) reals.push_back("average_" + field);
  for (const auto& column : reals) columns += ", SUM(" + s + "." + column + ") AS " + column;
  for (const auto& result : result_columns()) {
    columns += ", SUM(" + s + "." + result.name + ") AS " + result.name;
    integers.push_back(result.name);
  }
  std::map<std::string, YearSums> years;
  rows.select.select(columns, " GROUP BY " + s + ".year_start")
      .integers(integers)
      .reals(reals)
      .each(session, [&](json&& row) {
        const auto first = count_of(row["year_start"]);
        auto& year = years[std::to_string(first) + "-" + std::to_string(first + 1)];
        year.totals = totals_from(row);
        for (const auto& result : result_columns())
          if (const auto count = count_of(row[result.name]); count > 0)
            year.results.push_back({result.sex, result.level, result.result, count});
      });
  return years;
}

std::vector<MonthSums> sum_school_year_months(soci::session& session, IndicatorRows rows,
                                              const std::string& school_year) {
  const auto year_start = year_start_of(school_year);
  std::string columns;
  std::vector<std::string> integers;
  for (const auto month : kCalendarMonths)
    for (const auto part : {"reports", "present_f", "present_m", "present_with_capacity", "capacity"}) {
      const auto column = month_column(month, part);
      columns += std::string(columns.empty() ? "" : ", ") + "SUM(" + rows.alias + "." + column + ") AS " + column;
      integers.push_back(column);
    }
  const auto row = rows.select.where(rows.alias + ".year_start = :year_start")
                       .bind("year_start", year_start)
                       .select(columns)
                       .integers(integers)
                       .first(session);
  std::vector<MonthSums> months;
  if (!row) return months;
  for (const auto month : kCalendarMonths) {
    const auto reports = count_of((*row)[month_column(month, "reports")]);
    if (reports == 0) continue;
    const auto year = month >= std::string_view("09") ? year_start : year_start + 1;
    months.push_back({.month = std::to_string(year) + "-" + std::string(month),
                      .reports = reports,
                      .sums = {.months = 1,
                               .present_f = count_of((*row)[month_column(month, "present_f")]),
                               .present_m = count_of((*row)[month_column(month, "present_m")]),
                               .present_with_capacity = count_of((*row)[month_column(month, "present_with_capacity")]),
                               .capacity = count_of((*row)[month_column(month, "capacity")])}});
  }
  return months;
}

}  // namespace riaya::store
