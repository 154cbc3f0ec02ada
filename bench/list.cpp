// bench_list: where the time of one institutions list request goes, without HTTP.
//
//   bench_list --database URL [--iterations 300] [--q WORD] [--pragma cache_size=-65536]… [--summary FILE]
//
// On a database filled by bench_generate, times on one thread, as a division user with the
// whole country in scope (what bench/run's HTTP benchmark asks for):
//   - the SQL alone: the COUNT and the page query that store::list_records runs (the same
//     SQL text, copied here), rows read through SOCI but not turned into JSON — the baseline;
//   - each of the two queries alone;
//   - the SQL as it was before issue 12, for comparison in the same run: the page sorted with
//     the Arabic collation at query time, the search by LIKE over every key (on PostgreSQL, the
//     same LIKE with its trigram index set aside: enable_bitmapscan off);
//   - store::list_records (one uncached page: the store has no cache), and serialising its
//     answer (what the API does next).
// Prints the median time of each in microseconds and its ratio to the baseline measured in the
// same run. Nothing is asserted; the figures are read in docs/PERFORMANCE.md.
#include "domain/access.hpp"
#include "domain/schema.hpp"
#include "domain/search_key.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include "measure.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace riaya;

// What list_records builds for institutions (src/store/records.cpp, registry_tables.cpp):
// keep in step with them, or the baseline stops meaning anything.
const std::string kCountFrom = " FROM institutions r JOIN territories c ON c.id = r.commune_id";
const std::string kFrom =
    " FROM institutions r JOIN territories c ON c.id = r.commune_id"
    " JOIN associations a ON a.id = r.association_id LEFT JOIN categories k ON k.code = r.category";
const std::string kColumns =
    "SELECT r.id, r.code, r.name_ar, r.name_fr, r.category, r.association_id, r.commune_id, r.address, r.latitude,"
    " r.longitude, r.capacity, r.opening_date, r.authorisation_number, r.authorisation_date, r.authorisation_status,"
    " r.director_name, r.services, r.activities, r.status, r.version, r.created_at, r.updated_at, r.archived_at,"
    " a.name_ar AS association_name_ar, a.name_fr AS association_name_fr, c.name_ar AS commune_name_ar,"
    " c.name_fr AS commune_name_fr, k.name_ar AS category_name_ar, k.name_fr AS category_name_fr, k.name_en AS "
    "category_name_en,"
    " c.path AS scope_path_, r.association_id AS scope_association_id_";
// The scope of the whole country (store/scoped_select.cpp: no index is to serve it).
const std::string kWhere = " WHERE (c.path || '') LIKE :scope_path AND r.archived_at IS NULL";
// The search of one word as list_records asks for it: by the trigram index on SQLite (a word of
// three characters or more; :q is then the FTS5 query), by LIKE on PostgreSQL, whose trigram
// index serves it (:q the LIKE pattern).
std::string search_clause(const store::Database& db) {
  if (db.backend() == store::Backend::Sqlite)
    return " AND r.id IN (SELECT rowid FROM institutions_search WHERE institutions_search MATCH :q)";
  return " AND r.search_key LIKE :q ESCAPE '\\'";
}
// Before issue 12: LIKE over every key.
const std::string kSearchBefore = " AND r.search_key LIKE :q ESCAPE '\\'";
// The page's ORDER BY as list_records sorts names: by the stored ICU sort key (migration 0025).
const std::string kPage = " ORDER BY r.name_ar_sort ASC, r.id ASC LIMIT 50 OFFSET 0";
// Before issue 12: with the backend's Arabic collation, at query time.
std::string page_before(const store::Database& db) {
  return " ORDER BY r.name_ar " + std::string(db.arabic_collation()) + " ASC, r.id ASC LIMIT 50 OFFSET 0";
}

double median_microseconds(int iterations, const std::function<void()>& work) {
  work();  // warm the caches
  std::vector<double> times;
  times.reserve(iterations);
  for (int i = 0; i < iterations; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  std::nth_element(times.begin(), times.begin() + iterations / 2, times.end());
  return times[iterations / 2];
}

long long raw_count(soci::session& session, const std::string& sql, const std::string& scope, const std::string* q) {
  long long count = 0;
  if (q)
    session << sql, soci::use(scope, "scope_path"), soci::use(*q, "q"), soci::into(count);
  else
    session << sql, soci::use(scope, "scope_path"), soci::into(count);
  return count;
}

// Reads every column of every row as SOCI hands it over, as Query::rows does before JSON.
std::size_t raw_page(soci::session& session, const std::string& sql, const std::string& scope, const std::string* q) {
  std::size_t bytes = 0;
  const auto read = [&](soci::rowset<soci::row>& rows) {
    for (const auto& row : rows)
      for (std::size_t i = 0; i < row.size(); ++i)
        if (row.get_indicator(i) != soci::i_null && row.get_properties(i).get_data_type() == soci::dt_string)
          bytes += row.get<std::string>(i).size();
  };
  if (q) {
    soci::rowset<soci::row> rows = (session.prepare << sql, soci::use(scope, "scope_path"), soci::use(*q, "q"));
    read(rows);
  } else {
    soci::rowset<soci::row> rows = (session.prepare << sql, soci::use(scope, "scope_path"));
    read(rows);
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times the parts of an institutions list request on a bench_generate database"};
  std::string url;
  int iterations = 300;
  std::string word = "الأمل";
  app.add_option("--database", url, "sqlite:PATH or postgresql://…")->required();
  app.add_option("--iterations", iterations, "timed runs of each measurement")->check(CLI::Range(10, 100000));
  app.add_option("--q", word, "the search word");
  std::vector<std::string> pragmas;
  app.add_option("--pragma", pragmas,
                 "SQLite only: run PRAGMA <text> first (e.g. cache_size=-65536), to try a setting");
  std::string summary;
  app.add_option("--summary", summary, "also append the list's figure to this file, tab-separated (bench/run)");
  CLI11_PARSE(app, argc, argv);

  try {
    auto db = store::Database::open(url, 1);  // one connection: the pragmas apply to every query timed
    const std::string kPageBefore = page_before(*db);
    const std::string kSearch = search_clause(*db);
    for (const auto& pragma : pragmas) db->read([&](soci::session& session) { session << "PRAGMA " + pragma; });
    const std::string country_path = db->read([](soci::session& session) {
      auto row = store::Query("SELECT path FROM territories WHERE code = 'MA'").first(session);
      return row ? row->at("path").get<std::string>() : std::string();
    });
    if (country_path.empty()) throw std::runtime_error("no territory MA: run bench_generate first");
    const store::Caller division{.username = "bench", .role = domain::Role::Division, .territory_path = country_path};
    const std::string scope = country_path + "%";
    const std::string key = domain::search_key(word);
    const std::string q_before = domain::like_pattern(key);
    const std::string q = db->backend() == store::Backend::Sqlite ? "search_key : \"" + key + "\"" : q_before;
    const auto& spec = *domain::find_spec("institutions");

    struct Line {
      std::string name;
      double micros;
    };
    std::vector<Line> lines;
    const auto time = [&](std::string name, const std::function<void(soci::session&)>& work) {
      db->read([&](soci::session& session) {
        lines.push_back({std::move(name), median_microseconds(iterations, [&] { work(session); })});
      });
    };
    const auto time_db = [&](std::string name, const std::function<void()>& work) {
      lines.push_back({std::move(name), median_microseconds(iterations, work)});
    };

    for (const bool search : {false, true}) {
      const std::string* qp = search ? &q : nullptr;
      const std::string where = kWhere + (search ? kSearch : "");
      const std::string label = search ? "search" : "list";
      time(label + ": SQL count + page (baseline)", [&](soci::session& s) {
        raw_count(s, "SELECT COUNT(*)" + kCountFrom + where, scope, qp);
        raw_page(s, kColumns + kFrom + where + kPage, scope, qp);
      });
      const double baseline = lines.back().micros;
      time(label + ": SQL count alone",
           [&](soci::session& s) { raw_count(s, "SELECT COUNT(*)" + kCountFrom + where, scope, qp); });
      time(label + ": SQL page alone",
           [&](soci::session& s) { raw_page(s, kColumns + kFrom + where + kPage, scope, qp); });
      // The same before issue 12, in this run: sorted by the collation, searched by LIKE.
      const std::string* before_q = search ? &q_before : nullptr;
      const std::string before_where = kWhere + (search ? kSearchBefore : "");
      // One connection: a setting made here holds for what is timed next.
      const bool unindexed = db->backend() == store::Backend::Postgres && search;
      if (unindexed) db->read([](soci::session& s) { s << "SET enable_bitmapscan = off"; });
      time(label + ": before: SQL count + page", [&](soci::session& s) {
        raw_count(s, "SELECT COUNT(*)" + kCountFrom + before_where, scope, before_q);
        raw_page(s, kColumns + kFrom + before_where + kPageBefore, scope, before_q);
      });
      time(label + ": before: SQL page alone",
           [&](soci::session& s) { raw_page(s, kColumns + kFrom + before_where + kPageBefore, scope, before_q); });
      if (unindexed) db->read([](soci::session& s) { s << "SET enable_bitmapscan = on"; });
      store::ListRequest request;
      if (search) request.q = word;
      time_db(label + ": store::list_records", [&] { store::list_records(*db, spec, division, request); });
      const auto answer = store::list_records(*db, spec, division, request);
      time_db(label + ": JSON dump of the answer", [&] { (void)answer.dump(); });
      if (!search) {  // one uncached page as the API makes it: the store's read, then its JSON
        const double page_ms = (lines[lines.size() - 2].micros + lines.back().micros) / 1000;
        bench::append_summary(
            summary, {db->backend() == store::Backend::Sqlite ? "sqlite" : "postgres", "uncached list page, country",
                      fmt::format("{:.2f} ms (median: list_records + JSON)", page_ms),
                      fmt::format("{:.2f} ms (its SQL count + page, median)", baseline / 1000),
                      fmt::format("{:.2f}", page_ms * 1000 / baseline), "< 3 ms", page_ms < 3 ? "met" : "NOT MET"});
      }
      std::cout << fmt::format("{} — {} of {} rows on the page, {} in total, {} bytes of JSON\n", label,
                               answer["items"].size(), 50, answer["total"].get<long long>(), answer.dump().size());
      for (auto& line : lines)
        std::cout << fmt::format("  {:<44} {:>9.0f} µs  {:>6.2f} × baseline\n", line.name, line.micros,
                                 line.micros / baseline);
      lines.clear();
    }
  } catch (const std::exception& error) {
    std::cerr << "bench_list: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
