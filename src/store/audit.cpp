#include "store/audit.hpp"

#include "domain/access.hpp"
#include "domain/audit_vocabulary.hpp"
#include "domain/schema.hpp"
#include "store/database.hpp"
#include "store/query.hpp"
#include "store/scoped_select.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <deque>
#include <set>
#include <stdexcept>

namespace riaya::store {

using nlohmann::json;

namespace {

// The ids of the entries this thread's open transaction wrote, in the order written.
thread_local std::vector<long long> pending_entries;

// The previous hash of the chain's first entry.
const std::string kGenesis(64, '0');

// The stored fields of an entry, read back as the chain hashes them.
const char* const kEntryColumns =
    "id, at, user_id, username, address, action, entity, entity_id, before_json, after_json, scope_path,"
    " scope_association_id, seq, prev_id, prev_hash, hash";
const std::vector<std::string> kIntegerColumns = {"id",  "user_id", "entity_id", "scope_association_id",
                                                  "seq", "prev_id"};

// SHA-256, in hexadecimal, of the previous hash and the canonical serialisation of the
// entry's fields (a JSON array in a fixed order, as nlohmann::json dumps it): its place in the
// chain and the previous entry's id included, so moving an entry changes its hash too.
std::string entry_hash(const json& row) {
  const json fields = json::array({row["seq"], row["id"], row["prev_id"], row["at"], row["user_id"], row["username"],
                                   row["address"], row["action"], row["entity"], row["entity_id"], row["before_json"],
                                   row["after_json"], row["scope_path"], row["scope_association_id"]});
  const std::string prev = row["prev_hash"].is_string() ? row["prev_hash"].get<std::string>() : std::string();
  const std::string text = prev + "\n" + fields.dump();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

struct Head {
  long long seq = 0, last_id = 0;
  json hash;  // null until the entries from before the chain are chained
};

// The chain's head, held until the transaction ends (SQLite writers are serialised already).
Head take_head(soci::session& session) {
  const auto row = Query("SELECT seq, last_id, hash FROM audit_head h WHERE id = 1" + locked_rows(session, "h"))
                       .integers({"seq", "last_id"})
                       .first(session);
  if (!row) throw std::runtime_error("the audit chain has no head (audit_head is empty)");
  return {(*row)["seq"].get<long long>(), (*row)["last_id"].get<long long>(), (*row)["hash"]};
}

// Gives the entry `id` the next place after `head` and its hashes, and moves the head on.
void append(soci::session& session, Head& head, long long id) {
  auto row = Query(std::string("SELECT ") + kEntryColumns + " FROM audit_log WHERE id = :id")
                 .bind("id", id)
                 .integers(kIntegerColumns)
                 .first(session);
  if (!row) throw std::runtime_error("audit entry " + std::to_string(id) + " vanished before its commit");
  (*row)["seq"] = head.seq + 1;
  (*row)["prev_id"] = head.last_id > 0 ? json(head.last_id) : json(nullptr);
  (*row)["prev_hash"] = head.hash.is_string() ? head.hash : json(kGenesis);
  const auto hash = entry_hash(*row);
  Query("UPDATE audit_log SET seq = :seq, prev_id = :prev_id, prev_hash = :prev_hash, hash = :hash WHERE id = :id")
      .bind("seq", (*row)["seq"])
      .bind("prev_id", (*row)["prev_id"])
      .bind("prev_hash", (*row)["prev_hash"])
      .bind("hash", hash)
      .bind("id", id)
      .execute(session);
  head = {head.seq + 1, id, hash};
}

void store_head(soci::session& session, const Head& head) {
  Query("UPDATE audit_head SET seq = :seq, last_id = :last_id, hash = :hash WHERE id = 1")
      .bind("seq", head.seq)
      .bind("last_id", head.last_id)
      .bind("hash", head.hash)
      .execute(session);
}

// Chains the entries from before the chain (head hash null), in id order.
void chain_existing(soci::session& session, Head& head) {
  const auto ids = Query("SELECT id FROM audit_log WHERE seq IS NULL ORDER BY id").integers({"id"}).rows(session);
  head.hash = kGenesis;
  head.seq = 0;
  head.last_id = 0;
  for (const auto& row : ids) append(session, head, row["id"].get<long long>());
}

}  // namespace

void forget_pending_audit() { pending_entries.clear(); }

void chain_pending_audit(soci::session& session) {
  if (pending_entries.empty()) return;
  auto head = take_head(session);
  if (head.hash.is_null())
    chain_existing(session, head);  // the pending entries with them
  else
    for (const auto id : pending_entries) append(session, head, id);
  store_head(session, head);
  pending_entries.clear();
}

void chain_existing_audit(soci::session& session) {
  auto head = take_head(session);
  if (!head.hash.is_null()) return;
  chain_existing(session, head);
  store_head(session, head);
}

void scope_entry(AuditEntry& entry, const json& scoped) {
  if (scoped.contains("scope_path_") && scoped["scope_path_"].is_string())
    entry.scope_path = scoped["scope_path_"].get<std::string>();
  if (scoped.contains("scope_association_id_") && scoped["scope_association_id_"].is_number())
    entry.scope_association_id = scoped["scope_association_id_"].get<long long>();
  for (auto* record : {&entry.before, &entry.after})
    if (record->is_object()) {
      record->erase("scope_path_");
      record->erase("scope_association_id_");
    }
}

json acting_user(const Caller& caller) { return caller.user_id > 0 ? json(caller.user_id) : json(nullptr); }

void write_audit(soci::session& session, const Caller& caller, const AuditEntry& entry) {
  if (!domain::find_audit_action(entry.action))
    throw std::logic_error("audit action missing from domain::kAuditActions: " + entry.action);
  const auto id =
      Query(
          "INSERT INTO audit_log (at, user_id, username, address, action, entity, entity_id, before_json, after_json,"
          " scope_path, scope_association_id) VALUES (:at, :user_id, :username, :address, :action, :entity, :entity_id,"
          " :before_json, :after_json, :scope_path, :scope_association_id) RETURNING id")
          .bind("at", utc_now())
          .bind("user_id", acting_user(caller))
          .bind("username", caller.username)
          .bind("address", caller.address)
          .bind("action", entry.action)
          .bind("entity", entry.entity)
          .bind("entity_id", entry.entity_id ? json(*entry.entity_id) : json(nullptr))
          .bind("before_json", entry.before.is_null() ? json(nullptr) : json(entry.before.dump()))
          .bind("after_json", entry.after.is_null() ? json(nullptr) : json(entry.after.dump()))
          .bind("scope_path", entry.scope_path ? json(*entry.scope_path) : json(nullptr))
          .bind("scope_association_id", entry.scope_association_id ? json(*entry.scope_association_id) : json(nullptr))
          .integers({"id"})
          .scalar(session);
  pending_entries.push_back(id);
}

json AuditVerification::to_json() const {
  json answer = {{"whole", whole}, {"entries", entries}, {"head_hash", head_hash}};
  if (!whole) answer.update({{"problem", problem}, {"id", id ? json(*id) : json(nullptr)}});
  return answer;
}

AuditVerification verify_audit(soci::session& session) {
  AuditVerification result;
  const auto head_row =
      Query("SELECT seq, last_id, hash FROM audit_head WHERE id = 1").integers({"seq", "last_id"}).first(session);
  const auto fail = [&](std::string problem, std::optional<long long> id) {
    result.whole = false;
    result.problem = std::move(problem);
    result.id = id;
    return result;
  };
  if (!head_row || !(*head_row)["hash"].is_string()) return fail("head", std::nullopt);
  const auto head_hash = (*head_row)["hash"].get<std::string>();
  const auto head_seq = (*head_row)["seq"].get<long long>();
  const auto head_last_id = (*head_row)["last_id"].get<long long>();

  // The entries in chain order, a page at a time, with one entry of look-ahead.
  std::deque<json> window;
  long long after_seq = 0;
  bool exhausted = false;
  const auto fill = [&] {
    while (!exhausted && window.size() < 2) {
      auto page =
          Query(std::string("SELECT ") + kEntryColumns + " FROM audit_log WHERE seq > :after ORDER BY seq LIMIT 500")
              .bind("after", after_seq)
              .integers(kIntegerColumns)
              .rows(session);
      exhausted = page.size() < 500;
      if (!page.empty()) after_seq = page.back()["seq"].get<long long>();
      for (auto& row : page) window.push_back(std::move(row));
    }
  };
  std::string prev_hash = kGenesis;
  json prev_id = nullptr;
  long long prev_seq = 0;
  for (fill(); !window.empty(); fill()) {
    const json row = std::move(window.front());
    window.pop_front();
    const auto id = row["id"].get<long long>();
    bool content_ok = false;
    try {
      content_ok = row["hash"].is_string() && row["hash"].get<std::string>() == entry_hash(row);
    } catch (const json::exception&) {  // text that is not UTF-8, written behind the application's back
    }
    const bool link_ok =
        row["prev_hash"] == json(prev_hash) && row["prev_id"] == prev_id && row["seq"].get<long long>() == prev_seq + 1;
    if (!content_ok || !link_ok) {
      // What the entry after this one links to: if to this one, it was there and was changed;
      // if to the one before, the chain never held it; if to neither, some were removed.
      const json successor_prev = window.empty() ? json(head_hash) : window.front()["prev_hash"];
      if (!content_ok && successor_prev == row["hash"]) return fail("edited", id);
      if (successor_prev == json(prev_hash)) return fail("inserted", id);
      if (!content_ok) return fail("edited", id);
      return fail("deleted",
                  row["prev_id"].is_number() && row["prev_id"] != prev_id ? row["prev_id"].get<long long>() : id);
    }
    prev_hash = row["hash"].get<std::string>();
    prev_id = id;
    prev_seq = row["seq"].get<long long>();
    ++result.entries;
    if (prev_seq > head_seq) return fail("inserted", id);  // beyond the head: appended behind the chain's back
  }
  if (prev_seq < head_seq) return fail("deleted", head_last_id);
  if (prev_hash != head_hash || prev_id != (head_last_id > 0 ? json(head_last_id) : json(nullptr)))
    return fail("head", prev_id.is_number() ? std::optional(prev_id.get<long long>()) : std::nullopt);
  // Entries outside the chain altogether.
  const auto unchained = Query("SELECT MIN(id) FROM audit_log WHERE seq IS NULL").scalar(session, 0);
  if (unchained > 0) return fail("inserted", unchained);
  result.head_hash = head_hash;
  return result;
}

namespace {

// The entries of the caller's territory or association (store/scoped_select.hpp) that `filter`
// keeps, paging aside.
ScopedSelect audit_entries(const Caller& caller, const AuditFilter& filter) {
  auto entries = scoped_select("audit_log", caller, ScopeUse::Read).in_index_order();
  if (filter.user_id) entries.where("r.user_id = :user_id").bind("user_id", *filter.user_id);
  if (!filter.entity.empty()) entries.where("r.entity = :entity").bind("entity", filter.entity);
  if (filter.entity_id) entries.where("r.entity_id = :entity_id").bind("entity_id", *filter.entity_id);
  if (!filter.action.empty()) entries.where("r.action = :action").bind("action", filter.action);
  if (!filter.from.empty()) entries.where("r.at >= :from_at").bind("from_at", filter.from);
  // inclusive of the whole day
  if (!filter.to.empty()) entries.where("r.at < :to_at").bind("to_at", filter.to + "T99");
  if (filter.record_changes_only) {
    std::string names;  // the vocabulary's own names: literals, not input
    for (const auto& action : domain::kAuditActions)
      if (action.record_change) names += std::string(names.empty() ? "'" : ", '") + std::string(action.name) + "'";
    entries.where("r.action IN (" + names + ") AND r.entity <> 'token'");
  }
  return entries;
}

// The columns an entry is listed with.
constexpr std::string_view kListedColumns =
    "r.id, r.at, r.user_id, r.username, r.address, r.action, r.entity, r.entity_id, r.before_json, r.after_json";

// The named record kind (domain::EntitySpec::named: the register's beneficiaries) an entry's
// entity is, if any.
const domain::EntitySpec* named_spec(const json& entity) {
  for (const auto& spec : domain::registry_specs())
    if (spec.named && entity == spec.entity) return &spec;
  return nullptr;
}

// Of the named records the entries `rows` are about (all of them when `rows` is null), those
// the caller may read that are anonymised: their entries no longer show who they were.
std::set<long long> anonymised_among(soci::session& session, const Caller& caller, const std::vector<json>* rows) {
  std::set<long long> found;
  for (const auto& spec : domain::registry_specs()) {
    const bool personal = std::any_of(spec.fields.begin(), spec.fields.end(), [](auto& f) { return f.personal; });
    if (!spec.named || !personal || !domain::may(caller.role, spec.resource, domain::Action::Read)) continue;
    auto records = scoped_select(spec.resource, caller, ScopeUse::Read).where("r.anonymised_at IS NOT NULL");
    if (rows) {
      std::string ids;  // integers read from the table: no input in the SQL
      for (const auto& row : *rows)
        if (row["entity"] == spec.entity && row["entity_id"].is_number_integer())
          ids += (ids.empty() ? "" : ", ") + std::to_string(row["entity_id"].get<long long>());
      if (ids.empty()) continue;
      records.where("r.id IN (" + ids + ")");
    }
    records.select("r.id").each(session, [&](json&& row) { found.insert(row["id"].get<long long>()); });
  }
  return found;
}

// An entry as read (before_json, after_json) as answered (before, after). The personal fields
// of a named record (law 09-08) are left out for a caller who may not read the record itself
// (the admin reads the audit trail, not the register) and, once it is anonymised, for everyone.
json entry(json row, const Caller& caller, const std::set<long long>& anonymised) {
  for (const char* column : {"before_json", "after_json"}) {
    const std::string name = std::string(column).substr(0, std::string(column).size() - 5);
    row[name] = row[column].is_string() ? json::parse(row[column].get<std::string>()) : json(nullptr);
    row.erase(column);
  }
  const auto* spec = named_spec(row["entity"]);
  if (!spec) return row;
  const bool hidden = !domain::may(caller.role, spec->resource, domain::Action::Read) ||
                      (row["entity_id"].is_number_integer() && anonymised.contains(row["entity_id"].get<long long>()));
  if (!hidden) return row;
  for (const char* side : {"before", "after"})
    if (row[side].is_object())
      for (const auto& field : spec->fields)
        if (field.personal) row[side].erase(std::string(field.name));
  return row;
}

}  // namespace

json list_audit(soci::session& session, const Caller& caller, const AuditFilter& filter) {
  const auto entries = audit_entries(caller, filter);
  const auto count = entries.select("COUNT(*) AS n");
  auto page = entries.select(kListedColumns, " ORDER BY r.id DESC LIMIT :limit OFFSET :offset");
  page.bind("limit", filter.page_size).bind("offset", static_cast<long long>(filter.page - 1) * filter.page_size);
  const auto rows = page.rows(session);
  const auto anonymised = anonymised_among(session, caller, &rows);
  json items = json::array();
  for (auto row : rows) items.push_back(entry(std::move(row), caller, anonymised));
  return {{"items", std::move(items)},
          {"total", filter.with_total ? json(count.scalar(session)) : json(nullptr)},
          {"page", filter.page},
          {"page_size", filter.page_size}};
}

void each_audit_entry(Database& db, const Caller& caller, const AuditFilter& filter,
                      const std::function<void(json&&)>& visit) {
  const auto all = audit_entries(caller, filter).select(kListedColumns, " ORDER BY r.id DESC");
  const auto anonymised = db.read([&](soci::session& session) { return anonymised_among(session, caller, nullptr); });
  db.read([&](soci::session& session) {
    all.scan(session, [&](json&& row) { visit(entry(std::move(row), caller, anonymised)); });
  });
}

}  // namespace riaya::store
