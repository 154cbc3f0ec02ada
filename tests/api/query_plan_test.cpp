// The query plans of what the lists and the dashboard run, on the national registry of
// bench_generate (docs/PERFORMANCE.md, "Query plans"): every statement a case runs is recorded
// (store::set_query_observer), then explained on the same database and parameters, and a plan
// that reads a large table in full fails the test.
//
// What runs: for every registry resource (domain::registry_specs), its list as the API asks for
// it (api::parse_list_params, then store::list_records): with no filter, with each filter of
// the resource alone, with a search of a three-letter word (the trigram index) and of a
// two-letter one (LIKE over the rows in scope), sorted by each sortable field; the audit log;
// the dashboard. A new resource, filter or sortable field is covered without editing this file;
// a new store function read by a screen is one more row of the table in TEST_F(QueryPlans, …).
//
// Large: a table with at least kLargeRows rows in the generated data (institutions 2,500,
// associations 2,000, staff 25,000, the audit log 31,000; the 1,600 territories and the
// reference tables are small). A full read is a table scanned without an index (SQLite "SCAN t"
// with no "USING … INDEX"; PostgreSQL "Seq Scan" with sequential scans priced out, so that no
// index could serve it), or, in a query with a LIMIT, every row of a
// large table sorted for its page (SQLite "USE TEMP B-TREE FOR ORDER BY" beside a SCAN of it;
// PostgreSQL a Sort over a scan of it with no condition). Callers: a province's delegation (a
// 75th of the country: reading the country for it is the fault this finds), whose every
// statement is checked, and the whole country's division, whose pages are checked (its counts
// read every row in scope, which is what they are for).
#include "api/list_params.hpp"
#include "domain/schema.hpp"
#include "harness.hpp"
#include "store/audit.hpp"
#include "store/dashboard.hpp"
#include "store/query.hpp"
#include "store/query_observer.hpp"
#include "store/records.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace riaya::test {
namespace {

constexpr long long kLargeRows = 2000;

using Params = std::vector<std::pair<std::string, json>>;

struct Statement {
  std::string sql;
  Params params;
};

// The statements run while it lives (from any thread).
class Recorder {
 public:
  Recorder() { store::set_query_observer(&observer_); }
  ~Recorder() { store::set_query_observer(nullptr); }
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;
  std::vector<Statement> statements() const {
    std::lock_guard lock(mutex_);
    return statements_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Statement> statements_;
  store::QueryObserver observer_ = [this](const std::string& sql, const Params& params) {
    std::lock_guard lock(mutex_);
    statements_.push_back({sql, params});
  };
};

// What a case checks of its statements: all of them, or only those with a LIMIT (a page).
enum class Checked { All, Pages };

struct Case {
  std::string name;   // e.g. "institutions ?category=…, province"
  std::string table;  // the table the case lists, or "" (the dashboard: many)
  Checked checked;
  std::function<void()> run;
  // A search of a word of fewer than three characters: no trigram index can serve it, so reading
  // the listed table's keys whole is what it costs (docs/PERFORMANCE.md); such a read is printed,
  // not failed. Any other fault of its statements fails.
  bool short_word = false;
};

class QueryPlans : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto started = std::chrono::steady_clock::now();
    url_ = fresh_database_url();
    const std::string generate = RIAYA_BENCH_GENERATE;
    const auto command = generate + " --database '" + url_ + "' --scale national > /dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    db_ = store::Database::open(url_, 1);
    // Statistics, as a server opening the database would have on SQLite (store::Database::open)
    // and autovacuum would gather on PostgreSQL.
    db_->read([](soci::session& session) { session << "ANALYZE"; });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << fmt::format("[ plans    ] national registry generated and analysed in {:.1f} s\n", seconds);
    for (const char* table : {"institutions", "associations", "staff", "audit_log", "territories", "categories",
                              "users", "equipment_items", "service_items", "grids"}) {
      const auto rows = db_->read([&](soci::session& session) {
        return store::Query(fmt::format("SELECT COUNT(*) FROM {}", table)).scalar(session);
      });
      if (rows >= kLargeRows) large_.insert(table);
    }
  }
  static void TearDownTestSuite() { db_.reset(); }

  static json first(const std::string& sql) {
    return db_->read([&](soci::session& session) { return store::Query(sql).first(session).value_or(json()); });
  }

  static store::Caller caller(domain::Role role, const std::string& territory_code) {
    const auto territory = first("SELECT id, path FROM territories WHERE code = '" + territory_code + "'");
    return {.user_id = 0, .username = "plans", .role = role, .territory_path = territory.at("path").get<std::string>()};
  }

  // A value for the filter `name` of `spec`, as a request would send it: one that matches
  // records of the generated data where one is known.
  static std::string filter_value(const domain::EntitySpec& spec, const std::string& name) {
    static const std::map<std::string, std::string> known = {{"expiring_within_days", "30"},
                                                             {"overdue", "true"},
                                                             {"exited", "false"},
                                                             {"sex", "f"},
                                                             {"school_year", "2025-2026"},
                                                             {"month", "2026-01"},
                                                             {"unreported_month", "2026-01"},
                                                             {"date_from", "2026-01-01"},
                                                             {"date_to", "2026-06-30"},
                                                             {"present_on", "2026-01-15"},
                                                             {"level", "commune"},
                                                             {"role", "viewer"}};
    if (const auto value = known.find(name); value != known.end()) return value->second;
    if (name == "territory_id") return first("SELECT id FROM territories WHERE code = 'MA-P001'").at("id").dump();
    if (name == "category" || name == "institution_category")
      return first("SELECT category FROM institutions ORDER BY id").at("category").get<std::string>();
    if (name.ends_with("_id")) {
      // An institution of the province, its association; else the first row of the table named.
      const auto institution = first(
          "SELECT i.id, i.association_id FROM institutions i JOIN territories c ON c.id = i.commune_id"
          " WHERE c.path LIKE (SELECT path FROM territories WHERE code = 'MA-P001') || '%' ORDER BY i.id");
      if (name == "institution_id" || name == "for_institution_id") return institution.at("id").dump();
      if (name == "association_id") return institution.at("association_id").dump();
      return "1";
    }
    if (const auto* field = spec.field(name); field && !field->choices.empty())
      return std::string(field->choices.front());
    return "x";
  }

  static std::vector<Case> list_cases() {
    const auto province = caller(domain::Role::Delegation, "MA-P001");
    const auto province_viewer = caller(domain::Role::Viewer, "MA-P001");
    const auto country = caller(domain::Role::Division, "MA");
    std::vector<Case> cases;
    for (const auto& spec : domain::registry_specs()) {
      const auto list = [&spec](const store::Caller& who, std::map<std::string, std::string> query) {
        return [&spec, who, query] {
          auto request = api::parse_list_params(spec, query);
          ASSERT_TRUE(request.has_value()) << spec.resource;
          store::list_records(*db_, spec, who, *request);
        };
      };
      const std::string resource(spec.resource);
      cases.push_back({resource + ", province", resource, Checked::All, list(province, {})});
      for (const auto filter : spec.filters) {
        const std::string name(filter);
        cases.push_back({resource + " ?" + name + ", province", resource, Checked::All,
                         list(province, {{name, filter_value(spec, name)}})});
      }
      for (const std::string word : {"دار", "دا"}) {
        const bool short_word = word == "دا";
        cases.push_back({resource + " ?q=" + word + ", province", resource, Checked::All, list(province, {{"q", word}}),
                         short_word});
        cases.push_back({resource + " ?q=" + word + ", province viewer", resource, Checked::All,
                         list(province_viewer, {{"q", word}}), short_word});
      }
      cases.push_back({resource + ", country", resource, Checked::Pages, list(country, {})});
      // The country's search is counted from the rows its index finds (ScopedSelect::narrowed_by_index).
      cases.push_back({resource + " ?q=دار, country", resource, Checked::All, list(country, {{"q", "دار"}})});
      for (const auto sort : spec.sortable) {
        const std::string name(sort);
        cases.push_back(
            {resource + " ?sort=" + name + ", province", resource, Checked::All, list(province, {{"sort", name}})});
        for (const auto* order : {"asc", "desc"})
          cases.push_back({resource + " ?sort=" + name + "&order=" + order + ", country", resource, Checked::Pages,
                           list(country, {{"sort", name}, {"order", order}})});
      }
    }
    for (const auto& [who, name] : {std::pair{province, "province"}, std::pair{country, "country"}}) {
      cases.push_back({std::string("audit log, ") + name, "audit_log",
                       name == std::string("province") ? Checked::All : Checked::Pages,
                       [who] { db_->read([&](soci::session& session) { store::list_audit(session, who, {}); }); }});
      cases.push_back({std::string("dashboard, ") + name, "",
                       name == std::string("province") ? Checked::All : Checked::Pages,
                       [who] { ASSERT_TRUE(store::dashboard(*db_, who, {}, "2026-12-07", 30).has_value()); }});
    }
    return cases;
  }

  // What is wrong with the plan of `statement` (empty: nothing), and the plan, for the message.
  static std::pair<std::string, std::string> judge(const Statement& statement, Checked checked) {
    const bool page = statement.sql.find(" LIMIT ") != std::string::npos;
    if (checked == Checked::Pages && !page) return {};
    return test_backend() == store::Backend::Sqlite ? judge_sqlite(statement, page) : judge_postgres(statement, page);
  }

  // The tables an alias names in `sql` ("FROM institutions r", "JOIN territories c"): an alias may
  // name several (subqueries reuse x); any of them large makes the alias large.
  static std::set<std::string> large_aliases(const std::string& sql) {
    std::set<std::string> aliases;
    static const std::regex named(R"((?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?)");
    for (std::sregex_iterator it(sql.begin(), sql.end(), named), end; it != end; ++it) {
      const auto table = (*it)[1].str();
      if (!large_.contains(table)) continue;
      aliases.insert(table);
      if ((*it)[2].matched) aliases.insert((*it)[2].str());
    }
    return aliases;
  }

  static std::pair<std::string, std::string> judge_sqlite(const Statement& statement, bool page) {
    const auto rows = db_->read([&](soci::session& session) {
      return store::Query("EXPLAIN QUERY PLAN " + statement.sql).bind(statement.params).rows(session);
    });
    std::string plan, fault;
    const auto large = large_aliases(statement.sql);
    bool sorts = false;
    std::string scanned;  // a large table read whole, by any means
    std::string bare;     // a large table read whole without an index
    bool outermost = true, bare_outermost = false;
    static const std::regex scan(R"(^SCAN (\w+)( USING .*INDEX.*)?)");
    for (const auto& row : rows) {
      const auto detail = row.at("detail").get<std::string>();
      plan += detail + "\n";
      std::smatch match;
      if (detail.starts_with("USE TEMP B-TREE FOR ORDER BY")) sorts = true;
      const bool scans = std::regex_search(detail, match, scan);
      if (scans && large.contains(match[1].str())) {
        scanned = match[1].str();
        if (!match[2].matched && bare.empty()) {
          bare = scanned;
          bare_outermost = outermost;
        }
      }
      if (scans || detail.starts_with("SEARCH ")) outermost = false;
    }
    // A page that walks its outermost table in the order asked (its rowid: no temporary sort)
    // stops after its rows: that read is not whole.
    const bool walks = page && !sorts && bare_outermost;
    if (!bare.empty() && !walks) fault = "reads " + bare + " without an index";
    if (fault.empty() && page && sorts && !scanned.empty()) fault = "sorts every row of " + scanned + " for a page";
    return {fault, plan};
  }

  // Walks a PostgreSQL plan (EXPLAIN FORMAT JSON) and says what is wrong with it.
  static void walk_postgres(const json& node, bool under_sort, std::string& fault) {
    const auto type = node.value("Node Type", "");
    const auto relation = node.value("Relation Name", "");
    if (large_.contains(relation)) {
      if (type == "Seq Scan") fault = "reads " + relation + " without an index";
      const bool conditioned = node.contains("Index Cond") || node.contains("Recheck Cond");
      if (under_sort && !conditioned && fault.empty()) fault = "sorts every row of " + relation + " for a page";
    }
    const bool sorting = under_sort || type == "Sort" || type == "Incremental Sort";
    for (const auto& child : node.value("Plans", json::array())) walk_postgres(child, sorting, fault);
  }

  static std::pair<std::string, std::string> judge_postgres(const Statement& statement, bool page) {
    // With sequential scans priced out, a Seq Scan left in the plan is one no index can serve. On
    // its own the planner may rightly scan a table of 2,000 rows, and its choice turns on the
    // statistics of each generation (a viewer's search of associations flipped between runs).
    const auto row = db_->read([&](soci::session& session) {
      session << "SET enable_seqscan = off";
      auto plan = store::Query("EXPLAIN (FORMAT JSON) " + statement.sql).bind(statement.params).first(session);
      session << "RESET enable_seqscan";
      return plan;
    });
    const auto text = row->begin().value().get<std::string>();
    const auto plan = json::parse(text).at(0).at("Plan");
    std::string fault;
    walk_postgres(plan, false, fault);
    if (!page && fault.starts_with("sorts")) fault.clear();
    return {fault, plan.dump(1)};
  }

  static std::string url_;
  static std::unique_ptr<store::Database> db_;
  static std::set<std::string> large_;
};

std::string QueryPlans::url_;
std::unique_ptr<store::Database> QueryPlans::db_;
std::set<std::string> QueryPlans::large_;

TEST_F(QueryPlans, NoListFilterSearchOrDashboardReadsALargeTableWhole) {
  // The tables of the generated registry this test calls large: the four it is made of.
  EXPECT_EQ(large_, (std::set<std::string>{"associations", "audit_log", "institutions", "staff"}));
  std::size_t explained = 0;
  std::set<std::string> seen, unjudged;
  for (const auto& one : list_cases()) {
    std::vector<Statement> statements;
    {
      Recorder recorder;
      one.run();
      statements = recorder.statements();
    }
    EXPECT_FALSE(statements.empty()) << one.name << " ran no statement";
    // The list of a table the registry leaves small or empty (the diagnostic, the registers of
    // beneficiaries, the programme): its plans are the planner's guesses over no data, and say
    // nothing of a province's plans with its data. Run, named below, not judged.
    if (!one.table.empty() && !large_.contains(one.table)) {
      unjudged.insert(one.table);
      continue;
    }
    for (const auto& statement : statements) {
      if (!statement.sql.starts_with("SELECT") && !statement.sql.starts_with("WITH")) continue;
      std::string key = statement.sql;
      for (const auto& [name, value] : statement.params) key += " " + name + "=" + value.dump();
      if (!seen.insert(std::to_string(static_cast<int>(one.checked)) + key).second) continue;
      const auto [fault, plan] = judge(statement, one.checked);
      ++explained;
      if (one.short_word &&
          (fault == "reads " + one.table + " without an index" || fault == "reads r without an index")) {
        std::cout << fmt::format("[ plans    ] {}: {} (a word of two characters has no trigram)\n", one.name, fault);
        continue;
      }
      EXPECT_TRUE(fault.empty()) << one.name << ": " << fault << "\n" << statement.sql << "\n" << plan;
    }
  }
  std::cout << fmt::format(
      "[ plans    ] {} statements explained; lists run but not judged (small in the"
      " generated registry): {}\n",
      explained, fmt::join(unjudged, ", "));
  EXPECT_GT(explained, 100U);
}

}  // namespace
}  // namespace riaya::test
