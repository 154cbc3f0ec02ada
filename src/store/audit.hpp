#pragma once

#include "store/caller.hpp"
#include "store/database.hpp"

#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace riaya::store {

// One change to record in the audit trail, written in the caller's transaction.
struct AuditEntry {
  std::string action;  // "create", "update", "archive", "login", "password", …
  std::string entity;  // "institution", "user", "session", …
  std::optional<long long> entity_id;
  nlohmann::json before = nullptr;
  nlohmann::json after = nullptr;
  std::optional<std::string> scope_path;          // territory path of the record
  std::optional<long long> scope_association_id;  // its managing association
};

// Inserts the entry; the transaction chains it (chain_pending_audit) just before it commits.
// Throws std::logic_error for an action missing from domain::kAuditActions (a programming error:
// the trail would hold an action no screen can name).
void write_audit(soci::session& session, const Caller& caller, const AuditEntry& entry);

// Who did it, for a user column (created_by, validated_by, the audit's user_id): the caller's
// user id, or null for the command line, which acts as no user.
nlohmann::json acting_user(const Caller& caller);

// Sets the entry's scope from a record read with its scope columns (scope_path_,
// scope_association_id_), and strips those columns from its before and after.
void scope_entry(AuditEntry& entry, const nlohmann::json& scoped);

struct AuditFilter {
  std::optional<long long> user_id;
  std::string entity;
  std::optional<long long> entity_id;
  std::string action;  // one of domain::kAuditActions, e.g. "read" or "export"; empty: any
  std::string from;    // YYYY-MM-DD, inclusive
  std::string to;      // YYYY-MM-DD, inclusive
  // Only changes to records (domain::AuditAction::record_change), not what concerns sessions,
  // accounts or API tokens.
  bool record_changes_only = false;
  // Whether to count every matching entry for "total" (a COUNT over the whole trail in scope);
  // without it, "total" is null.
  bool with_total = true;
  int page = 1;
  int page_size = 50;
};

// The audit entries the caller's scope covers (entries whose record lies in the scope,
// and, for a territory scope, entries with no territory such as log-ins of users of the
// scope), newest first: {"items", "total", "page", "page_size"} ("total" null unless
// filter.with_total).
nlohmann::json list_audit(soci::session& session, const Caller& caller, const AuditFilter& filter);

// Every entry list_audit answers with `filter` (every page), newest first, as its items are
// ({"id", "at", "user_id", "username", "address", "action", "entity", "entity_id", "before",
// "after"}): for exports.
void each_audit_entry(Database& db, const Caller& caller, const AuditFilter& filter,
                      const std::function<void(nlohmann::json&&)>& visit);

// What verify_audit finds walking the chain in order.
struct AuditVerification {
  bool whole = true;
  long long entries = 0;  // entries in the chain
  std::string head_hash;  // the last entry's hash, to note down and compare later
  // When not whole, the first problem met: "edited" (an entry whose stored fields no longer
  // match its hash), "deleted" (an entry missing from the chain), "inserted" (an entry the
  // chain does not hold, or holds out of order) or "head" (the chain's head no longer matches
  // its last entry); `id` names that entry (for "deleted", the missing one's id).
  std::string problem;
  std::optional<long long> id;
  nlohmann::json to_json() const;
};

// Walks the whole audit trail in chain order, recomputing every hash. Reads only.
AuditVerification verify_audit(soci::session& session);

// Chains the entries written before the chain existed (migration 0012), in id order, once:
// does nothing when the head already has a hash.
void chain_existing_audit(soci::session& session);

}  // namespace riaya::store
