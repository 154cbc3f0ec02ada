#pragma once

#include "domain/error.hpp"

#include <soci/soci.h>

#include <memory>
#include <mutex>
#include <string>

namespace riaya::store {

enum class Backend { Sqlite, Postgres };

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
    soci::session session(pool_);
    return work(session);
  }

  // Runs `work(session)` inside one transaction. `work` returns a domain::Result: the
  // transaction commits when it holds a value and rolls back when it holds an error or
  // when `work` throws (the exception propagates). On SQLite writers are serialised and
  // the transaction is BEGIN IMMEDIATE, so it never fails half-way for a lock upgrade.
  // A committed write also sets the data version (table data_version) to a new random
  // number: an answer computed at one version stays valid while it is unchanged, whichever
  // server writes. Random, so restoring an old copy never brings back a number that once
  // meant other data.
  template <class Work>
  auto write(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    return transaction(std::forward<Work>(work), Versioning::Change);
  }

  // write() for migrations: leaves the data version alone (its table may not exist yet).
  template <class Work>
  auto write_schema(Work&& work) -> decltype(work(std::declval<soci::session&>())) {
    return transaction(std::forward<Work>(work), Versioning::Keep);
  }

  // The COLLATE clause that orders text as Arabic readers expect (ICU's "ar" collation:
  // أ إ آ ا together, Latin after Arabic, case and accents secondary), for ORDER BY.
  std::string_view arabic_collation() const {
    return backend_ == Backend::Sqlite ? "COLLATE riaya_ar" : "COLLATE \"ar-x-icu\"";
  }

  // Whether the database answers a trivial query now.
  bool reachable();

  explicit Database(std::size_t connections) : pool_(connections) {}

 private:
  enum class Versioning { Change, Keep };

  template <class Work>
  auto transaction(Work&& work, Versioning versioning) -> decltype(work(std::declval<soci::session&>())) {
    std::unique_lock lock(write_mutex_, std::defer_lock);
    if (backend_ == Backend::Sqlite) lock.lock();
    soci::session session(pool_);
    session << (backend_ == Backend::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      auto result = work(session);
      if (result && versioning == Versioning::Change) change_version(session);
      session << (result ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (...) {
      try {
        session << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }
  static void change_version(soci::session& session);

  Backend backend_ = Backend::Sqlite;
  std::string url_;
  std::string sqlite_path_;
  soci::connection_pool pool_;
  std::mutex write_mutex_;
};

// Whether a database error is a unique-constraint violation (a duplicate that a concurrent
// writer slipped in between our check and our insert).
bool is_unique_violation(const std::exception& error);

}  // namespace riaya::store
