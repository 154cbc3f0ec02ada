#pragma once

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace riaya::store {

// One SQL statement with named parameters (":name") bound from JSON values (null, string,
// integer, number), and its answer read back as JSON objects keyed by column name:
// SQL NULL → null, integers → numbers, REAL → numbers, text → strings. The same code runs
// on SQLite and PostgreSQL. SQL text is always ours; user input only ever travels in
// parameters. Errors from the database propagate as soci::soci_error.
class Query {
 public:
  explicit Query(std::string sql) : sql_(std::move(sql)) {}

  // Parameters the SQL does not mention are ignored, so one set can serve a count and a page.
  Query& bind(std::string name, nlohmann::json value);
  // Binds every (name, value) pair, e.g. the parameters of a scope condition.
  Query& bind(const std::vector<std::pair<std::string, nlohmann::json>>& params);
  // Reads these columns as integers. SQLite gives computed columns (COUNT, SUM) no declared
  // type, so without this they would come back as text there and as numbers on PostgreSQL.
  Query& integers(std::vector<std::string> columns);
  const std::string& sql() const { return sql_; }

  std::vector<nlohmann::json> rows(soci::session& session) const;
  std::optional<nlohmann::json> first(soci::session& session) const;
  // The first column of the first row as an integer; `fallback` when there is no row or it is NULL.
  long long scalar(soci::session& session, long long fallback = 0) const;
  // Runs a statement that returns no rows; answers the number of rows it changed.
  long long execute(soci::session& session) const;

 private:
  std::string sql_;
  std::vector<std::pair<std::string, nlohmann::json>> params_;
  std::vector<std::string> integer_columns_;
};

// Runs every statement of a SQL script (separated by ';', "--" comments removed).
void run_script(soci::session& session, std::string_view script);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ", the form every timestamp is stored in.
std::string utc_now();
// `seconds` from now, in the same form.
std::string utc_after(long long seconds);

}  // namespace riaya::store
