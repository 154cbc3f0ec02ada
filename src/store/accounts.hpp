#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace riaya::store {

// How a request proved who it is.
enum class Credential {
  Session,   // the session cookie of a log-in with the password
  ApiToken,  // Authorization: Bearer
};

// A signed-in user as a request sees it.
struct Account {  // NOLINT(bugprone-exception-escape): holds a json (.clang-tidy)
  Caller caller;
  Credential credential = Credential::Session;
  std::string language;              // "ar", "fr", "en"
  nlohmann::json user;               // the User object of docs/API.md
  std::string csrf_token;            // empty for API-token requests
  nlohmann::json session = nullptr;  // {"created_at", "last_seen_at", "expires_at"} of a cookie session
  std::shared_ptr<const TableVersions> table_versions;  // every table's version when the account was read
};

// argon2id at libsodium's interactive limits (~0.1 s): call off the network threads.
std::string hash_password(std::string_view password);
// A fresh random secret: 32 bytes as 43 URL-safe base64 characters.
std::string random_secret();
// A random password a person can type, given once to a new user.
std::string one_time_password();

struct LoginResult {  // NOLINT(bugprone-exception-escape): holds a json (.clang-tidy)
  Account account;
  std::string session_token;  // the cookie value; only its hash is stored
};

// How long a cookie session lives: until `idle_seconds` after its last use, and never past
// `max_age_seconds` after the log-in, however busy.
struct SessionLimits {
  long long idle_seconds = 8 * 3600;
  long long max_age_seconds = 12 * 3600;
};

// Log-in throttling. Failed attempts are counted per (name as typed, ASCII letters folded to
// lower case; client address), whether or not the name exists: the 5th failure in a row
// blocks that name from that address for 30 s, each further one doubles the block up to
// 5 minutes, and an hour without an attempt forgets the count. A success from the address
// forgets it at once; other addresses, and other names from this one, are not affected.
// Checks the password and opens a session (see SessionLimits). Unknown names, archived users
// and wrong passwords all give InvalidCredentials after the same password-hash work; a
// blocked (name, address) gives Locked with detail {"retry_after": seconds} without checking
// the password, the same for a name that exists and one that does not. Successes and
// failures are audited ("login", "login_failed").
domain::Result<LoginResult> login(Database& db, std::string_view username, std::string_view password,
                                  const std::string& address, const SessionLimits& limits);

// The accounts read lately, by user: the user, their scope's paths and names, as load_account
// read them, each kept while the versions of the tables it was read from (users, territories,
// associations) are those it was read at. A write to one of those tables, on any server, renews
// its version (Database::write), so a changed role, scope, language or archived user is read
// again at the next request. Holds at most kMaxAccounts; thread-safe.
class AccountCache {
 public:
  // The account kept for `user_id` at `version` (TableVersions::of kTables), if any.
  std::optional<Account> find(long long user_id, long long version) const;
  void keep(long long user_id, long long version, const Account& account);

  static inline const Tables kTables = {"associations", "territories", "users"};
  static constexpr std::size_t kMaxAccounts = 4096;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<long long, std::pair<long long, Account>> accounts_;  // user id: version, account
};

// The account of a session cookie: Unauthenticated when unknown, SessionExpired when past
// its idle time or its maximum age (the row is then deleted). Use extends the session by
// the idle time, never past the maximum age (written at most every five minutes). One query
// reads the session and the data's version (on PostgreSQL, the one round trip of a request
// answered from the reply cache); the user comes from `accounts` while their tables are
// unchanged.
domain::Result<Account> session_account(Database& db, AccountCache& accounts, std::string_view session_token,
                                        const SessionLimits& limits);
// The account of an API token (Authorization: Bearer): Unauthenticated when unknown,
// revoked or expired.
domain::Result<Account> token_account(Database& db, std::string_view token);

void logout(Database& db, const Caller& caller, std::string_view session_token);

// WrongPassword when `current` is wrong, PasswordTooShort under 10 characters. On success
// every other session of the user ends (all of them when `kept_session` is empty, as for a
// request made with an API token) and every API token of the user is revoked.
domain::Result<void> change_password(Database& db, const Caller& caller, std::string_view current,
                                     std::string_view replacement, std::string_view kept_session);
// Sets the user's interface language ("ar", "fr", "en").
domain::Result<void> set_language(Database& db, const Caller& caller, std::string_view language);

// Creates a user account with `password` (or a one-time password, which must be changed at
// the first log-in). Answers the record plus "one_time_password" when one was made.
domain::Result<nlohmann::json> create_user(Database& db, const Caller& caller, const nlohmann::json& body,
                                           std::optional<std::string> password = std::nullopt);
// Gives user `id` a new one-time password: {"one_time_password"}. Ends all the user's
// sessions, revokes their API tokens and lifts every log-in block on their name.
// NotFound when the user is outside the caller's scope.
domain::Result<nlohmann::json> reset_password(Database& db, const Caller& caller, long long id);
// reset_password for the user named `username` (exactly as stored, archived or not), for the
// command line: NotFound when no user has that name in the caller's scope.
domain::Result<nlohmann::json> reset_password_by_name(Database& db, const Caller& caller, std::string_view username);

// Lifts every log-in block on `username` (from every address): {"username", "addresses": the
// number of blocked or counted addresses cleared}. Audited as "unlock" of the user. NotFound
// when no user has that name and no attempt was counted under it.
domain::Result<nlohmann::json> unlock_user(Database& db, const Caller& caller, std::string_view username);

// API tokens. The token value is returned once by create_token and only its hash is kept. The
// caller's own tokens; every user's for a role the access table lets read "all_tokens" (the admin).
nlohmann::json list_tokens(Database& db, const Caller& caller);
// A new token's request, read from its JSON body by src/api: a name (not blank, kMaxTokenName
// code points at most) and an optional last day, after today.
inline constexpr std::size_t kMaxTokenName = 100;
struct NewToken {
  std::string name;
  std::optional<std::string> expires_on;  // YYYY-MM-DD
};
// The caller's own token; Answers it with its value "token", shown this once.
domain::Result<nlohmann::json> create_token(Database& db, const Caller& caller, const NewToken& body);
// NotFound unless the token is the caller's own, or the access table lets the caller's role
// archive "all_tokens" (the admin).
domain::Result<void> revoke_token(Database& db, const Caller& caller, long long id);

}  // namespace riaya::store
