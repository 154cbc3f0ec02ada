// The import benchmark of issue 16: N beneficiaries read from an XLSX workbook and imported through
// store::run_import (every row through the register's rules, audited, one transaction), beside a
// raw bulk insert of the same rows into the same table in the same run (one transaction, one
// INSERT a row, no check, no audit), its statement prepared once and run again (as every
// statement on a pooled connection is, the import's too). Prints the times, the ratio and the
// peak RSS (VmHWM) after the import and after all. Targets (reported, never asserted): the
// import within 2x the raw insert, under 200 MB. An import file holds at most
// io::import_limits.rows filled rows and io::max_import_bytes: beyond, it is refused, and the
// benchmark says so.
//
//   bench_import --database sqlite:/tmp/import.db [--rows 100000]   (a fresh database: it is migrated)
//   scripts/with-postgres sh -c 'build/bench_import --database "$RIAYA_TEST_POSTGRES"'
#include "domain/access.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/search_key.hpp"
#include "domain/sort_key.hpp"
#include "io/import_kinds.hpp"
#include "io/row_source.hpp"
#include "io/xlsx_writer.hpp"
#include "store/field_cipher.hpp"
#include "store/imports.hpp"
#include "store/query.hpp"
#include "store/setup.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using namespace riaya;

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmHWM:")) return std::stol(line.substr(6));
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Row i: a name no other row folds to, a birth date and an admission in range.
std::string name_of(int i) { return "تلميذ رقم " + std::to_string(i); }
std::string birth_of(int i) { return fmt::format("200{}-{:02}-{:02}", 6 + i % 4, 1 + i % 12, 1 + i % 28); }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times an XLSX import of beneficiaries against a raw bulk insert of the same rows"};
  std::string database;
  int rows = 100'000;  // the benchmark
  app.add_option("--database", database, "sqlite:PATH or postgresql://… of a fresh database")->required();
  app.add_option("--rows", rows, "beneficiaries in the workbook");
  std::size_t cache_mib = store::Database::kDefaultSqliteCacheMib;
  app.add_option("--sqlite-cache-mib", cache_mib, "SQLite's page cache (the server's default: 128), part of the RSS");
  CLI11_PARSE(app, argc, argv);
  try {
    store::set_field_key("riaya-bench-key-0123456789abcdef");
    auto db = store::Database::open(database, 1, cache_mib);
    store::migrate(*db);
    store::load_reference(*db);
    store::load_demo(*db, store::DemoParts::Registry);
    const auto institution = *db->write([](soci::session& s) -> domain::Result<long long> {
      const auto id = store::Query("SELECT MIN(id) FROM institutions WHERE category = 'dar_talib'").scalar(s);
      store::Query("UPDATE institutions SET keeps_register = 1 WHERE id = :id").bind("id", id).execute(s);
      return id;
    });
    const store::Caller caller{.username = std::string(domain::kCommandLineActor),
                               .address = "local",
                               .role = domain::Role::Admin,
                               .territory_path = "/"};
    const auto& kind = *io::find_import_kind("beneficiaries");

    std::string workbook;
    {
      io::XlsxWriter writer([&](std::string_view part) { workbook += part; });
      auto sheet = writer.add_sheet("pupils");
      for (const auto* field : {"full_name_ar", "sex", "birth_date", "admission_date"})
        sheet.text(io::column_header(*kind.column(field), domain::Language::Arabic));
      sheet.next_row();
      for (int i = 0; i < rows; ++i) {
        sheet.text(name_of(i)).text(i % 2 ? "f" : "m").date(birth_of(i)).date("2019-09-10");
        sheet.next_row();
      }
      writer.finish();
    }
    std::cout << fmt::format("{} rows, workbook of {:.1f} MB, peak RSS before: {:.1f} MB\n", rows,
                             static_cast<double>(workbook.size()) / 1e6, static_cast<double>(peak_rss_kib()) / 1024);

    auto start = std::chrono::steady_clock::now();
    auto sheet = io::read_import_file(workbook, "pupils.xlsx");
    if (!sheet) {
      std::cout << "the workbook is refused: " << io::describe_file_refusal(sheet.error(), domain::Language::English)
                << "\n";
      return 1;
    }
    workbook.clear();
    workbook.shrink_to_fit();
    std::cout << fmt::format("   read in {:.2f} s, peak RSS {:.1f} MB\n", seconds_since(start),
                             static_cast<double>(peak_rss_kib()) / 1024);
    std::vector<std::string> headers = sheet->rows.front();
    auto report = store::run_import(*db, caller, *sheet,
                                    {.kind = kind,
                                     .institution_id = institution,
                                     .file_name = "pupils.xlsx",
                                     .mapping = io::guess_mapping(kind, headers, nlohmann::json::object()),
                                     .mode = store::ImportMode::Commit,
                                     .language = domain::Language::English});
    const double imported = seconds_since(start);
    if (!report) {
      std::cout << "the import failed: " << report.error().detail.dump().substr(0, 400) << "\n";
      return 1;
    }
    const auto import_peak = peak_rss_kib();

    // The raw insert: the connection keeps its statement prepared (store::PreparedStatements).
    const auto begun = std::chrono::steady_clock::now();
    db->write([&](soci::session& s) -> domain::Result<long long> {
      for (int i = 0; i < rows; ++i)
        store::Query(
            "INSERT INTO beneficiaries (institution_id, full_name_ar, sex, birth_date, admission_date, search_key,"
            " public_search_key, name_key, full_name_ar_sort, version, created_at, updated_at)"
            " VALUES (:institution, :name, :sex, :birth, '2019-09-10', :key, '', :key, :name_sort, 1, :now, :now)")
            .bind("institution", institution)
            .bind("name", "raw " + name_of(i))
            .bind("sex", i % 2 ? "f" : "m")
            .bind("birth", birth_of(i))
            .bind("key", domain::search_key("raw " + name_of(i)))
            .bind("name_sort", domain::sort_key("raw " + name_of(i)))
            .bind("now", store::utc_now())
            .execute(s);
      return rows;
    });
    const double raw = seconds_since(begun);
    const auto mb = [](long kib) { return static_cast<double>(kib) / 1024; };
    std::cout << fmt::format("   {:<44} {:>9.2f} s   peak RSS {:>7.1f} MB\n", "riaya import (read + check + write)",
                             imported, mb(import_peak));
    std::cout << fmt::format("   {:<44} {:>9.2f} s   import / raw: {:.2f}×   peak RSS {:>7.1f} MB\n",
                             "raw bulk INSERT, prepared once", raw, imported / raw, mb(peak_rss_kib()));
  } catch (const std::exception& error) {
    std::cerr << "bench_import: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
