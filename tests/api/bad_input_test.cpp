// Every kind of bad input gets its 4xx, names the field, speaks the caller's language, and
// writes nothing.
#include "suite.hpp"

namespace riaya::test {
namespace {

class BadInput : public ApiTest {
 protected:
  // Posts `body` as a new institution and checks the refusal: status, code, field, nothing written.
  void expect_refused(const json& body, int status, const std::string& code, const std::string& field) {
    auto division = as("division");
    const auto institutions = count("institutions");
    const auto audit = count("audit_log");
    auto reply = division.raw("POST", "/api/institutions", body.is_string() ? body.get<std::string>() : body.dump());
    EXPECT_EQ(reply.status, status) << reply.body;
    const auto error = reply.data()["error"];
    EXPECT_EQ(error["code"], code) << reply.body;
    if (!field.empty()) {
      EXPECT_EQ(error["field"], field) << reply.body;
    }
    EXPECT_FALSE(error["message"].get<std::string>().empty());
    EXPECT_EQ(count("institutions"), institutions);
    EXPECT_EQ(count("audit_log"), audit);
  }
};

TEST_F(BadInput, MalformedJson) {
  expect_refused(json("{\"code\": "), 400, "malformed_json", "");
  expect_refused(json("[1, 2]"), 400, "malformed_json", "");
}

TEST_F(BadInput, InvalidUtf8) {
  expect_refused(json(std::string("{\"code\": \"\xC3\x28\"}")), 400, "invalid_utf8", "");
}

TEST_F(BadInput, FieldErrorsNameTheField) {
  auto body = institution("T-BAD-1");
  body.erase("name_ar");
  expect_refused(body, 422, "required", "name_ar");
  body = institution("T-BAD-1", "   ");
  expect_refused(body, 422, "required", "name_ar");
  body = institution("T-BAD-1");
  body["capacity"] = "eighty";
  expect_refused(body, 422, "wrong_type", "capacity");
  body["capacity"] = -3;
  expect_refused(body, 422, "out_of_range", "capacity");
  body = institution("T-BAD-1");
  body["colour"] = "blue";
  expect_refused(body, 422, "unknown_field", "colour");
  body = institution(std::string(41, 'X'));
  expect_refused(body, 422, "too_long", "code");
  body = institution("T-BAD-1", std::string(301, 'a'));
  expect_refused(body, 422, "too_long", "name_ar");
  body = institution("T-BAD-1");
  body["status"] = "open";
  expect_refused(body, 422, "invalid_value", "status");
  body = institution("T-BAD-1");
  body["opening_date"] = "2019-02-30";
  expect_refused(body, 422, "invalid_date", "opening_date");
  body = institution("T-BAD-1");
  body["category"] = "spaceport";
  expect_refused(body, 422, "invalid_reference", "category");
  body = institution("T-BAD-1");
  body["commune_id"] = 3;  // the province, not a commune
  expect_refused(body, 422, "invalid_reference", "commune_id");
  body = institution("T-BAD-1");
  body["association_id"] = 987654;
  expect_refused(body, 422, "invalid_reference", "association_id");
  body = institution("DEMO-BOD-001");
  expect_refused(body, 409, "duplicate", "code");
  body = institution("T-BAD-1");
  body["latitude"] = 123.4;
  expect_refused(body, 422, "out_of_range", "latitude");
}

TEST_F(BadInput, BidiControlsAreRefusedNamingTheField) {
  // "Salle \u202EA1.exe" would print as "Salle exe.1A".
  expect_refused(with(institution("T-BIDI-1"), {{"name_fr",
                                                 "Salle \u202E"
                                                 "A1.exe"}}),
                 422, "invalid_value", "name_fr");
  expect_refused(with(institution("T-BIDI-1"), {{"address", "\u2067شارع\u2069"}}), 422, "invalid_value", "address");
  // The marks that reorder nothing beyond themselves are kept.
  auto division = as("division");
  auto created = division.post("/api/institutions", with(institution("T-BIDI-2"), {{"name_fr", "Dar \u200FAl Amal"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.data()["name_fr"], "Dar \u200FAl Amal");
  // An update too, through the same gate: nothing changes.
  auto refused = division.put("/api/institutions/" + std::to_string(created.data()["id"].get<long long>()),
                              with(created.data(), {{"name_fr", "Dar \u202DAl Amal"}}));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.data()["error"]["field"], "name_fr");
}

TEST_F(BadInput, DatesInTheWrongOrder) {
  auto division = as("division");
  const auto before = count("staff");
  auto reply = division.post("/api/staff", {{"institution_id", 1},
                                            {"full_name", "x"},
                                            {"function", "y"},
                                            {"start_date", "2020-01-01"},
                                            {"end_date", "2019-01-01"}});
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.data()["error"]["field"], "end_date");
  EXPECT_EQ(count("staff"), before);
}

TEST_F(BadInput, MessagesInTheCallersLanguage) {
  auto division = as("division");  // the fixture's users speak English
  auto body = institution("T-BAD-2");
  body.erase("name_ar");
  EXPECT_EQ(division.post("/api/institutions", body).data()["error"]["message"],
            "The field \"Arabic name\" is required.");
  division.post("/api/session/language", {{"language", "fr"}});
  EXPECT_EQ(division.post("/api/institutions", body).data()["error"]["message"],
            "Le champ « nom en arabe » est obligatoire.");
  division.post("/api/session/language", {{"language", "ar"}});
  EXPECT_EQ(division.post("/api/institutions", body).data()["error"]["message"], "الحقل «الاسم بالعربية» إلزامي.");
  division.post("/api/session/language", {{"language", "en"}});
}

TEST_F(BadInput, OversizeBody) {
  auto division = as("division");
  auto body = institution("T-BAD-3");
  body["services"] = std::string(2 << 20, 'a');
  const auto before = count("institutions");
  auto reply = division.post("/api/institutions", body);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.data()["error"]["code"], "too_large");
  EXPECT_EQ(count("institutions"), before);
}

TEST_F(BadInput, BadListParameters) {
  auto division = as("division");
  for (const std::string query : {"page_size=0", "page_size=201", "page_size=ten", "page=-1", "sort=password_hash",
                                  "order=sideways", "territory_id=abc", "archived=maybe", "colour=blue"}) {
    auto reply = division.get("/api/institutions?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(reply.data()["error"]["field"], query.substr(0, query.find('='))) << query;
  }
  EXPECT_EQ(division.get("/api/institutions?q=%C3%28").status, 400);
  EXPECT_EQ(division.get("/api/audit?from=yesterday").status, 400);
}

TEST_F(BadInput, UnknownAndForeignIds) {
  auto division = as("division");
  EXPECT_EQ(division.get("/api/institutions/999999").status, 404);
  EXPECT_EQ(division.get("/api/institutions/abc").status, 404);
  EXPECT_EQ(division.get("/api/institutions/-1").status, 404);
  auto missing = institution("T-BAD-4");
  missing["version"] = 1;
  EXPECT_EQ(division.put("/api/institutions/999999", missing).status, 404);
  const auto foreign = as("division_other").get("/api/institutions").data()["items"][0];
  auto changed = foreign;
  changed["name_fr"] = "pris";
  EXPECT_EQ(division.put("/api/institutions/" + std::to_string(foreign["id"].get<long long>()), changed).status, 404);
  EXPECT_EQ(division.get("/api/nothing-here").status, 404);
  EXPECT_EQ(division.raw("PATCH", "/api/institutions", "{}").status, 405);
}

TEST_F(BadInput, MissingVersionOnUpdate) {
  auto division = as("division");
  auto record = division.get("/api/institutions/1").data();
  record.erase("version");
  auto reply = division.put("/api/institutions/1", record);
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(reply.data()["error"]["field"], "version");
}

TEST_F(BadInput, NoCrashOnGarbageRequests) {
  Client client(server().port());
  EXPECT_EQ(client.raw("GET", "/api/institutions", "", "Content-Length: nonsense\r\n").status, 400);
  EXPECT_EQ(client.raw("POST", "/api/session", "\x01\x02\x03").status, 400);
  EXPECT_EQ(client.raw("POST", "/api/session", "{\"username\": 5, \"password\": \"x\"}").status, 422);
  EXPECT_EQ(client.get("/healthz").status, 200);  // still alive
}

}  // namespace
}  // namespace riaya::test
