#include "store/accounts.hpp"

#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "store/audit.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

constexpr long long kFailuresBeforeBlock = 5;
constexpr long long kFirstBlockSeconds = 30;
constexpr long long kLongestBlockSeconds = 300;
constexpr long long kForgetFailuresSeconds = 3600;
constexpr long long kSessionRefreshSeconds = 300;
constexpr std::size_t kMinPasswordLength = 10;

std::string hex_hash(std::string_view secret) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// The key log-in attempts are counted under: the name as typed, ASCII letters in lower case.
std::string throttle_name(std::string_view username) {
  std::string name(username);
  for (auto& ch : name)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return name;
}

// How long the `failures`-th failure in a row blocks a (name, address): nothing before the
// 5th, then 30 s doubling up to 5 minutes.
long long block_seconds(long long failures) {
  if (failures < kFailuresBeforeBlock) return 0;
  return std::min(kFirstBlockSeconds << std::min<long long>(failures - kFailuresBeforeBlock, 20), kLongestBlockSeconds);
}

// Seconds from now to `at` ("YYYY-MM-DDTHH:MM:SSZ", as utc_now writes it): negative when past.
long long seconds_from_now(const std::string& at) {
  std::tm time{};
  if (std::sscanf(at.c_str(), "%d-%d-%dT%d:%d:%d", &time.tm_year, &time.tm_mon, &time.tm_mday, &time.tm_hour,
                  &time.tm_min, &time.tm_sec) != 6)
    throw std::runtime_error("malformed timestamp in the database: " + at);
  time.tm_year -= 1900;
  time.tm_mon -= 1;
  return static_cast<long long>(timegm(&time)) - static_cast<long long>(std::time(nullptr));
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// "/1/4/9/" (country, region, province) of a territory's path "/1/4/9/12/"; the path itself above.
std::string province_path(const std::string& path) {
  std::size_t end = 0;
  for (int slashes = 0; slashes < 4; ++slashes) {
    end = path.find('/', end);
    if (end == std::string::npos) return path;
    ++end;
  }
  return path.substr(0, end);
}

// The account of the live user `user_id`, with the tables' versions of `db`.
std::optional<Account> load_account(Database& db, soci::session& session, long long user_id) {
  auto row = Query(
                 "SELECT u.id, u.username, u.display_name, u.role, u.language, u.must_change_password,"
                 " u.scope_territory_id, u.scope_association_id, t.path AS scope_path,"
                 " at.path AS association_path,"
                 " COALESCE(t.name_ar, a.name_ar) AS scope_name_ar, COALESCE(t.name_fr, a.name_fr) AS scope_name_fr,"
                 " (SELECT version FROM data_version WHERE id = 1) AS data_version"
                 " FROM users u"
                 " LEFT JOIN territories t ON t.id = u.scope_territory_id"
                 " LEFT JOIN associations a ON a.id = u.scope_association_id"
                 " LEFT JOIN territories at ON at.id = a.territory_id"
                 " WHERE u.id = :id AND u.archived_at IS NULL")
                 .bind("id", user_id)
                 .first(session);
  if (!row) return std::nullopt;
  const auto role = domain::parse_role(row->at("role").get<std::string>());
  if (!role) return std::nullopt;
  const long long id = row->at("id").get<long long>();
  Account account;
  account.caller.user_id = id;
  account.caller.username = row->at("username").get<std::string>();
  account.caller.role = *role;
  const bool territorial = row->at("scope_territory_id").is_number();
  if (territorial)
    account.caller.territory_path = row->at("scope_path").get<std::string>();
  else {
    account.caller.association_id = row->at("scope_association_id").get<long long>();
    account.caller.area_path = province_path(row->at("association_path").get<std::string>());
  }
  account.language = row->at("language").get<std::string>();
  const auto& stamp = row->at("data_version");
  account.table_versions =
      db.table_versions(session, stamp.is_string() ? std::stoll(stamp.get<std::string>()) : stamp.get<long long>());
  account.user = {
      {"id", id},
      {"username", account.caller.username},
      {"display_name", row->at("display_name")},
      {"role", row->at("role")},
      {"language", account.language},
      {"must_change_password", row->at("must_change_password").get<long long>() != 0},
      {"scope",
       {{"kind", territorial ? "territory" : "association"},
        {"id", territorial ? row->at("scope_territory_id") : row->at("scope_association_id")},
        {"name_ar", row->at("scope_name_ar")},
        {"name_fr", row->at("scope_name_fr")}}},
  };
  return account;
}

// Ends the sessions of user `id` but the one whose cookie hashes to `kept_hash` (every one
// when empty) and revokes the user's live API tokens: {"sessions_ended", "tokens_revoked"}.
json end_sessions_and_tokens(soci::session& session, long long id, const std::string& kept_hash) {
  const auto sessions = Query("DELETE FROM sessions WHERE user_id = :id AND id_hash <> :kept")
                            .bind("id", id)
                            .bind("kept", kept_hash)
                            .execute(session);
  const auto tokens = Query("UPDATE api_tokens SET revoked_at = :now WHERE user_id = :id AND revoked_at IS NULL")
                          .bind("now", utc_now())
                          .bind("id", id)
                          .execute(session);
  return {{"sessions_ended", sessions}, {"tokens_revoked", tokens}};
}

}  // namespace

std::string hash_password(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return hash;
}

std::string random_secret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

std::string one_time_password() {
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int group = 0; group < 3; ++group) {
    if (group > 0) password += '-';
    for (int i = 0; i < 5; ++i)
      password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return password;
}

Result<LoginResult> login(Database& db, std::string_view username, std::string_view password,
                          const std::string& address, const SessionLimits& limits) {
  const auto name = throttle_name(username);
  Caller anonymous{.username = std::string(username), .address = address};
  // The attempt is counted before the password is checked, in one statement that a block
  // stops, so concurrent attempts cannot slip past a block; a success forgets the count.
  struct Attempt {
    long long failures = 0;
    std::optional<json> user;
  };
  auto attempt = db.write_essential([&](soci::session& session) -> Result<Attempt> {
    const auto now = utc_now();
    Query("DELETE FROM login_throttle WHERE last_attempt_at < :forget")
        .bind("forget", utc_after(-kForgetFailuresSeconds))
        .execute(session);
    const auto failures = Query(
                              "INSERT INTO login_throttle (username, address, failures, last_attempt_at)"
                              " VALUES (:name, :address, 1, :now) ON CONFLICT (username, address) DO UPDATE"
                              " SET failures = login_throttle.failures + 1, last_attempt_at = :now"
                              " WHERE login_throttle.blocked_until IS NULL OR login_throttle.blocked_until <= :now"
                              " RETURNING failures")
                              .bind("name", name)
                              .bind("address", address)
                              .bind("now", now)
                              .scalar(session, 0);
    if (failures == 0) {
      const auto until = Query("SELECT blocked_until FROM login_throttle WHERE username = :name AND address = :address")
                             .bind("name", name)
                             .bind("address", address)
                             .first(session);
      return fail(ErrorCode::Locked, "",
                  {{"retry_after", std::max(1LL, seconds_from_now(until->at("blocked_until").get<std::string>()))}});
    }
    if (const auto seconds = block_seconds(failures); seconds > 0)
      Query("UPDATE login_throttle SET blocked_until = :until WHERE username = :name AND address = :address")
          .bind("until", utc_after(seconds))
          .bind("name", name)
          .bind("address", address)
          .execute(session);
    auto user = Query("SELECT id, password_hash FROM users WHERE username = :username AND archived_at IS NULL")
                    .bind("username", std::string(username))
                    .first(session);
    return Attempt{failures, std::move(user)};
  });
  if (!attempt) return std::unexpected(attempt.error());

  static const std::string decoy = hash_password("riaya-decoy");
  // An unknown name costs what a wrong password costs.
  const bool right =
      verify_password(attempt->user ? attempt->user->at("password_hash").get<std::string>() : decoy, password) &&
      attempt->user;
  if (!right) {
    if (attempt->user) anonymous.user_id = attempt->user->at("id").get<long long>();
    db.write_essential([&](soci::session& session) -> Result<void> {
      write_audit(session, anonymous,
                  {.action = "login_failed", .entity = "session", .after = {{"failures", attempt->failures}}});
      return {};
    });
    if (const auto seconds = block_seconds(attempt->failures); seconds > 0)
      return fail(ErrorCode::Locked, "", {{"retry_after", seconds}});
    return fail(ErrorCode::InvalidCredentials);
  }

  const long long id = attempt->user->at("id").get<long long>();
  LoginResult result;
  result.session_token = random_secret();
  auto opened = db.write_essential([&](soci::session& session) -> Result<void> {
    const auto now = utc_now();
    Query("DELETE FROM login_throttle WHERE username = :name AND address = :address")
        .bind("name", name)
        .bind("address", address)
        .execute(session);
    auto account = load_account(db, session, id);
    if (!account) return fail(ErrorCode::InvalidCredentials);
    account->csrf_token = random_secret();
    account->caller.address = address;
    Query(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, address, created_at, last_seen_at, expires_at)"
        " VALUES (:id_hash, :user_id, :csrf, :address, :now, :now, :expires)")
        .bind("id_hash", hex_hash(result.session_token))
        .bind("user_id", id)
        .bind("csrf", account->csrf_token)
        .bind("address", address)
        .bind("now", now)
        .bind("expires", utc_after(std::min(limits.idle_seconds, limits.max_age_seconds)))
        .execute(session);
    Query("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute(session);
    write_audit(session, account->caller, {.action = "login", .entity = "session", .entity_id = id});
    result.account = std::move(*account);
    return {};
  });
  if (!opened) return std::unexpected(opened.error());
  return result;
}

std::optional<Account> AccountCache::find(long long user_id, long long version) const {
  const std::lock_guard lock(mutex_);
  const auto kept = accounts_.find(user_id);
  if (kept == accounts_.end() || kept->second.first != version) return std::nullopt;
  return kept->second.second;
}

void AccountCache::keep(long long user_id, long long version, const Account& account) {
  const std::lock_guard lock(mutex_);
  if (accounts_.size() >= kMaxAccounts && !accounts_.contains(user_id)) accounts_.clear();
  accounts_.insert_or_assign(user_id, std::pair{version, account});
}

Result<Account> session_account(Database& db, AccountCache& accounts, std::string_view session_token,
                                const SessionLimits& limits) {
  const auto id_hash = hex_hash(session_token);
  auto account = db.read([&](soci::session& session) -> std::optional<Account> {
    const auto row = Query(
                         "SELECT user_id, csrf_token, created_at, last_seen_at, expires_at,"
                         " (SELECT version FROM data_version WHERE id = 1) AS data_version"
                         " FROM sessions WHERE id_hash = :key")
                         .bind("key", id_hash)
                         .integers({"user_id", "data_version"})
                         .first(session);
    if (!row) return std::nullopt;
    const long long user_id = row->at("user_id").get<long long>();
    auto versions = db.table_versions(session, row->at("data_version").get<long long>());
    // Before migration 0030 no table has a version: the user is read each time.
    const bool versioned = versions->has("users");
    const auto version = versioned ? versions->of(AccountCache::kTables) : 0;
    auto found = versioned ? accounts.find(user_id, version) : std::nullopt;
    if (!found) {
      // Read after the versions: what it reads is at least as new as `version`.
      found = load_account(db, session, user_id);
      if (!found) return std::nullopt;
      if (versioned) accounts.keep(user_id, version, *found);
    }
    found->table_versions = std::move(versions);
    found->csrf_token = row->at("csrf_token").get<std::string>();
    found->session = {{"created_at", row->at("created_at")},
                      {"last_seen_at", row->at("last_seen_at")},
                      {"expires_at", row->at("expires_at")}};
    return found;
  });
  if (!account) return fail(ErrorCode::Unauthenticated);
  const auto now = utc_now();
  // Seconds until the session's maximum age: it ends then, however busy.
  const auto left = seconds_from_now(account->session["created_at"].get<std::string>()) + limits.max_age_seconds;
  if (account->session["expires_at"].get<std::string>() < now || left < 0) {
    db.write_essential([&](soci::session& session) -> Result<void> {
      Query("DELETE FROM sessions WHERE id_hash = :h").bind("h", id_hash).execute(session);
      return {};
    });
    return fail(ErrorCode::SessionExpired);
  }
  if (account->session["last_seen_at"].get<std::string>() < utc_after(-kSessionRefreshSeconds)) {
    // Sliding expiry, written at most every few minutes to keep reads read-only.
    db.write_essential([&](soci::session& session) -> Result<void> {
      Query("UPDATE sessions SET last_seen_at = :now, expires_at = :expires WHERE id_hash = :h")
          .bind("now", now)
          .bind("expires", utc_after(std::min(limits.idle_seconds, left)))
          .bind("h", id_hash)
          .execute(session);
      return {};
    });
  }
  return std::move(*account);
}

Result<Account> token_account(Database& db, std::string_view token) {
  const auto hash = hex_hash(token);
  const auto today = domain::today_iso();
  auto row = db.read([&](soci::session& session) {
    return Query(
               "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL"
               " AND (expires_on IS NULL OR expires_on >= :today)")
        .bind("h", hash)
        .bind("today", today)
        .first(session);
  });
  if (!row) return fail(ErrorCode::Unauthenticated);
  auto account =
      db.read([&](soci::session& session) { return load_account(db, session, row->at("user_id").get<long long>()); });
  if (!account) return fail(ErrorCode::Unauthenticated);
  account->credential = Credential::ApiToken;
  if (!row->at("last_used_at").is_string() ||
      row->at("last_used_at").get<std::string>() < utc_after(-kSessionRefreshSeconds))
    db.write_essential([&](soci::session& session) -> Result<void> {
      Query("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
          .bind("now", utc_now())
          .bind("id", row->at("id"))
          .execute(session);
      return {};
    });
  return std::move(*account);
}

void logout(Database& db, const Caller& caller, std::string_view session_token) {
  db.write_essential([&](soci::session& session) -> Result<void> {
    Query("DELETE FROM sessions WHERE id_hash = :h").bind("h", hex_hash(session_token)).execute(session);
    write_audit(session, caller, {.action = "logout", .entity = "session", .entity_id = caller.user_id});
    return {};
  });
}

Result<void> change_password(Database& db, const Caller& caller, std::string_view current, std::string_view replacement,
                             std::string_view kept_session) {
  auto hash = db.read([&](soci::session& session) {
    return Query("SELECT password_hash FROM users WHERE id = :id").bind("id", caller.user_id).first(session);
  });
  if (!hash || !verify_password(hash->at("password_hash").get<std::string>(), current))
    return fail(ErrorCode::WrongPassword, "current_password");
  if (domain::code_points(replacement) < kMinPasswordLength) return fail(ErrorCode::PasswordTooShort, "new_password");
  const auto new_hash = hash_password(replacement);
  return db.write([&](soci::session& session) -> Result<void> {
    Query(
        "UPDATE users SET password_hash = :hash, must_change_password = 0, updated_at = :now, version = version + 1"
        " WHERE id = :id")
        .bind("hash", new_hash)
        .bind("now", utc_now())
        .bind("id", caller.user_id)
        .execute(session);
    const auto kept = kept_session.empty() ? std::string() : hex_hash(kept_session);
    const auto ended = end_sessions_and_tokens(session, caller.user_id, kept);
    write_audit(session, caller, {.action = "password", .entity = "user", .entity_id = caller.user_id, .after = ended});
    return {};
  });
}

Result<void> set_language(Database& db, const Caller& caller, std::string_view language) {
  if (language != "ar" && language != "fr" && language != "en") return fail(ErrorCode::InvalidValue, "language");
  return db.write([&](soci::session& session) -> Result<void> {
    Query("UPDATE users SET language = :language WHERE id = :id")
        .bind("language", std::string(language))
        .bind("id", caller.user_id)
        .execute(session);
    write_audit(
        session, caller,
        {.action = "language", .entity = "user", .entity_id = caller.user_id, .after = {{"language", language}}});
    return {};
  });
}

Result<json> create_user(Database& db, const Caller& caller, const json& body, std::optional<std::string> password) {
  auto values = domain::validate_input(domain::user_spec(), body);
  if (!values) return std::unexpected(values.error());
  const bool association_role = (*values)["role"] == "association";
  if (association_role && (*values)["scope_association_id"].is_null())
    return fail(ErrorCode::Required, "scope_association_id");
  if (!association_role && (*values)["scope_territory_id"].is_null())
    return fail(ErrorCode::Required, "scope_territory_id");
  if (password && domain::code_points(*password) < kMinPasswordLength)
    return fail(ErrorCode::PasswordTooShort, "password");
  const bool one_time = !password;
  const std::string secret = password.value_or(one_time_password());
  auto record = create_record(db, domain::user_spec(), caller, body,
                              {{"password_hash", hash_password(secret)}, {"must_change_password", one_time ? 1 : 0}});
  if (record && one_time) (*record)["one_time_password"] = secret;
  return record;
}

Result<json> reset_password(Database& db, const Caller& caller, long long id) {
  const auto user = get_record(db, domain::user_spec(), caller, id);
  if (!user) return fail(ErrorCode::NotFound);
  const auto secret = one_time_password();
  const auto hash = hash_password(secret);
  return db.write([&](soci::session& session) -> Result<json> {
    Query(
        "UPDATE users SET password_hash = :hash, must_change_password = 1, updated_at = :now, version = version + 1"
        " WHERE id = :id")
        .bind("hash", hash)
        .bind("now", utc_now())
        .bind("id", id)
        .execute(session);
    auto ended = end_sessions_and_tokens(session, id, "");
    Query("DELETE FROM login_throttle WHERE username = :name")
        .bind("name", throttle_name((*user)["username"].get<std::string>()))
        .execute(session);
    write_audit(session, caller, {.action = "reset_password", .entity = "user", .entity_id = id, .after = ended});
    return json{{"one_time_password", secret}};
  });
}

Result<json> reset_password_by_name(Database& db, const Caller& caller, std::string_view username) {
  const auto id = db.read([&](soci::session& session) {
    return Query("SELECT id FROM users WHERE username = :username")
        .bind("username", std::string(username))
        .scalar(session, 0);
  });
  if (id == 0) return fail(ErrorCode::NotFound);
  return reset_password(db, caller, id);
}

Result<json> unlock_user(Database& db, const Caller& caller, std::string_view username) {
  return db.write([&](soci::session& session) -> Result<json> {
    const auto user =
        Query("SELECT id FROM users WHERE username = :username").bind("username", std::string(username)).first(session);
    const auto cleared = Query("DELETE FROM login_throttle WHERE username = :name")
                             .bind("name", throttle_name(username))
                             .execute(session);
    if (!user && cleared == 0) return fail(ErrorCode::NotFound);
    json record = {{"username", username}, {"addresses", cleared}};
    write_audit(session, caller,
                {.action = "unlock",
                 .entity = "user",
                 .entity_id = user ? std::optional(user->at("id").get<long long>()) : std::nullopt,
                 .after = record});
    return record;
  });
}

json list_tokens(Database& db, const Caller& caller) {
  const bool all = domain::may(caller.role, "all_tokens", domain::Action::Read);
  return db.read([&](soci::session& session) {
    json items = json::array();
    for (auto& row :
         Query(std::string("SELECT k.id, k.user_id, u.username, k.name, k.prefix, k.expires_on, k.created_at,"
                           " k.last_used_at, k.revoked_at FROM api_tokens k JOIN users u ON u.id = k.user_id") +
               (all ? "" : " WHERE k.user_id = :user") + " ORDER BY k.id DESC")
             .bind("user", caller.user_id)
             .rows(session))
      items.push_back(std::move(row));
    return json{{"items", std::move(items)}};
  });
}

Result<json> create_token(Database& db, const Caller& caller, const NewToken& body) {
  const auto& name = body.name;
  const json expires = body.expires_on ? json(*body.expires_on) : json(nullptr);
  const auto token = "riaya_" + random_secret();
  return db.write([&](soci::session& session) -> Result<json> {
    const auto id = Query(
                        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_on, created_at)"
                        " VALUES (:user, :name, :hash, :prefix, :expires, :now) RETURNING id")
                        .bind("user", caller.user_id)
                        .bind("name", name)
                        .bind("hash", hex_hash(token))
                        .bind("prefix", token.substr(0, 10))
                        .bind("expires", expires)
                        .bind("now", utc_now())
                        .scalar(session);
    json record = {{"id", id},
                   {"user_id", caller.user_id},
                   {"name", name},
                   {"prefix", token.substr(0, 10)},
                   {"expires_on", expires}};
    write_audit(session, caller, {.action = "create", .entity = "token", .entity_id = id, .after = record});
    record["token"] = token;
    return record;
  });
}

Result<void> revoke_token(Database& db, const Caller& caller, long long id) {
  return db.write([&](soci::session& session) -> Result<void> {
    const bool all = domain::may(caller.role, "all_tokens", domain::Action::Archive);
    const auto changed =
        Query(std::string("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL") +
              (all ? "" : " AND user_id = :user"))
            .bind("now", utc_now())
            .bind("id", id)
            .bind("user", caller.user_id)
            .execute(session);
    if (changed == 0) return fail(ErrorCode::NotFound);
    write_audit(session, caller, {.action = "revoke", .entity = "token", .entity_id = id});
    return {};
  });
}

}  // namespace riaya::store
