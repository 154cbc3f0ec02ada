// bench_dashboard: the live dashboard (GET /api/dashboard) at national scale, without HTTP.
//
//   bench_dashboard --database URL [--label NAME] [--iterations 100] [--statements] [--summary FILE]
//
// On a database filled by `bench_generate --diagnostic`, on one thread, one connection, as
// bench-division (the whole country) and bench-province (one province): before each timed run a
// write (an institution's row updated, as any edit would), so the dashboard is computed afresh —
// the API's answer cache is emptied by any write, and store::dashboard is what it then runs.
// Alternately with it, the raw SQL of the same aggregates (kQueries below: the same statements
// the tiles run, hand-written, rows read through SOCI and not turned into JSON) — the baseline.
// Prints p50, p95 and max in milliseconds, the ratio riaya / raw SQL, and whether the p95 is
// under the 50 ms (reported, never asserted).
// Then the comparison of the two latest campaigns as the whole country (GET
// /api/campaigns/compare on a cache miss: store::compare_campaigns, first page of 50
// institutions, its JSON written), each run after a write, beside the raw SQL of that page
// (raw_compare), target 500 ms; and the read of every institution that the comparison PDF makes.
#include "store/dashboard.hpp"
#include "domain/dates.hpp"
#include "store/accounts.hpp"
#include "store/comparison.hpp"
#include "store/database.hpp"
#include "store/query.hpp"

#include "measure.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace riaya;

constexpr double kTargetMs = 50;

// The tiles' SQL for a territory caller and no filter (store/dashboard.cpp through
// store/scoped_select.cpp and registry_tables.cpp): keep in step with them. :s is the scope's
// path and '%', :campaign the default campaign, :today and :since the days compared with; the
// heat map (kHeatMapByAssessment, heat_map_by_province) reads the default grid's nine domains, D1 to D9.
const std::vector<std::string> kQueries = {
    "SELECT r.category, k.name_ar, k.name_fr, k.name_en, COUNT(*) AS count, COALESCE(SUM(r.capacity), 0) AS capacity"
    " FROM institutions r JOIN territories c ON c.id = r.commune_id JOIN associations a ON a.id = r.association_id"
    " JOIN categories k ON k.code = r.category WHERE c.path LIKE :s AND r.archived_at IS NULL"
    " GROUP BY r.category, k.name_ar, k.name_fr, k.name_en ORDER BY r.category",
    "SELECT COUNT(*) FROM associations r JOIN territories t ON t.id = r.territory_id"
    " WHERE t.path LIKE :s AND r.archived_at IS NULL",
    "SELECT COUNT(*) FROM staff r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id ="
    " i.commune_id WHERE c.path LIKE :s AND r.archived_at IS NULL",
    "SELECT x.id, x.name_ar, x.name_fr, x.starts_on, x.grid_id FROM campaigns x WHERE x.archived_at IS NULL"
    " AND EXISTS (SELECT 1 FROM assessments r JOIN institutions i ON i.id = r.institution_id"
    " JOIN territories c ON c.id = i.commune_id JOIN campaigns m ON m.id = r.campaign_id WHERE c.path LIKE :s"
    " AND r.archived_at IS NULL AND r.campaign_id = x.id AND r.kind = 'official' AND r.status = 'validated')"
    " ORDER BY x.starts_on DESC, x.id DESC",
    "SELECT content FROM grids WHERE id = (SELECT grid_id FROM campaigns WHERE id = :campaign)",
    "SELECT r.domain_code, r.severity, SUM(CASE WHEN r.status = 'open' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN r.status = 'in_progress' THEN 1 ELSE 0 END) FROM shortcomings r"
    " JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
    " WHERE c.path LIKE :s AND r.archived_at IS NULL AND r.status IN ('open', 'in_progress')"
    " GROUP BY r.domain_code, r.severity ORDER BY r.domain_code, r.severity",
    "SELECT r.status, COUNT(*), SUM(CASE WHEN r.status IN ('planned', 'ongoing') AND r.due_on < :today THEN 1 ELSE 0"
    " END) FROM actions r JOIN programmes p ON p.id = r.programme_id JOIN territories t ON t.id = p.territory_id"
    " LEFT JOIN institutions i ON i.id = r.institution_id LEFT JOIN territories c ON c.id = i.commune_id"
    " WHERE COALESCE(c.path, t.path) LIKE :s AND r.archived_at IS NULL GROUP BY r.status",
    "SELECT r.source, substr(r.committed_on, 1, 4), COUNT(*), SUM(r.committed_centimes), SUM(r.disbursed_centimes)"
    " FROM grants r LEFT JOIN institutions i ON i.id = r.institution_id"
    " LEFT JOIN associations a ON a.id = COALESCE(r.association_id, i.association_id)"
    " LEFT JOIN territories c ON c.id = COALESCE(i.commune_id, a.territory_id)"
    " WHERE c.path LIKE :s AND r.archived_at IS NULL GROUP BY r.source, substr(r.committed_on, 1, 4) ORDER BY 2, 1",
    "SELECT COUNT(s.id), COUNT(CASE WHEN s.id IN (SELECT n.staff_id FROM training_participants n JOIN trainings t"
    " ON t.id = n.training_id WHERE t.archived_at IS NULL"
    " AND COALESCE(t.ends_on, t.starts_on) >= :since AND COALESCE(t.ends_on, t.starts_on) <= :today) THEN 1 END)"
    " FROM institutions r JOIN territories c ON c.id = r.commune_id LEFT JOIN staff s ON s.institution_id = r.id"
    " AND s.archived_at IS NULL AND (s.start_date IS NULL OR s.start_date <= :today)"
    " AND (s.end_date IS NULL OR s.end_date >= :today) WHERE c.path LIKE :s AND r.archived_at IS NULL",
    "SELECT r.id, r.association_id, r.kind, r.reference, r.expires_on, a.name_ar, a.name_fr FROM documents r"
    " JOIN associations a ON a.id = r.association_id JOIN territories t ON t.id = a.territory_id"
    " WHERE t.path LIKE :s AND r.archived_at IS NULL AND r.expires_on IS NOT NULL AND r.expires_on <= :limit"
    " ORDER BY r.expires_on LIMIT 20",
};

// The latest changes: for the whole country the path's test is one no index serves (as
// store/scoped_select.cpp writes it), so that the entries are walked newest first.
std::string latest_changes(bool country) {
  return std::string(
             "SELECT r.id, r.at, r.user_id, r.username, r.address, r.action, r.entity, r.entity_id,"
             " r.before_json, r.after_json FROM audit_log r WHERE ") +
         (country ? "(r.scope_path || '')" : "r.scope_path") +
         " LIKE :s AND r.action IN ('create', 'update', 'archive') ORDER BY r.id DESC LIMIT 10";
}

// The heat map of a province (or less): a row per assessment, one column per domain.
const std::string kHeatMapByAssessment =
    "SELECT r.id, r.institution_id, i.code, i.name_ar, i.name_fr, r.overall_percent,"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 0"
    " AND x.domain_code = 'D1'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 1"
    " AND x.domain_code = 'D2'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 2"
    " AND x.domain_code = 'D3'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 3"
    " AND x.domain_code = 'D4'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 4"
    " AND x.domain_code = 'D5'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 5"
    " AND x.domain_code = 'D6'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 6"
    " AND x.domain_code = 'D7'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 7"
    " AND x.domain_code = 'D8'),"
    " (SELECT x.percent FROM assessment_domain_scores x WHERE x.assessment_id = r.id AND x.position = 8"
    " AND x.domain_code = 'D9')"
    " FROM assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
    " JOIN campaigns m ON m.id = r.campaign_id WHERE c.path LIKE :s AND r.archived_at IS NULL"
    " AND r.kind = 'official' AND r.status = 'validated' AND r.campaign_id = :campaign ORDER BY i.code, r.id";

// The heat map of a region or the country: the assessments read once, then a row per province
// with its overall percents and a row per province and domain of their stored domain rows.
std::string heat_map_by_province() {
  return "WITH t AS MATERIALIZED (SELECT c.parent_id AS province_id, r.id AS assessment_id, r.overall_percent AS "
         "overall"
         " FROM assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
         " JOIN campaigns m ON m.id = r.campaign_id WHERE c.path LIKE :s AND r.archived_at IS NULL"
         " AND r.kind = 'official' AND r.status = 'validated' AND r.campaign_id = :campaign)"
         " SELECT p.id, p.code, p.name_ar, p.name_fr, COUNT(*), SUM(t.overall), COUNT(t.overall), NULL, NULL"
         " FROM t JOIN territories p ON p.id = t.province_id GROUP BY p.id, p.code, p.name_ar, p.name_fr"
         " UNION ALL SELECT t.province_id, NULL, NULL, NULL, NULL, SUM(x.percent), COUNT(x.percent), x.position,"
         " x.domain_code FROM t JOIN assessment_domain_scores x ON x.assessment_id = t.assessment_id"
         " GROUP BY t.province_id, x.position, x.domain_code";
}

using bench::Timings;

constexpr double kCompareTargetMs = 500;

// Runs `sql` with the parameters it names among :s, :before, :after; calls `visit` with each row.
void run_sql(soci::session& session, const std::string& sql, const std::string& scope, long long before,
             long long after, const std::function<void(const soci::row&)>& visit) {
  soci::details::prepare_temp_type prepared = (session.prepare << sql);
  if (store::find_placeholder(sql, "s") != std::string::npos) prepared, soci::use(scope, "s");
  if (store::find_placeholder(sql, "before") != std::string::npos) prepared, soci::use(before, "before");
  if (store::find_placeholder(sql, "after") != std::string::npos) prepared, soci::use(after, "after");
  soci::rowset<soci::row> result(prepared);
  for (const auto& row : result) visit(row);
}

// The SQL of GET /api/campaigns/compare's first page of 50 institutions for a territory caller
// (store/comparison.cpp through store/scoped_select.cpp): keep in step. Answers the rows read.
long long raw_compare(soci::session& session, const std::string& scope, long long before, long long after) {
  const std::string validated =
      " FROM assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
      " JOIN campaigns m ON m.id = r.campaign_id";
  const std::string where =
      " WHERE c.path LIKE :s AND r.campaign_id IN (:before, :after) AND r.kind = 'official'"
      " AND r.status = 'validated' AND r.archived_at IS NULL";
  const std::string list =
      "CASE WHEN y.score < 2 AND x.score < 2 THEN 'persisted' WHEN y.score < 2 THEN 'resolved' ELSE 'appeared' END";
  const auto criteria = [&](const std::string& columns, const std::string& only, const std::string& tail) {
    return "SELECT " + columns +
           " FROM (SELECT r.institution_id, i.name_ar, i.name_fr,"
           " MAX(CASE WHEN r.campaign_id = :before THEN r.id END) AS before_id,"
           " MAX(CASE WHEN r.campaign_id = :after THEN r.id END) AS after_id" +
           validated + where + only +
           " GROUP BY r.institution_id, i.name_ar, i.name_fr) p JOIN answers x ON x.assessment_id = p.after_id"
           " LEFT JOIN answers y ON y.assessment_id = p.before_id AND y.criterion_code = x.criterion_code"
           " AND y.score < 2 WHERE (x.score < 2 OR (y.score < 2 AND x.score = 2))" +
           tail;
  };
  long long rows = 0;
  const auto count = [&](const soci::row&) { ++rows; };
  std::string ids;
  run_sql(session,
          "SELECT i.id, i.code, i.name_ar, i.name_fr, MAX(CASE WHEN r.campaign_id = :before THEN r.id END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN r.id END),"
          " MAX(CASE WHEN r.campaign_id = :before THEN r.overall_percent END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN r.overall_percent END),"
          " MAX(CASE WHEN r.campaign_id = :before THEN r.legal_compliance_percent END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN r.legal_compliance_percent END)" +
              validated + where + " GROUP BY i.id, i.code, i.name_ar, i.name_fr ORDER BY i.name_ar, i.id LIMIT 50",
          scope, before, after, [&](const soci::row& row) {
            const auto id =
                row.get_properties(0).get_data_type() == soci::dt_integer ? row.get<int>(0) : row.get<long long>(0);
            ids += (ids.empty() ? "" : ", ") + std::to_string(id);
            ++rows;
          });
  if (ids.empty()) return rows;
  run_sql(session, "SELECT COUNT(DISTINCT r.institution_id)" + validated + where, scope, before, after, count);
  run_sql(session,
          "SELECT r.institution_id, d.domain_code, MAX(CASE WHEN r.campaign_id = :before THEN 1 ELSE 0 END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN 1 ELSE 0 END),"
          " MAX(CASE WHEN r.campaign_id = :before THEN d.percent END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN d.percent END),"
          " MAX(CASE WHEN r.campaign_id = :after THEN d.percent END)"
          " - MAX(CASE WHEN r.campaign_id = :before THEN d.percent END)" +
              validated + " JOIN assessment_domain_scores d ON d.assessment_id = r.id" + where +
              " AND r.institution_id IN (" + ids + ") GROUP BY r.institution_id, d.domain_code",
          scope, before, after, count);
  run_sql(session,
          "SELECT r.institution_id, r.criterion_code, MAX(r.id) FROM shortcomings r JOIN institutions i"
          " ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id WHERE c.path LIKE :s"
          " AND r.criterion_code IS NOT NULL AND r.archived_at IS NULL AND r.institution_id IN (" +
              ids + ") GROUP BY r.institution_id, r.criterion_code",
          scope, before, after, count);
  run_sql(
      session,
      criteria("p.institution_id, p.name_ar, p.name_fr, x.criterion_code, CASE WHEN y.score IS NULL THEN (SELECT"
               " z.score FROM answers z WHERE z.assessment_id = p.before_id AND z.criterion_code = x.criterion_code)"
               " ELSE y.score END, x.score, " +
                   list,
               " AND r.institution_id IN (" + ids + ")", " ORDER BY p.name_ar, p.institution_id, x.criterion_code"),
      scope, before, after, count);
  run_sql(session, criteria(list + " AS list, COUNT(*)", "", " GROUP BY 1"), scope, before, after, count);
  return rows;
}

// The statements of the dashboard's raw SQL: kQueries, the heat map (by province or by
// assessment) and the latest changes.
std::vector<std::string> dashboard_statements(const std::string& scope, bool by_province) {
  auto statements = kQueries;
  statements.push_back(by_province ? heat_map_by_province() : kHeatMapByAssessment);
  statements.push_back(latest_changes(std::count(scope.begin(), scope.end(), '/') <= 2));
  return statements;
}

// Runs one of the dashboard's statements with the parameters it names, reading every row;
// answers the rows read.
long long run_statement(soci::session& session, const std::string& sql, const std::string& scope, long long campaign,
                        const std::string& today, const std::string& since, const std::string& limit) {
  soci::details::prepare_temp_type prepared = (session.prepare << sql);
  if (store::find_placeholder(sql, "s") != std::string::npos) prepared, soci::use(scope, "s");
  if (store::find_placeholder(sql, "campaign") != std::string::npos) prepared, soci::use(campaign, "campaign");
  if (store::find_placeholder(sql, "today") != std::string::npos) prepared, soci::use(today, "today");
  if (store::find_placeholder(sql, "since") != std::string::npos) prepared, soci::use(since, "since");
  if (store::find_placeholder(sql, "limit") != std::string::npos) prepared, soci::use(limit, "limit");
  soci::rowset<soci::row> result(prepared);
  long long rows = 0;
  for (const auto& row : result) rows += row.size() > 0 ? 1 : 0;
  return rows;
}

// Runs every statement of the dashboard's raw SQL; answers the rows read.
long long raw_dashboard(soci::session& session, const std::string& scope, long long campaign, const std::string& today,
                        const std::string& since, const std::string& limit, bool by_province) {
  long long rows = 0;
  for (const auto& sql : dashboard_statements(scope, by_province))
    rows += run_statement(session, sql, scope, campaign, today, since, limit);
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bench_dashboard: libsodium could not start\n";
    return 1;
  }
  CLI::App app{"Times the live dashboard, uncached after a write, on a bench_generate --diagnostic database"};
  std::string url, label;
  int iterations = 100;
  app.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--label", label, "the backend's name in the table (default: sqlite or postgres)");
  app.add_option("--iterations", iterations, "timed dashboards by each path and user")->check(CLI::Range(5, 100000));
  bool statements = false;
  app.add_flag("--statements", statements, "also time each raw statement of the country's dashboard on its own");
  std::string summary;
  app.add_option("--summary", summary, "also append the figures to this file, one tab-separated row each (bench/run)");
  CLI11_PARSE(app, argc, argv);

  try {
    // Two connections, as the pool of a server with two workers or more (one a worker): the
    // dashboard reads the staff's and the follow-up's tiles on a second one (store::dashboard); the
    // raw SQL runs on one.
    auto db = store::Database::open(url, 2);
    if (label.empty()) label = db->backend() == store::Backend::Sqlite ? "sqlite" : "postgres";
    const auto today = domain::today_utc();
    const auto today_iso = domain::to_iso(today);
    const auto since = domain::to_iso(domain::add_days(domain::add_months(today, -12), 1));
    const auto limit = domain::to_iso(domain::add_days(today, 90));
    const auto write = [&] {
      auto written = db->write([](soci::session& session) -> domain::Result<long long> {
        return store::Query(
                   "UPDATE institutions SET updated_at = updated_at WHERE id = (SELECT MIN(id) FROM institutions)")
            .execute(session);
      });
      if (!written) throw std::runtime_error("the write before a run failed");
    };
    struct Run {
      std::string who;
      store::Caller caller;
      Timings riaya, raw;
      long long institutions = 0, heat_map = 0, raw_rows = 0;
      std::string heat_map_by;
    };
    std::vector<Run> runs{{"country", bench::signed_in(*db, "bench-division"), {}, {}},
                          {"province", bench::signed_in(*db, "bench-province"), {}, {}}};
    for (auto& run : runs) {
      const std::string scope = run.caller.territory_path.value() + "%";
      const auto first = store::dashboard(*db, run.caller, {}, today_iso, 90);
      if (!first) throw std::runtime_error("store::dashboard failed");
      run.institutions = (*first)["totals"]["institutions"].get<long long>();
      run.heat_map = static_cast<long long>((*first)["scores"]["heat_map"].size());
      run.heat_map_by = (*first)["scores"].value("heat_map_by", "assessment");
      const long long campaign =
          (*first)["scores"]["campaign"].is_object() ? (*first)["scores"]["campaign"]["id"].get<long long>() : 0;
      const auto run_riaya = [&] {
        write();
        run.riaya.time([&] { (void)store::dashboard(*db, run.caller, {}, today_iso, 90); });
      };
      const auto run_raw = [&] {
        write();
        db->read([&](soci::session& session) {
          run.raw.time([&] {
            run.raw_rows =
                raw_dashboard(session, scope, campaign, today_iso, since, limit, run.heat_map_by == "province");
          });
        });
      };
      bench::alternately(iterations, run_riaya, run_raw);
    }
    // Each statement of the country's dashboard on its own, after a write: where its time goes.
    std::vector<std::pair<std::string, Timings>> by_statement;
    if (statements) {
      const auto& country = runs.front();
      const std::string scope = country.caller.territory_path.value() + "%";
      const auto first = store::dashboard(*db, country.caller, {}, today_iso, 90);
      const long long campaign =
          (*first)["scores"]["campaign"].is_object() ? (*first)["scores"]["campaign"]["id"].get<long long>() : 0;
      for (const auto& sql : dashboard_statements(scope, country.heat_map_by == "province")) {
        Timings timings;
        for (int i = 0; i < iterations; ++i) {
          write();
          db->read([&](soci::session& session) {
            timings.time([&] { run_statement(session, sql, scope, campaign, today_iso, since, limit); });
          });
        }
        by_statement.emplace_back(sql, std::move(timings));
      }
    }
    // The comparison of the two latest campaigns, as the whole country: GET
    // /api/campaigns/compare's first page (its JSON written, as the route does), and the PDF's
    // read of every institution, each after a write; beside the page's raw SQL.
    const auto& country = runs.front();
    const auto campaigns = (*store::dashboard(*db, country.caller, {}, today_iso, 90))["campaigns"];
    Timings compare_page, compare_raw, compare_whole;
    std::size_t page_bytes = 0, whole_bytes = 0;
    long long compared = 0;
    if (campaigns.size() >= 2) {
      const auto before = campaigns[1]["id"].get<long long>(), after = campaigns[0]["id"].get<long long>();
      const std::string scope = country.caller.territory_path.value() + "%";
      bench::alternately(
          iterations,
          [&] {
            write();
            compare_page.time([&] {
              const auto page = store::compare_campaigns(*db, country.caller, before, after, store::ComparisonPage{});
              if (!page) throw std::runtime_error("store::compare_campaigns failed");
              page_bytes = page->dump().size();
              compared = (*page)["total"].get<long long>();
            });
          },
          [&] {
            write();
            db->read(
                [&](soci::session& session) { compare_raw.time([&] { raw_compare(session, scope, before, after); }); });
          });
      for (int i = 0; i < std::max(3, iterations / 10); ++i) {
        write();
        compare_whole.time(
            [&] { whole_bytes = store::compare_campaigns(*db, country.caller, before, after)->dump().size(); });
      }
    }

    std::cout << fmt::format("bench_dashboard on {}: {} runs each, a write before each run\n", label, iterations);
    for (const auto& run : runs)
      std::cout << fmt::format("  {}: {} institutions, heat map of {} rows (by {}), raw SQL reads {} rows\n", run.who,
                               run.institutions, run.heat_map, run.heat_map_by, run.raw_rows);
    std::cout << bench::ratio_table_header(kTargetMs);
    for (const auto& run : runs) {
      std::cout << bench::ratio_rows(label, "dashboard, " + run.who, run.riaya, run.raw, kTargetMs);
      bench::append_p95_summary(summary, label, "dashboard uncached, " + run.who, run.riaya, run.raw, kTargetMs);
    }
    if (!by_statement.empty()) {
      std::cout << "\nthe country's dashboard, each raw statement on its own after a write (ms):\n";
      for (const auto& [sql, timings] : by_statement)
        std::cout << fmt::format("  p50 {:8.2f}  p95 {:8.2f}  {}\n", timings.at(0.5), timings.at(0.95),
                                 sql.substr(0, 110));
    }
    if (!compare_page.ms.empty()) {
      std::cout << fmt::format(
          "\ncompare the two latest campaigns, country: {} institutions; page 1 of 50: {} bytes of JSON;"
          " every institution (the PDF's read, {} runs): {} bytes, p50 {:.2f} ms, p95 {:.2f} ms\n",
          compared, page_bytes, compare_whole.ms.size(), whole_bytes, compare_whole.at(0.5), compare_whole.at(0.95));
      std::cout << bench::ratio_table_header(kCompareTargetMs);
      std::cout << bench::ratio_rows(label, "compare, page of 50", compare_page, compare_raw, kCompareTargetMs);
      bench::append_p95_summary(summary, label, "compare two campaigns, page of 50", compare_page, compare_raw,
                                kCompareTargetMs);
    }
  } catch (const std::exception& error) {
    std::cerr << "bench_dashboard: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
