#pragma once

#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>

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
  // For Query: the statement kept for `key` (its SQL and the kinds of its values), empty until
  // Query prepares it.
  struct Cached;
  std::unique_ptr<Cached>& slot(const std::string& key);
  soci::session& session() const { return session_; }

 private:
  soci::session& session_;
  std::map<std::string, std::unique_ptr<Cached>> statements_;
};

}  // namespace riaya::store
