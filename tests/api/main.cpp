// The API suite runs once per backend: api_tests --backend=sqlite | --backend=postgres.
#include "harness.hpp"

#include "store/query.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace riaya::test {
namespace {
store::Backend g_backend = store::Backend::Sqlite;
std::filesystem::path g_temp;
}  // namespace

store::Backend test_backend() { return g_backend; }

std::string fresh_database_url() {
  static std::atomic<int> counter = 0;
  if (g_backend == store::Backend::Sqlite)
    return "sqlite:" + (g_temp / ("riaya-" + std::to_string(++counter) + ".db")).string();
  const std::string url = std::getenv("RIAYA_TEST_POSTGRES");
  auto db = store::Database::open(url, 1);
  db->read([](soci::session& session) {
    session << "DROP SCHEMA public CASCADE";
    session << "CREATE SCHEMA public";
  });
  return url;
}

}  // namespace riaya::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  if (sodium_init() < 0) return 1;
  // The access and refusal lines of thousands of requests would bury a failure's output
  // (tests/cli reads them); internal failures still show.
  spdlog::set_level(spdlog::level::err);
  std::string backend = "sqlite";
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]).starts_with("--backend=")) backend = std::string(argv[i]).substr(10);
  if (backend == "postgres") {
    if (!std::getenv("RIAYA_TEST_POSTGRES")) {
      std::cerr << "api_tests --backend=postgres needs RIAYA_TEST_POSTGRES (scripts/with-postgres sets it)\n";
      return 1;
    }
    riaya::test::g_backend = riaya::store::Backend::Postgres;
  } else if (backend != "sqlite") {
    std::cerr << "unknown backend " << backend << "\n";
    return 1;
  }
  // Every cached answer computed in the suite is checked to read only the tables it declares
  // (api::cached_read; SQLite tells what a statement reads).
  riaya::store::ReadTables::watch_reads(true);
  riaya::test::g_temp = std::filesystem::temp_directory_path() / ("riaya-api-" + std::to_string(::getpid()));
  std::filesystem::create_directories(riaya::test::g_temp);
  const int status = RUN_ALL_TESTS();
  std::filesystem::remove_all(riaya::test::g_temp);
  return status;
}
