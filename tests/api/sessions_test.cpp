// Log-in throttling, the log-in's content type, the session's maximum age, and what a
// password change, a password reset and an API token may and may not do to sessions and tokens.
#include "store/accounts.hpp"
#include "suite.hpp"

#include <future>
#include <vector>

namespace riaya::test {
namespace {

class Sessions : public ApiTest {
 protected:
  // A new viewer of the province with a password of their own (changed from the one-time one).
  static std::string new_user(const std::string& username) {
    auto admin = as("admin");
    auto created = admin.post("/api/users", {{"username", username},
                                             {"display_name", username},
                                             {"role", "viewer"},
                                             {"scope_territory_id", 3},
                                             {"language", "en"}});
    if (created.status != 201) throw std::runtime_error("cannot create " + username + ": " + created.body);
    Client client(server().port());
    client.login(username, created.data()["one_time_password"].get<std::string>());
    client.post("/api/session/password",
                {{"current_password", created.data()["one_time_password"]}, {"new_password", "first-password-1"}});
    client.del("/api/session");
    return "first-password-1";
  }
  // An API token of the signed-in `client`.
  static std::string token_of(Client& client) {
    auto created = client.post("/api/tokens", {{"name", "script"}});
    if (created.status != 201) throw std::runtime_error("cannot create a token: " + created.body);
    return created.data()["token"].get<std::string>();
  }
  static store::Caller command_line() {
    return {.username = "riaya command line", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  }
  // Audit entries of `action` by `username` (with `user` as their user when given).
  static long long audit_count(const std::string& action, const std::string& username, long long user = 0) {
    return server().db().read([&](soci::session& s) {
      return store::Query(std::string("SELECT COUNT(*) FROM audit_log WHERE action = :a AND username = :n") +
                          (user ? " AND user_id = :u" : " AND user_id IS NULL"))
          .bind("a", action)
          .bind("n", username)
          .bind("u", user)
          .scalar(s);
    });
  }
  static Client bearer(const std::string& token) {
    Client client(server().port());
    client.bearer = token;
    return client;
  }
  // Makes the block on `username` from every address run out now, as if its time had passed.
  static void let_block_pass(const std::string& username) {
    server().db().read([&](soci::session& s) {
      store::Query("UPDATE login_throttle SET blocked_until = '2000-01-01T00:00:00Z' WHERE username = :u")
          .bind("u", username)
          .execute(s);
    });
  }
};

TEST_F(Sessions, AKnownAndAnUnknownNameAreThrottledAlike) {
  for (const std::string name : {"delegation", "no-such-user"}) {
    SCOPED_TRACE(name);
    Client client(server().port());
    client.language = "en";
    for (int i = 0; i < 4; ++i) {
      auto reply = client.login(name, "wrong-password");
      EXPECT_EQ(reply.status, 401);
      EXPECT_EQ(reply.data()["error"]["code"], "invalid_credentials");
    }
    auto blocked = client.login(name, "wrong-password");
    ASSERT_EQ(blocked.status, 429);
    EXPECT_EQ(blocked.body, R"({"error":{"code":"locked","message":"Too many failed log-ins with this name. )"
                            R"(Try again in a moment.","retry_after":30}})");
    EXPECT_EQ(blocked.headers["retry-after"], "30");
    auto again = client.login(name, kPassword);  // even the right password waits
    EXPECT_EQ(again.status, 429);
    EXPECT_EQ(again.data()["error"]["code"], "locked");
  }
  // Every failure is audited, the known name's with its user.
  EXPECT_EQ(audit_count("login_failed", "delegation", user_id("delegation")), 5);
  EXPECT_EQ(audit_count("login_failed", "no-such-user"), 5);
  store::unlock_user(server().db(), command_line(), "delegation");
}

TEST_F(Sessions, ABlockHoldsOnlyThatNameFromThatAddress) {
  Client attacker(server().port());
  attacker.source_address = "127.0.0.9";
  for (int i = 0; i < 5; ++i) attacker.login("division", "wrong-password");
  EXPECT_EQ(attacker.login("division").status, 429);
  // The real user, from their own address, logs in; so does another user from the attacker's.
  Client user(server().port());
  EXPECT_EQ(user.login("division").status, 200);
  Client colleague(server().port());
  colleague.source_address = "127.0.0.9";
  EXPECT_EQ(colleague.login("viewer").status, 200);
  // The name is folded: another spelling of it is the same name.
  EXPECT_EQ(attacker.login("DIVISION", "wrong-password").status, 429);
  // The user's success elsewhere did not lift the block.
  EXPECT_EQ(attacker.login("division").status, 429);
  let_block_pass("division");
}

TEST_F(Sessions, TheBackOffDoublesUpToFiveMinutes) {
  Client client(server().port());
  client.source_address = "127.0.0.10";
  for (int i = 0; i < 4; ++i) client.login("assessor", "wrong-password");
  std::vector<long long> waits;
  for (int i = 0; i < 7; ++i) {
    auto reply = client.login("assessor", "wrong-password");
    ASSERT_EQ(reply.status, 429) << reply.body;
    waits.push_back(reply.data()["error"]["retry_after"].get<long long>());
    let_block_pass("assessor");
  }
  EXPECT_EQ(waits, (std::vector<long long>{30, 60, 120, 240, 300, 300, 300}));
  // Once a block has run out the right password works, and it forgets the failures.
  EXPECT_EQ(client.login("assessor").status, 200);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(client.login("assessor", "wrong-password").status, 401);
  EXPECT_EQ(client.login("assessor").status, 200);
}

TEST_F(Sessions, ConcurrentAttemptsCannotSlipPastTheBlock) {
  std::vector<std::future<int>> attempts;
  for (int i = 0; i < 12; ++i)
    attempts.push_back(std::async(std::launch::async, [] {
      Client client(server().port());
      client.source_address = "127.0.0.11";
      return client.login("viewer", "wrong-password").status;
    }));
  int refused = 0, blocked = 0;
  for (auto& attempt : attempts) (attempt.get() == 401 ? refused : blocked) += 1;
  EXPECT_EQ(refused, 4);  // the password was checked four times only
  EXPECT_EQ(blocked, 8);
}

TEST_F(Sessions, AnOperatorUnlocksANameFromEveryAddress) {
  for (const std::string from : {"127.0.0.12", "127.0.0.13"}) {
    Client client(server().port());
    client.source_address = from;
    for (int i = 0; i < 5; ++i) client.login("association", "wrong-password");
    EXPECT_EQ(client.login("association").status, 429);
  }
  auto unlocked = store::unlock_user(server().db(), command_line(), "association");
  ASSERT_TRUE(unlocked.has_value());
  EXPECT_EQ((*unlocked)["addresses"], 2);
  for (const std::string from : {"127.0.0.12", "127.0.0.13"}) {
    Client client(server().port());
    client.source_address = from;
    EXPECT_EQ(client.login("association").status, 200);
  }
  // The unlock is audited on the user.
  const auto entry = server().db().read([&](soci::session& s) {
    return store::Query(
               "SELECT username, entity, entity_id, after_json FROM audit_log WHERE action = 'unlock'"
               " AND entity_id = :user")
        .bind("user", user_id("association"))
        .first(s);
  });
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(entry->at("username"), "riaya command line");
  EXPECT_EQ(entry->at("entity"), "user");
  EXPECT_EQ(entry->at("entity_id"), user_id("association"));
  EXPECT_EQ(json::parse(entry->at("after_json").get<std::string>()),
            (json{{"username", "association"}, {"addresses", 2}}));
  // A name that is nobody's and was never tried is refused.
  EXPECT_FALSE(store::unlock_user(server().db(), command_line(), "nobody-at-all").has_value());
}

TEST_F(Sessions, AnAdminsPasswordResetLiftsTheBlock) {
  new_user("blocked-user");
  Client client(server().port());
  for (int i = 0; i < 5; ++i) client.login("blocked-user", "wrong-password");
  ASSERT_EQ(client.login("blocked-user", "first-password-1").status, 429);
  auto reset =
      as("admin").post("/api/users/" + std::to_string(user_id("blocked-user")) + "/reset-password", json::object());
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(client.login("blocked-user", reset.data()["one_time_password"].get<std::string>()).status, 200);
}

TEST_F(Sessions, LogInIsOnlyAcceptedAsJson) {
  const auto sessions = count("sessions");
  const std::string body = json{{"username", "viewer"}, {"password", kPassword}}.dump();
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                 "", "application/jsonx"}) {
    SCOPED_TRACE(type);
    Client client(server().port());
    client.language = "fr";
    client.content_type = type;
    auto reply = client.raw("POST", "/api/session", body);
    EXPECT_EQ(reply.status, 415);
    EXPECT_EQ(reply.data()["error"]["code"], "unsupported_media_type");
    EXPECT_EQ(reply.data()["error"]["message"],
              "La requête doit être envoyée en JSON (Content-Type: application/json).");
    EXPECT_EQ(reply.headers.count("set-cookie"), 0u);
  }
  EXPECT_EQ(count("sessions"), sessions);
  Client client(server().port());
  client.content_type = "Application/JSON; charset=utf-8";
  EXPECT_EQ(client.raw("POST", "/api/session", body).status, 200);
}

TEST_F(Sessions, TheSessionsWritesNameTheFieldTheyRefuse) {
  // Each refusal: 422, its code, the field, and a message naming the field (`named`) in the
  // caller's language; nothing written.
  const auto expect_refused = [](Client& client, const std::string& target, const json& body, const std::string& code,
                                 const std::string& field, const std::string& named) {
    SCOPED_TRACE(target + " " + body.dump());
    const auto sessions = count("sessions");
    const auto audit = count("audit_log");
    auto reply = client.post(target, body);
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
    EXPECT_NE(reply.data()["error"]["message"].get<std::string>().find(named), std::string::npos) << reply.body;
    EXPECT_EQ(count("sessions"), sessions);
    EXPECT_EQ(count("audit_log"), audit);
  };
  const auto password = new_user("refused-fields");
  Client anonymous(server().port());
  anonymous.language = "fr";
  const json remembered = {{"username", "refused-fields"}, {"password", password}, {"remember", true}};
  expect_refused(anonymous, "/api/session", remembered, "unknown_field", "remember", "« remember »");
  const json numbered = {{"username", 7}, {"password", password}};
  expect_refused(anonymous, "/api/session", numbered, "wrong_type", "username", "« identifiant »");
  const json nameless = {{"username", "refused-fields"}};
  expect_refused(anonymous, "/api/session", nameless, "required", "password", "« mot de passe »");
  const json overlong = {{"username", "refused-fields"}, {"password", std::string(1025, 'p')}};
  expect_refused(anonymous, "/api/session", overlong, "too_long", "password", "« mot de passe »");

  Client user(server().port());  // answered in English, the user's language, whatever the browser's
  user.language = "fr";
  ASSERT_EQ(user.login("refused-fields", password).status, 200);
  const json confirmed = {{"current_password", password}, {"new_password", "second-password-2"}, {"confirm", "x"}};
  expect_refused(user, "/api/session/password", confirmed, "unknown_field", "confirm", "\"confirm\"");
  const json numeric = {{"current_password", password}, {"new_password", 12345678}};
  expect_refused(user, "/api/session/password", numeric, "wrong_type", "new_password", "\"new password\"");
  const json listed = {{"language", json::array({"ar"})}};
  expect_refused(user, "/api/session/language", listed, "wrong_type", "language", "\"language\"");
  const json located = {{"language", "ar"}, {"country", "MA"}};
  expect_refused(user, "/api/session/language", located, "unknown_field", "country", "\"country\"");
  EXPECT_EQ(user.get("/api/session").data()["user"]["language"], "en");
  Client again(server().port());
  EXPECT_EQ(again.login("refused-fields", password).status, 200);
}

TEST_F(Sessions, ASessionEndsTwelveHoursAfterLogInHoweverBusy) {
  server().db().read([&](soci::session& s) {
    store::Query("DELETE FROM sessions WHERE user_id = :user").bind("user", user_id("viewer")).execute(s);
  });
  Client client(server().port());
  auto login = client.login("viewer");
  ASSERT_EQ(login.status, 200);
  EXPECT_NE(login.headers["set-cookie"].find("Max-Age=43200"), std::string::npos) << login.headers["set-cookie"];
  // Used a minute ago and eleven hours old: it lives, and its renewal stops at twelve hours.
  const auto set_times = [&](long long age_seconds) {
    server().db().read([&](soci::session& s) {
      store::Query(
          "UPDATE sessions SET created_at = :created, last_seen_at = :seen, expires_at = :expires"
          " WHERE user_id = :user")
          .bind("created", store::utc_after(-age_seconds))
          .bind("seen", store::utc_after(-600))
          .bind("expires", store::utc_after(7 * 3600))
          .bind("user", user_id("viewer"))
          .execute(s);
    });
  };
  set_times(11 * 3600 + 1800);
  EXPECT_EQ(client.get("/api/session").status, 200);
  const auto ends = server().db().read([&](soci::session& s) {
    return store::Query("SELECT expires_at FROM sessions WHERE user_id = :user")
        .bind("user", user_id("viewer"))
        .first(s);
  });
  EXPECT_LE(ends->at("expires_at").get<std::string>(), store::utc_after(1800 + 5));  // not 8 hours on
  EXPECT_GE(ends->at("expires_at").get<std::string>(), store::utc_after(1800 - 5));
  // Twelve hours and a minute old, although used a minute ago and not idle-expired: over.
  set_times(12 * 3600 + 60);
  auto reply = client.get("/api/institutions");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.data()["error"]["code"], "session_expired");
  EXPECT_EQ(client.get("/api/session").status, 401);
}

TEST_F(Sessions, ChangingOnesPasswordEndsOtherSessionsAndRevokesTokens) {
  const auto password = new_user("changer");
  Client here(server().port()), elsewhere(server().port());
  ASSERT_EQ(here.login("changer", password).status, 200);
  ASSERT_EQ(elsewhere.login("changer", password).status, 200);
  auto script = bearer(token_of(here));
  ASSERT_EQ(script.get("/api/institutions").status, 200);

  ASSERT_EQ(here.post("/api/session/password", {{"current_password", password}, {"new_password", "second-password-2"}})
                .status,
            204);
  EXPECT_EQ(here.get("/api/institutions").status, 200);  // the session that changed it goes on
  EXPECT_EQ(elsewhere.get("/api/institutions").status, 401);
  EXPECT_EQ(script.get("/api/institutions").status, 401);
  const auto tokens = here.get("/api/tokens").data()["items"];
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_TRUE(tokens[0]["revoked_at"].is_string());
  // The audit says what ended.
  auto audit = as("admin").get("/api/audit?entity=user&entity_id=" + std::to_string(user_id("changer"))).data();
  ASSERT_GE(audit["items"].size(), 1u) << audit.dump();
  EXPECT_EQ(audit["items"][0]["action"], "password");
  EXPECT_EQ(audit["items"][0]["after"], (json{{"sessions_ended", 1}, {"tokens_revoked", 1}})) << audit.dump();

  // Changed with an API token, the password ends every session, the token's own too.
  auto second = bearer(token_of(here));
  ASSERT_EQ(second
                .post("/api/session/password",
                      {{"current_password", "second-password-2"}, {"new_password", "third-password-3"}})
                .status,
            204);
  EXPECT_EQ(here.get("/api/institutions").status, 401);
  EXPECT_EQ(second.get("/api/institutions").status, 401);
  Client again(server().port());
  EXPECT_EQ(again.login("changer", "third-password-3").status, 200);
}

TEST_F(Sessions, AnAdminsResetEndsEverySessionAndRevokesTokens) {
  const auto password = new_user("resettee");
  Client user(server().port());
  ASSERT_EQ(user.login("resettee", password).status, 200);
  auto script = bearer(token_of(user));
  ASSERT_EQ(script.get("/api/institutions").status, 200);
  auto reset =
      as("admin").post("/api/users/" + std::to_string(user_id("resettee")) + "/reset-password", json::object());
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(user.get("/api/session").status, 401);
  EXPECT_EQ(script.get("/api/institutions").status, 401);
  EXPECT_EQ(server().db().read([&](soci::session& s) {
    return store::Query("SELECT COUNT(*) FROM api_tokens WHERE user_id = :u AND revoked_at IS NULL")
        .bind("u", user_id("resettee"))
        .scalar(s);
  }),
            0);
}

TEST_F(Sessions, AnApiTokenCannotCreateTokens) {
  auto division = as("division");
  auto script = bearer(token_of(division));
  const auto tokens = count("api_tokens");
  auto refused = script.post("/api/tokens", {{"name", "child"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.data()["error"]["code"], "session_required");
  EXPECT_EQ(count("api_tokens"), tokens);
  EXPECT_EQ(script.get("/api/tokens").status, 200);  // reading its list is fine
  EXPECT_EQ(division.post("/api/tokens", {{"name", "from the session"}}).status, 201);
}

// Signing in, a failed log-in, the session's sliding refresh and signing out write only the
// sessions' bookkeeping and its audit: they leave the data version alone, so an answer kept in the
// reply cache stays there. A change of the data does not.
TEST_F(Sessions, SigningInAndOutEmptiesNoCachedAnswer) {
  auto division = as("division");
  const std::string path = "/api/institutions?page_size=5&sort=code";
  ASSERT_EQ(division.get(path).status, 200);
  const auto misses = metric("riaya_reply_cache_misses_total"), hits = metric("riaya_reply_cache_hits_total");
  const auto audit = count("audit_log");

  auto viewer = as("viewer");
  Client stranger(server().port());
  EXPECT_EQ(stranger.login("viewer", "wrong-password").status, 401);
  EXPECT_EQ(viewer.del("/api/session").status, 204);
  server().db().read([&](soci::session& s) {  // as if the division's session were last seen long ago
    return store::Query("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z' WHERE user_id = :u")
        .bind("u", user_id("division"))
        .execute(s);
  });
  ASSERT_EQ(division.get(path).status, 200);  // refreshes the session, then reads
  EXPECT_EQ(count("audit_log"), audit + 3);   // login, login_failed, logout
  expect_audit_chain_whole();
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses);
  EXPECT_EQ(metric("riaya_reply_cache_hits_total"), hits + 1);

  ASSERT_EQ(division.post("/api/institutions", institution("T-SES-1")).status, 201);
  ASSERT_EQ(division.get(path).status, 200);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 1);
}

}  // namespace
}  // namespace riaya::test
