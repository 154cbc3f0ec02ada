#pragma once

#include "domain/error.hpp"
#include "store/prepared_statements.hpp"

#include <soci/soci.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace riaya::store {

// The audit entries a transaction wrote on this thread (store/audit.cpp): chained into the
// audit trail's hash chain just before the transaction commits, taking the chain's head
// until the commit; forgotten when it rolls back.
void chain_pending_audit(soci::session& session);
void forget_pending_audit();

enum class Backend { Sqlite, Postgres };

// The data tables a cached answer reads (table resource_versions names them all), e.g.
// {"institutions", "territories"}: the answer is kept while their versions are unchanged.
using Tables = std::vector<std::string_view>;

// The version of every data table (table resource_versions), by name, sorted: one copy per
// server, shared by the requests while no write renews it (Database::table_versions).
class TableVersions {
 public:
  TableVersions() = default;
  explicit TableVersions(std::vector<std::pair<std::string, long long>> versions);
  // One number for the versions of `tables`, changing when any of them changes. Throws
  // std::logic_error naming a table that has no version (not a data table).
  long long of(const Tables& tables) const;
  // Whether `table` has a version (is a data table).
  bool has(std::string_view table) const;

 private:
  std::vector<std::pair<std::string, long long>> versions_;
};

// Renews the version of each of `tables` that is a data table, in name order (PostgreSQL locks
// each row: servers writing at once take them in the same order and never deadlock).
void renew_versions(soci::session& session, std::vector<std::string> tables);
// Renews every table's version (after a restore, a migration, a bulk load made outside write());
// nothing when the database has no resource_versions yet. Both also renew data_version.
void renew_all_versions(soci::session& session);
// Gives each data table that has none its version (and on PostgreSQL its trigger, which tells
// Database::write that a statement changed the table): run after the migrations.
void register_data_tables(soci::session& session);

// The data table `name` belongs to: itself, or for an FTS5 index of migration 0026 (a virtual
// table "X_search" and its shadow tables "X_search_data", …) its base table X.
std::string_view base_table(std::string_view name);

// While one lives, the data tables SQLite reads on this thread are gathered in `tables` (base
// tables, see base_table): the API tests check that a cached answer reads only the tables it
// declares. Only while watch_reads(true); nothing on PostgreSQL.
// Statements prepared once a connection (PreparedStatements) are prepared again meanwhile, as
// SQLite tells what a statement reads when it is prepared.
class ReadTables {
 public:
  ReadTables();
  ~ReadTables();
  ReadTables(const ReadTables&) = delete;
  ReadTables& operator=(const ReadTables&) = delete;
  std::vector<std::string> tables;  // sorted, each once
  // Whether ReadTables gather on this thread now.
  static bool active();
  // Notes that `table` was read, in the ReadTables gathering on this thread, if any (a read made
  // on another thread for this one gives its tables here).
  static void add(std::string_view table);
  // Whether ReadTables gather (for tests: SQLite's authorizer tells what each statement reads as
  // it is prepared, and statements are then prepared for each run).
  static void watch_reads(bool watch);
  static bool watching();

 private:
  ReadTables* outer_;
};

// Whether a database error says the disk is full: SQLite's SQLITE_FULL ("database or disk is
// full"), PostgreSQL's SQLSTATE 53100 ("could not extend file …: No space left on device").
bool is_disk_full(const std::exception& error);

// A pool of connections to Riaya's database. Thread-safe: any thread may call read() and
// write() at once; each call borrows one pooled session for its duration.
class Database {
 public:
  // Opens `connections` sessions on `url`: "sqlite:PATH" (created if missing; WAL, foreign
  // keys on, busy timeout 10 s) or "postgresql://user:password@host:port/name" (any libpq URI).
  // On SQLite the connections share `sqlite_cache_mib` of page cache between them (each gets
  // its share, at least 1 MiB), so the server's memory does not grow with the worker count.
  // Throws std::runtime_error with a readable reason when the URL is malformed or the
  // database cannot be reached.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t connections,
                                        std::size_t sqlite_cache_mib = kDefaultSqliteCacheMib);
  static constexpr std::size_t kDefaultSqliteCacheMib = 128;

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // The SQLite file path; empty on PostgreSQL.
  const std::string& sqlite_path() const { return sqlite_path_; }

  // Runs `work(session)` on a pooled session outside any explicit transaction.
  template <class Work>
  auto read(Work&& work) {
    Lent lent(*this);
    const InUse counted(in_use_);
    return work(lent.session);
  }

  // Runs `work(session)` inside one transaction. `work` returns a domain::Result: the
  // transaction commits when it holds a value and rolls back when it holds an error or
  // when `work` throws (the exception propagates). On SQLite writers are serialised and
  // the transaction is BEGIN IMMEDIATE, so it never fails half-way for a lock upgrade.
  // A committed write also renews the version of each table it changed (renew_versions; SQLite
  // tells which through its update hook, PostgreSQL through the statement triggers of migration
  // 0030): an answer computed from some tables stays valid while their versions are unchanged,
  // whichever server writes.
  template <class Work>
  auto write(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    return transaction(std::forward<Work>(work), Versioning::Change, Priority::Ordinary);
  }

  // write() for what keeps people signed in: log-in attempts, opening, refreshing and closing a
  // session. It runs even while the disk is full (on SQLite it may use the space of the released
  // reserve, see keep_disk_reserve), where write() answers DiskFull without trying. Its audit
  // entries join the chain, but it leaves the table versions alone: no answer kept in a cache
  // reads sessions, log-in counts or the audit of log-ins, so signing in empties no cache.
  template <class Work>
  auto write_essential(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    return transaction(std::forward<Work>(work), Versioning::Bookkeeping, Priority::Essential);
  }

  // write() for migrations: leaves the table versions alone (store::migrate renews them all
  // once it has applied a migration, as SQL's DDL escapes the update hook). On SQLite it runs
  // with foreign keys off, so that a migration can rebuild a table the way SQLite's ALTER TABLE
  // documentation says, and checks them all (PRAGMA foreign_key_check) before it commits: a
  // violation throws and rolls the migration back.
  template <class Work>
  auto write_schema(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    return transaction(std::forward<Work>(work), Versioning::Schema, Priority::Ordinary);
  }

  // The COLLATE clause that orders text as Arabic readers expect (ICU's "ar" collation:
  // أ إ آ ا together, Latin after Arabic, case and accents secondary), for ORDER BY.
  std::string_view arabic_collation() const {
    return backend_ == Backend::Sqlite ? "COLLATE riaya_ar" : "COLLATE \"ar-x-icu\"";
  }

  // Whether the database answers a trivial query now.
  bool reachable();

  // Every table's version as of `stamp` (table data_version, read with the session, which each
  // renewal of a version changes). Read from resource_versions on `session` only when the stamp
  // differs from the last one read: under reads alone, every request shares one copy.
  std::shared_ptr<const TableVersions> table_versions(soci::session& session, long long stamp);

  // SQLite (the server): keeps a reserve file of `bytes` beside the database, so that a full disk
  // still leaves room to sign in and to checkpoint the WAL. The first write that meets a full disk
  // deletes the reserve; from then on write() answers DiskFull without trying while
  // write_essential() and reads go on, until the disk again has twice `bytes` free: then the
  // reserve is made again, the WAL is checkpointed (TRUNCATE) and writes resume. Starts in that
  // state when the reserve cannot be made. Does nothing on PostgreSQL.
  void keep_disk_reserve(std::size_t bytes);
  static constexpr std::size_t kDefaultDiskReserve = 16 << 20;

  // Whether ordinary writes are refused for want of disk space (see keep_disk_reserve); checks
  // whether space has returned first.
  bool disk_full();

  // Marks this process as serving the database until it exits, so that a restore refuses to run
  // (SQLite: a shared flock on PATH.lock; PostgreSQL: a shared advisory lock on a connection).
  // Throws std::runtime_error when a restore holds the database.
  void claim_serving();
  // Takes the database for a restore until this object is destroyed. Throws std::runtime_error
  // saying to stop the servers first when a server (claim_serving) uses it.
  void claim_for_restore();

  // Pooled sessions borrowed now by read() and the writes, and the pool's size (for /metrics).
  std::size_t connections_in_use() const { return in_use_.load(std::memory_order_relaxed); }
  std::size_t connections() const { return connections_; }

  // Whether the server is still starting (migrations, reference data): `riaya serve` listens at
  // once and sets this around its start, while API requests wait (503) and /readyz says so.
  bool migrating() const { return migrating_.load(std::memory_order_relaxed); }
  void set_migrating(bool migrating) { migrating_.store(migrating, std::memory_order_relaxed); }

  explicit Database(std::size_t connections) : connections_(connections), pool_(connections) {}
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

 private:
  // What a transaction does to the table versions and the audit chain: Change renews the versions
  // of the tables it changed and chains its audit entries; Bookkeeping only chains them; Schema
  // does neither (and runs with SQLite's foreign keys off, checked before the commit).
  enum class Versioning { Change, Bookkeeping, Schema };
  // Counts a borrowed session for its life.
  struct InUse {
    explicit InUse(std::atomic<std::size_t>& count) : count_(count) { count_.fetch_add(1, std::memory_order_relaxed); }
    ~InUse() { count_.fetch_sub(1, std::memory_order_relaxed); }
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;
    std::atomic<std::size_t>& count_;
  };
  enum class Priority { Ordinary, Essential };
  // One pooled connection, lent for the life of this object, with its kept statements in use
  // on this thread (Query prepares each statement once a connection).
  struct Lent {
    explicit Lent(Database& db);
    ~Lent();
    Lent(const Lent&) = delete;
    Lent& operator=(const Lent&) = delete;
    Database& db;
    std::size_t position;
    soci::session& session;
    std::optional<PreparedStatements::InUse> statements;
  };

  template <class Work>
  auto transaction(Work&& work, Versioning versioning, Priority priority)
      -> decltype(work(std::declval<soci::session&>())) {
    std::unique_lock lock(write_mutex_, std::defer_lock);
    if (backend_ == Backend::Sqlite) lock.lock();
    Lent lent(*this);
    auto& session = lent.session;
    const InUse counted(in_use_);
    if (disk_full_ && !recover_space(session) && priority == Priority::Ordinary)
      return domain::fail(domain::ErrorCode::DiskFull);
    const ForeignKeysOff schema_change(session, backend_ == Backend::Sqlite && versioning == Versioning::Schema);
    session << (backend_ == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    if (backend_ == Backend::Sqlite) changed_[lent.position]->clear();
    forget_pending_audit();
    try {
      auto result = work(session);
      if (result && versioning == Versioning::Schema && backend_ == Backend::Sqlite) check_foreign_keys(session);
      if (result && versioning != Versioning::Schema) {
        if (versioning == Versioning::Change) renew_versions(session, changed_tables(lent));
        // Last, so that the chain's head is the last lock the transaction takes and the
        // chain follows commit order.
        chain_pending_audit(session);
      }
      if (!result) forget_pending_audit();
      session << (result ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (const std::exception& error) {
      forget_pending_audit();
      try {
        session << "ROLLBACK";
      } catch (...) {
      }
      if (!is_disk_full(error)) throw;
      release_reserve(session);
      return domain::fail(domain::ErrorCode::DiskFull);
    }
  }
  // Switches SQLite's foreign keys off on `session` for its life when `off` (PRAGMA
  // foreign_keys does nothing inside a transaction: made before BEGIN, undone after the end).
  class ForeignKeysOff {
   public:
    ForeignKeysOff(soci::session& session, bool off);
    ~ForeignKeysOff();
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

   private:
    soci::session* session_;
  };
  // Throws std::runtime_error naming the first row that violates a foreign key (SQLite).
  static void check_foreign_keys(soci::session& session);
  // The tables the transaction on `lent` has changed so far (SQLite: gathered by the update
  // hook in changed_; PostgreSQL: the setting riaya.changed_tables of migration 0030).
  std::vector<std::string> changed_tables(Lent& lent);
  // After a write met a full disk: deletes the reserve (if any), enters the full state and
  // checkpoints the WAL to give its space back.
  void release_reserve(soci::session& session);
  // In the full state: when the disk has twice the reserve free, makes the reserve again,
  // checkpoints the WAL and leaves the state. Whether writes may go on.
  bool recover_space(soci::session& session);
  void checkpoint(soci::session& session);

  std::string reserve_path_;  // empty: no reserve kept
  std::size_t reserve_bytes_ = 0;
  std::atomic<bool> disk_full_ = false;
  std::mutex space_mutex_;
  int lock_file_ = -1;

  Backend backend_ = Backend::Sqlite;
  std::string url_;
  std::string sqlite_path_;
  std::atomic<std::size_t> in_use_ = 0;
  std::atomic<bool> migrating_ = false;
  std::size_t connections_;
  soci::connection_pool pool_;
  std::vector<std::unique_ptr<PreparedStatements>> statements_;  // by pool position, once open
  // SQLite: the tables changed by each connection's transaction (its update hook), by pool position.
  std::vector<std::unique_ptr<std::vector<std::string>>> changed_;
  std::mutex write_mutex_;
  std::mutex versions_mutex_;  // guards the last versions read (table_versions)
  long long versions_stamp_ = 0;
  std::shared_ptr<const TableVersions> versions_;
};

// Whether a database error is a unique-constraint violation (a duplicate that a concurrent
// writer slipped in between our check and our insert).
bool is_unique_violation(const std::exception& error);

}  // namespace riaya::store
