// Log-in, sessions, CSRF, API tokens, passwords (throttling and session ends: sessions_test.cpp).
#include "suite.hpp"

namespace riaya::test {
namespace {

class Auth : public ApiTest {};

TEST_F(Auth, LoginSetsAHttpOnlySameSiteCookieAndLogoutEndsTheSession) {
  Client client(server().port());
  auto reply = client.login("division");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_NE(reply.headers["set-cookie"].find("HttpOnly"), std::string::npos);
  EXPECT_NE(reply.headers["set-cookie"].find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(reply.data()["user"]["role"], "division");
  EXPECT_EQ(reply.data()["user"]["scope"]["name_fr"], "Province de Boujdour");
  EXPECT_EQ(client.get("/api/session").status, 200);
  EXPECT_EQ(client.del("/api/session").status, 204);
  EXPECT_EQ(client.get("/api/session").status, 401);
}

TEST_F(Auth, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  Client client(server().port());
  client.language = "fr";
  auto wrong = client.login("assessor", "not the password");
  auto unknown = client.login("nobody", "not the password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.data()["error"]["message"], unknown.data()["error"]["message"]);
  EXPECT_EQ(wrong.data()["error"]["message"], "Identifiant ou mot de passe incorrect.");
  EXPECT_EQ(as("assessor").get("/api/session").status, 200);  // a success resets the count
}

TEST_F(Auth, CookieWritesNeedTheCsrfToken) {
  auto division = as("division");
  const auto token = division.csrf;
  division.csrf = "";
  const auto before = count("institutions");
  auto refused = division.post("/api/institutions", institution("T-AUTH-1"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.data()["error"]["code"], "csrf");
  division.csrf = "forged";
  EXPECT_EQ(division.post("/api/institutions", institution("T-AUTH-1")).status, 403);
  EXPECT_EQ(count("institutions"), before);
  division.csrf = token;
  EXPECT_EQ(division.post("/api/institutions", institution("T-AUTH-1")).status, 201);
}

TEST_F(Auth, ApiTokensAuthenticateWithoutCsrfUntilRevoked) {
  auto division = as("division");
  auto created = division.post("/api/tokens", {{"name", "integration"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto token = created.data()["token"].get<std::string>();
  EXPECT_FALSE(division.get("/api/tokens").body.contains(token));  // shown once, stored hashed

  Client integration(server().port());
  integration.bearer = token;
  EXPECT_EQ(integration.get("/api/institutions").status, 200);
  EXPECT_EQ(integration.post("/api/institutions", institution("T-AUTH-2")).status, 201);
  const auto id = std::to_string(created.data()["id"].get<long long>());
  EXPECT_EQ(as("association").del("/api/tokens/" + id).status, 404);  // not theirs
  EXPECT_EQ(division.del("/api/tokens/" + id).status, 204);
  EXPECT_EQ(integration.get("/api/institutions").status, 401);
  integration.bearer = "riaya_madeup";
  EXPECT_EQ(integration.get("/api/institutions").status, 401);
  EXPECT_EQ(division.post("/api/tokens", {{"name", "old"}, {"expires_on", "2001-01-01"}}).status, 422);
}

TEST_F(Auth, ExpiredSessionsAreRefusedAsExpired) {
  auto viewer = as("viewer");
  server().db().read(
      [](soci::session& s) { store::Query("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'").execute(s); });
  auto reply = viewer.get("/api/institutions");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.data()["error"]["code"], "session_expired");
  EXPECT_EQ(viewer.get("/api/institutions").data()["error"]["code"], "unauthenticated");
}

TEST_F(Auth, OneTimePasswordMustBeChangedFirst) {
  auto admin = as("admin");
  auto created = admin.post("/api/users", {{"username", "newcomer"},
                                           {"display_name", "وافد جديد"},
                                           {"role", "viewer"},
                                           {"scope_territory_id", 3},
                                           {"language", "ar"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto password = created.data()["one_time_password"].get<std::string>();
  Client newcomer(server().port());
  ASSERT_EQ(newcomer.login("newcomer", password).status, 200);
  EXPECT_EQ(newcomer.get("/api/institutions").data()["error"]["code"], "password_change_required");
  EXPECT_EQ(newcomer.post("/api/session/password", {{"current_password", password}, {"new_password", "short"}}).status,
            422);
  EXPECT_EQ(
      newcomer
          .post("/api/session/password", {{"current_password", "wrong-one"}, {"new_password", "a-long-new-password"}})
          .data()["error"]["field"],
      "current_password");
  EXPECT_EQ(
      newcomer.post("/api/session/password", {{"current_password", password}, {"new_password", "a-long-new-password"}})
          .status,
      204);
  EXPECT_EQ(newcomer.get("/api/institutions").status, 200);
  Client again(server().port());
  EXPECT_EQ(again.login("newcomer", "a-long-new-password").status, 200);
}

TEST_F(Auth, LanguageFollowsTheUserSettingThenAcceptLanguage) {
  Client anonymous(server().port());
  anonymous.language = "ar-MA,ar;q=0.9";
  EXPECT_EQ(anonymous.get("/api/institutions").data()["error"]["message"], "يجب تسجيل الدخول.");
  anonymous.language = "fr-FR,fr;q=0.9";
  EXPECT_EQ(anonymous.get("/api/institutions").data()["error"]["message"], "Vous devez vous connecter.");

  auto user = as("assessor");  // language "en" in the fixture
  user.language = "fr";
  EXPECT_EQ(user.get("/api/institutions/999999").data()["error"]["message"], "The requested item does not exist.");
  ASSERT_EQ(user.post("/api/session/language", {{"language", "ar"}}).status, 200);
  EXPECT_EQ(user.get("/api/institutions/999999").data()["error"]["message"], "العنصر المطلوب غير موجود.");
  EXPECT_EQ(user.post("/api/session/language", {{"language", "de"}}).status, 422);
  user.post("/api/session/language", {{"language", "en"}});
}

}  // namespace
}  // namespace riaya::test
