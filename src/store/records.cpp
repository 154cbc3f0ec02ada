#include "store/records.hpp"

#include "domain/dates.hpp"
#include "domain/search_key.hpp"
#include "store/audit.hpp"
#include "store/field_cipher.hpp"
#include "store/query.hpp"
#include "store/registry_tables.hpp"
#include "store/sort_keys.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace riaya::store {

namespace {

using domain::EntitySpec;
using domain::ErrorCode;
using domain::fail;
using domain::FieldType;
using domain::Result;
using nlohmann::json;

constexpr std::size_t kMaxSearchWords = 8;
constexpr std::string_view kLevels[] = {"country", "region", "province", "commune"};

const TableSpec& table_of(const EntitySpec& spec) { return *find_table(spec.resource); }

// The columns of a record as stored: its fields, its display columns and its scope columns.
std::string record_columns(const EntitySpec& spec) {
  const auto& table = table_of(spec);
  std::string sql = "r.id";
  for (const auto& field : spec.fields) sql += ", r." + std::string(field.name);
  sql += ", r.version, r.created_at, r.updated_at, r.archived_at";
  if (!table.display_columns.empty()) sql += ", " + std::string(table.display_columns);
  return sql + ", " + scope_columns(spec.resource);
}

}  // namespace

std::string display_columns(std::string_view resource) { return std::string(find_table(resource)->display_columns); }

namespace {

// The value stored for `field`: sealed with the field key when the field is (FieldSpec::sealed),
// so that neither the table nor the audit trail holds it in clear.
json stored_value(const domain::FieldSpec& field, const json& value) {
  if (!field.sealed || !value.is_string()) return value;
  return seal_field(value.get<std::string>());
}

// Turns a stored row into what the caller may see.
json present(const EntitySpec& spec, const Caller& caller, json row) {
  for (const auto& field : spec.fields)
    if (auto value = row.find(std::string(field.name)); field.sealed && value != row.end() && value->is_string()) {
      const auto plain = open_field(value->get<std::string>());
      *value = plain ? json(*plain) : json(nullptr);
    }
  row.erase("scope_path_");
  row.erase("scope_association_id_");
  if (const auto writable = row.find("writable_"); writable != row.end()) {
    row["editable"] =
        writable->get<long long>() == 1 && domain::may(caller.role, spec.resource, domain::Action::Update);
    row.erase("writable_");
  }
  if (const auto complete = table_of(spec).complete) complete(row);
  if (!domain::sees_personal_data(caller.role))
    for (const auto& field : spec.fields)
      if (field.personal) row.erase(std::string(field.name));
  return row;
}

// The record as stored (with its scope columns), if the caller's scope reaches it; with
// "writable_" (ScopedSelect::with_writable) when `writable`.
std::optional<json> fetch(soci::session& session, const EntitySpec& spec, const Caller& caller, long long id,
                          ScopeUse use, bool writable = false) {
  auto select = scoped_select(spec.resource, caller, use);
  if (writable) select.with_writable(caller);
  return select.where("r.id = :id")
      .bind("id", id)
      .select(record_columns(spec))
      .bind("today", domain::today_iso())
      .integers(table_of(spec).integer_columns)
      .first(session);
}

// Conflict with the record as it now is: a versioned UPDATE found it at another version.
std::unexpected<domain::Error> conflict(soci::session& session, const EntitySpec& spec, const Caller& caller,
                                        long long id) {
  const auto current = fetch(session, spec, caller, id, ScopeUse::Read);
  return fail(ErrorCode::Conflict, "version", {{"current", current ? present(spec, caller, *current) : json(nullptr)}});
}

// The folded text of the searchable fields, or of those that are not personal only.
std::string record_search_key(const EntitySpec& spec, const json& values, bool with_personal = true) {
  std::string key;
  for (const auto& field : spec.fields) {
    if (!field.searchable || (field.personal && !with_personal)) continue;
    const auto& value = values[std::string(field.name)];
    if (!value.is_string()) continue;
    if (!key.empty()) key += ' ';
    key += domain::search_key(value.get<std::string>());
  }
  return key;
}

// The number of characters (code points) of valid UTF-8 `text`: what a trigram counts.
std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// Whether a searchable field is personal: the records then keep a second key without them,
// public_search_key, searched for the callers who may not see personal data.
bool has_personal_search(const EntitySpec& spec) {
  return std::any_of(spec.fields.begin(), spec.fields.end(),
                     [](const auto& field) { return field.personal && field.searchable; });
}

}  // namespace

// What insert_record and read_once reach of the batch of this thread.
class InsertBatchAccess {
 public:
  static thread_local InsertBatch* current;
  static std::unordered_set<std::string>& found(InsertBatch& batch) { return batch.found_; }
  static std::map<std::string, std::optional<json>>& reads(InsertBatch& batch) { return batch.reads_; }
  static std::map<std::string, std::vector<long long>>& created(InsertBatch& batch) { return batch.created_; }
};

thread_local InsertBatch* InsertBatchAccess::current = nullptr;

InsertBatch::InsertBatch() {
  if (InsertBatchAccess::current) throw std::logic_error("insert batches do not nest");
  InsertBatchAccess::current = this;
}

InsertBatch::~InsertBatch() { InsertBatchAccess::current = nullptr; }

std::optional<json> read_once(const std::string& key, const std::function<std::optional<json>()>& read) {
  auto* batch = InsertBatchAccess::current;
  if (!batch) return read();
  auto& reads = InsertBatchAccess::reads(*batch);
  if (const auto known = reads.find(key); known != reads.end()) return known->second;
  return reads.emplace(key, read()).first->second;
}

namespace {

// The key a reference found in the caller's scope is remembered by in a batch.
std::string found_key(std::string_view resource, std::string_view level, const json& id) {
  return std::string(resource) + " " + std::string(level) + " " + id.dump();
}

Result<void> check_references(soci::session& session, const EntitySpec& spec, const Caller& caller,
                              const json& values) {
  for (const auto& field : spec.fields) {
    const auto& value = values[std::string(field.name)];
    if (value.is_null()) continue;
    const std::string name(field.name);
    if (field.type == FieldType::CodeReference) {
      Query query("SELECT COUNT(*) FROM " + std::string(field.references) +
                  " WHERE code = :code AND archived_at IS NULL");
      if (query.bind("code", value).scalar(session) == 0) return fail(ErrorCode::InvalidReference, name);
    } else if (field.type == FieldType::Reference) {
      // A campaign may use any grid its caller may read, a need any catalogue item; every other
      // reference must lie in the caller's write scope. Elsewhere and nowhere are the same
      // InvalidReference.
      auto* batch = InsertBatchAccess::current;
      const auto key = found_key(field.references, field.reference_level, value);
      if (batch && InsertBatchAccess::found(*batch).contains(key)) continue;
      const auto use = find_table(field.references)->territory_owned ? ScopeUse::Read : ScopeUse::Write;
      auto target = scoped_select(field.references, caller, use);
      target.where("r.id = :id").live().bind("id", value);
      if (!field.reference_level.empty()) target.where("r.level = '" + std::string(field.reference_level) + "'");
      if (target.select("COUNT(*)").scalar(session) == 0) return fail(ErrorCode::InvalidReference, name);
      if (batch) InsertBatchAccess::found(*batch).insert(key);
    }
  }
  return {};
}

// Within an InsertBatch, whether the new record of `spec` with `values` lies in the caller's write
// scope by construction: its table's scope is that of its TableSpec::scope_reference, which
// check_references found in the caller's write scope (or the batch created there), and no rule
// of the table narrows it.
bool scope_follows_reference(const EntitySpec& spec, const json& values) {
  auto* batch = InsertBatchAccess::current;
  const auto reference = scope_by_reference(spec.resource);
  if (!batch || reference.empty()) return false;
  const auto* field = spec.field(reference);
  if (!field || field->type != FieldType::Reference || field->references != "institutions") return false;
  const auto& value = values[std::string(field->name)];
  return !value.is_null() &&
         InsertBatchAccess::found(*batch).contains(found_key(field->references, field->reference_level, value));
}

// A unique field's value is free: in the whole table, or for a territory-owned table (grids,
// the equipment catalogue) among the records the caller reads, archived ones included, so a
// duplicate never tells of another province's record.
Result<void> check_unique(soci::session& session, const EntitySpec& spec, const Caller& caller, const json& values,
                          std::optional<long long> self) {
  for (const auto& field : spec.fields) {
    const auto& value = values[std::string(field.name)];
    if (!field.unique || value.is_null()) continue;
    const std::string same = "r." + std::string(field.name) + " = :value AND r.id <> :self";
    auto query = table_of(spec).territory_owned
                     ? scoped_select(spec.resource, caller, ScopeUse::Read).where(same).select("COUNT(*)")
                     : Query("SELECT COUNT(*) FROM " + std::string(spec.resource) + " r WHERE " + same);
    query.bind("value", value).bind("self", self.value_or(0));
    if (query.scalar(session) > 0) return fail(ErrorCode::Duplicate, std::string(field.name));
  }
  return {};
}

// Territories form a tree: a parent one level up, and a path of ids for scope queries.
Result<std::string> territory_parent_path(soci::session& session, const json& values) {
  const auto level = values["level"].get<std::string>();
  const auto rank = std::find(std::begin(kLevels), std::end(kLevels), level) - std::begin(kLevels);
  if (values["parent_id"].is_null()) {
    if (rank != 0) return fail(ErrorCode::Required, "parent_id");
    return std::string("/");
  }
  auto parent =
      Query("SELECT level, path FROM territories WHERE id = :id").bind("id", values["parent_id"]).first(session);
  if (!parent || rank == 0 || parent->at("level").get<std::string>() != kLevels[rank - 1])
    return fail(ErrorCode::InvalidReference, "parent_id");
  return parent->at("path").get<std::string>();
}

AuditEntry audit_entry(std::string action, const EntitySpec& spec, long long id, json before, json after,
                       const json& scoped) {
  AuditEntry entry{.action = std::move(action),
                   .entity = std::string(spec.entity),
                   .entity_id = id,
                   .before = std::move(before),
                   .after = std::move(after)};
  scope_entry(entry, scoped);
  return entry;
}

}  // namespace

Result<json> record_for_change(soci::session& session, const EntitySpec& spec, const Caller& caller, long long id,
                               long long version) {
  auto current = fetch(session, spec, caller, id, ScopeUse::Change);
  if (!current) return fail(ErrorCode::NotFound);
  if (!(*current)["archived_at"].is_null() || (*current)["version"].get<long long>() != version)
    return fail(ErrorCode::Conflict, "version", {{"current", present(spec, caller, *current)}});
  return *current;
}

Result<json> record_changed(soci::session& session, const EntitySpec& spec, const Caller& caller, long long id,
                            long long version, const std::string& action, json before, json after) {
  if (!changed_one(session, Query("UPDATE " + std::string(spec.resource) +
                                  " SET version = version + 1, updated_at = :now WHERE id = :id AND version = :version")
                                .bind("now", utc_now())
                                .bind("id", id)
                                .bind("version", version)))
    return conflict(session, spec, caller, id);
  auto record = *fetch(session, spec, caller, id, ScopeUse::Write);
  write_audit(session, caller, audit_entry(action, spec, id, std::move(before), std::move(after), record));
  return present(spec, caller, std::move(record));
}

namespace {

// The rows a list asks for (its scope, filters and words), whatever the page, and their order.
std::pair<ScopedSelect, std::string> listed(Database& db, const EntitySpec& spec, const Caller& caller,
                                            const ListRequest& request) {
  auto rows = scoped_select(spec.resource, caller, ScopeUse::Read).with_writable(caller).in_index_order();
  if (!request.archived) rows.live();
  rows.filters(request.filters);
  // A filter naming an institution or an association the caller cannot read matches nothing:
  // else a filter that looks past the listed rows (the sessions the institution's staff
  // attended, the grants of its association) would tell what lies outside the scope.
  std::vector<std::pair<std::string_view, long long>> named;  // resource, id
  for (const auto& [name, resource] :
       {std::pair{"institution_id", "institutions"}, std::pair{"for_institution_id", "institutions"},
        std::pair{"association_id", "associations"}})
    if (const auto filter = request.filters.find(name); filter != request.filters.end())
      named.emplace_back(resource, filter->second.get<long long>());
  if (!named.empty() && !db.read([&](soci::session& session) {
        return std::all_of(named.begin(), named.end(), [&](const auto& reference) {
          return scoped_record(session, caller, reference.first, "r.id", reference.second, ScopeUse::Read).has_value();
        });
      }))
    rows.where("1 = 0");
  // Every word of the query must appear in the record's key, in any order; in the key
  // without personal fields for a caller who may not see them. On SQLite the words of three
  // characters or more are found by the key's trigram index (migration 0026), as one MATCH of
  // them all; PostgreSQL's trigram index serves the LIKE itself. A shorter word has no trigram:
  // it is found with LIKE over the keys of the rows the other words left (all of them when
  // every word is short).
  const auto key = domain::search_key(request.q);
  const std::string key_column =
      has_personal_search(spec) && !domain::sees_personal_data(caller.role) ? "public_search_key" : "search_key";
  std::string match;  // the FTS5 query of the indexed words, e.g. `search_key : "امل" AND search_key : "دار"`
  std::size_t word_count = 0;
  for (std::size_t at = 0; at < key.size() && word_count < kMaxSearchWords;) {
    auto end = key.find(' ', at);
    if (end == std::string::npos) end = key.size();
    const auto word = key.substr(at, end - at);
    at = end + 1;
    if (db.backend() == Backend::Sqlite && code_points(word) >= 3) {
      std::string phrase;
      for (const char c : word) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      match += (match.empty() ? "" : " AND ") + key_column + " : \"" + phrase + "\"";
      ++word_count;
      continue;
    }
    const auto name = "q" + std::to_string(word_count++);
    rows.where("r." + key_column + " LIKE :" + name + " ESCAPE '\\'");
    rows.bind(name, domain::like_pattern(word));
  }
  if (!match.empty()) {
    const std::string index = std::string(spec.resource) + "_search";
    rows.where("r.id IN (SELECT rowid FROM " + index + " WHERE " + index + " MATCH :q_match)");
    rows.bind("q_match", match);
    rows.narrowed_by_index();  // not on PostgreSQL: its planner then walked every commune (25 ms, not 9)
  }
  const std::string sort = request.sort.empty() ? std::string(spec.default_sort) : request.sort;
  // A text field is ordered by its stored sort key (the Arabic collation's order), which its
  // index (migration 0025) gives without sorting the rows.
  const auto keyed = sorted_text_fields(spec);
  const bool text = std::find(keyed.begin(), keyed.end(), sort) != keyed.end();
  const std::string direction = request.descending ? " DESC" : " ASC";
  return {std::move(rows), " ORDER BY r." + sort + (text ? "_sort" : "") + direction + ", r.id" + direction};
}

}  // namespace

json list_records(Database& db, const EntitySpec& spec, const Caller& caller, const ListRequest& request) {
  const auto [rows, order] = listed(db, spec, caller, request);
  const auto count = rows.count();
  auto page = rows.select(record_columns(spec), order + " LIMIT :limit OFFSET :offset");
  page.bind("limit", request.page_size).bind("offset", static_cast<long long>(request.page - 1) * request.page_size);
  page.bind("today", domain::today_iso()).integers(table_of(spec).integer_columns);

  return db.read([&](soci::session& session) {
    json items = json::array();
    for (auto& row : page.rows(session)) items.push_back(present(spec, caller, std::move(row)));
    return json{{"items", std::move(items)},
                {"total", count.scalar(session)},
                {"page", request.page},
                {"page_size", request.page_size}};
  });
}

void each_listed_record(Database& db, const EntitySpec& spec, const Caller& caller, const ListRequest& request,
                        const std::function<void(nlohmann::json&&)>& visit) {
  const auto [rows, order] = listed(db, spec, caller, request);
  auto all = rows.select(record_columns(spec), order);
  all.bind("today", domain::today_iso()).integers(table_of(spec).integer_columns);
  db.read([&](soci::session& session) {
    all.scan(session, [&](json&& row) { visit(present(spec, caller, std::move(row))); });
  });
}

struct ListedRow::Read {
  const Query& query;
  void (*complete)(json&);                  // TableSpec::complete
  std::vector<bool> sealed;                 // by column position, found at the first row
  std::vector<std::string> computed_names;  // the computed fields, at positions past the columns
  std::size_t rows = 0;                     // read so far
  std::size_t computed_row = 0;             // the row `computed` was computed from (from 1)
  json computed;                            // the record as present() completes it
};

std::optional<std::size_t> ListedRow::position(std::string_view name) const {
  for (std::size_t at = 0; at < row_.size(); ++at)
    if (row_.get_properties(at).get_name() == name) return at;
  for (std::size_t at = 0; at < read_.computed_names.size(); ++at)
    if (read_.computed_names[at] == name) return row_.size() + at;
  return std::nullopt;
}

const json& ListedRow::computed(std::size_t at) const {
  if (read_.computed_row != read_.rows) {  // as present() computes them for the list
    read_.computed = read_.query.object_of(row_);
    read_.complete(read_.computed);
    read_.computed_row = read_.rows;
  }
  static const json null;
  const auto value = read_.computed.find(read_.computed_names.at(at - row_.size()));
  return value == read_.computed.end() ? null : *value;
}

bool ListedRow::is_null(std::size_t at) const {
  return at < row_.size() ? row_.get_indicator(at) == soci::i_null : computed(at).is_null();
}

long long ListedRow::integer(std::size_t at) const {
  if (is_null(at)) return 0;
  if (at < row_.size()) return column_integer(row_, at);
  return computed(at).is_number() ? computed(at).get<long long>() : 0;
}

void ListedRow::text(std::size_t at, std::string& text) const {
  text.clear();
  if (is_null(at)) return;
  if (at >= row_.size()) {
    text = computed(at).is_string() ? computed(at).get<std::string>() : computed(at).dump();
    return;
  }
  column_text(row_, at, text);
  if (read_.sealed.at(at)) text = open_field(text).value_or("");
}

void each_listed_row(Database& db, const EntitySpec& spec, const Caller& caller, const ListRequest& request,
                     const std::function<void(const ListedRow&)>& visit) {
  const auto [rows, order] = listed(db, spec, caller, request);
  auto all = rows.select(record_columns(spec), order);
  all.bind("today", domain::today_iso()).integers(table_of(spec).integer_columns);
  ListedRow::Read read{.query = all, .complete = table_of(spec).complete};
  db.read([&](soci::session& session) {
    all.scan_rows(session, [&](const soci::row& row) {
      if (read.rows++ == 0) {  // what each position holds, the same for every row
        std::set<std::string, std::less<>> columns;
        for (std::size_t at = 0; at < row.size(); ++at) {
          const auto name = row.get_properties(at).get_name();
          const auto* field = spec.field(name);
          read.sealed.push_back(field && field->sealed);
          columns.insert(name);
        }
        if (read.complete)
          for (const auto& field : spec.read_only)
            if (!columns.contains(field.name)) read.computed_names.emplace_back(field.name);
      }
      visit(ListedRow(row, read));
    });
  });
}

Result<json> get_record(Database& db, const EntitySpec& spec, const Caller& caller, long long id) {
  auto record = db.read([&](soci::session& session) { return fetch(session, spec, caller, id, ScopeUse::Read, true); });
  if (!record) return fail(ErrorCode::NotFound);
  return present(spec, caller, std::move(*record));
}

namespace {

// The INSERT of a record of `spec` with the `extra` columns (stored and derived ones), made once
// per thread for each resource and set of extra columns (an import inserts many alike).
const std::string& insert_sql(const EntitySpec& spec, const json& extra) {
  thread_local std::map<std::string, std::string, std::less<>> made;
  std::string key(spec.resource);
  for (const auto& [name, value] : extra.items()) key += " " + name;
  const auto [sql, fresh] = made.try_emplace(std::move(key));
  if (!fresh) return sql->second;
  std::string columns, placeholders;
  for (const auto& field : spec.fields) {
    columns += std::string(field.name) + ", ";
    placeholders += ":" + std::string(field.name) + ", ";
  }
  for (const auto& [name, value] : extra.items()) {
    columns += name + ", ";
    placeholders += ":" + name + ", ";
  }
  if (table_of(spec).territory_owned) {
    columns += "territory_id, ";
    placeholders += ":territory_id, ";
  }
  if (spec.resource == "territories") {
    columns += "path, ";
    placeholders += ":path, ";
  }
  if (has_personal_search(spec)) {
    columns += "public_search_key, ";
    placeholders += ":public_search_key, ";
  }
  sql->second = "INSERT INTO " + std::string(spec.resource) + " (" + columns +
                "search_key, version, created_at, updated_at) VALUES (" + placeholders +
                ":search_key, 1, :now, :now) RETURNING id";
  return sql->second;
}

}  // namespace

Result<json> insert_record(soci::session& session, const EntitySpec& spec, const Caller& caller, json values,
                           const json& stored_columns) {
  const auto& table = table_of(spec);
  if (auto ok = check_references(session, spec, caller, values); !ok) return std::unexpected(ok.error());
  if (auto ok = check_unique(session, spec, caller, values, std::nullopt); !ok) return std::unexpected(ok.error());
  if (table.check)
    if (auto ok = table.check(session, caller, values, nullptr); !ok) return std::unexpected(ok.error());
  std::string parent_path;
  if (spec.resource == "territories") {
    auto path = territory_parent_path(session, values);
    if (!path) return std::unexpected(path.error());
    parent_path = *path;
  }
  const auto now = utc_now();
  json extra = stored_columns;
  if (table.derived_columns) extra.update(table.derived_columns(values));
  extra.update(sort_key_columns(spec, values));
  Query insert(insert_sql(spec, extra));
  for (const auto& field : spec.fields)
    insert.bind(std::string(field.name), stored_value(field, values[std::string(field.name)]));
  for (const auto& [name, value] : extra.items()) insert.bind(name, value);
  if (spec.resource == "territories") insert.bind("path", parent_path);
  if (table.territory_owned) insert.bind("territory_id", territory_owner(caller));
  insert.bind("search_key", record_search_key(spec, values)).bind("now", now);
  insert.bind("public_search_key", record_search_key(spec, values, false));
  const long long id = insert.scalar(session);
  if (spec.resource == "territories")
    Query("UPDATE territories SET path = :path WHERE id = :id")
        .bind("path", parent_path + std::to_string(id) + "/")
        .bind("id", id)
        .execute(session);

  // The new record in the caller's write scope: by construction within a batch when its table's
  // scope is its institution's (found in that scope above), else read back in that scope.
  const bool by_construction = scope_follows_reference(spec, values);
  std::optional<json> record;
  if (by_construction) {
    record = std::move(values);  // the fields as validated (sealed ones in the clear), not read back
    (*record)["id"] = id;
    (*record)["version"] = 1;
  } else {
    record = fetch(session, spec, caller, id, ScopeUse::Write);
    if (!record) return fail(ErrorCode::Forbidden);
  }
  if (table.after_write) table.after_write(session, caller, *record);
  if (auto* batch = InsertBatchAccess::current) {
    // Live and in the caller's write scope, as fetched: a reference later rows may make to it.
    InsertBatchAccess::found(*batch).insert(found_key(spec.resource, "", json(id)));
    if (spec.resource == "territories")
      InsertBatchAccess::found(*batch).insert(
          found_key(spec.resource, (*record)["level"].get<std::string>(), json(id)));
    InsertBatchAccess::created(*batch)[std::string(spec.resource)].push_back(id);
  } else {
    write_audit(session, caller, audit_entry("create", spec, id, nullptr, *record, *record));
  }
  if (by_construction) {
    if (!domain::sees_personal_data(caller.role))
      for (const auto& field : spec.fields)
        if (field.personal) record->erase(std::string(field.name));
    return std::move(*record);
  }
  return present(spec, caller, std::move(*record));
}

Result<json> create_record(Database& db, const EntitySpec& spec, const Caller& caller, const json& body,
                           const json& stored_columns) {
  auto values = domain::validate_input(spec, body);
  if (!values) return std::unexpected(values.error());
  return db.write(
      [&](soci::session& session) { return insert_record(session, spec, caller, *values, stored_columns); });
}

Result<json> update_record(Database& db, const EntitySpec& spec, const Caller& caller, long long id, const json& body) {
  auto version = domain::read_version(body);
  if (!version) return std::unexpected(version.error());
  auto values = domain::validate_input(spec, body);
  if (!values) return std::unexpected(values.error());
  return db.write([&](soci::session& session) -> Result<json> {
    auto before = record_for_change(session, spec, caller, id, *version);
    if (!before) return before;
    if (spec.resource == "territories" &&
        ((*values)["level"] != (*before)["level"] || (*values)["parent_id"] != (*before)["parent_id"]))
      return fail(ErrorCode::InvalidValue, (*values)["level"] != (*before)["level"] ? "level" : "parent_id");
    if (auto ok = check_references(session, spec, caller, *values); !ok) return std::unexpected(ok.error());
    if (auto ok = check_unique(session, spec, caller, *values, id); !ok) return std::unexpected(ok.error());
    const auto& table = table_of(spec);
    if (table.check)
      if (auto ok = table.check(session, caller, *values, &*before); !ok) return std::unexpected(ok.error());

    std::string assignments;
    for (const auto& field : spec.fields)
      assignments += std::string(field.name) + " = :" + std::string(field.name) + ", ";
    if (has_personal_search(spec)) assignments += "public_search_key = :public_search_key, ";
    json derived = table.derived_columns ? table.derived_columns(*values) : json::object();
    derived.update(sort_key_columns(spec, *values));
    for (const auto& [name, value] : derived.items()) assignments += name + " = :" + name + ", ";
    Query update("UPDATE " + std::string(spec.resource) + " SET " + assignments +
                 "search_key = :search_key, version = version + 1, updated_at = :now"
                 " WHERE id = :id AND version = :version");
    for (const auto& field : spec.fields)
      update.bind(std::string(field.name), stored_value(field, (*values)[std::string(field.name)]));
    update.bind("public_search_key", record_search_key(spec, *values, false));
    for (const auto& [name, value] : derived.items()) update.bind(name, value);
    update.bind("search_key", record_search_key(spec, *values))
        .bind("now", utc_now())
        .bind("id", id)
        .bind("version", *version);
    if (!changed_one(session, update)) return conflict(session, spec, caller, id);

    auto after = fetch(session, spec, caller, id, ScopeUse::Write);
    if (!after) return fail(ErrorCode::Forbidden);  // the change would move it out of the caller's scope
    if (table.after_write) table.after_write(session, caller, *after);
    write_audit(session, caller, audit_entry("update", spec, id, *before, *after, *after));
    return present(spec, caller, std::move(*after));
  });
}

Result<json> archive_record(Database& db, const EntitySpec& spec, const Caller& caller, long long id,
                            const json& body) {
  auto version = domain::read_version(body);
  if (!version) return std::unexpected(version.error());
  return db.write([&](soci::session& session) -> Result<json> {
    auto before = record_for_change(session, spec, caller, id, *version);
    if (!before) return before;
    const auto now = utc_now();
    if (!changed_one(session, Query("UPDATE " + std::string(spec.resource) +
                                    " SET archived_at = :now, updated_at = :now, version = version + 1"
                                    " WHERE id = :id AND version = :version")
                                  .bind("now", now)
                                  .bind("id", id)
                                  .bind("version", *version)))
      return conflict(session, spec, caller, id);
    auto after = fetch(session, spec, caller, id, ScopeUse::Write);
    if (const auto after_write = table_of(spec).after_write) after_write(session, caller, *after);
    write_audit(session, caller, audit_entry("archive", spec, id, *before, *after, *after));
    return present(spec, caller, std::move(*after));
  });
}

void fill_public_search_keys(Database& db) {
  for (const auto& spec : domain::registry_specs()) {
    if (!has_personal_search(spec)) continue;
    std::string columns = "id";
    for (const auto& field : spec.fields)
      if (field.searchable && !field.personal) columns += ", " + std::string(field.name);
    db.write([&](soci::session& session) -> Result<void> {
      const auto rows =
          Query("SELECT " + columns + " FROM " + std::string(spec.resource) + " WHERE public_search_key IS NULL")
              .rows(session);
      for (const auto& row : rows)
        Query("UPDATE " + std::string(spec.resource) + " SET public_search_key = :key WHERE id = :id")
            .bind("key", record_search_key(spec, row, false))
            .bind("id", row.at("id"))
            .execute(session);
      return {};
    });
  }
}

void audit_named(Database& db, const domain::EntitySpec& spec, const Caller& caller, std::string_view action,
                 const std::vector<long long>& ids, json detail) {
  if (ids.empty()) return;
  detail["ids"] = ids;
  AuditEntry entry{.action = std::string(action),
                   .entity = std::string(spec.entity),
                   .after = std::move(detail),
                   .scope_path = caller.association_id ? caller.area_path : caller.territory_path,
                   .scope_association_id = caller.association_id};
  if (ids.size() == 1) entry.entity_id = ids.front();
  db.write([&](soci::session& session) -> Result<void> {
    write_audit(session, caller, entry);
    return {};
  });
}

}  // namespace riaya::store
