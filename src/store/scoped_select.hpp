#pragma once

#include "store/caller.hpp"
#include "store/query.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace riaya::store {

struct TableSpec;

// Read: what the caller may see. Write: what the caller may change. Change: Write, and the
// rows (alias r) read locked until the transaction ends, as the rows a change starts from
// (store/query.hpp, "How a write that reads before it writes…").
enum class ScopeUse { Read, Write, Change };

// The one way a store function reads a scoped table (a registry resource of
// store/registry_tables.cpp that is not reference data, or the audit log): a SELECT over the
// resource's own table (alias r) and the joins its scope needs, limited to the rows the
// caller's scope reaches for `use`. The resource's FROM clause and scope rules are known here
// only (store/scoped_select.cpp); tests/unit/scoped_select_test.cpp fails when another store
// file names a scoped table in a FROM or JOIN of its own, unless its list of reads that need
// no scope (each with its reason) names that line.
//
// Conditions added with where() are ANDed after the scope; their parameters are bound with
// bind(). Every Query made carries the scope's parameters and those bound here.
class ScopedSelect {
 public:
  // AND `condition`: SQL on alias r and the resource's joins (and any added with join()).
  ScopedSelect& where(const std::string& condition);
  ScopedSelect& bind(std::string name, nlohmann::json value);
  // AND r.archived_at IS NULL.
  ScopedSelect& live();
  // AND the resource's named filters (TableSpec::filters) that `filters` gives a value; names
  // the resource does not have are ignored. The parameter of each is its name.
  ScopedSelect& filters(const std::map<std::string, nlohmann::json>& filters);
  // More joins after the resource's own, e.g. "JOIN training_participants n ON n.staff_id = r.id".
  ScopedSelect& join(const std::string& joins);
  // One more column, "writable_" (1 or 0): whether the caller's scope reaches the row for
  // ScopeUse::Write, by the same rule scoped_select(…, ScopeUse::Write) applies. Whether the
  // role may change the resource at all is domain::may's to say.
  ScopedSelect& with_writable(const Caller& caller);
  // Only the joins scope and filters need (TableSpec::count_from), not those of the display
  // columns: for counts and sums.
  ScopedSelect& lean();
  // The rows are read in the order of an index of the resource's table, and the reading may
  // stop early (a page, a stream): for a caller of the whole country, whose scope every row
  // meets, the path's test is written `(path || '') LIKE …`, which no index serves, so that the
  // planner walks the index of the order and stops after the page instead of reading every row
  // of the country by the paths' prefix index (migration 0025) and sorting them. Not for counts,
  // sums and lookups (count() drops it): there the plain test lets the planner see that every
  // row qualifies (on PostgreSQL, the dashboard's campaigns went from 55 ms to 1 ms).
  ScopedSelect& in_index_order();
  // Another condition narrows the rows by an index of its own (SQLite's trigram search): for a
  // caller of the whole country the path's test is written so that no index serves it, as for
  // in_index_order, and count() keeps it. Else SQLite counted a search of the country by
  // looking each found row up once per commune of the country (22 ms for 203 rows found,
  // against 1 ms read from the found rows).
  ScopedSelect& narrowed_by_index();

  // "SELECT `columns` FROM … WHERE <scope and conditions>`tail`" (tail: " GROUP BY …",
  // " ORDER BY …", " LIMIT …"); for ScopeUse::Change, ended by the row lock of alias r.
  Query select(std::string_view columns, std::string_view tail = "") const;
  // SELECT COUNT(*) over the rows, with the lean joins.
  Query count() const;
  // `head` + "SELECT `columns` FROM … WHERE …" + `tail`: the rows as a subquery, e.g.
  // "… WHERE x.assessment_id IN (" + "SELECT r.id …" + ")". Not for ScopeUse::Change.
  Query around(std::string_view head, std::string_view columns, std::string_view tail) const;

 private:
  friend ScopedSelect scoped_select(std::string_view, const Caller&, ScopeUse);
  friend ScopedSelect unscoped_select(std::string_view, bool);
  ScopedSelect(const TableSpec& table, const std::string& condition,
               std::vector<std::pair<std::string, nlohmann::json>> params, bool locked, std::string country_path = {});
  std::string sql(std::string_view columns) const;

  const TableSpec* table_;
  std::string joins_;
  std::string where_;
  std::string writable_;  // ", CASE WHEN … END AS writable_" or empty
  std::vector<std::pair<std::string, nlohmann::json>> params_;
  bool locked_ = false;
  bool lean_ = false;
  std::string country_path_;  // the path tested, when the caller's territory is the whole country
  bool in_index_order_ = false;
  bool narrowed_by_index_ = false;
};

// The rows of `resource` the caller's scope reaches for `use`. `resource` must be a registry
// resource (store/registry_tables.cpp) or "audit_log". Rules beyond the generic ones:
//  - grids and the equipment catalogue (TableSpec::territory_owned): a default (no territory)
//    is read by everyone and written by the admin only; a territory's record is read in that
//    territory, above it and below it, and written by the callers whose territory holds it;
//  - assessments: an association sees its self-assessments, and the others once validated;
//  - audit_log: the entries scoped in the caller's territory (or, unscoped, made by a user of
//    it), or of the caller's association.
ScopedSelect scoped_select(std::string_view resource, const Caller& caller, ScopeUse use);

// Every row of `resource`, whoever asks, with the same FROM clause and joins: for what a write
// entails beyond what its caller may reach (a shortcoming its action resolves, the equipment
// needs an action plans), never for what a caller is answered. `locked`: read locked, as
// ScopeUse::Change.
ScopedSelect unscoped_select(std::string_view resource, bool locked = false);

// "<territory path> AS scope_path_, <association> AS scope_association_id_" for `resource`'s
// table (NULL where it has none): the columns store::scope_entry reads to scope an audit entry.
std::string scope_columns(std::string_view resource);

// The live record `id` of `resource` if it is in the caller's scope for `use`, with `columns`
// (SQL on alias r and the joins of the resource's table).
std::optional<nlohmann::json> scoped_record(soci::session& session, const Caller& caller, std::string_view resource,
                                            const std::string& columns, long long id, ScopeUse use);

// The field of `resource` whose record (an institution) scopes its records alone
// (TableSpec::scope_reference), when no rule of its table narrows that scope: a new record whose
// institution lies in the caller's write scope lies there too. Empty when there is none.
std::string_view scope_by_reference(std::string_view resource);

// The territory that owns what the caller makes in a territory-owned table (grids, the
// equipment catalogue): the caller's own (the last id of its path); null, a default, for the
// country-wide admin.
nlohmann::json territory_owner(const Caller& caller);

// The registry resources and other tables whose rows are read through scoped_select only.
std::vector<std::string> scoped_tables();

}  // namespace riaya::store
