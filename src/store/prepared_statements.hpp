#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

namespace riaya::store {

// The statements one database connection keeps prepared, for its life: while they are in use on
// a thread (InUse), the statements store::Query runs on that connection are prepared once and
// run again with new values. A statement is reused when its SQL and the kinds of its values
// (null, integer, number, text) are those of an earlier run; on PostgreSQL the server keeps it
// (a named prepared statement: parsed and planned once), on SQLite the connection does. Only
// SELECT, WITH, INSERT, UPDATE and DELETE are kept (PostgreSQL prepares nothing else; DDL and
// transaction control run once), and on PostgreSQL not one that tests the caller's territory
// path (":scope_path", see keeps). At most `max_sql` SQL texts are kept, the least recently used
// dropped first (its statements deallocated; never one whose rows are being visited), so SQL
// made from filters cannot grow it for ever. A statement run again while its rows are visited
// (the same SQL from the visitor) runs once beside it.
// store::Database gives each pooled connection one, in use while the connection is lent.
class PreparedStatements {
 public:
  static constexpr std::size_t kDefaultMaxSql = 256;
  explicit PreparedStatements(soci::session& session, std::size_t max_sql = kDefaultMaxSql);
  ~PreparedStatements();
  PreparedStatements(const PreparedStatements&) = delete;
  PreparedStatements& operator=(const PreparedStatements&) = delete;

  // Makes `statements` the ones Query uses on this thread for their session, for its life; the
  // ones in use before come back after (a read lent inside a write, on another connection).
  class InUse {
   public:
    explicit InUse(PreparedStatements& statements);
    ~InUse();
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;

   private:
    PreparedStatements* outer_;
  };

  // For Query: what is kept of one SQL text, run for its rows or not (its statements, by the
  // kinds of their values, and which placeholders it names), empty until Query keeps something;
  // made the most recently used.
  struct Cached;
  struct Kept;
  Kept& kept(const std::string& sql, bool with_rows);
  // Whether `sql` is kept: a query or a change of rows. On PostgreSQL, not one that names the
  // scope's path (`path LIKE :scope_path`): after five runs PostgreSQL runs a kept statement with
  // a plan made without its values, and a scope's path is the whole country or one commune,
  // each needing its own plan (the country's dashboard: 169 ms kept, 66 ms planned with its
  // values). Planning at every run instead (plan_cache_mode force_custom_plan) would cost every
  // statement: the session query took 0.85 ms a run so, 0.09 ms kept (pgbench, docs/PERFORMANCE.md).
  bool keeps(const std::string& sql) const;
  soci::session& session() const { return session_; }
  // SQL texts kept now (for tests).
  std::size_t size() const { return kept_.size(); }

 private:
  struct Entry;
  soci::session& session_;
  bool postgres_;
  std::size_t max_sql_;
  std::list<std::string> recency_;               // keys of kept_, most recent first
  std::unordered_map<std::string, Entry> kept_;  // by "R" or "-" (with rows or not) and the SQL
};

}  // namespace riaya::store
