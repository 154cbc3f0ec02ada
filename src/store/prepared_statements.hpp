#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace riaya::store {

// While one lives on this thread, the statements Query runs on its session are prepared once
// and run again with new values: a statement is reused when its SQL and the kinds of its
// values (null, integer, number, text) are those of one run before. For the many rows of one
// import (store::run_import holds one), in one transaction; on SQLite and PostgreSQL alike
// (there the server keeps the prepared statement until this ends). Does not nest.
class PreparedStatements {
 public:
  explicit PreparedStatements(soci::session& session);
  ~PreparedStatements();
  PreparedStatements(const PreparedStatements&) = delete;
  PreparedStatements& operator=(const PreparedStatements&) = delete;
  // For Query: what is kept of one SQL text, run for its rows or not (its statements, by the
  // kinds of their values, and which placeholders it names), empty until Query keeps something.
  struct Cached;
  struct Kept;
  Kept& kept(const std::string& sql, bool with_rows);
  soci::session& session() const { return session_; }

 private:
  soci::session& session_;
  std::unordered_map<std::string, std::unique_ptr<Kept>> with_rows_, without_rows_;  // by SQL
};

}  // namespace riaya::store
