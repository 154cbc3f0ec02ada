#include "store/backup.hpp"

#include <soci/sqlite3/soci-sqlite3.h>  // declares the SQLite C API in namespace sqlite_api

#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace riaya::store {
namespace {

using namespace sqlite_api;

// Copies every page of `from` into `to` with SQLite's online backup API.
void copy_database(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
}

struct SqliteFile {
  sqlite3* handle = nullptr;
  SqliteFile(const std::string& path, int flags) {
    if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
      const std::string reason = handle ? sqlite3_errmsg(handle) : "out of memory";
      sqlite3_close(handle);
      throw std::runtime_error("cannot open " + path + ": " + reason);
    }
    sqlite3_busy_timeout(handle, 10000);
  }
  ~SqliteFile() { sqlite3_close(handle); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  std::string text(const char* sql) const {
    sqlite3_stmt* statement = nullptr;
    std::string value;
    if (sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW && sqlite3_column_text(statement, 0))
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    sqlite3_finalize(statement);
    return value;
  }
};

sqlite3* native(soci::session& session) {
  return static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
}

// Runs a program with its arguments (no shell) and waits; throws when it fails.
void run_program(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);  // and the closing null
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("cannot start " + argv.front());
  if (child == 0) {
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(argv.front() + " failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")");
}

}  // namespace

void backup(Database& db, const std::string& file) {
  if (db.backend() == Backend::Postgres) {
    run_program({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + db.url()});
    return;
  }
  const auto temporary = file + ".partial";
  std::filesystem::remove(temporary);
  {
    SqliteFile target(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.read([&](soci::session& session) { copy_database(native(session), target.handle); });
  }
  std::filesystem::rename(temporary, file);
}

namespace {

// The restored copy holds the table versions of its day, which a server may have seen since with
// other data: new ones, so that no cached answer outlives the restore.
void renew_restored_versions(Database& db) {
  db.read([](soci::session& session) { renew_all_versions(session); });
}

}  // namespace

void restore(Database& db, const std::string& file) {
  if (!std::filesystem::is_regular_file(file)) throw std::runtime_error(file + " is not a file");
  db.claim_for_restore();
  if (db.backend() == Backend::Postgres) {
    run_program({"pg_restore", "--clean", "--if-exists", "--single-transaction", "--no-owner", "--exit-on-error",
                 "--dbname=" + db.url(), file});
    renew_restored_versions(db);
    return;
  }
  SqliteFile source(file, SQLITE_OPEN_READONLY);
  if (source.text("PRAGMA integrity_check") != "ok") throw std::runtime_error(file + " is not a sound SQLite database");
  if (source.text("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'") != "1")
    throw std::runtime_error(file + " is not a Riaya database");
  // The backup API locks the destination for the copy: other connections see the old or the new content.
  db.read([&](soci::session& session) { copy_database(source.handle, native(session)); });
  renew_restored_versions(db);
}

}  // namespace riaya::store
