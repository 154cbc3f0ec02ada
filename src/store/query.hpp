#pragma once

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace riaya::store {

// The position of the placeholder ":name" in `sql` at or after `start` (":name_longer" is
// another placeholder), or std::string::npos.
std::size_t find_placeholder(const std::string& sql, std::string_view name, std::size_t start = 0);

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
  // Reads these columns (and those named before) as integers. SQLite gives computed columns (COUNT, SUM) no declared
  // type, so without this they would come back as text there; PostgreSQL sums BIGINT as NUMERIC, read as a float.
  Query& integers(std::vector<std::string> columns);
  // The same for columns to read as numbers (a SUM of REAL columns).
  Query& reals(std::vector<std::string> columns);
  // Ends the SELECT, when it runs, with locked_rows(session, alias): the rows of `alias` a
  // change starts from (rule 1 below). How store::scoped_select locks for ScopeUse::Change.
  Query& lock_rows(std::string alias);
  const std::string& sql() const { return sql_; }

  std::vector<nlohmann::json> rows(soci::session& session) const;
  // Calls `visit` with each row in turn, as the database hands them over (SQLite steps through
  // the result; libpq has received it whole).
  void each(soci::session& session, const std::function<void(nlohmann::json&&)>& visit) const;
  // each() for a result of any size, read in the session's own transaction: on PostgreSQL
  // through a cursor, 1,000 rows at a time, so that memory does not grow with rows (SQLite
  // steps through the result anyway). The session must not be in a transaction already.
  void scan(soci::session& session, const std::function<void(nlohmann::json&&)>& visit) const;
  // scan() without JSON, for reads of any size that turn each row straight into something else
  // (an export's cells): `visit` reads each row as SOCI holds it, columns by position and typed as
  // the database types them (column_integer, column_text). The row is reused for the next one.
  void scan_rows(soci::session& session, const std::function<void(const soci::row&)>& visit) const;
  // A row `visit` of scan_rows() was given, as each() and scan() give it: an object keyed by column
  // name, with this query's integer and real columns read as numbers.
  nlohmann::json object_of(const soci::row& row) const;
  std::optional<nlohmann::json> first(soci::session& session) const;
  // The first column of the first row as an integer; `fallback` when there is no row or it is NULL.
  long long scalar(soci::session& session, long long fallback = 0) const;
  // Runs a statement that returns no rows; answers the number of rows it changed.
  long long execute(soci::session& session) const;

 private:
  std::string sql_;
  std::vector<std::pair<std::string, nlohmann::json>> params_;
  std::vector<std::string> integer_columns_, real_columns_;
  std::string lock_alias_;  // empty: no lock

  std::string sql_for(soci::session& session) const;
};

// How a write that reads before it writes stays right while others write at once. Every write
// is one Database::write transaction: READ COMMITTED on PostgreSQL, where two servers (or two
// connections) may run the same change at the same moment; serialised on SQLite.
//  1. The row a change starts from is read locked: the record whose version the caller sent
//     (ScopeUse::Change in store/scoped_select.hpp), and the parent row of any rule over the sum or
//     count of its children (a grant before its funding lines are summed, a shortcoming before
//     its actions are counted). The SELECT ends with locked_rows(session) (what
//     store::scoped_select adds for ScopeUse::Change, via Query::lock_rows): on PostgreSQL
//     "FOR UPDATE OF r" holds the row until the transaction ends, so a concurrent writer of the
//     same row waits, then reads the row's columns as committed (its new version included)
//     and is refused with a conflict; on SQLite writers already run one at a time and nothing
//     is added. The children are summed by a later statement than the one that locks: under
//     READ COMMITTED a statement sees what was committed before it started, so a sum inside
//     the locking SELECT would miss what the writer it waited for added.
//  2. Every UPDATE that carries the version the caller read (WHERE id = :id AND version =
//     :version) checks with changed_one() that it changed its row, and refuses the change with
//     Conflict (detail "current": the record as it now is) when it did not. A refused change
//     returns its error, so Database::write rolls everything back, audit entry included.
// " FOR UPDATE OF <alias>" on PostgreSQL, "" on SQLite: ends a SELECT whose rows of table
// alias `alias` a change starts from (rule 1). Not with DISTINCT, GROUP BY or aggregates at
// the top level of the SELECT.
std::string locked_rows(soci::session& session, std::string_view alias = "r");

// Column `at` of `row` (not NULL) as an integer, whatever integer type the backend gave it; a
// NUMERIC (PostgreSQL's SUM of BIGINT) rounded; a text (SQLite's computed columns) parsed.
long long column_integer(const soci::row& row, std::size_t at);
// Column `at` of `row` (not NULL) as text into `text`: a date as "YYYY-MM-DD", a number as JSON
// writes it (what a list answers).
void column_text(const soci::row& row, std::size_t at, std::string& text);

// Runs a versioned UPDATE (rule 2): whether it changed exactly one row.
bool changed_one(soci::session& session, const Query& update);

// Runs every statement of a SQL script (separated by ';', "--" comments removed; a trigger or a
// $$-quoted body kept whole).
void run_script(soci::session& session, std::string_view script);

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ", the form every timestamp is stored in.
std::string utc_now();
// `seconds` from now, in the same form.
std::string utc_after(long long seconds);

}  // namespace riaya::store
