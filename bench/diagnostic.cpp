// bench_diagnostic: the speed requirement of the diagnostic issue, without HTTP.
//
//   bench_diagnostic --database URL [--label NAME] [--validations 100] [--iterations 200] [--explain]
//                    [--summary FILE]
//
// On a database filled by `bench_generate --diagnostic` (10 campaigns × every institution × 48
// criteria), on one thread, one connection:
//   validate  a submitted assessment of the last campaign, 2 × --validations times on different
//             assessments, alternately through store::validate_assessment (the real code path:
//             one transaction, scores, shortcomings raised and resolved, audit entries) and
//             through the raw SQL of the same work, hand-written: the statements it needs at the
//             least (raw_validate below) — the baseline;
//   register  the shortcomings register's first page as GET /api/shortcomings asks for it by
//             default (sort raised_on, page_size 50), as bench-division (the whole country) and
//             as bench-province (one province): store::list_records, uncached, alternately with
//             the raw SQL of the same two queries (COUNT and page), --iterations times each.
// Prints p50, p95 and max in milliseconds, the ratio riaya / raw SQL, and whether the p95 is
// under the issue's 50 ms (reported, never asserted). --explain also prints the register's SQL
// and its query plans (EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL).
// Validations are for good: each run uses up 2 × --validations of the 2,500 submitted ones.
#include "domain/access.hpp"
#include "domain/grid.hpp"
#include "domain/schema.hpp"
#include "domain/scoring.hpp"
#include "domain/search_key.hpp"
#include "domain/sort_key.hpp"
#include "store/accounts.hpp"
#include "store/assessments.hpp"
#include "store/database.hpp"
#include "store/grids.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include "measure.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using namespace riaya;
using nlohmann::json;

constexpr double kTargetMs = 50;

// The register's queries as list_records builds them for shortcomings (src/store/records.cpp,
// registry_tables.cpp) with the default request: keep in step with them, or the baseline stops
// meaning anything. main() checks that both give the same page.
const std::string kFrom =
    " FROM shortcomings r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
    " WHERE c.path LIKE :scope_path AND r.archived_at IS NULL";
const std::string kCount = "SELECT COUNT(*)" + kFrom;
const std::string kPage =
    "SELECT r.id, r.institution_id, r.domain_code, r.criterion_code, r.source, r.description, r.severity, r.status,"
    " r.raised_on, r.resolved_on, r.version, r.created_at, r.updated_at, r.archived_at,"
    " i.name_ar AS institution_name_ar, i.name_fr AS institution_name_fr, c.name_ar AS commune_name_ar,"
    " c.name_fr AS commune_name_fr, r.criterion_text_ar, r.criterion_text_fr, r.assessment_id,"
    " r.resolved_by_assessment_id, c.path AS scope_path_, i.association_id AS scope_association_id_" +
    kFrom + " ORDER BY r.raised_on ASC, r.id ASC LIMIT 50 OFFSET 0";

// An integer column as SOCI describes it: int or long long depending on the backend and type.
long long integer(const soci::row& row, std::size_t i) {
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
    default: return std::stoll(row.get<std::string>(i));
  }
}

using bench::Timings;

// The register's first page by the raw SQL: the total, and the ids of the page. Every column
// of every row is read as SOCI hands it over, as Query::rows does before making JSON of it.
std::pair<long long, std::vector<long long>> raw_register(soci::session& session, const std::string& scope) {
  long long total = 0;
  session << kCount, soci::use(scope, "scope_path"), soci::into(total);
  std::vector<long long> ids;
  std::size_t bytes = 0;
  soci::rowset<soci::row> rows = (session.prepare << kPage, soci::use(scope, "scope_path"));
  for (const auto& row : rows) {
    ids.push_back(integer(row, 0));
    for (std::size_t i = 1; i < row.size(); ++i)
      if (row.get_indicator(i) != soci::i_null && row.get_properties(i).get_data_type() == soci::dt_string)
        bytes += row.get<std::string>(i).size();
  }
  if (bytes == 0 && !ids.empty()) throw std::runtime_error("the register's rows came back empty");
  return {total, ids};
}

void audit(soci::session& session, const store::Caller& caller, const std::string& now, const std::string& action,
           const std::string& entity, long long entity_id, const std::string& before, const std::string& after,
           const std::string& path, long long association) {
  soci::indicator before_set = before.empty() ? soci::i_null : soci::i_ok;
  session << "INSERT INTO audit_log (at, user_id, username, address, action, entity, entity_id, before_json,"
             " after_json, scope_path, scope_association_id) VALUES (:at, :user_id, :username, :address, :action,"
             " :entity, :entity_id, :before_json, :after_json, :scope_path, :scope_association_id)",
      soci::use(now, "at"), soci::use(caller.user_id, "user_id"), soci::use(caller.username, "username"),
      soci::use(caller.address, "address"), soci::use(action, "action"), soci::use(entity, "entity"),
      soci::use(entity_id, "entity_id"), soci::use(before, before_set, "before_json"), soci::use(after, "after_json"),
      soci::use(path, "scope_path"), soci::use(association, "scope_association_id");
}

// Validating assessment `id` (read at `version`) by the least SQL that does the same work,
// hand-written with SOCI one-off statements in one transaction: read the assessment in the
// caller's scope, its grid, its answers and its institution's open shortcomings (one query
// each); insert each new shortcoming and its audit entry; resolve the ones now scored 2 in
// one UPDATE, an audit entry each; mark the assessment validated (its scores as submitted:
// the same answers give the same scores), audit with the overall score; change the data version. The grid's content
// is read but parsed once beforehand (`grid`); nothing is read back for a reply.
// Answers the number of shortcomings raised and resolved.
std::pair<int, int> raw_validate(store::Database& db, soci::session& session, const domain::Grid& grid,
                                 const store::Caller& caller, long long id, long long version) {
  session << (db.backend() == store::Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
  const std::string scope = caller.territory_path.value_or("") + "%";
  std::string status, path;
  long long version_now = 0, institution = 0, association = 0, grid_id = 0;
  session
      << "SELECT r.status, r.version, r.institution_id, i.association_id, c.path, m.grid_id"
         " FROM assessments r JOIN institutions i ON i.id = r.institution_id JOIN territories c ON c.id = i.commune_id"
         " JOIN campaigns m ON m.id = r.campaign_id WHERE r.id = :id AND c.path LIKE :scope",
      soci::use(id, "id"), soci::use(scope, "scope"), soci::into(status), soci::into(version_now),
      soci::into(institution), soci::into(association), soci::into(path), soci::into(grid_id);
  if (status != "submitted" || version_now != version)
    throw std::runtime_error(fmt::format("assessment {} is not submitted at version {}", id, version));
  std::string content;
  session << "SELECT content FROM grids WHERE id = :id", soci::use(grid_id, "id"), soci::into(content);

  struct Row {
    std::string code;
    std::optional<int> score;
    std::optional<std::string> comment;
  };
  std::vector<Row> answers;
  soci::rowset<soci::row> answer_rows =
      (session.prepare << "SELECT criterion_code, score, comment FROM answers WHERE assessment_id = :id",
       soci::use(id, "id"));
  for (const auto& row : answer_rows)
    answers.push_back({row.get<std::string>(0),
                       row.get_indicator(1) == soci::i_null ? std::nullopt : std::optional<int>(integer(row, 1)),
                       row.get_indicator(2) == soci::i_null ? std::nullopt : std::optional(row.get<std::string>(2))});
  std::map<std::string, long long> open;
  soci::rowset<soci::row> open_rows =
      (session.prepare << "SELECT id, criterion_code FROM shortcomings WHERE institution_id = :i"
                          " AND status IN ('open', 'in_progress') AND archived_at IS NULL",
       soci::use(institution, "i"));
  for (const auto& row : open_rows) open[row.get<std::string>(1)] = integer(row, 0);

  const auto now = store::utc_now();
  const auto today = now.substr(0, 10);
  int raised = 0, resolved = 0;
  for (const auto& answer : answers) {
    if (!answer.score || *answer.score == 2 || open.contains(answer.code)) continue;
    const auto* criterion = grid.find_criterion(answer.code);
    const std::string severity(domain::severity(*answer.score, criterion->critical));
    const std::string description = answer.comment.value_or("");
    soci::indicator description_set = answer.comment ? soci::i_ok : soci::i_null;
    const auto key = domain::search_key(criterion->text_ar + " " + criterion->text_fr + " " + description);
    const std::string domain_code = grid.domain_of(answer.code)->code;
    const auto code_sort = domain::sort_key(answer.code);
    long long shortcoming = 0;
    session << "INSERT INTO shortcomings (institution_id, domain_code, criterion_code, criterion_text_ar, "
               "criterion_text_fr,"
               " source, assessment_id, description, severity, status, raised_on, search_key, criterion_code_sort,"
               " version, created_at, updated_at)"
               " VALUES (:i, :d, :c, :tar, :tfr, 'assessment', :a, :desc, :sev, 'open', :today, :key, :c_sort, 1,"
               " :now, :now)"
               " RETURNING id",
        soci::use(institution, "i"), soci::use(domain_code, "d"), soci::use(answer.code, "c"),
        soci::use(criterion->text_ar, "tar"), soci::use(criterion->text_fr, "tfr"), soci::use(id, "a"),
        soci::use(description, description_set, "desc"), soci::use(severity, "sev"), soci::use(today, "today"),
        soci::use(key, "key"), soci::use(code_sort, "c_sort"), soci::use(now, "now"), soci::into(shortcoming);
    audit(session, caller, now, "create", "shortcoming", shortcoming, "",
          fmt::format(R"({{"assessment_id":{},"criterion_code":"{}","institution_id":{},"severity":"{}"}})", id,
                      answer.code, institution, severity),
          path, association);
    ++raised;
  }
  session << "UPDATE shortcomings SET status = 'resolved', resolved_on = :today, resolved_by_assessment_id = :a,"
             " version = version + 1, updated_at = :now WHERE institution_id = :i AND status IN ('open', 'in_progress')"
             " AND archived_at IS NULL AND criterion_code IN"
             " (SELECT criterion_code FROM answers WHERE assessment_id = :a AND score = 2)",
      soci::use(today, "today"), soci::use(id, "a"), soci::use(now, "now"), soci::use(institution, "i");
  for (const auto& answer : answers)
    if (answer.score == 2 && open.contains(answer.code)) {
      audit(session, caller, now, "resolve", "shortcoming", open[answer.code], "",
            fmt::format(R"({{"assessment_id":{},"status":"resolved"}})", id), path, association);
      ++resolved;
    }
  session
      << "UPDATE assessments SET status = 'validated', version = version + 1, updated_at = :now, validated_at = :now,"
         " validated_by = :by WHERE id = :id",
      soci::use(now, "now"), soci::use(caller.user_id, "by"), soci::use(id, "id");
  std::vector<domain::Answer> scored;
  for (const auto& answer : answers) scored.push_back({answer.code, answer.score});
  const auto overall = domain::score(grid, scored)->overall;
  audit(session, caller, now, "validate", "assessment", id,
        fmt::format(R"({{"status":"submitted","version":{}}})", version),
        json{{"status", "validated"}, {"overall", overall ? json(*overall) : json(nullptr)}}.dump(), path, association);
  // Written beside Database::write, whose update hook would name the tables: renew them all.
  store::renew_all_versions(session);
  session << "COMMIT";
  return {raised, resolved};
}

void explain(store::Database& db, const std::string& label, const std::string& sql, const std::string& scope) {
  const bool sqlite = db.backend() == store::Backend::Sqlite;
  std::cout << fmt::format("  {}\n    {}\n", label, sql);
  db.read([&](soci::session& session) {
    soci::rowset<soci::row> rows =
        (session.prepare << (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql,
         soci::use(scope, "scope_path"));
    for (const auto& row : rows) std::cout << "    | " << row.get<std::string>(sqlite ? 3 : 0) << "\n";
  });
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::cerr << "bench_diagnostic: libsodium could not start\n";
    return 1;
  }
  CLI::App app{
      "Times validating an assessment and the shortcomings register on a bench_generate --diagnostic database"};
  std::string url, label;
  int validations = 100;
  int iterations = 200;
  bool show_plans = false;
  app.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--label", label, "the backend's name in the table (default: sqlite or postgres)");
  app.add_option("--validations", validations, "assessments validated by each path")->check(CLI::Range(5, 1000));
  app.add_option("--iterations", iterations, "timed register pages by each path and user")
      ->check(CLI::Range(10, 100000));
  app.add_flag("--explain", show_plans, "print the register's SQL and query plans");
  std::string summary;
  app.add_option("--summary", summary, "also append the figures to this file, one tab-separated row each (bench/run)");
  CLI11_PARSE(app, argc, argv);

  try {
    auto db = store::Database::open(url, 1);
    if (label.empty()) label = db->backend() == store::Backend::Sqlite ? "sqlite" : "postgres";
    const auto division = bench::signed_in(*db, "bench-division");
    const auto province = bench::signed_in(*db, "bench-province");
    const auto count = [&](const std::string& what) {
      return db->read(
          [&](soci::session& session) { return store::Query("SELECT COUNT(*) FROM " + what).scalar(session); });
    };

    // (a) Validation: submitted assessments of the last campaign, alternately each path.
    const auto waiting = db->read([&](soci::session& session) {
      return store::Query(
                 "SELECT id, version, campaign_id FROM assessments WHERE status = 'submitted' AND kind = 'official'"
                 " ORDER BY id LIMIT :n")
          .bind("n", 2 * validations)
          .rows(session);
    });
    if (static_cast<int>(waiting.size()) < 2 * validations)
      throw std::runtime_error(fmt::format("{} submitted assessments left, {} needed: generate a fresh database",
                                           waiting.size(), 2 * validations));
    const auto grid = *domain::parse_grid((*store::get_grid(
        *db, store::Caller{.role = domain::Role::Admin, .territory_path = "/"}, db->read([&](soci::session& session) {
          return store::Query("SELECT m.grid_id FROM campaigns m WHERE m.id = :id")
              .bind("id", waiting[0]["campaign_id"])
              .scalar(session);
        })))["content"]);
    const long long shortcomings_before = count("shortcomings");
    const long long resolved_before = count("shortcomings WHERE status = 'resolved'");
    Timings riaya_validate, raw_validate_ms;
    int raw_raised = 0, raw_resolved = 0;
    for (int i = 0; i < 2 * validations; ++i) {
      const auto id = waiting[i]["id"].get<long long>();
      const auto version = waiting[i]["version"].get<long long>();
      if (i % 2 == 0) {
        riaya_validate.time([&] {
          auto validated = store::validate_assessment(*db, division, id, {.version = version});
          if (!validated) throw std::runtime_error(fmt::format("validate_assessment({}) failed", id));
        });
      } else {
        db->read([&](soci::session& session) {
          raw_validate_ms.time([&] {
            const auto [raised, resolved] = raw_validate(*db, session, grid, division, id, version);
            raw_raised += raised;
            raw_resolved += resolved;
          });
        });
      }
    }
    const long long raised_total = count("shortcomings") - shortcomings_before;
    const long long resolved_total = count("shortcomings WHERE status = 'resolved'") - resolved_before;

    // (b) The register's first page, uncached, as each user.
    struct Page {
      std::string who;
      store::Caller caller;
      Timings riaya, raw;
      long long total = 0;
    };
    std::vector<Page> pages{{"country", division, {}, {}}, {"province", province, {}, {}}};
    const auto& spec = *domain::find_spec("shortcomings");
    for (auto& page : pages) {
      const std::string scope = page.caller.territory_path.value() + "%";
      // The baseline must be the same query: same total, same rows in the same order.
      const auto answer = store::list_records(*db, spec, page.caller, store::ListRequest{});
      const auto [total, ids] = db->read([&](soci::session& session) { return raw_register(session, scope); });
      std::vector<long long> riaya_ids;
      for (const auto& item : answer["items"]) riaya_ids.push_back(item["id"].get<long long>());
      if (total != answer["total"].get<long long>() || ids != riaya_ids)
        throw std::runtime_error(
            "the raw register query is out of step with list_records: update bench/diagnostic.cpp");
      page.total = total;
      for (int i = 0; i < iterations; ++i) {
        const auto run_riaya = [&] {
          page.riaya.time([&] { (void)store::list_records(*db, spec, page.caller, store::ListRequest{}); });
        };
        const auto run_raw = [&] {
          db->read([&](soci::session& session) { page.raw.time([&] { (void)raw_register(session, scope); }); });
        };
        // Alternate which goes first, so that neither always finds the caches the other warmed.
        if (i % 2 == 0) {
          run_riaya();
          run_raw();
        } else {
          run_raw();
          run_riaya();
        }
      }
    }

    std::cout << fmt::format(
        "bench_diagnostic on {}: {} shortcomings in the register ({} open), {} assessments, {} answers\n"
        "  validate: {} + {} submitted assessments of the last campaign (store, raw SQL alternately):"
        " {} shortcomings raised, {} resolved ({} and {} of them by the raw SQL)\n"
        "  register: GET /api/shortcomings?page_size=50 (sort raised_on), {} runs each; country: {} rows in scope,"
        " province MA-P001: {}\n\n",
        label, count("shortcomings"), count("shortcomings WHERE status = 'open'"), count("assessments"),
        count("answers"), validations, validations, raised_total, resolved_total, raw_raised, raw_resolved, iterations,
        pages[0].total, pages[1].total);
    std::cout << "| backend  | measurement                         | runs |   p50 ms |   p95 ms |   max ms |"
                 " riaya/raw p50 | riaya/raw p95 | p95 < 50 ms |\n"
                 "|----------|-------------------------------------|-----:|---------:|---------:|---------:|"
                 "--------------:|--------------:|-------------|\n";
    const auto row = [&](const std::string& what, const Timings& riaya, const Timings& raw) {
      std::cout << fmt::format(
          "| {:<8} | {:<35} | {:>4} | {:>8.2f} | {:>8.2f} | {:>8.2f} | {:>13.2f} | {:>13.2f} | {:<11} |\n", label,
          what + ": riaya", riaya.ms.size(), riaya.at(0.5), riaya.at(0.95), riaya.at(1), riaya.at(0.5) / raw.at(0.5),
          riaya.at(0.95) / raw.at(0.95), riaya.at(0.95) < kTargetMs ? "met" : "NOT MET");
      std::cout << fmt::format(
          "| {:<8} | {:<35} | {:>4} | {:>8.2f} | {:>8.2f} | {:>8.2f} | {:>13} | {:>13} | {:<11} |\n", label,
          what + ": raw SQL", raw.ms.size(), raw.at(0.5), raw.at(0.95), raw.at(1), "", "", "");
    };
    row("validate one assessment", riaya_validate, raw_validate_ms);
    for (const auto& page : pages) {
      row("register page 1, " + page.who, page.riaya, page.raw);
      bench::append_p95_summary(summary, label, "shortcomings register page 1, " + page.who, page.riaya, page.raw,
                                kTargetMs);
    }

    if (show_plans) {
      std::cout << "\nquery plans of the register's first page\n";
      for (const auto& page : pages) {
        const std::string scope = page.caller.territory_path.value() + "%";
        explain(*db, page.who + ", count (scope_path = '" + scope + "')", kCount, scope);
        explain(*db, page.who + ", page (scope_path = '" + scope + "')", kPage, scope);
      }
    }
  } catch (const std::exception& error) {
    std::cerr << "bench_diagnostic: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
