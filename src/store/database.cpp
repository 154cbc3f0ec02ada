#include "store/database.hpp"

#include "store/embedded_files.hpp"
#include "store/query.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <unicode/ucol.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace riaya::store {

std::string_view embedded_file(std::string_view path) {
  for (const auto& file : embedded_files())
    if (file.path == path) return file.content;
  throw std::out_of_range("no embedded file " + std::string(path));
}

namespace {

using namespace sqlite_api;

// SQLite's side of Database::arabic_collation: ICU's Arabic collator, one per connection.
int compare_arabic(void* collator, int left_size, const void* left, int right_size, const void* right) {
  UErrorCode status = U_ZERO_ERROR;
  const auto order = ucol_strcollUTF8(static_cast<UCollator*>(collator), static_cast<const char*>(left), left_size,
                                      static_cast<const char*>(right), right_size, &status);
  return U_FAILURE(status) ? 0 : static_cast<int>(order);
}

void add_arabic_collation(soci::session& session) {
  UErrorCode status = U_ZERO_ERROR;
  UCollator* collator = ucol_open("ar", &status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no Arabic collation");
  sqlite3* handle = static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
  sqlite3_create_collation_v2(handle, "riaya_ar", SQLITE_UTF8, collator, compare_arabic,
                              [](void* c) { ucol_close(static_cast<UCollator*>(c)); });
}

// SQLite gathers no statistics by itself, and without them its planner joins from the biggest
// table: a province's page of the shortcomings register read all 75,000 shortcomings of the
// national benchmark to count its 850, where statistics make it start from the province's
// territories (docs/PERFORMANCE.md, "Diagnostic campaigns"). So every open refreshes them,
// before the other connections load the schema. analysis_limit bounds the work to about a
// thousand rows an index: a fraction of a second on the national benchmark's 330 MB. A
// database that cannot be written now (locked, read-only) keeps the statistics it has.
void refresh_statistics(soci::session& session) {
  try {
    session << "PRAGMA analysis_limit=1000";
    session << "ANALYZE";
  } catch (const soci::soci_error&) {
  }
}

// SOCI wants libpq's keyword=value form; people write URIs. libpq itself translates.
std::string postgres_conninfo(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    const std::string reason = error ? error : "malformed URL";
    PQfreemem(error);
    throw std::runtime_error("bad PostgreSQL URL: " + reason);
  }
  std::string conninfo;
  for (auto* option = options; option->keyword; ++option) {
    if (!option->val) continue;
    std::string value;
    for (const char* c = option->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value += '\\';
      value += *c;
    }
    conninfo += std::string(option->keyword) + "='" + value + "' ";
  }
  PQconninfoFree(options);
  return conninfo;
}

thread_local ReadTables* read_tables = nullptr;
std::atomic<bool> watch_reads_now = false;

// SQLite's authorizer: SQLITE_IGNORE for a DELETE, which makes SQLite delete row by row where
// it would empty a whole table at once (its truncate optimisation, unseen by the update hook);
// while a ReadTables gathers on this thread, notes the tables a statement reads.
int authorize(void*, int action, const char* table, const char*, const char*, const char*) {
  // Not for what DROP TABLE asks (the schema's table, then the table dropped): it would be skipped.
  thread_local std::string dropping;
  if (action == SQLITE_DROP_TABLE || action == SQLITE_DROP_TEMP_TABLE) dropping = table ? table : "";
  if (action == SQLITE_DELETE && table && std::strncmp(table, "sqlite_", 7) != 0) {
    if (dropping != table) return SQLITE_IGNORE;
    dropping.clear();
  }
  if (action == SQLITE_READ && table && *table) ReadTables::add(base_table(table));
  return SQLITE_OK;
}

// SQLite's update hook: gathers the tables the connection's transaction changes (rowid tables
// only: the schema has no WITHOUT ROWID table; no truncate, see authorize).
void note_change(void* changed, int, const char*, const char* table, sqlite3_int64) {
  auto& tables = *static_cast<std::vector<std::string>*>(changed);
  if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.emplace_back(table);
}

}  // namespace

ReadTables::ReadTables() : outer_(read_tables) { read_tables = this; }
ReadTables::~ReadTables() { read_tables = outer_; }
bool ReadTables::active() { return read_tables != nullptr; }
void ReadTables::add(std::string_view table) {
  if (!read_tables) return;
  auto& tables = read_tables->tables;
  const auto at = std::lower_bound(tables.begin(), tables.end(), table);
  if (at == tables.end() || *at != table) tables.emplace(at, table);
}
void ReadTables::watch_reads(bool watch) { watch_reads_now = watch; }
bool ReadTables::watching() { return watch_reads_now; }

std::unique_ptr<Database> Database::open(const std::string& url, std::size_t connections,
                                         std::size_t sqlite_cache_mib) {
  auto db = std::make_unique<Database>(connections);
  db->url_ = url;
  try {
    if (url.starts_with("sqlite:")) {
      db->backend_ = Backend::Sqlite;
      db->sqlite_path_ = url.substr(std::string_view("sqlite:").size());
      if (db->sqlite_path_.starts_with("//")) db->sqlite_path_ = db->sqlite_path_.substr(2);
      if (db->sqlite_path_.empty() || db->sqlite_path_.find_first_of(" \t'\"") != std::string::npos)
        throw std::runtime_error("the SQLite path must be non-empty and contain no spaces or quotes");
      const auto parent = std::filesystem::path(db->sqlite_path_).parent_path();
      if (!parent.empty()) std::filesystem::create_directories(parent);
      // Negative cache_size is in KiB. 32 MiB a connection lets a national count run without rereading
      // pages from the OS (docs/PERFORMANCE.md): the default budget gives that to 4 workers.
      const auto cache_kib =
          std::max<std::size_t>(1024, sqlite_cache_mib * 1024 / std::max<std::size_t>(1, connections));
      for (std::size_t i = 0; i < connections; ++i) {
        auto& session = db->pool_.at(i);
        session.open(soci::sqlite3, "db=" + db->sqlite_path_ + " timeout=10");
        session << "PRAGMA journal_mode=WAL";
        session << "PRAGMA synchronous=NORMAL";
        session << "PRAGMA foreign_keys=ON";
        session << "PRAGMA busy_timeout=10000";
        session << "PRAGMA journal_size_limit=67108864";  // a checkpointed WAL shrinks back to 64 MiB
        session << "PRAGMA cache_size=-" + std::to_string(cache_kib);
        add_arabic_collation(session);
        sqlite3* handle = static_cast<soci::sqlite3_session_backend*>(session.get_backend())->conn_;
        db->changed_.push_back(std::make_unique<std::vector<std::string>>());
        sqlite3_update_hook(handle, note_change, db->changed_.back().get());
        sqlite3_set_authorizer(handle, authorize, nullptr);
        if (i == 0) refresh_statistics(session);
      }
    } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
      db->backend_ = Backend::Postgres;
      const auto conninfo = postgres_conninfo(url);
      for (std::size_t i = 0; i < connections; ++i) {
        auto& session = db->pool_.at(i);
        session.open(soci::postgresql, conninfo);
        session << "SET client_min_messages TO WARNING";
      }
    } else {
      throw std::runtime_error("unknown database URL (use sqlite:PATH or postgresql://…)");
    }
    for (std::size_t i = 0; i < connections; ++i)
      db->statements_.push_back(std::make_unique<PreparedStatements>(db->pool_.at(i)));
  } catch (const soci::soci_error& error) {
    throw std::runtime_error(std::string("cannot open the database: ") + error.what());
  }
  return db;
}

Database::ForeignKeysOff::ForeignKeysOff(soci::session& session, bool off) : session_(off ? &session : nullptr) {
  if (session_) *session_ << "PRAGMA foreign_keys=OFF";
}

Database::ForeignKeysOff::~ForeignKeysOff() {
  if (!session_) return;
  try {
    *session_ << "PRAGMA foreign_keys=ON";
  } catch (...) {
  }
}

void Database::check_foreign_keys(soci::session& session) {
  const auto violation = Query(
                             "SELECT \"table\" || ' refers to a missing ' || parent AS what"
                             " FROM pragma_foreign_key_check")
                             .first(session);
  if (violation)
    throw std::runtime_error("a migration broke a foreign key: " + violation->at("what").get<std::string>());
}

std::vector<std::string> Database::changed_tables(Lent& lent) {
  if (backend_ == Backend::Sqlite) return *changed_[lent.position];
  const auto listed = Query("SELECT COALESCE(current_setting('riaya.changed_tables', true), '') AS changed")
                          .first(lent.session)
                          ->at("changed")
                          .get<std::string>();
  std::vector<std::string> tables;
  for (std::size_t start = 0; start < listed.size();) {
    auto end = listed.find(',', start);
    if (end == std::string::npos) end = listed.size();
    if (end > start) tables.emplace_back(listed.substr(start, end - start));
    start = end + 1;
  }
  return tables;
}

namespace {

long long random_version() {
  long long version = 0;
  randombytes_buf(&version, sizeof version);
  return version & 0x3fffffffffffffffLL;  // positive
}

// Mixes `value` into `hash` (splitmix64's finaliser over their sum).
std::uint64_t mix(std::uint64_t hash, std::uint64_t value) {
  auto z = hash + value + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Renews data_version, which tells each server that its copy of the versions is out of date
// (Database::table_versions).
void renew_stamp(soci::session& session) {
  Query("UPDATE data_version SET version = :version").bind("version", random_version()).execute(session);
}

// Whether migration 0030 has made resource_versions (every migration before it renews nothing).
bool has_versions(soci::session& session) {
  const bool sqlite = session.get_backend_name() == "sqlite3";
  return Query(sqlite ? "SELECT COUNT(*) FROM sqlite_master WHERE name = 'resource_versions'"
                      : "SELECT COUNT(*) FROM pg_class WHERE oid = to_regclass('resource_versions')")
             .scalar(session) > 0;
}

}  // namespace

void renew_versions(soci::session& session, std::vector<std::string> tables) {
  for (auto& table : tables) table = std::string(base_table(table));
  std::sort(tables.begin(), tables.end());
  tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
  for (const auto& table : tables)
    Query("UPDATE resource_versions SET version = :version WHERE name = :name")
        .bind("version", random_version())
        .bind("name", table)
        .execute(session);
  if (!tables.empty()) renew_stamp(session);
}

void renew_all_versions(soci::session& session) {
  if (!has_versions(session)) return;
  // One statement; on PostgreSQL it locks the rows in name order first, as renew_versions does.
  session << (session.get_backend_name() == "sqlite3"
                  ? "UPDATE resource_versions SET version = random() & 4611686018427387903"
                  : "UPDATE resource_versions SET version = floor(random() * 4611686018427387903)::BIGINT"
                    " WHERE name IN (SELECT name FROM resource_versions ORDER BY name FOR UPDATE)");
  renew_stamp(session);
}

void register_data_tables(soci::session& session) {
  if (!has_versions(session)) return;
  if (session.get_backend_name() == "sqlite3") {
    // The FTS5 indexes (a virtual table "X_search" and its shadow tables) count as their base
    // table X (base_table); the update hook tells every change without a trigger.
    session << "INSERT INTO resource_versions (name, version)"
               " SELECT name, random() & 4611686018427387903 FROM sqlite_master"
               " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'"
               " AND name NOT LIKE '%\\_search' ESCAPE '\\' AND name NOT LIKE '%\\_search\\_%' ESCAPE '\\'"
               " AND name NOT IN ('schema_migrations', 'data_version', 'resource_versions')"
               " AND name NOT IN (SELECT name FROM resource_versions)";
    return;
  }
  // Each data table's statement trigger (migration 0030's riaya_note_change), made again for a
  // table that a migration made anew.
  session << "DO $$ DECLARE data_table TEXT; BEGIN"
             " FOR data_table IN SELECT table_name FROM information_schema.tables"
             "  WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
             "  AND table_name NOT IN ('schema_migrations', 'data_version', 'resource_versions')"
             "  AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = quote_ident(table_name)::regclass"
             "   AND tgname = table_name || '_changed')"
             " LOOP"
             "  INSERT INTO resource_versions (name, version)"
             "   VALUES (data_table, floor(random() * 4611686018427387903)::BIGINT) ON CONFLICT (name) DO NOTHING;"
             "  EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I"
             " FOR EACH STATEMENT EXECUTE FUNCTION riaya_note_change()', data_table || '_changed', data_table);"
             " END LOOP; END $$";
}

std::string_view base_table(std::string_view name) {
  const auto search = name.find("_search");
  if (search == std::string_view::npos) return name;
  const auto rest = name.substr(search + 7);
  return rest.empty() || rest.starts_with('_') ? name.substr(0, search) : name;
}

TableVersions::TableVersions(std::vector<std::pair<std::string, long long>> versions) : versions_(std::move(versions)) {
  std::sort(versions_.begin(), versions_.end());
}

std::shared_ptr<const TableVersions> Database::table_versions(soci::session& session, long long stamp) {
  {
    const std::lock_guard lock(versions_mutex_);
    if (versions_ && versions_stamp_ == stamp) return versions_;
  }
  // Read outside the lock; a copy read after a later write is newer than `stamp`, never older.
  std::vector<std::pair<std::string, long long>> versions;
  for (const auto& row : Query("SELECT name, version FROM resource_versions").integers({"version"}).rows(session))
    versions.emplace_back(row.at("name").get<std::string>(), row.at("version").get<long long>());
  auto read = std::make_shared<const TableVersions>(std::move(versions));
  const std::lock_guard lock(versions_mutex_);
  versions_stamp_ = stamp;
  versions_ = read;
  return read;
}

bool TableVersions::has(std::string_view table) const {
  const auto it = std::lower_bound(versions_.begin(), versions_.end(), table,
                                   [](const auto& entry, std::string_view name) { return entry.first < name; });
  return it != versions_.end() && it->first == table;
}

long long TableVersions::of(const Tables& tables) const {
  std::uint64_t hash = 0;
  for (const auto table : tables) {
    const auto it = std::lower_bound(versions_.begin(), versions_.end(), table,
                                     [](const auto& entry, std::string_view name) { return entry.first < name; });
    if (it == versions_.end() || it->first != table)
      throw std::logic_error("a cached read names " + std::string(table) +
                             ", which has no version (resource_versions)");
    hash = mix(hash, static_cast<std::uint64_t>(it->second));
  }
  return static_cast<long long>(hash & 0x7fffffffffffffffULL);
}

bool Database::reachable() {
  try {
    int one = 0;
    read([&](soci::session& session) { session << "SELECT 1", soci::into(one); });
    return one == 1;
  } catch (const std::exception&) {
    return false;
  }
}

Database::~Database() {
  if (lock_file_ >= 0) close(lock_file_);
}

Database::Lent::Lent(Database& database)
    : db(database), position(database.pool_.lease()), session(database.pool_.at(position)) {
  if (position < db.statements_.size()) statements.emplace(*db.statements_[position]);
}

Database::Lent::~Lent() {
  statements.reset();
  db.pool_.give_back(position);
}

namespace {

// The advisory lock key servers hold shared and a restore exclusive, on PostgreSQL.
constexpr long long kServingLock = 7274930;

// Makes a file of `bytes` with its blocks allocated; false (and no file) when the disk has no room.
bool make_reserve(const std::string& path, std::size_t bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool made = posix_fallocate(fd, 0, static_cast<off_t>(bytes)) == 0 && fsync(fd) == 0;
  close(fd);
  if (!made) std::filesystem::remove(path);
  return made;
}

std::size_t free_bytes(const std::string& path) {
  struct statvfs info {};
  auto folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (statvfs(folder.c_str(), &info) != 0) return 0;
  return static_cast<std::size_t>(info.f_bavail) * info.f_frsize;
}

// Opens `path` into `fd` unless this Database already holds it open: flock locks belong to
// the open file, so a second open by the same object would be refused by its own first lock,
// where a second flock on the same file converts it.
void open_lock_file(int& fd, const std::string& path) {
  if (fd >= 0) return;
  fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
}

}  // namespace

void Database::keep_disk_reserve(std::size_t bytes) {
  if (backend_ != Backend::Sqlite) return;
  reserve_path_ = sqlite_path_ + ".reserve";
  reserve_bytes_ = bytes;
  std::error_code error;
  const bool kept = std::filesystem::file_size(reserve_path_, error) >= bytes && !error;
  disk_full_ = !kept && !make_reserve(reserve_path_, bytes);
}

void Database::checkpoint(soci::session& session) {
  try {
    session << "PRAGMA wal_checkpoint(TRUNCATE)";
  } catch (const soci::soci_error&) {
  }
}

void Database::release_reserve(soci::session& session) {
  if (reserve_path_.empty()) return;
  std::lock_guard guard(space_mutex_);
  if (!disk_full_) {
    std::filesystem::remove(reserve_path_);
    disk_full_ = true;
    spdlog::error(
        "the disk of {} is full: reserve released; writes other than log-ins are refused until {} MiB are "
        "free",
        sqlite_path_, 2 * reserve_bytes_ >> 20);
  }
  checkpoint(session);
}

bool Database::recover_space(soci::session& session) {
  std::lock_guard guard(space_mutex_);
  if (!disk_full_) return true;
  if (free_bytes(reserve_path_) < 2 * reserve_bytes_ || !make_reserve(reserve_path_, reserve_bytes_)) return false;
  checkpoint(session);
  disk_full_ = false;
  spdlog::info("the disk of {} has room again: reserve made, WAL checkpointed, writes resume", sqlite_path_);
  return true;
}

bool Database::disk_full() {
  if (!disk_full_) return false;
  return !read([&](soci::session& session) { return recover_space(session); });
}

void Database::claim_serving() {
  if (backend_ == Backend::Postgres) {
    int held = 0;
    pool_.at(0) << "SELECT pg_try_advisory_lock_shared(:key)::int", soci::use(kServingLock), soci::into(held);
    if (!held) throw std::runtime_error("a restore is running on this database: start the server once it has finished");
    return;
  }
  open_lock_file(lock_file_, sqlite_path_ + ".lock");
  if (flock(lock_file_, LOCK_SH | LOCK_NB) != 0)
    throw std::runtime_error("a restore is running on " + sqlite_path_ + ": start the server once it has finished");
}

void Database::claim_for_restore() {
  const std::string refusal =
      "a server is using this database: stop every `riaya serve` on it first, then restore (see docs/OPERATIONS.md)";
  if (backend_ == Backend::Postgres) {
    int held = 0;
    pool_.at(0) << "SELECT pg_try_advisory_lock(:key)::int", soci::use(kServingLock), soci::into(held);
    if (!held) throw std::runtime_error(refusal);
    return;
  }
  open_lock_file(lock_file_, sqlite_path_ + ".lock");
  if (flock(lock_file_, LOCK_EX | LOCK_NB) != 0) throw std::runtime_error(refusal);
}

bool is_disk_full(const std::exception& error) {
  const std::string_view what = error.what();
  return what.find("database or disk is full") != std::string_view::npos ||
         what.find("No space left on device") != std::string_view::npos ||
         what.find("could not extend file") != std::string_view::npos;
}

bool is_unique_violation(const std::exception& error) {
  const std::string_view what = error.what();
  return what.find("UNIQUE constraint failed") != std::string_view::npos ||
         what.find("duplicate key value") != std::string_view::npos;
}

}  // namespace riaya::store
