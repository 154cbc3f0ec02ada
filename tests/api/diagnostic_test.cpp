// The diagnostic workflow of issue 4 through the API: grid, campaign, assignment, answers,
// submit, return, fix, validate, and the shortcomings register it feeds.
#include "suite.hpp"

#include <algorithm>

namespace riaya::test {
namespace {

class Diagnostic : public ApiTest {
 protected:
  static long long user_id(const std::string& username) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM users WHERE username = :u").bind("u", username).scalar(s);
    });
  }

  // Every criterion of the default grid answered 2, but for `overrides` (code → score or null for N/A).
  static json answers(Client& client, long long assessment, const std::map<std::string, json>& overrides = {}) {
    const auto grid = client.get("/api/assessments/" + std::to_string(assessment)).data()["grid"];
    json list = json::array();
    for (const auto& domain : grid["domains"])
      for (const auto& criterion : domain["criteria"]) {
        const auto code = criterion["code"].get<std::string>();
        list.push_back({{"criterion_code", code}, {"score", overrides.contains(code) ? overrides.at(code) : json(2)}});
      }
    return list;
  }

  static json campaign(Client& division, const std::string& name) {
    const auto grid = division.get("/api/grids").data()["items"][0];
    auto created = division.post("/api/campaigns", {{"name_ar", name}, {"name_fr", "Étude diagnostique"},
                                                     {"grid_id", grid["id"]}, {"territory_id", 3},
                                                     {"starts_on", "2018-09-01"}, {"ends_on", "2018-09-30"},
                                                     {"status", "ongoing"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data();
  }

  // Adds institution 1 to `campaign` with the assessor, fills it with `overrides`, submits and validates it.
  static json run_assessment(Client& division, Client& assessor, const json& campaign_record,
                             const std::map<std::string, json>& overrides) {
    const auto campaign_id = std::to_string(campaign_record["id"].get<long long>());
    auto added = division.post("/api/campaigns/" + campaign_id + "/assessments",
                               {{"institution_id", 1}, {"assessor_ids", {user_id("assessor")}}});
    EXPECT_EQ(added.status, 201) << added.body;
    const auto id = added.data()["id"].get<long long>();
    const auto path = "/api/assessments/" + std::to_string(id);
    auto saved = assessor.put(path + "/answers", {{"version", 1}, {"answers", answers(assessor, id, overrides)}});
    EXPECT_EQ(saved.status, 200) << saved.body;
    auto submitted = assessor.post(path + "/submit", {{"version", saved.data()["version"]}});
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    auto validated = division.post(path + "/validate", {{"version", submitted.data()["version"]}});
    EXPECT_EQ(validated.status, 200) << validated.body;
    return validated.data();
  }
};

TEST_F(Diagnostic, DivisionPicksAssessorsWithinItsScope) {
  const auto assessors = as("division").get("/api/assessors").data()["items"];
  std::vector<std::string> names;
  for (const auto& user : assessors) names.push_back(user["username"].get<std::string>());
  EXPECT_NE(std::find(names.begin(), names.end(), "assessor"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "delegation"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "division_other"), names.end());  // another province
  EXPECT_EQ(std::find(names.begin(), names.end(), "viewer"), names.end());
  EXPECT_EQ(as("assessor").get("/api/assessors").status, 403);
}

TEST_F(Diagnostic, TheDefaultGridShipsWithTheDatabase) {
  auto division = as("division");
  const auto grids = division.get("/api/grids").data()["items"];
  ASSERT_EQ(grids.size(), 1u);
  EXPECT_EQ(grids[0]["criteria"], 48);
  EXPECT_EQ(grids[0]["domains"], 9);
  const auto grid = division.get("/api/grids/" + std::to_string(grids[0]["id"].get<long long>())).data();
  EXPECT_EQ(grid["content"]["domains"][0]["name_ar"], "القانوني");
  EXPECT_EQ(as("viewer").get("/api/grids").status, 403);
}

TEST_F(Diagnostic, FillReturnFixValidateRaisesShortcomings) {
  auto division = as("division");
  auto assessor = as("assessor");
  const auto record = campaign(division, "الدراسة التشخيصية — شتنبر 2018");
  const auto campaign_id = std::to_string(record["id"].get<long long>());
  EXPECT_EQ(assessor.get("/api/campaigns").data()["total"], 0);  // not in it yet

  auto added = division.post("/api/campaigns/" + campaign_id + "/assessments",
                             {{"institution_id", 1}, {"assessor_ids", {user_id("assessor")}}});
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(division.post("/api/campaigns/" + campaign_id + "/assessments", {{"institution_id", 1}}).status, 409);
  const auto id = added.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);
  EXPECT_EQ(assessor.get("/api/campaigns").data()["total"], 1);
  EXPECT_EQ(assessor.get("/api/assessments").data()["total"], 1);

  // Bad answers are refused whole, naming the place.
  auto bad = assessor.put(path + "/answers", {{"version", 1}, {"answers", {{{"criterion_code", "D1.1"}, {"score", 3}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.data()["error"]["field"], "answers[0].score");
  bad = assessor.put(path + "/answers", {{"version", 1}, {"answers", {{{"criterion_code", "D1.1"}, {"score", 2}},
                                                                      {{"criterion_code", "X9.9"}, {"score", 2}}}}});
  EXPECT_EQ(bad.data()["error"]["field"], "answers[1].criterion_code");
  EXPECT_EQ(count("answers WHERE assessment_id = " + std::to_string(id)), 0);

  // An incomplete assessment cannot be submitted.
  auto partial = assessor.put(path + "/answers", {{"version", 1}, {"answers", {{{"criterion_code", "D1.1"}, {"score", 0},
                                                                                {"comment", "الترخيص منتهي"}}}}});
  ASSERT_EQ(partial.status, 200) << partial.body;
  auto incomplete = assessor.post(path + "/submit", {{"version", partial.data()["version"]}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_EQ(incomplete.data()["error"]["field"], "D1.2");

  auto full = assessor.put(path + "/answers", {{"version", partial.data()["version"]},
                                               {"visit_date", "2018-09-12"},
                                               {"answers", answers(assessor, id, {{"D1.1", 0}, {"D2.3", 1}, {"D5.6", nullptr}})}});
  ASSERT_EQ(full.status, 200) << full.body;
  auto submitted = assessor.post(path + "/submit", {{"version", full.data()["version"]}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.data()["status"], "submitted");
  EXPECT_EQ(assessor.post(path + "/validate", {{"version", submitted.data()["version"]}}).status, 403);

  auto returned = division.post(path + "/return", {{"version", submitted.data()["version"]},
                                                   {"reason", "راجعوا التجهيزات"},
                                                   {"notes", {{"D2.3", "النظام الداخلي مصادق عليه؟"}}}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  const auto seen = assessor.get(path).data();
  EXPECT_EQ(seen["status"], "returned");
  EXPECT_EQ(seen["return_reason"], "راجعوا التجهيزات");
  EXPECT_EQ(seen["return_notes"]["D2.3"], "النظام الداخلي مصادق عليه؟");

  auto fixed = assessor.put(path + "/answers", {{"version", seen["version"]},
                                                {"answers", {{{"criterion_code", "D2.3"}, {"score", 2}}}}});
  ASSERT_EQ(fixed.status, 200);
  submitted = assessor.post(path + "/submit", {{"version", fixed.data()["version"]}});
  ASSERT_EQ(submitted.status, 200);
  auto validated = division.post(path + "/validate", {{"version", submitted.data()["version"]}});
  ASSERT_EQ(validated.status, 200) << validated.body;
  const auto scores = validated.data()["scores"];
  EXPECT_EQ(scores["critical_failures"], json::array({"D1.1"}));
  // D1: six criteria, D1.1 at 0 and five at 2: 10 / 12.
  EXPECT_NEAR(scores["domains"][0]["percent"].get<double>(), 100.0 * 10 / 12, 1e-9);
  // Legal criteria (L): D1.1, D1.3, D1.6, D2.1, D7.1, D7.2; five of six satisfied.
  EXPECT_NEAR(scores["legal_compliance"].get<double>(), 100.0 * 5 / 6, 1e-9);

  // Read-only once validated.
  EXPECT_EQ(assessor.put(path + "/answers", {{"version", validated.data()["version"]}, {"answers", json::array()}}).status, 409);

  const auto register_ = division.get("/api/shortcomings?institution_id=1&source=assessment").data();
  ASSERT_EQ(register_["total"], 1);
  EXPECT_EQ(register_["items"][0]["criterion_code"], "D1.1");
  EXPECT_EQ(register_["items"][0]["severity"], "critical");
  EXPECT_EQ(register_["items"][0]["status"], "open");
  EXPECT_EQ(register_["items"][0]["description"], "الترخيص منتهي");
  EXPECT_EQ(register_["items"][0]["criterion_text_ar"], "ترخيص فتح ساري");
  EXPECT_EQ(division.get("/api/shortcomings?severity=critical&domain_code=D1").data()["total"], 1);
  // The association reads its validated assessment and its shortcomings; no one else's.
  EXPECT_EQ(as("association").get(path).status, 200);
  EXPECT_EQ(as("association").get("/api/shortcomings").data()["total"], 1);
  EXPECT_EQ(as("division_other").get(path).status, 404);
  EXPECT_EQ(as("division_other").get("/api/shortcomings").data()["total"], 0);
}

TEST_F(Diagnostic, LaterAssessmentsDoNotDuplicateAndResolveShortcomings) {
  auto division = as("division");
  auto assessor = as("assessor");
  run_assessment(division, assessor, campaign(division, "حملة 1"), {{"D6.1", 0}});
  run_assessment(division, assessor, campaign(division, "حملة 2"), {{"D6.1", 1}});
  auto open = division.get("/api/shortcomings?institution_id=1&status=open&q=literie").data();
  EXPECT_EQ(open["total"], 1);  // still the first one, not a second
  run_assessment(division, assessor, campaign(division, "حملة 3"), {});
  const auto after = division.get("/api/shortcomings?institution_id=1&q=literie").data();
  ASSERT_EQ(after["total"], 1);
  EXPECT_EQ(after["items"][0]["status"], "resolved");
  EXPECT_FALSE(after["items"][0]["resolved_on"].is_null());
}

TEST_F(Diagnostic, AGridInUseIsFrozenAndEditingMakesANewVersion) {
  auto division = as("division");
  campaign(division, "حملة تجميد");
  const auto grid = division.get("/api/grids").data()["items"][0];
  EXPECT_EQ(grid["frozen"], true);
  const auto id = std::to_string(grid["id"].get<long long>());
  auto content = division.get("/api/grids/" + id).data()["content"];
  content["domains"][0]["criteria"][0]["weight"] = 2;
  auto changed = division.put("/api/grids/" + id, {{"version", grid["version"]}, {"content", content}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_NE(changed.data()["id"], grid["id"]);
  EXPECT_EQ(changed.data()["grid_version"], 2);
  EXPECT_EQ(changed.data()["frozen"], false);
  // The used version is untouched.
  EXPECT_EQ(division.get("/api/grids/" + id).data()["content"]["domains"][0]["criteria"][0]["weight"], 1);
  // A broken content is refused, naming the place.
  content["domains"][0]["criteria"][0].erase("text_ar");
  auto broken = division.put("/api/grids/" + std::to_string(changed.data()["id"].get<long long>()),
                             {{"version", changed.data()["version"]}, {"content", content}});
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(broken.data()["error"]["field"], "content.domains[0].criteria[0].text_ar");
  auto copy = division.post("/api/grids/" + id + "/copy", {{"code", "boujdour-2019"}, {"name_ar", "شبكة بوجدور"}});
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(copy.data()["grid_version"], 1);
  EXPECT_EQ(as("assessor").post("/api/grids/" + id + "/copy", {{"code", "x"}, {"name_ar", "x"}}).status, 403);
}

TEST_F(Diagnostic, GridsGoOutAndComeBackAsXlsform) {
  auto division = as("division");
  const auto grid = division.get("/api/grids").data()["items"][0];
  auto exported = division.get("/api/grids/" + std::to_string(grid["id"].get<long long>()) + "/xlsform");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.headers["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(exported.body.substr(0, 2), "PK");

  const auto grids = count("grids");
  auto dry = division.raw("POST", "/api/grids/import?dry_run=true", exported.body);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.data()["issues"].empty());
  EXPECT_EQ(dry.data()["grid"]["domains"].size(), 9u);
  EXPECT_EQ(count("grids"), grids);

  auto imported = division.raw("POST", "/api/grids/import", exported.body);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.data()["grid"]["code"], grid["code"]);
  EXPECT_GT(imported.data()["grid"]["grid_version"].get<long long>(), grid["grid_version"].get<long long>());
  EXPECT_EQ(count("grids"), grids + 1);

  auto garbage = division.raw("POST", "/api/grids/import", "this is not a spreadsheet");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(garbage.data()["error"]["field"], "file");
  EXPECT_EQ(count("grids"), grids + 1);
  EXPECT_EQ(as("assessor").raw("POST", "/api/grids/import", exported.body).status, 403);
}

TEST_F(Diagnostic, SelfAssessmentIsTheAssociationsOwnAndShownApart) {
  auto division = as("division");
  auto association = as("association");
  const auto record = campaign(division, "حملة التقييم الذاتي");
  auto started = association.post("/api/assessments/self", {{"campaign_id", record["id"]}, {"institution_id", 1}});
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(started.data()["kind"], "self");
  EXPECT_EQ(association.post("/api/assessments/self", {{"campaign_id", record["id"]}, {"institution_id", 3}}).status, 422);
  const auto id = started.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);
  auto saved = association.put(path + "/answers", {{"version", 1}, {"answers", answers(association, id)}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto submitted = association.post(path + "/submit", {{"version", saved.data()["version"]}});
  ASSERT_EQ(submitted.status, 200);
  EXPECT_EQ(association.post(path + "/validate", {{"version", submitted.data()["version"]}}).status, 403);
  // An official assessor cannot fill it; the division sees it, marked as self.
  EXPECT_EQ(division.get("/api/assessments?kind=self&campaign_id=" + std::to_string(record["id"].get<long long>()))
                .data()["total"],
            1);
  EXPECT_EQ(as("assessor").get(path).status, 404);
}

}  // namespace
}  // namespace riaya::test
