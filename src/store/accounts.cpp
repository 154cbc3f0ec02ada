#include "store/accounts.hpp"

#include "domain/dates.hpp"
#include "domain/schema.hpp"
#include "store/audit.hpp"
#include "store/query.hpp"
#include "store/records.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace riaya::store {
namespace {

using domain::ErrorCode;
using domain::fail;
using domain::Result;
using nlohmann::json;

constexpr int kFailuresBeforeLock = 5;
constexpr long long kFirstLockSeconds = 30;
constexpr long long kLongestLockSeconds = 3600;
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

// The account of the live user that `condition` picks (":key" is bound to `key`), with the
// row of the session it came by when `with_session`.
std::optional<Account> load_account(soci::session& session, const std::string& condition, const nlohmann::json& key,
                                    bool with_session = false) {
  auto row = Query(std::string("SELECT u.id, u.username, u.display_name, u.role, u.language, u.must_change_password,"
                               " u.scope_territory_id, u.scope_association_id, t.path AS scope_path,"
                               " at.path AS association_path,"
                               " COALESCE(t.name_ar, a.name_ar) AS scope_name_ar, COALESCE(t.name_fr, a.name_fr) AS scope_name_fr,"
                               " (SELECT version FROM data_version WHERE id = 1) AS data_version") +
                   (with_session ? ", s.csrf_token, s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
                                 : " FROM users u") +
                   " LEFT JOIN territories t ON t.id = u.scope_territory_id"
                   " LEFT JOIN associations a ON a.id = u.scope_association_id"
                   " LEFT JOIN territories at ON at.id = a.territory_id"
                   " WHERE " + condition + " AND u.archived_at IS NULL")
                 .bind("key", key)
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
  account.data_version = row->at("data_version").is_string() ? std::stoll(row->at("data_version").get<std::string>())
                                                             : row->at("data_version").get<long long>();
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
  if (with_session) {
    account.csrf_token = row->at("csrf_token").get<std::string>();
    account.session = {{"last_seen_at", row->at("last_seen_at")}, {"expires_at", row->at("expires_at")}};
  }
  return account;
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
                          const std::string& address, long long lifetime_seconds) {
  auto user = db.read([&](soci::session& session) {
    return Query("SELECT id, password_hash, locked_until FROM users WHERE username = :username AND archived_at IS NULL")
        .bind("username", std::string(username))
        .first(session);
  });
  const auto now = utc_now();
  Caller anonymous{.username = std::string(username), .address = address};
  if (!user) {
    static const std::string decoy = hash_password("riaya-decoy");
    verify_password(decoy, password);  // an unknown name costs what a wrong password costs
    db.write_essential([&](soci::session& session) -> Result<void> {
      write_audit(session, anonymous, {.action = "login_failed", .entity = "session"});
      return {};
    });
    return fail(ErrorCode::InvalidCredentials);
  }
  const long long id = user->at("id").get<long long>();
  anonymous.user_id = id;
  if (const auto& locked = user->at("locked_until"); locked.is_string() && locked.get<std::string>() > now) {
    const auto until = locked.get<std::string>();
    long long seconds = 1;
    for (; seconds < kLongestLockSeconds && utc_after(seconds) < until; seconds *= 2) {
    }
    return fail(ErrorCode::Locked, "", {{"retry_after", seconds}});
  }
  if (!verify_password(user->at("password_hash").get<std::string>(), password)) {
    long long locked_for = 0;
    db.write_essential([&](soci::session& session) -> Result<void> {
      const auto failures =
          Query("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id RETURNING failed_logins")
              .bind("id", id)
              .scalar(session);
      if (failures >= kFailuresBeforeLock) {
        locked_for = std::min(kFirstLockSeconds << std::min<long long>(failures - kFailuresBeforeLock, 20),
                              kLongestLockSeconds);
        Query("UPDATE users SET locked_until = :until WHERE id = :id")
            .bind("until", utc_after(locked_for))
            .bind("id", id)
            .execute(session);
      }
      write_audit(session, anonymous,
                  {.action = "login_failed", .entity = "session", .after = {{"failures", failures}}});
      return {};
    });
    if (locked_for > 0) return fail(ErrorCode::Locked, "", {{"retry_after", locked_for}});
    return fail(ErrorCode::InvalidCredentials);
  }

  LoginResult result;
  result.session_token = random_secret();
  auto opened = db.write_essential([&](soci::session& session) -> Result<void> {
    Query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id").bind("id", id).execute(session);
    auto account = load_account(session, "u.id = :key", id);
    if (!account) return fail(ErrorCode::InvalidCredentials);
    account->csrf_token = random_secret();
    account->caller.address = address;
    Query("INSERT INTO sessions (id_hash, user_id, csrf_token, address, created_at, last_seen_at, expires_at)"
          " VALUES (:id_hash, :user_id, :csrf, :address, :now, :now, :expires)")
        .bind("id_hash", hex_hash(result.session_token))
        .bind("user_id", id)
        .bind("csrf", account->csrf_token)
        .bind("address", address)
        .bind("now", now)
        .bind("expires", utc_after(lifetime_seconds))
        .execute(session);
    Query("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute(session);
    write_audit(session, account->caller, {.action = "login", .entity = "session", .entity_id = id});
    result.account = std::move(*account);
    return {};
  });
  if (!opened) return std::unexpected(opened.error());
  return result;
}

Result<Account> session_account(Database& db, std::string_view session_token, long long lifetime_seconds) {
  const auto id_hash = hex_hash(session_token);
  auto account = db.read([&](soci::session& session) { return load_account(session, "s.id_hash = :key", id_hash, true); });
  if (!account) return fail(ErrorCode::Unauthenticated);
  const auto now = utc_now();
  if (account->session["expires_at"].get<std::string>() < now) {
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
          .bind("expires", utc_after(lifetime_seconds))
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
    return Query("SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = :h AND revoked_at IS NULL"
                 " AND (expires_on IS NULL OR expires_on >= :today)")
        .bind("h", hash)
        .bind("today", today)
        .first(session);
  });
  if (!row) return fail(ErrorCode::Unauthenticated);
  auto account = db.read([&](soci::session& session) { return load_account(session, "u.id = :key", row->at("user_id")); });
  if (!account) return fail(ErrorCode::Unauthenticated);
  if (!row->at("last_used_at").is_string() || row->at("last_used_at").get<std::string>() < utc_after(-kSessionRefreshSeconds))
    db.write_essential([&](soci::session& session) -> Result<void> {
      Query("UPDATE api_tokens SET last_used_at = :now WHERE id = :id").bind("now", utc_now()).bind("id", row->at("id")).execute(session);
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

Result<void> change_password(Database& db, const Caller& caller, std::string_view current, std::string_view replacement) {
  auto hash = db.read([&](soci::session& session) {
    return Query("SELECT password_hash FROM users WHERE id = :id").bind("id", caller.user_id).first(session);
  });
  if (!hash || !verify_password(hash->at("password_hash").get<std::string>(), current))
    return fail(ErrorCode::WrongPassword, "current_password");
  if (domain::code_points(replacement) < kMinPasswordLength) return fail(ErrorCode::PasswordTooShort, "new_password");
  const auto new_hash = hash_password(replacement);
  return db.write([&](soci::session& session) -> Result<void> {
    Query("UPDATE users SET password_hash = :hash, must_change_password = 0, updated_at = :now, version = version + 1"
          " WHERE id = :id")
        .bind("hash", new_hash)
        .bind("now", utc_now())
        .bind("id", caller.user_id)
        .execute(session);
    write_audit(session, caller, {.action = "password", .entity = "user", .entity_id = caller.user_id});
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
    write_audit(session, caller,
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
  if (password && domain::code_points(*password) < kMinPasswordLength) return fail(ErrorCode::PasswordTooShort, "password");
  const bool one_time = !password;
  const std::string secret = password.value_or(one_time_password());
  auto record = create_record(db, domain::user_spec(), caller, body,
                              {{"password_hash", hash_password(secret)}, {"must_change_password", one_time ? 1 : 0}});
  if (record && one_time) (*record)["one_time_password"] = secret;
  return record;
}

Result<json> reset_password(Database& db, const Caller& caller, long long id) {
  if (!get_record(db, domain::user_spec(), caller, id)) return fail(ErrorCode::NotFound);
  const auto secret = one_time_password();
  const auto hash = hash_password(secret);
  return db.write([&](soci::session& session) -> Result<json> {
    Query("UPDATE users SET password_hash = :hash, must_change_password = 1, failed_logins = 0, locked_until = NULL,"
          " updated_at = :now, version = version + 1 WHERE id = :id")
        .bind("hash", hash)
        .bind("now", utc_now())
        .bind("id", id)
        .execute(session);
    Query("DELETE FROM sessions WHERE user_id = :id").bind("id", id).execute(session);
    write_audit(session, caller, {.action = "reset_password", .entity = "user", .entity_id = id});
    return json{{"one_time_password", secret}};
  });
}

json list_tokens(Database& db, const Caller& caller) {
  const bool all = caller.role == domain::Role::Admin;
  return db.read([&](soci::session& session) {
    json items = json::array();
    for (auto& row : Query(std::string("SELECT k.id, k.user_id, u.username, k.name, k.prefix, k.expires_on, k.created_at,"
                                       " k.last_used_at, k.revoked_at FROM api_tokens k JOIN users u ON u.id = k.user_id") +
                           (all ? "" : " WHERE k.user_id = :user") + " ORDER BY k.id DESC")
                         .bind("user", caller.user_id)
                         .rows(session))
      items.push_back(std::move(row));
    return json{{"items", std::move(items)}};
  });
}

Result<json> create_token(Database& db, const Caller& caller, const json& body) {
  if (!body.is_object()) return fail(ErrorCode::MalformedJson);
  if (auto ok = domain::only_fields(body, {"name", "expires_on"}); !ok) return std::unexpected(ok.error());
  const auto name = body.value("name", json(nullptr));
  if (!name.is_string() || name.get<std::string>().find_first_not_of(' ') == std::string::npos)
    return fail(name.is_null() || name.is_string() ? ErrorCode::Required : ErrorCode::WrongType, "name");
  if (domain::code_points(name.get<std::string>()) > 100) return fail(ErrorCode::TooLong, "name");
  json expires = body.value("expires_on", json(nullptr));
  if (!expires.is_null()) {
    if (!expires.is_string()) return fail(ErrorCode::WrongType, "expires_on");
    const auto date = domain::parse_iso_date(expires.get<std::string>());
    if (!date) return fail(ErrorCode::InvalidDate, "expires_on");
    if (*date <= domain::today_utc()) return fail(ErrorCode::OutOfRange, "expires_on");
  }
  const auto token = "riaya_" + random_secret();
  return db.write([&](soci::session& session) -> Result<json> {
    const auto id = Query("INSERT INTO api_tokens (user_id, name, token_hash, prefix, expires_on, created_at)"
                          " VALUES (:user, :name, :hash, :prefix, :expires, :now) RETURNING id")
                        .bind("user", caller.user_id)
                        .bind("name", name)
                        .bind("hash", hex_hash(token))
                        .bind("prefix", token.substr(0, 10))
                        .bind("expires", expires)
                        .bind("now", utc_now())
                        .scalar(session);
    json record = {{"id", id}, {"user_id", caller.user_id}, {"name", name}, {"prefix", token.substr(0, 10)},
                   {"expires_on", expires}};
    write_audit(session, caller, {.action = "create", .entity = "token", .entity_id = id, .after = record});
    record["token"] = token;
    return record;
  });
}

Result<void> revoke_token(Database& db, const Caller& caller, long long id) {
  return db.write([&](soci::session& session) -> Result<void> {
    const bool all = caller.role == domain::Role::Admin;
    const auto changed = Query(std::string("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL") +
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
