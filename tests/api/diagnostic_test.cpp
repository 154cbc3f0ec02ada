// The diagnostic workflow of issue 4 through the API: grid, campaign, assignment, answers,
// submit, return, fix, validate, and the shortcomings register it feeds.
#include "suite.hpp"

#include <algorithm>

namespace riaya::test {
namespace {

class Diagnostic : public ApiTest {};

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
  auto bad =
      assessor.put(path + "/answers", {{"version", 1}, {"answers", {{{"criterion_code", "D1.1"}, {"score", 3}}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.data()["error"]["field"], "answers[0].score");
  bad = assessor.put(
      path + "/answers",
      {{"version", 1},
       {"answers", {{{"criterion_code", "D1.1"}, {"score", 2}}, {{"criterion_code", "X9.9"}, {"score", 2}}}}});
  EXPECT_EQ(bad.data()["error"]["field"], "answers[1].criterion_code");
  EXPECT_EQ(count("answers WHERE assessment_id = " + std::to_string(id)), 0);

  // An incomplete assessment cannot be submitted.
  auto partial = assessor.put(
      path + "/answers",
      {{"version", 1}, {"answers", {{{"criterion_code", "D1.1"}, {"score", 0}, {"comment", "الترخيص منتهي"}}}}});
  ASSERT_EQ(partial.status, 200) << partial.body;
  auto incomplete = assessor.post(path + "/submit", {{"version", partial.data()["version"]}});
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_EQ(incomplete.data()["error"]["field"], "D1.2");

  auto full = assessor.put(path + "/answers",
                           {{"version", partial.data()["version"]},
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

  auto fixed = assessor.put(path + "/answers",
                            {{"version", seen["version"]}, {"answers", {{{"criterion_code", "D2.3"}, {"score", 2}}}}});
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
  EXPECT_EQ(
      assessor.put(path + "/answers", {{"version", validated.data()["version"]}, {"answers", json::array()}}).status,
      409);

  const auto register_ = division.get("/api/shortcomings?institution_id=1&source=assessment").data();
  ASSERT_EQ(register_["total"], 1);
  EXPECT_EQ(register_["items"][0]["criterion_code"], "D1.1");
  EXPECT_EQ(register_["items"][0]["severity"], "critical");
  EXPECT_EQ(register_["items"][0]["status"], "open");
  EXPECT_EQ(register_["items"][0]["description"], "الترخيص منتهي");
  EXPECT_EQ(register_["items"][0]["criterion_text_ar"], "ترخيص فتح ساري");
  EXPECT_EQ(register_["items"][0]["raised_on"], "2018-09-12");  // the visit that found it
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
  // The default grid is the admin's to edit; a division edits its own territory's grids.
  EXPECT_EQ(division.get("/api/grids/" + id).data()["editable"], false);
  EXPECT_EQ(as("admin").get("/api/grids/" + id).data()["editable"], true);
  EXPECT_EQ(division.put("/api/grids/" + id, {{"version", grid["version"]}, {"content", content}}).status, 404);
  auto admin = as("admin");
  auto changed = admin.put("/api/grids/" + id, {{"version", grid["version"]}, {"content", content}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_NE(changed.data()["id"], grid["id"]);
  EXPECT_EQ(changed.data()["grid_version"], 2);
  EXPECT_EQ(changed.data()["frozen"], false);
  // The used version is untouched.
  EXPECT_EQ(division.get("/api/grids/" + id).data()["content"]["domains"][0]["criteria"][0]["weight"], 1);
  // A broken content is refused, naming the place.
  content["domains"][0]["criteria"][0].erase("text_ar");
  auto broken = admin.put("/api/grids/" + std::to_string(changed.data()["id"].get<long long>()),
                          {{"version", changed.data()["version"]}, {"content", content}});
  EXPECT_EQ(broken.status, 422);
  EXPECT_EQ(broken.data()["error"]["field"], "content.domains[0].criteria[0].text_ar");
  auto copy = division.post("/api/grids/" + id + "/copy", {{"code", "boujdour-2019"}, {"name_ar", "شبكة بوجدور"}});
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(copy.data()["grid_version"], 1);
  // The copy is the division's province's: it edits it; another province neither reads nor edits it.
  const auto copy_path = "/api/grids/" + std::to_string(copy.data()["id"].get<long long>());
  EXPECT_EQ(copy.data()["territory_id"], 3);
  EXPECT_EQ(division.get(copy_path).data()["editable"], true);
  EXPECT_EQ(as("delegation").get(copy_path).data()["editable"], false);  // the role may not edit grids
  auto edited = division.put(copy_path, {{"version", copy.data()["version"]}, {"content", content}});
  EXPECT_EQ(edited.status, 422) << edited.body;  // the broken content: the division reached it
  auto other = as("division_other");
  EXPECT_EQ(other.get(copy_path).status, 404);
  EXPECT_EQ(other.put(copy_path, {{"version", copy.data()["version"]}, {"content", content}}).status, 404);
  const auto others = other.get("/api/grids").data();  // kept: the loop reads into it
  for (const auto& item : others["items"]) EXPECT_NE(item["id"], copy.data()["id"]);
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

  // A file that is no workbook is refused at the file field, saying why in the caller's language.
  auto garbage = division.raw("POST", "/api/grids/import", "this is not a spreadsheet");
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(garbage.data()["error"]["code"], "invalid_value");
  EXPECT_EQ(garbage.data()["error"]["field"], "file");
  EXPECT_EQ(garbage.data()["error"]["reason"], "not_xlsx");
  EXPECT_NE(garbage.data()["error"]["message"].get<std::string>().find("xlsx"), std::string::npos);
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
  EXPECT_EQ(association.post("/api/assessments/self", {{"campaign_id", record["id"]}, {"institution_id", 3}}).status,
            422);
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

TEST_F(Diagnostic, EvidenceIsJudgedByItsContentAndFollowsTheAssessment) {
  auto division = as("division");
  auto assessor = as("assessor");
  const auto record = campaign(division, "حملة الإثباتات");
  auto added = division.post("/api/campaigns/" + std::to_string(record["id"].get<long long>()) + "/assessments",
                             {{"institution_id", 2}, {"assessor_ids", {user_id("assessor")}}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto path = "/api/assessments/" + std::to_string(added.data()["id"].get<long long>());
  const auto upload = path + "/evidence?criterion_code=D6.1&file_name=%D8%B5%D9%88%D8%B1%D8%A9.png";  // صورة.png

  auto stored = assessor.raw("POST", upload, kPng, "");
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(stored.data()["content_type"], "image/png");
  EXPECT_EQ(stored.data()["file_name"], "صورة.png");
  EXPECT_EQ(stored.data()["size"], kPng.size());
  const auto file = path + "/evidence/" + std::to_string(stored.data()["id"].get<long long>());

  // Refused, and nothing written: text named .png, a file over 5 MiB, another grid's criterion.
  const auto files = count("attachments");
  auto text = assessor.raw("POST", upload, "not a picture at all, only text");
  EXPECT_EQ(text.status, 422);
  EXPECT_EQ(text.data()["error"]["code"], "unsupported_file");
  EXPECT_EQ(text.data()["error"]["field"], "file");
  auto big = assessor.raw("POST", upload, "\xFF\xD8\xFF\xE0" + std::string((5 << 20) - 3, 'x'));
  EXPECT_EQ(big.status, 422);
  EXPECT_EQ(big.data()["error"]["code"], "file_too_large");
  auto unknown = assessor.raw("POST", path + "/evidence?criterion_code=X9.9&file_name=a.png", kPng);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.data()["error"]["field"], "criterion_code");
  auto unnamed = assessor.raw("POST", path + "/evidence?criterion_code=D6.1", kPng);
  EXPECT_EQ(unnamed.status, 422);
  EXPECT_NE(unnamed.data()["error"]["message"].get<std::string>().find("\"file name\""), std::string::npos)
      << unnamed.body;  // the assessor reads English
  EXPECT_EQ(count("attachments"), files);
  // Others may not add: the association (it does not even see an official draft), another province.
  EXPECT_EQ(as("association").raw("POST", upload, kPng).status, 404);
  EXPECT_EQ(as("division_other").raw("POST", upload, kPng).status, 404);
  EXPECT_EQ(count("attachments"), files);

  // Listed with the assessment, read back byte for byte, in scope only.
  const auto assessment = assessor.get(path).data();
  ASSERT_EQ(assessment["evidence"].size(), 1u);
  EXPECT_EQ(assessment["evidence"][0]["criterion_code"], "D6.1");
  EXPECT_EQ(assessment["version"], 1);  // uploads leave the answers' version alone
  auto read = division.get(file);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body, kPng);
  EXPECT_EQ(read.headers["content-type"], "image/png");
  EXPECT_EQ(read.headers["content-disposition"],
            "inline; filename=\"________.png\"; filename*=UTF-8''%D8%B5%D9%88%D8%B1%D8%A9.png");
  EXPECT_EQ(as("division_other").get(file).status, 404);
  EXPECT_EQ(as("viewer").get(file).status, 403);

  // Removed while editable; frozen once validated.
  auto second = assessor.raw("POST", upload, kPng);
  ASSERT_EQ(second.status, 201);
  EXPECT_EQ(assessor.del(path + "/evidence/" + std::to_string(second.data()["id"].get<long long>())).status, 204);
  EXPECT_EQ(count("attachments"), files);
  auto saved = assessor.put(path + "/answers", {{"version", 1}, {"answers", answers(assessor, added.data()["id"])}});
  auto submitted = assessor.post(path + "/submit", {{"version", saved.data()["version"]}});
  ASSERT_EQ(division.post(path + "/validate", {{"version", submitted.data()["version"]}}).status, 200);
  EXPECT_EQ(assessor.raw("POST", upload, kPng).status, 409);
  EXPECT_EQ(assessor.del(file).status, 409);
  EXPECT_EQ(division.get(file).status, 200);
  EXPECT_EQ(server().db().read([](soci::session& s) {
    return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = 'evidence'").scalar(s);
  }),
            3);  // two uploads, one removal
}

TEST_F(Diagnostic, TwoCampaignsAreComparedPerInstitutionAndDomain) {
  auto division = as("division");
  auto assessor = as("assessor");
  const auto then = campaign(division, "دراسة تشخيصية - شتنبر 2018");
  const auto now = campaign(division, "دراسة تشخيصية - شتنبر 2019");
  run_assessment(division, assessor, then, {{"D6.1", 0}, {"D2.1", 1}});
  run_assessment(division, assessor, now, {{"D2.1", 1}, {"D3.1", 0}});
  run_assessment(division, assessor, now, {{"D4.2", 1}}, 3);  // assessed only in the later campaign
  const auto query = "/api/campaigns/compare?before=" + std::to_string(then["id"].get<long long>()) +
                     "&after=" + std::to_string(now["id"].get<long long>());
  auto compared = division.get(query);
  ASSERT_EQ(compared.status, 200) << compared.body;
  const auto result = compared.data();
  EXPECT_EQ(result["before"]["name_ar"], "دراسة تشخيصية - شتنبر 2018");
  EXPECT_EQ(result["domains"].size(), 9u);
  ASSERT_EQ(result["institutions"].size(), 2u);
  const auto& first = *std::find_if(result["institutions"].begin(), result["institutions"].end(),
                                    [](const json& row) { return row["institution_id"] == 1; });
  // D6 (5 criteria): 0 of a possible 2 on one → 80 % then, 100 % now; D3: 100 % then, 80 % now.
  EXPECT_DOUBLE_EQ(first["before"]["domains"]["D6"].get<double>(), 80);
  EXPECT_DOUBLE_EQ(first["after"]["domains"]["D6"].get<double>(), 100);
  EXPECT_DOUBLE_EQ(first["change"]["domains"]["D6"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(first["change"]["domains"]["D3"].get<double>(), -20);
  EXPECT_DOUBLE_EQ(first["change"]["domains"]["D2"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(first["change"]["overall"].get<double>(),
                   first["after"]["overall"].get<double>() - first["before"]["overall"].get<double>());
  const auto& only_now = *std::find_if(result["institutions"].begin(), result["institutions"].end(),
                                       [](const json& row) { return row["institution_id"] == 3; });
  EXPECT_TRUE(only_now["before"].is_null());
  EXPECT_TRUE(only_now["change"]["overall"].is_null());

  const auto codes = [&](const char* list) {
    std::vector<std::string> found;
    for (const auto& item : result["shortcomings"][list])
      found.push_back(std::to_string(item["institution_id"].get<long long>()) + ":" +
                      item["criterion_code"].get<std::string>());
    return found;
  };
  EXPECT_EQ(codes("resolved"), std::vector<std::string>{"1:D6.1"});
  EXPECT_EQ(codes("persisted"), std::vector<std::string>{"1:D2.1"});
  EXPECT_EQ(codes("appeared"), (std::vector<std::string>{"1:D3.1", "3:D4.2"}));
  EXPECT_FALSE(result["shortcomings"]["appeared"][0]["shortcoming_id"].is_null());
  EXPECT_EQ(result["shortcomings"]["resolved"][0]["score_before"], 0);
  EXPECT_EQ(result["shortcomings"]["resolved"][0]["score_after"], 2);

  EXPECT_EQ(result["total"], 2);
  EXPECT_EQ(result["shortcoming_totals"], (json{{"resolved", 1}, {"persisted", 1}, {"appeared", 2}}));

  // A page at a time, per institution: each page holds its institutions and their shortcomings
  // only, the totals count every institution, and the pages together are the whole answer.
  json paged = json::array();
  std::vector<std::string> paged_appeared;
  for (int page = 1; page <= 3; ++page) {
    auto reply = division.get(query + "&page_size=1&page=" + std::to_string(page));
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto data = reply.data();
    EXPECT_EQ(data["total"], 2);
    EXPECT_EQ(data["page"], page);
    EXPECT_EQ(data["page_size"], 1);
    EXPECT_EQ(data["shortcoming_totals"], result["shortcoming_totals"]);
    EXPECT_EQ(data["institutions"].size(), page <= 2 ? 1u : 0u);
    for (const auto& row : data["institutions"]) {
      paged.push_back(row);
      for (const auto& item : data["shortcomings"]["appeared"]) {
        EXPECT_EQ(item["institution_id"], row["institution_id"]);
        paged_appeared.push_back(std::to_string(item["institution_id"].get<long long>()) + ":" +
                                 item["criterion_code"].get<std::string>());
      }
    }
  }
  EXPECT_EQ(paged, result["institutions"]);
  std::sort(paged_appeared.begin(), paged_appeared.end());
  EXPECT_EQ(paged_appeared, codes("appeared"));
  for (const auto* bad : {"&page=0", "&page_size=201", "&page_size=x"}) {
    auto refused = division.get(query + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.data()["error"]["field"], std::string(bad).substr(1, std::string(bad).find('=') - 1)) << bad;
  }

  // Bad requests name the parameter; another province cannot see these campaigns.
  EXPECT_EQ(division.get("/api/campaigns/compare?before=" + std::to_string(then["id"].get<long long>()))
                .data()["error"]["field"],
            "after");
  EXPECT_EQ(division.get("/api/campaigns/compare?before=1&after=1").data()["error"]["field"], "after");
  EXPECT_EQ(division.get("/api/campaigns/compare?before=x&after=1").status, 400);
  auto foreign = as("division_other").get(query);
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.data()["error"]["field"], "before");
  // The association (of institutions 1 and 2) compares its own institutions only.
  const auto own = as("association").get(query).data();
  ASSERT_EQ(own["institutions"].size(), 1u);
  EXPECT_EQ(own["institutions"][0]["institution_id"], 1);
  EXPECT_EQ(own["shortcomings"]["appeared"].size(), 1u);
}

}  // namespace
}  // namespace riaya::test
