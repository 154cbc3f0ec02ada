#pragma once

#include "domain/error.hpp"
#include "store/caller.hpp"
#include "store/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace riaya::store {

// A signed-in user as a request sees it.
struct Account {
  Caller caller;
  std::string language;  // "ar", "fr", "en"
  nlohmann::json user;   // the User object of docs/API.md
  std::string csrf_token;  // empty for API-token requests
  nlohmann::json session = nullptr;  // {"last_seen_at", "expires_at"} of a cookie session
  long long data_version = 0;        // the data version (Database::write) when the account was read
};

// argon2id at libsodium's interactive limits (~0.1 s): call off the network threads.
std::string hash_password(std::string_view password);
// A fresh random secret: 32 bytes as 43 URL-safe base64 characters.
std::string random_secret();
// A random password a person can type, given once to a new user.
std::string one_time_password();

struct LoginResult {
  Account account;
  std::string session_token;  // the cookie value; only its hash is stored
};

// Checks the password and opens a session of `lifetime_seconds`. Failures are counted:
// after 5 in a row the account is locked for 30 s, doubling with each further failure up
// to an hour (Locked, detail {"retry_after": seconds}). Unknown users and wrong passwords
// give the same InvalidCredentials. Successes and failures are audited.
domain::Result<LoginResult> login(Database& db, std::string_view username, std::string_view password,
                                  const std::string& address, long long lifetime_seconds);

// The account of a session cookie: Unauthenticated when unknown, SessionExpired when past
// its time (the row is then deleted). Use extends the session to `lifetime_seconds` from now
// (written at most every five minutes).
domain::Result<Account> session_account(Database& db, std::string_view session_token, long long lifetime_seconds);
// The account of an API token (Authorization: Bearer): Unauthenticated when unknown,
// revoked or expired.
domain::Result<Account> token_account(Database& db, std::string_view token);

void logout(Database& db, const Caller& caller, std::string_view session_token);

// WrongPassword when `current` is wrong, PasswordTooShort under 10 characters.
domain::Result<void> change_password(Database& db, const Caller& caller, std::string_view current,
                                     std::string_view replacement);
// Sets the user's interface language ("ar", "fr", "en").
domain::Result<void> set_language(Database& db, const Caller& caller, std::string_view language);

// Creates a user account with `password` (or a one-time password, which must be changed at
// the first log-in). Answers the record plus "one_time_password" when one was made.
domain::Result<nlohmann::json> create_user(Database& db, const Caller& caller, const nlohmann::json& body,
                                           std::optional<std::string> password = std::nullopt);
// Gives user `id` a new one-time password and unlocks it: {"one_time_password"}.
domain::Result<nlohmann::json> reset_password(Database& db, const Caller& caller, long long id);

// API tokens. The token value is returned once by create_token and only its hash is kept.
nlohmann::json list_tokens(Database& db, const Caller& caller);
domain::Result<nlohmann::json> create_token(Database& db, const Caller& caller, const nlohmann::json& body);
domain::Result<void> revoke_token(Database& db, const Caller& caller, long long id);

}  // namespace riaya::store
