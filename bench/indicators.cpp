// bench_indicators: the performance record's indicators (GET /api/indicators) at national
// scale, without HTTP.
//
//   bench_indicators --database URL [--label NAME] [--iterations 100]
//
// On a database filled by `bench_generate --register` (200,000 beneficiaries over ten school
// years, their results, the months computed from the registers), on one thread, one connection,
// as bench-division (the whole country) and as a province's delegation: before each timed run a
// write (an institution's row updated, as any edit would), so the indicators are computed afresh
// — the API's answer cache is emptied by any write, and store::indicators is what it then runs.
// Alternately with it, the raw SQL of the same reads (kQueries below: the statements
// store::indicators runs through scoped_select, hand-written, rows read through SOCI and not
// turned into JSON) — the baseline. Prints p50, p95 and max in milliseconds, the ratio
// riaya / raw SQL, and whether the p95 is under issue 16's 50 ms (reported, never asserted).
#include "domain/statistics.hpp"
#include "store/accounts.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/statistics.hpp"

#include "measure.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace riaya;

constexpr double kTargetMs = 50;

// The reads of store::indicators for a territory caller whose scope is a province or more, and
// no filter (store/statistics.cpp and store/indicator_sums.cpp through store/scoped_select.cpp
// and registry_tables.cpp): keep in step with them. :s is the scope's path and '%'.
std::vector<std::string> raw_queries(const std::vector<std::string>& school_years) {
  std::string year_sums = "r.year_start";
  for (const auto* column : {"institutions", "reports", "present_with_capacity", "capacity", "dropout_f", "dropout_m",
                             "served_f", "served_m", "average_present_f", "average_present_m"})
    year_sums += fmt::format(", SUM(r.{0}) AS {0}", column);
  for (const auto& field : domain::school_level_fields())
    year_sums += fmt::format(", SUM(r.average_{0}) AS average_{0}", field);
  for (const auto level : domain::kSchoolLevels)
    for (const char sex : {'f', 'm'})
      for (const auto* result : {"promoted", "repeated", "dropped_out", "graduated", "moved"})
        year_sums += fmt::format(", SUM(r.results_{0}_{1}_{2}) AS results_{0}_{1}_{2}", level, sex, result);
  std::string month_sums;
  for (const auto* month : {"09", "10", "11", "12", "01", "02", "03", "04", "05", "06", "07", "08"})
    for (const auto* part : {"reports", "present_f", "present_m", "present_with_capacity", "capacity"})
      month_sums +=
          fmt::format("{0}SUM(r.month_{1}_{2}) AS month_{1}_{2}", month_sums.empty() ? "" : ", ", month, part);
  std::string educators;
  for (const auto& year : school_years) {
    const auto [first, last] = *domain::school_year_months(year);
    educators += fmt::format(
        "{0}SUM(CASE WHEN (r.start_date IS NULL OR r.start_date <= '{1}-31') AND (r.end_date IS NULL OR"
        " r.end_date >= '{2}-01') THEN 1 ELSE 0 END)",
        educators.empty() ? "" : ", ", last, first);
  }
  const std::string provinces =
      " FROM indicator_province_sums r JOIN territories c ON c.id = r.province_id WHERE c.path LIKE :s";
  return {
      "SELECT " + year_sums + provinces + " GROUP BY r.year_start",
      "SELECT " + educators +
          " FROM staff r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
          " WHERE c.path LIKE :s AND r.archived_at IS NULL AND r.educational = 1",
      "SELECT r.disbursed_centimes, r.disbursed_on FROM grants r LEFT JOIN institutions i ON i.id = r.institution_id"
      " LEFT JOIN associations a ON a.id = COALESCE(r.association_id, i.association_id)"
      " LEFT JOIN territories c ON c.id = COALESCE(i.commune_id, a.territory_id) WHERE c.path LIKE :s"
      " AND r.archived_at IS NULL AND r.institution_id IS NOT NULL AND r.disbursed_on IS NOT NULL",
      "SELECT " + month_sums + provinces + " AND r.year_start = " + school_years.back().substr(0, 4),
  };
}

// Runs every query, reading every row; answers the rows read.
long long raw_indicators(soci::session& session, const std::vector<std::string>& queries, const std::string& scope) {
  long long rows = 0;
  for (const auto& sql : queries) {
    soci::rowset<soci::row> result = (session.prepare << sql, soci::use(scope, "s"));
    for (const auto& row : result) rows += row.size() > 0 ? 1 : 0;
  }
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bench_indicators: libsodium could not start\n";
    return 1;
  }
  CLI::App app{"Times the indicators, uncached after a write, on a bench_generate --register database"};
  std::string url, label;
  int iterations = 100;
  app.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--label", label, "the backend's name in the table (default: sqlite or postgres)");
  app.add_option("--iterations", iterations, "timed runs by each path and user")->check(CLI::Range(5, 100000));
  CLI11_PARSE(app, argc, argv);

  try {
    auto db = store::Database::open(url, 1);
    if (label.empty()) label = db->backend() == store::Backend::Sqlite ? "sqlite" : "postgres";
    const auto write = [&] {
      auto written = db->write([](soci::session& session) -> domain::Result<long long> {
        return store::Query(
                   "UPDATE institutions SET updated_at = updated_at WHERE id = (SELECT MIN(id) FROM institutions)")
            .execute(session);
      });
      if (!written) throw std::runtime_error("the write before a run failed");
    };
    // The province with the most beneficiaries, as its delegation sees it.
    const auto province = db->read([](soci::session& session) {
      return store::Query(
                 "SELECT p.path FROM territories p JOIN territories c ON c.path LIKE p.path || '%'"
                 " JOIN institutions i ON i.commune_id = c.id JOIN beneficiaries b ON b.institution_id = i.id"
                 " WHERE p.level = 'province' GROUP BY p.path ORDER BY COUNT(*) DESC, p.path LIMIT 1")
          .first(session)
          .value()["path"]
          .get<std::string>();
    });
    struct Run {
      std::string who;
      store::Caller caller;
      bench::Timings riaya, raw;
      long long years = 0, raw_rows = 0;
    };
    auto province_caller = bench::signed_in(*db, "bench-division");
    province_caller.role = domain::Role::Delegation;
    province_caller.territory_path = province;
    std::vector<Run> runs{{"country", bench::signed_in(*db, "bench-division"), {}, {}},
                          {"province", province_caller, {}, {}}};
    for (auto& run : runs) {
      const std::string scope = run.caller.territory_path.value() + "%";
      const auto first = db->read([&](soci::session& session) { return store::indicators(session, run.caller, {}); });
      run.years = static_cast<long long>(first["trend"].size());
      std::vector<std::string> school_years;
      for (const auto& year : first["trend"]) school_years.push_back(year["school_year"].get<std::string>());
      const auto queries = raw_queries(school_years);
      const auto run_riaya = [&] {
        write();
        run.riaya.time(
            [&] { db->read([&](soci::session& session) { return store::indicators(session, run.caller, {}); }); });
      };
      const auto run_raw = [&] {
        write();
        db->read([&](soci::session& session) {
          run.raw.time([&] { run.raw_rows = raw_indicators(session, queries, scope); });
        });
      };
      bench::alternately(iterations, run_riaya, run_raw);
    }
    std::cout << fmt::format("bench_indicators on {}: {} runs each, a write before each run\n", label, iterations);
    for (const auto& run : runs)
      std::cout << fmt::format("  {}: {} school years in the trend, raw SQL reads {} rows\n", run.who, run.years,
                               run.raw_rows);
    std::cout << bench::ratio_table_header(kTargetMs);
    for (const auto& run : runs)
      std::cout << bench::ratio_rows(label, "indicators, " + run.who, run.riaya, run.raw, kTargetMs);
  } catch (const std::exception& error) {
    std::cerr << "bench_indicators: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
