#include "store/query.hpp"

#include "store/database.hpp"

#include "store/prepared_statements.hpp"
#include "store/query_observer.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <deque>
#include <list>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace riaya::store {
namespace {

using nlohmann::json;

// A statement no PreparedStatements keeps (a session outside the pool, a cursor's DECLARE and
// FETCH, DDL) runs once, and says so to SOCI: on PostgreSQL that is one round trip
// (PQexecParams) instead of three (PQprepare, PQexecPrepared, DEALLOCATE).
constexpr auto kRunOnce = soci::details::st_one_time_query;

// Values handed to SOCI must outlive the statement: deques keep their addresses stable.
struct Bound {
  std::deque<std::string> texts;
  std::deque<long long> integers;
  std::deque<double> numbers;
  std::deque<soci::indicator> indicators;
};

void bind_all(soci::statement& statement, Bound& bound, const std::string& sql,
              const std::vector<std::pair<std::string, json>>& params) {
  for (const auto& [name, value] : params) {
    if (find_placeholder(sql, name) == std::string::npos) continue;
    if (value.is_null()) {
      bound.texts.emplace_back();
      bound.indicators.push_back(soci::i_null);
      statement.exchange(soci::use(bound.texts.back(), bound.indicators.back(), name));
    } else if (value.is_number_integer()) {
      bound.integers.push_back(value.get<long long>());
      statement.exchange(soci::use(bound.integers.back(), name));
    } else if (value.is_number()) {
      bound.numbers.push_back(value.get<double>());
      statement.exchange(soci::use(bound.numbers.back(), name));
    } else if (value.is_boolean()) {
      bound.integers.push_back(value.get<bool>() ? 1 : 0);
      statement.exchange(soci::use(bound.integers.back(), name));
    } else if (value.is_string()) {
      bound.texts.push_back(value.get<std::string>());
      statement.exchange(soci::use(bound.texts.back(), name));
    } else {
      bound.texts.push_back(value.dump());
      statement.exchange(soci::use(bound.texts.back(), name));
    }
  }
}

// The kind of a bound value, as bind_all binds it: null, integer, number or text.
char value_kind(const json& value) {
  return value.is_null() ? 'n' : value.is_number_integer() || value.is_boolean() ? 'i' : value.is_number() ? 'd' : 't';
}

// Puts new values in the places a kept statement reads them from, in bind_all's order: the
// values of the parameters its SQL names (`used`).
void rebind(Bound& bound, const std::vector<bool>& used, const std::vector<std::pair<std::string, json>>& params) {
  auto text = bound.texts.begin();
  auto integer = bound.integers.begin();
  auto number = bound.numbers.begin();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!used[i]) continue;
    const auto& value = params[i].second;
    if (value.is_null())
      ++text;
    else if (value.is_number_integer())
      *integer++ = value.get<long long>();
    else if (value.is_number())
      *number++ = value.get<double>();
    else if (value.is_boolean())
      *integer++ = value.get<bool>() ? 1 : 0;
    else if (value.is_string())
      text++->assign(value.get_ref<const std::string&>());
    else
      *text++ = value.dump();
  }
}

thread_local PreparedStatements* prepared_statements = nullptr;

// Ends a run of a statement, whatever happened: a kept statement may run again (Cached::running),
// and a kept SQLite statement is reset, so that no read left part-way (a visitor that threw)
// keeps the connection on an old snapshot until its next run.
class RunEnd {
 public:
  RunEnd(PreparedStatements::Cached& run, const std::optional<PreparedStatements::Cached>& once);
  ~RunEnd();
  RunEnd(const RunEnd&) = delete;
  RunEnd& operator=(const RunEnd&) = delete;

 private:
  PreparedStatements::Cached* kept_ = nullptr;
};

// A date column's day as "YYYY-MM-DD".
std::string date_text(const std::tm& day) {
  return fmt::format("{:04}-{:02}-{:02}", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
}

json column_value(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return nullptr;
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return row.get<int>(i);
    case soci::dt_long_long: return row.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(i));
    case soci::dt_double: return row.get<double>(i);
    case soci::dt_date: return date_text(row.get<std::tm>(i));
    case soci::dt_string:
    case soci::dt_blob:
    case soci::dt_xml: return row.get<std::string>(i);
  }
  return nullptr;
}

}  // namespace

struct PreparedStatements::Cached {
  explicit Cached(soci::session& session) : statement(session), sqlite(session.get_backend_name() == "sqlite3") {}
  Bound bound;
  soci::row row;
  soci::statement statement;
  bool sqlite;                     // on a SQLite connection
  std::vector<std::string> names;  // of the parameters it was bound with, in order
  // Between its execution and the end of its run (RunEnd): a query run while its rows are
  // visited (the same SQL again, from the visitor) runs once instead, and it is not dropped.
  bool running = false;
  // Not yet executed without throwing (its prepare may have thrown), or its last execution threw:
  // SOCI frees the buffers of its values after a run that ends and not after one that throws, and
  // would write over them at the next, so it is made afresh instead (once the failed transaction
  // is over, when its PostgreSQL statement can be deallocated).
  bool failed = true;
};

struct PreparedStatements::Kept {
  std::unordered_map<std::string, bool> names;  // parameter name → whether the SQL names it
  // The statements prepared, by the kinds of their parameters' values (value_kind, '-' for a
  // parameter the SQL does not name).
  std::map<std::string, std::unique_ptr<Cached>, std::less<>> statements;
};

namespace {

RunEnd::RunEnd(PreparedStatements::Cached& run, const std::optional<PreparedStatements::Cached>& once) {
  if (once && &*once == &run) return;
  kept_ = &run;
}

RunEnd::~RunEnd() {
  if (!kept_) return;
  if (kept_->sqlite)
    sqlite_api::sqlite3_reset(static_cast<soci::sqlite3_statement_backend*>(kept_->statement.get_backend())->stmt_);
  kept_->running = false;
}

}  // namespace

struct PreparedStatements::Entry {
  std::unique_ptr<Kept> kept = std::make_unique<Kept>();
  std::list<std::string>::iterator position;  // in recency_
};

PreparedStatements::PreparedStatements(soci::session& session, std::size_t max_sql)
    : session_(session),
      postgres_(session.get_backend_name() == "postgresql"),
      max_sql_(std::max<std::size_t>(1, max_sql)) {}

bool PreparedStatements::keeps(const std::string& sql) const {
  const bool kind = sql.starts_with("SELECT ") || sql.starts_with("WITH ") || sql.starts_with("INSERT ") ||
                    sql.starts_with("UPDATE ") || sql.starts_with("DELETE ");
  return kind && !(postgres_ && find_placeholder(sql, "scope_path") != std::string::npos);
}

PreparedStatements::~PreparedStatements() = default;

PreparedStatements::InUse::InUse(PreparedStatements& statements) : outer_(prepared_statements) {
  prepared_statements = &statements;
}

PreparedStatements::InUse::~InUse() { prepared_statements = outer_; }

PreparedStatements::Kept& PreparedStatements::kept(const std::string& sql, bool with_rows) {
  auto key = (with_rows ? "R" : "-") + sql;
  if (const auto found = kept_.find(key); found != kept_.end()) {
    recency_.splice(recency_.begin(), recency_, found->second.position);
    return *found->second.kept;
  }
  if (kept_.size() >= max_sql_) {
    // The least recently used SQL none of whose statements is running (see Cached::running).
    const auto idle = std::find_if(recency_.rbegin(), recency_.rend(), [&](const std::string& candidate) {
      const auto& statements = kept_.at(candidate).kept->statements;
      return std::none_of(statements.begin(), statements.end(),
                          [](const auto& statement) { return statement.second->running; });
    });
    if (idle != recency_.rend()) {
      kept_.erase(*idle);
      recency_.erase(std::next(idle).base());
    }
  }
  recency_.push_front(key);
  auto& entry = kept_[std::move(key)];
  entry.position = recency_.begin();
  return *entry.kept;
}

namespace {

// The observer of set_query_observer, or null.
std::atomic<const QueryObserver*> query_observer = nullptr;

// Executes `statement` and fetches its first row, if any (whether there was one); marks it failed
// when that throws, else not.
bool execute(PreparedStatements::Cached& statement) {
  try {
    const bool found = statement.statement.execute(true);
    statement.failed = false;
    return found;
  } catch (...) {
    statement.failed = true;
    throw;
  }
}

// The statement that runs `sql` with `params` (and the row it reads into): prepared once and
// kept while PreparedStatements lives on this thread for this session (which placeholders the
// SQL names found once too), else prepared for one run (`once` holds it). Executed; `has_rows`
// says whether it found a row. Prepared for one run while ReadTables gathers on this thread (SQLite
// tells what a statement reads as it prepares it).
PreparedStatements::Cached& executed(soci::session& session, const std::string& sql,
                                     const std::vector<std::pair<std::string, json>>& params, bool with_rows,
                                     std::optional<PreparedStatements::Cached>& once, bool& has_rows) {
  if (const auto observer = query_observer.load()) (*observer)(sql, params);
  auto* cache = prepared_statements && !ReadTables::active() && &prepared_statements->session() == &session &&
                        prepared_statements->keeps(sql)
                    ? prepared_statements
                    : nullptr;
  PreparedStatements::Cached* cached = nullptr;
  if (cache) {
    auto& kept = cache->kept(sql, with_rows);
    std::vector<bool> used(params.size());
    std::string kinds(params.size(), '-');
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto [name, fresh] = kept.names.try_emplace(params[i].first, false);
      if (fresh) name->second = find_placeholder(sql, params[i].first) != std::string::npos;
      used[i] = name->second;
      if (used[i]) kinds[i] = value_kind(params[i].second);
    }
    auto [slot, fresh] = kept.statements.try_emplace(std::move(kinds));
    if (!fresh && slot->second->failed && !slot->second->running) {
      slot->second.reset();
      fresh = true;
    }
    const auto same_names = [&](const PreparedStatements::Cached& statement) {
      return std::equal(statement.names.begin(), statement.names.end(), params.begin(), params.end(),
                        [](const std::string& name, const auto& param) { return name == param.first; });
    };
    if (!fresh && same_names(*slot->second) && !slot->second->running) {
      rebind(slot->second->bound, used, params);
      has_rows = execute(*slot->second);
      slot->second->running = true;
      return *slot->second;
    }
    if (fresh) {  // else the same SQL bound in another order: run once
      slot->second = std::make_unique<PreparedStatements::Cached>(session);
      cached = slot->second.get();
      for (const auto& param : params) cached->names.push_back(param.first);
    }
  }
  if (!cached) cached = &once.emplace(session);
  cached->statement.alloc();
  cached->statement.prepare(sql, once && cached == &*once ? kRunOnce : soci::details::st_repeatable_query);
  bind_all(cached->statement, cached->bound, sql, params);
  if (with_rows) cached->statement.exchange(soci::into(cached->row));
  cached->statement.define_and_bind();
  has_rows = execute(*cached);
  cached->running = !once || cached != &*once;
  return *cached;
}

}  // namespace

void set_query_observer(const QueryObserver* observer) { query_observer.store(observer); }

std::size_t find_placeholder(const std::string& sql, std::string_view name, std::size_t start) {
  const std::string placeholder = ":" + std::string(name);
  for (auto at = sql.find(placeholder, start); at != std::string::npos; at = sql.find(placeholder, at + 1)) {
    const auto next = at + placeholder.size();
    if (next == sql.size() || !(std::isalnum(static_cast<unsigned char>(sql[next])) || sql[next] == '_')) return at;
  }
  return std::string::npos;
}

Query& Query::bind(std::string name, json value) {
  params_.emplace_back(std::move(name), std::move(value));
  return *this;
}

Query& Query::bind(const std::vector<std::pair<std::string, json>>& params) {
  params_.insert(params_.end(), params.begin(), params.end());
  return *this;
}

Query& Query::integers(std::vector<std::string> columns) {
  integer_columns_.insert(integer_columns_.end(), std::make_move_iterator(columns.begin()),
                          std::make_move_iterator(columns.end()));
  return *this;
}

Query& Query::reals(std::vector<std::string> columns) {
  real_columns_.insert(real_columns_.end(), std::make_move_iterator(columns.begin()),
                       std::make_move_iterator(columns.end()));
  return *this;
}

Query& Query::lock_rows(std::string alias) {
  lock_alias_ = std::move(alias);
  return *this;
}

std::string Query::sql_for(soci::session& session) const {
  return lock_alias_.empty() ? sql_ : sql_ + locked_rows(session, lock_alias_);
}

namespace {

// Runs `sql` with `params` and calls `visit` with each row as SOCI holds it; answers how many
// there were.
std::size_t visit_rows(soci::session& session, const std::string& sql,
                       const std::vector<std::pair<std::string, json>>& params,
                       const std::function<void(const soci::row&)>& visit) {
  std::optional<PreparedStatements::Cached> once;
  bool has_rows = false;
  auto& run = executed(session, sql, params, true, once, has_rows);
  const RunEnd end(run, once);
  if (!has_rows) return 0;
  std::size_t count = 0;
  do {
    visit(run.row);
    ++count;
  } while (run.statement.fetch());
  return count;
}

}  // namespace

json Query::object_of(const soci::row& row) const {
  json object = json::object();
  for (std::size_t i = 0; i < row.size(); ++i) object[row.get_properties(i).get_name()] = column_value(row, i);
  for (const auto& column : integer_columns_)
    if (auto it = object.find(column); it != object.end() && it->is_string())
      *it = std::stoll(it->get<std::string>());
    else if (it != object.end() && it->is_number_float())  // PostgreSQL's SUM of BIGINT: NUMERIC
      *it = std::llround(it->get<double>());
  for (const auto& column : real_columns_)
    if (auto it = object.find(column); it != object.end() && it->is_string()) {
      const auto& text = it->get_ref<const std::string&>();
      double real = 0;
      std::from_chars(text.data(), text.data() + text.size(), real);  // never the locale's comma
      *it = real;
    }
  return object;
}

void Query::each(soci::session& session, const std::function<void(json&&)>& visit) const {
  visit_rows(session, sql_for(session), params_, [&](const soci::row& row) { visit(object_of(row)); });
}

void Query::scan(soci::session& session, const std::function<void(json&&)>& visit) const {
  scan_rows(session, [&](const soci::row& row) { visit(object_of(row)); });
}

void Query::scan_rows(soci::session& session, const std::function<void(const soci::row&)>& visit) const {
  if (session.get_backend_name() != "postgresql") {
    visit_rows(session, sql_for(session), params_, visit);
    return;
  }
  constexpr std::size_t kBatch = 1000;
  soci::transaction transaction(session);  // a cursor lives in a transaction; it is rolled back, having read only
  visit_rows(session, "DECLARE riaya_scan NO SCROLL CURSOR FOR " + sql_for(session), params_, [](const soci::row&) {});
  while (visit_rows(session, "FETCH " + std::to_string(kBatch) + " FROM riaya_scan", {}, visit) == kBatch) {
  }
  transaction.rollback();
}

long long column_integer(const soci::row& row, std::size_t at) {
  switch (row.get_properties(at).get_data_type()) {
    case soci::dt_integer: return row.get<int>(at);
    case soci::dt_long_long: return row.get<long long>(at);
    case soci::dt_unsigned_long_long: return static_cast<long long>(row.get<unsigned long long>(at));
    case soci::dt_double: return std::llround(row.get<double>(at));
    default: {
      const auto text = row.get<std::string>(at);
      long long value = 0;
      std::from_chars(text.data(), text.data() + text.size(), value);
      return value;
    }
  }
}

void column_text(const soci::row& row, std::size_t at, std::string& text) {
  switch (row.get_properties(at).get_data_type()) {
    case soci::dt_string:
    case soci::dt_blob:
    case soci::dt_xml: text = row.get<std::string>(at); return;
    case soci::dt_double: text = json(row.get<double>(at)).dump(); return;
    case soci::dt_date: text = date_text(row.get<std::tm>(at)); return;
    default: text = std::to_string(column_integer(row, at));
  }
}

std::vector<json> Query::rows(soci::session& session) const {
  std::vector<json> result;
  each(session, [&](json&& row) { result.push_back(std::move(row)); });
  return result;
}

std::optional<json> Query::first(soci::session& session) const {
  auto all = rows(session);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

long long Query::scalar(soci::session& session, long long fallback) const {
  // SQLite answers a RETURNING clause through a temporary table it makes and drops at each run:
  // the id of the one row an INSERT … RETURNING id stored is the connection's last rowid (every
  // table's id is its INTEGER PRIMARY KEY) without it.
  constexpr std::string_view returning_id = " RETURNING id";
  if (sql_.ends_with(returning_id) && sql_.starts_with("INSERT ") && session.get_backend_name() == "sqlite3") {
    std::optional<PreparedStatements::Cached> once;
    bool has_rows = false;
    const auto insert = sql_.substr(0, sql_.size() - returning_id.size());
    auto& run = executed(session, insert, params_, false, once, has_rows);
    const RunEnd end(run, once);
    if (run.statement.get_affected_rows() != 1) return fallback;
    long long id = fallback;
    return session.get_last_insert_id({}, id) ? id : fallback;
  }
  const auto row = first(session);
  if (!row || row->empty()) return fallback;
  const auto& value = row->begin().value();
  if (value.is_number()) return value.get<long long>();
  if (value.is_string()) return std::stoll(value.get<std::string>());
  return fallback;
}

long long Query::execute(soci::session& session) const {
  std::optional<PreparedStatements::Cached> once;
  bool has_rows = false;
  auto& run = executed(session, sql_, params_, false, once, has_rows);
  const RunEnd end(run, once);
  return run.statement.get_affected_rows();
}

std::string locked_rows(soci::session& session, std::string_view alias) {
  if (session.get_backend_name() != "postgresql") return "";
  return " FOR UPDATE OF " + std::string(alias);
}

bool changed_one(soci::session& session, const Query& update) { return update.execute(session) == 1; }

void run_script(soci::session& session, std::string_view script) {
  std::string text;
  std::istringstream lines{std::string(script)};
  for (std::string line; std::getline(lines, line);) {
    if (auto comment = line.find("--"); comment != std::string::npos) line.erase(comment);
    text += line + "\n";
  }
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(';', start);
    // A trigger's body holds statements of its own: a statement beginning "CREATE TRIGGER" ends
    // at its "END;".
    const auto first = text.find_first_not_of(" \t\r\n", start);
    if (first != std::string::npos && text.compare(first, 14, "CREATE TRIGGER") == 0)
      if (const auto body_end = text.find("END;", first); body_end != std::string::npos) end = body_end + 3;
    // A PostgreSQL function or DO block quotes its body with $$: the statement ends at the first
    // semicolon after the closing $$.
    if (const auto opening = text.find("$$", start); opening != std::string::npos && opening < end)
      if (const auto closing = text.find("$$", opening + 2); closing != std::string::npos)
        end = text.find(';', closing);
    if (end == std::string::npos) end = text.size();
    const auto statement = text.substr(start, end - start);
    if (statement.find_first_not_of(" \t\r\n") != std::string::npos) session << statement;
    start = end + 1;
  }
}

std::string utc_now() { return utc_after(0); }

std::string utc_after(long long seconds) {
  const auto at = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + seconds;
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(at));
}

}  // namespace riaya::store
