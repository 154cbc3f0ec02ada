// Answers filled offline and synced one by one (issue 17): each against the version of the
// answer it started from and the assessment's status then. Saved when nobody else changed it;
// otherwise a conflict carrying the current answer, and nothing written for it; an assessment
// gone or out of reach is a 404 with a refusal and its message per answer.
#include "suite.hpp"

namespace riaya::test {
namespace {

class OfflineSync : public ApiTest {
 protected:
  // A new draft official assessment of `institution` assigned to the assessor and the
  // delegation (the co-assessor): its API path.
  static std::string assigned(const std::string& campaign_name, long long institution = 1) {
    auto division = as("division");
    const auto record = campaign(division, campaign_name);
    auto added = division.post(
        "/api/campaigns/" + std::to_string(record["id"].get<long long>()) + "/assessments",
        {{"institution_id", institution}, {"assessor_ids", {user_id("assessor"), user_id("delegation")}}});
    EXPECT_EQ(added.status, 201) << added.body;
    return "/api/assessments/" + std::to_string(added.data()["id"].get<long long>());
  }

  // The answers of the whole grid as a sync sends them: every criterion scored `score`, with a
  // comment, from base version `base`.
  static json offline_answers(Client& client, const std::string& path, int score, long long base = 0) {
    json list = json::array();
    const auto grid = client.get(path).data()["grid"];
    for (const auto& domain : grid["domains"])
      for (const auto& criterion : domain["criteria"])
        list.push_back({{"criterion_code", criterion["code"]},
                        {"score", score},
                        {"comment", "ملاحظة " + criterion["code"].get<std::string>()},
                        {"base_version", base}});
    return list;
  }

  static json answer_of(Client& client, const std::string& path, const std::string& code) {
    const auto answers = client.get(path).data()["answers"];
    for (const auto& answer : answers)
      if (answer["criterion_code"] == code) return answer;
    return nullptr;
  }

  static long long audit_rows() { return count("audit_log"); }
};

TEST_F(OfflineSync, AnswersNobodyChangedAreSavedOnceAndASecondSendChangesNothing) {
  const auto path = assigned("مزامنة — حالة عادية");
  auto assessor = as("assessor");
  const auto before = assessor.get(path).data();
  const auto all = offline_answers(assessor, path, 1);
  ASSERT_EQ(all.size(), 48u);
  const auto audits = audit_rows();

  auto synced = assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", all}});
  ASSERT_EQ(synced.status, 200) << synced.body;
  const auto results = synced.data()["results"];
  ASSERT_EQ(results.size(), 48u);
  for (const auto& result : results) {
    EXPECT_EQ(result["outcome"], "saved") << result;
    EXPECT_EQ(result["version"], 1);
  }
  EXPECT_EQ(synced.data()["assessment"]["version"], before["version"].get<long long>() + 1);
  EXPECT_EQ(synced.data()["assessment"]["status"], "draft");
  EXPECT_EQ(audit_rows(), audits + 1);  // one entry for the batch
  const auto stored = answer_of(assessor, path, "D1.1");
  EXPECT_EQ(stored["score"], 1);
  EXPECT_EQ(stored["comment"], "ملاحظة D1.1");
  EXPECT_EQ(stored["version"], 1);

  // Sent again (the reply was lost on the way): the same answers, nothing written.
  auto again = assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", all}});
  ASSERT_EQ(again.status, 200) << again.body;
  const auto resent = again.data();
  for (const auto& result : resent["results"]) EXPECT_EQ(result["outcome"], "saved") << result;
  EXPECT_EQ(audit_rows(), audits + 1);
  EXPECT_EQ(again.data()["assessment"]["version"], synced.data()["assessment"]["version"]);

  // Online autosave raises each answer's version too, which later syncs start from.
  auto online = assessor.put(path + "/answers", {{"version", again.data()["assessment"]["version"]},
                                                 {"answers", {{{"criterion_code", "D1.1"}, {"score", 2}}}}});
  ASSERT_EQ(online.status, 200) << online.body;
  EXPECT_EQ(answer_of(assessor, path, "D1.1")["version"], 2);
  EXPECT_EQ(answer_of(assessor, path, "D1.1")["comment"], "ملاحظة D1.1");
}

TEST_F(OfflineSync, ACoAssessorsChangeOfTheSameCriterionIsAConflictShowingTheirs) {
  const auto path = assigned("مزامنة — مقيم ثان", 2);
  auto assessor = as("assessor");
  auto delegation = as("delegation");
  ASSERT_EQ(
      assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", offline_answers(assessor, path, 1)}})
          .status,
      200);
  // Offline from version 1 of every answer; meanwhile the co-assessor changes D2.1 online.
  const auto version = delegation.get(path).data()["version"];
  ASSERT_EQ(
      delegation
          .put(path + "/answers", {{"version", version},
                                   {"answers", {{{"criterion_code", "D2.1"}, {"score", 0}, {"comment", "سقف متشقق"}}}}})
          .status,
      200);
  const auto audits = audit_rows();
  auto synced =
      assessor.post(path + "/answers/sync",
                    {{"base_status", "draft"},
                     {"answers",
                      {{{"criterion_code", "D2.1"}, {"score", 2}, {"comment", "جيد"}, {"base_version", 1}},
                       {{"criterion_code", "D2.2"}, {"score", 2}, {"comment", nullptr}, {"base_version", 1}}}}});
  ASSERT_EQ(synced.status, 200) << synced.body;
  const auto conflict = synced.data()["results"][0];
  EXPECT_EQ(conflict["outcome"], "conflict");
  EXPECT_EQ(conflict["code"], "conflict");
  EXPECT_EQ(conflict["editable"], true);
  EXPECT_EQ(conflict["current"]["score"], 0);
  EXPECT_EQ(conflict["current"]["comment"], "سقف متشقق");
  EXPECT_EQ(conflict["current"]["version"], 2);
  EXPECT_EQ(conflict["current"]["updated_by_name"], "delegation");
  EXPECT_EQ(conflict["message"],
            "Another assessor changed this criterion meanwhile: compare your answer with theirs and choose.");
  EXPECT_EQ(synced.data()["results"][1]["outcome"], "saved");
  EXPECT_EQ(answer_of(assessor, path, "D2.1")["score"], 0);  // theirs kept
  EXPECT_EQ(answer_of(assessor, path, "D2.2")["comment"], nullptr);
  EXPECT_EQ(audit_rows(), audits + 1);

  // The assessor keeps their own answer after seeing both: sent again from the version shown, it is saved.
  const json mine = {{"criterion_code", "D2.1"}, {"score", 2}, {"comment", "جيد"}, {"base_version", 2}};
  auto chosen = assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", json::array({mine})}});
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(chosen.data()["results"][0]["outcome"], "saved");
  EXPECT_EQ(chosen.data()["results"][0]["version"], 3);
  EXPECT_EQ(answer_of(assessor, path, "D2.1")["score"], 2);
}

TEST_F(OfflineSync, AnAssessmentReturnedOrValidatedMeanwhileIsAConflictNothingWritten) {
  const auto path = assigned("مزامنة — إرجاع ومصادقة", 2);
  auto assessor = as("assessor");
  auto division = as("division");
  ASSERT_EQ(
      assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", offline_answers(assessor, path, 2)}})
          .status,
      200);
  // Taken offline as a draft; the co-assessor submits and the division returns it.
  auto submitted = assessor.post(path + "/submit", {{"version", assessor.get(path).data()["version"]}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  auto returned = division.post(path + "/return", {{"version", submitted.data()["version"]}, {"reason", "صور ناقصة"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  const json mine = {{"criterion_code", "D3.1"}, {"score", 0}, {"comment", "بدون مطفأة"}, {"base_version", 1}};

  const auto audits = audit_rows();
  auto synced = assessor.post(path + "/answers/sync", {{"base_status", "draft"}, {"answers", json::array({mine})}});
  ASSERT_EQ(synced.status, 200) << synced.body;
  auto result = synced.data()["results"][0];
  EXPECT_EQ(result["outcome"], "conflict");
  EXPECT_EQ(result["code"], "status_changed");
  EXPECT_EQ(result["editable"], true);
  EXPECT_EQ(result["current"]["score"], 2);
  EXPECT_NE(result["message"].get<std::string>().find("changed state meanwhile"), std::string::npos) << result;
  EXPECT_EQ(synced.data()["assessment"]["status"], "returned");
  EXPECT_EQ(answer_of(assessor, path, "D3.1")["score"], 2);
  EXPECT_EQ(audit_rows(), audits);

  // Chosen again in the returned assessment: saved.
  auto chosen = assessor.post(path + "/answers/sync", {{"base_status", "returned"}, {"answers", json::array({mine})}});
  ASSERT_EQ(chosen.data()["results"][0]["outcome"], "saved") << chosen.body;
  EXPECT_EQ(answer_of(assessor, path, "D3.1")["score"], 0);

  // Submitted and validated: no longer editable, a conflict whatever the base.
  submitted = assessor.post(path + "/submit", {{"version", chosen.data()["assessment"]["version"]}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  ASSERT_EQ(division.post(path + "/validate", {{"version", submitted.data()["version"]}}).status, 200);
  const auto validated_audits = audit_rows();
  for (const char* base : {"returned", "validated"}) {
    auto late = assessor.post(
        path + "/answers/sync",
        {{"base_status", base},
         {"answers", {{{"criterion_code", "D3.1"}, {"score", 1}, {"comment", nullptr}, {"base_version", 2}}}}});
    ASSERT_EQ(late.status, 200) << late.body;
    result = late.data()["results"][0];
    EXPECT_EQ(result["outcome"], "conflict") << base;
    EXPECT_EQ(result["editable"], false) << base;
    EXPECT_EQ(result["current"]["score"], 0);
  }
  EXPECT_EQ(answer_of(assessor, path, "D3.1")["score"], 0);
  EXPECT_EQ(audit_rows(), validated_audits);
}

TEST_F(OfflineSync, AnAssessmentDeletedOrOutOfScopeRefusesEachAnswerWritingNothing) {
  const auto path = assigned("مزامنة — خارج النطاق");
  auto assessor = as("assessor");
  const auto id = std::stoll(path.substr(path.rfind('/') + 1));
  const json body = {
      {"base_status", "draft"},
      {"answers",
       {{{"criterion_code", "D1.1"}, {"score", 1}, {"comment", nullptr}, {"base_version", 0}},
        {{"criterion_code", "D1.2"}, {"score", nullptr}, {"comment", "لا ينطبق"}, {"base_version", 0}}}}};
  const auto expect_refused_each = [&](Client& client, const std::string& target, const std::string& message) {
    const auto answers = count("answers"), audits = audit_rows();
    auto reply = client.post(target + "/answers/sync", body);
    ASSERT_EQ(reply.status, 404) << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], "not_found");
    const auto results = reply.data()["error"]["results"];
    ASSERT_EQ(results.size(), 2u) << reply.body;
    for (const auto& result : results) {
      EXPECT_EQ(result["outcome"], "refused") << result;
      EXPECT_EQ(result["code"], "assessment_unavailable");
      EXPECT_EQ(result["message"], message);
    }
    EXPECT_EQ(count("answers"), answers);
    EXPECT_EQ(audit_rows(), audits);
  };
  const std::string english =
      "This assessment was deleted or is no longer assigned to you: nothing was saved. Keep your answer and tell the "
      "division.";

  // Another province's division; an assessment that does not exist.
  auto other = as("division_other");
  expect_refused_each(other, path, english);
  expect_refused_each(assessor, "/api/assessments/999999", english);
  // The assessor taken off the assessment (in French, as the client asks).
  ASSERT_TRUE(server().db().write([&](soci::session& s) -> domain::Result<long long> {
    return store::Query("DELETE FROM assessment_assessors WHERE assessment_id = :a AND user_id = :u")
        .bind("a", id)
        .bind("u", user_id("assessor"))
        .execute(s);
  }));
  auto french = as("assessor");
  ASSERT_EQ(french.post("/api/session/language", {{"language", "fr"}}).status, 200);
  expect_refused_each(french, path,
                      "Cette évaluation a été supprimée ou ne vous est plus confiée : rien n'a été enregistré. Gardez "
                      "votre réponse et prévenez la division.");
  ASSERT_EQ(french.post("/api/session/language", {{"language", "en"}}).status, 200);
  // Deleted (archived) while the co-assessor was offline.
  ASSERT_TRUE(server().db().write([&](soci::session& s) -> domain::Result<long long> {
    return store::Query("UPDATE assessments SET archived_at = '2026-01-01T00:00:00Z' WHERE id = :a")
        .bind("a", id)
        .execute(s);
  }));
  auto delegation = as("delegation");
  expect_refused_each(delegation, path, english);
  // A role that fills no assessment is refused by the access table.
  EXPECT_EQ(as("viewer").post(path + "/answers/sync", body).status, 403);
}

TEST_F(OfflineSync, BadInputIsRefusedWholeNamingTheField) {
  const auto path = assigned("مزامنة — مدخلات خاطئة");
  auto assessor = as("assessor");
  const json good = {{"criterion_code", "D1.1"}, {"score", 1}, {"comment", nullptr}, {"base_version", 0}};
  const auto answers = count("answers"), audits = audit_rows();
  const auto refused = [&](const json& body, const std::string& code, const std::string& field) {
    auto reply = assessor.post(path + "/answers/sync", body);
    EXPECT_EQ(reply.status, 422) << body.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
    EXPECT_FALSE(reply.data()["error"]["message"].get<std::string>().empty());
  };
  refused({{"answers", json::array({good})}}, "required", "base_status");
  refused({{"base_status", "closed"}, {"answers", json::array({good})}}, "invalid_value", "base_status");
  refused({{"base_status", "draft"}, {"answers", {good, with(good, {{"score", 3}})}}}, "out_of_range",
          "answers[1].score");
  json no_score = good;
  no_score.erase("score");
  refused({{"base_status", "draft"}, {"answers", {good, no_score}}}, "required", "answers[1].score");
  json no_base = good;
  no_base.erase("base_version");
  refused({{"base_status", "draft"}, {"answers", json::array({no_base})}}, "required", "answers[0].base_version");
  refused({{"base_status", "draft"}, {"answers", json::array({with(good, {{"base_version", -1}})})}}, "out_of_range",
          "answers[0].base_version");
  refused({{"base_status", "draft"}, {"answers", {good, with(good, {{"criterion_code", "X9.9"}})}}},
          "invalid_reference", "answers[1].criterion_code");
  refused({{"base_status", "draft"}, {"answers", json::array({with(good, {{"comment", std::string(2001, 'x')}})})}},
          "too_long", "answers[0].comment");
  refused({{"base_status", "draft"}, {"answers", json::array({with(good, {{"photo", "x"}})})}}, "unknown_field",
          "answers[0].photo");
  EXPECT_EQ(count("answers"), answers);
  EXPECT_EQ(audit_rows(), audits);
}

}  // namespace
}  // namespace riaya::test
