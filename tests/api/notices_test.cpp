// Notices in the app (issue 17): computed from the data in each caller's scope and role, read
// and unread per user, and the bad input of marking them read.
#include "domain/dates.hpp"
#include "domain/statistics.hpp"
#include "suite.hpp"

#include <chrono>
#include <thread>

namespace riaya::test {
namespace {

class Notices : public ApiTest {
 protected:
  static std::string in_days(int days) { return domain::to_iso(domain::add_days(domain::today_utc(), days)); }

  // The caller's notices, keyed by their key.
  static std::map<std::string, json> notices_of(Client& client) {
    auto reply = client.get("/api/notices");
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::map<std::string, json> found;
    const auto answer = reply.data();
    for (const auto& item : answer["items"]) found[item["key"].get<std::string>()] = item;
    return found;
  }

  static long long unread(Client& client) {
    auto reply = client.get("/api/notices/count");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.data()["unread"].get<long long>();
  }

  static long long id_of(const std::string& sql) {
    return server().db().read([&](soci::session& s) { return store::Query(sql).scalar(s); });
  }

  // An action of `programme` for `institution` due on `due_on`.
  static json action(Client& division, const json& programme, long long institution, const std::string& due_on,
                     const std::string& title) {
    auto made = division.post("/api/actions", {{"programme_id", programme["id"]},
                                               {"institution_id", institution},
                                               {"category", "equipment"},
                                               {"title_ar", title},
                                               {"status", "planned"},
                                               {"progress", 0},
                                               {"due_on", due_on}});
    EXPECT_EQ(made.status, 201) << made.body;
    return made.data();
  }

  static json programme(Client& division, long long territory) {
    auto made = division.post("/api/programmes", {{"name_ar", "برنامج الإشعارات"},
                                                  {"territory_id", territory},
                                                  {"starts_on", "2026-01-01"},
                                                  {"status", "active"}});
    EXPECT_EQ(made.status, 201) << made.body;
    return made.data();
  }
};

// Each role gets the notices of what it may act on, in its scope only: the division of Boujdour
// and that of the other province never see each other's; the association sees its own
// institutions and documents; the viewer and the admin have none.
TEST_F(Notices, EachRoleSeesItsOwnInItsScope) {
  auto division = as("division"), other = as("division_other"), association = as("association");
  auto delegation = as("delegation"), assessor = as("assessor"), viewer = as("viewer"), admin = as("admin");
  const auto other_institution = id_of("SELECT id FROM institutions WHERE code = 'OTHER-001'");
  const auto other_association = id_of("SELECT association_id FROM institutions WHERE code = 'OTHER-001'");
  const auto own_institution = id_of("SELECT id FROM institutions WHERE association_id = 1 ORDER BY id LIMIT 1");
  const auto other_territory = id_of("SELECT scope_territory_id FROM users WHERE username = 'division_other'");

  // Actions: one due in 3 days here, one overdue there, one due in a month here (no notice).
  const auto due = action(division, programme(division, 3), own_institution, in_days(3), "تجديد الأفرشة");
  const auto later = action(division, programme(division, 3), own_institution, in_days(30), "صباغة الجدران");
  const auto overdue = action(other, programme(other, other_territory), other_institution, in_days(-2), "إصلاح السطح");
  // Documents: one of association 1 expiring in 10 days, one of the other association in 5.
  auto document = division.post("/api/documents", {{"association_id", 1},
                                                   {"kind", "receipt"},
                                                   {"reference", "NOTICE-REC-1"},
                                                   {"issued_on", "2020-01-01"},
                                                   {"expires_on", in_days(10)}});
  ASSERT_EQ(document.status, 201) << document.body;
  auto other_document = other.post("/api/documents", {{"association_id", other_association},
                                                      {"kind", "receipt"},
                                                      {"reference", "NOTICE-REC-2"},
                                                      {"issued_on", "2020-01-01"},
                                                      {"expires_on", in_days(5)}});
  ASSERT_EQ(other_document.status, 201) << other_document.body;
  // A recommendation without an action.
  auto meeting = division.post(
      "/api/meetings",
      {{"kind", "communication"}, {"title_ar", "لقاء تواصلي"}, {"held_on", in_days(-1)}, {"territory_id", 3}});
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  auto recommendation =
      division.post("/api/recommendations", {{"meeting_id", meeting.data()["id"]}, {"text_ar", "تكوين المربين"}});
  ASSERT_EQ(recommendation.status, 201) << recommendation.body;

  const auto key = [](const std::string& kind, const json& record, const std::string& event) {
    return kind + ":" + std::to_string(record["id"].get<long long>()) + ":" + event;
  };
  const auto due_key = key("action_due", due, in_days(3));
  const auto overdue_key = key("action_overdue", overdue, in_days(-2));
  const auto document_key = key("document_expiring", document.data(), in_days(10));
  const auto other_document_key = key("document_expiring", other_document.data(), in_days(5));
  const auto recommendation_key =
      "recommendation_without_action:" + std::to_string(recommendation.data()["id"].get<long long>());
  const auto month = domain::previous_month(domain::month_of(domain::today_iso()));
  const auto unreported_key = "statistics_unreported:" + std::to_string(own_institution) + ":" + month;
  const auto other_unreported_key = "statistics_unreported:" + std::to_string(other_institution) + ":" + month;

  auto mine = notices_of(division);
  for (const auto& expected : {due_key, document_key, recommendation_key, unreported_key})
    EXPECT_TRUE(mine.contains(expected)) << "division misses " << expected;
  for (const auto& foreign : {overdue_key, other_document_key, other_unreported_key})
    EXPECT_FALSE(mine.contains(foreign)) << "division sees " << foreign;
  EXPECT_FALSE(mine.contains(key("action_due", later, in_days(30))));
  EXPECT_EQ(mine.at(due_key)["link"], "/actions/" + std::to_string(due["id"].get<long long>()));
  EXPECT_EQ(mine.at(due_key)["name_ar"], "تجديد الأفرشة");
  EXPECT_EQ(mine.at(document_key)["link"], "/associations/1");
  EXPECT_EQ(mine.at(unreported_key)["month"], month);
  EXPECT_EQ(mine.at(unreported_key)["link"],
            "/institutions/" + std::to_string(own_institution) + "/statistics?month=" + month);
  EXPECT_EQ(mine.at(recommendation_key)["link"], "/meetings/" + std::to_string(meeting.data()["id"].get<long long>()));

  auto theirs = notices_of(other);
  for (const auto& expected : {overdue_key, other_document_key, other_unreported_key})
    EXPECT_TRUE(theirs.contains(expected)) << "division_other misses " << expected;
  for (const auto& foreign : {due_key, document_key, recommendation_key, unreported_key})
    EXPECT_FALSE(theirs.contains(foreign)) << "division_other sees " << foreign;

  // The association: its institution's action, its document, its institution's statistics; not
  // the meeting's recommendation (the division makes actions), nothing of the other province.
  auto own = notices_of(association);
  for (const auto& expected : {due_key, document_key, unreported_key})
    EXPECT_TRUE(own.contains(expected)) << "association misses " << expected;
  for (const auto& foreign : {recommendation_key, overdue_key, other_document_key, other_unreported_key})
    EXPECT_FALSE(own.contains(foreign)) << "association sees " << foreign;
  for (const auto& [k, item] : own) {
    if (item["kind"] != "statistics_unreported") continue;
    EXPECT_EQ(id_of("SELECT association_id FROM institutions WHERE id = " + item["id"].dump()), 1) << k;
  }

  // The delegation and the assessor act on none of these; the viewer and the admin have none.
  for (auto* client : {&delegation, &assessor, &viewer, &admin}) {
    auto reply = client->get("/api/notices");
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(reply.data()["items"].empty()) << reply.body.substr(0, 300);
    EXPECT_EQ(unread(*client), 0);
  }
  // The count is that of the list.
  EXPECT_EQ(unread(division), static_cast<long long>(mine.size()));
}

// An assessment submitted is the division's to validate; returned, it is its assessors' (with the
// reason), and no longer the division's.
TEST_F(Notices, AssessmentsSubmittedAndReturned) {
  auto division = as("division"), assessor = as("assessor"), delegation = as("delegation"),
       other = as("division_other");
  const auto record = campaign(division, "دراسة الإشعارات");
  auto added = division.post("/api/campaigns/" + std::to_string(record["id"].get<long long>()) + "/assessments",
                             {{"institution_id", 1}, {"assessor_ids", {user_id("assessor")}}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto id = added.data()["id"].get<long long>();
  const auto path = "/api/assessments/" + std::to_string(id);
  auto saved = assessor.put(path + "/answers", {{"version", 1}, {"answers", answers(assessor, id)}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto submitted = assessor.post(path + "/submit", {{"version", saved.data()["version"]}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;

  const auto is = [&](Client& client, const std::string& kind) {
    for (const auto& [key, item] : notices_of(client))
      if (item["kind"] == kind && item["id"] == id) return true;
    return false;
  };
  EXPECT_TRUE(is(division, "assessment_submitted"));
  EXPECT_FALSE(is(other, "assessment_submitted"));
  EXPECT_FALSE(is(assessor, "assessment_submitted"));
  EXPECT_FALSE(is(delegation, "assessment_submitted"));  // the division validates (domain/access.cpp)

  auto returned =
      division.post(path + "/return", {{"version", submitted.data()["version"]}, {"reason", "صور الإثبات ناقصة"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_FALSE(is(division, "assessment_submitted"));
  EXPECT_TRUE(is(assessor, "assessment_returned"));
  EXPECT_FALSE(is(delegation, "assessment_returned"));  // not among its assessors
  std::string returned_key;
  for (const auto& [key, item] : notices_of(assessor)) {
    if (item["kind"] != "assessment_returned" || item["id"] != id) continue;
    returned_key = key;
    EXPECT_EQ(item["reason"], "صور الإثبات ناقصة");
    EXPECT_EQ(item["link"], "/assessments/" + std::to_string(id));
    EXPECT_FALSE(item["read"].get<bool>());
  }
  ASSERT_EQ(assessor.post("/api/notices/read", {{"key", returned_key}}).status, 200);
  // Correcting the answers is not a new return: the notice stays read.
  auto corrected = assessor.put(path + "/answers",
                                {{"version", returned.data()["version"]}, {"answers", answers(assessor, id, {})}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  auto now = notices_of(assessor);
  ASSERT_TRUE(now.contains(returned_key));
  EXPECT_TRUE(now.at(returned_key)["read"].get<bool>());
  // Submitted and returned again: a new notice, unread. (Timestamps count seconds: the second
  // submission is made a second later, as a person's would be.)
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto again = assessor.post(path + "/submit", {{"version", corrected.data()["version"]}});
  ASSERT_EQ(again.status, 200) << again.body;
  ASSERT_EQ(division.post(path + "/return", {{"version", again.data()["version"]}, {"reason", "ناقص"}}).status, 200);
  now = notices_of(assessor);
  EXPECT_FALSE(now.contains(returned_key));
  int unread_returns = 0;
  for (const auto& [key, item] : now) {
    if (item["kind"] == "assessment_returned" && item["id"] == id && !item["read"].get<bool>()) ++unread_returns;
  }
  EXPECT_EQ(unread_returns, 1);
}

// Read and unread per user: marking one read lowers the count by one and writes one audit entry;
// again, it writes nothing; another user's read state is its own; a new event is a new notice,
// unread; "mark all read" leaves none unread.
TEST_F(Notices, ReadAndUnreadPerUser) {
  auto division = as("division"), association = as("association");
  const auto own_institution = id_of("SELECT id FROM institutions WHERE association_id = 1 ORDER BY id LIMIT 1");
  const auto made = action(division, programme(division, 3), own_institution, in_days(2), "إصلاح التدفئة");
  const auto key = "action_due:" + std::to_string(made["id"].get<long long>()) + ":" + in_days(2);
  ASSERT_TRUE(notices_of(division).contains(key)) << key;
  const auto before = unread(division), association_before = unread(association);
  ASSERT_GT(before, 0);

  const auto audit = count("audit_log");
  auto marked = division.post("/api/notices/read", {{"key", key}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.data()["unread"], before - 1);
  EXPECT_EQ(unread(division), before - 1);
  EXPECT_TRUE(notices_of(division).at(key)["read"].get<bool>());
  EXPECT_EQ(count("audit_log"), audit + 1);
  auto entry = division.get("/api/audit?entity=notice").data()["items"][0];
  EXPECT_EQ(entry["action"], "mark_read");
  EXPECT_EQ(entry["after"]["keys"][0], key);

  // Again: nothing more.
  EXPECT_EQ(division.post("/api/notices/read", {{"key", key}}).status, 200);
  EXPECT_EQ(count("audit_log"), audit + 1);
  // The association's notice of the same action is still unread.
  EXPECT_EQ(unread(association), association_before);
  EXPECT_FALSE(notices_of(association).at(key)["read"].get<bool>());

  // Postponed by a day: a new event, unread again.
  auto current = division.get("/api/actions/" + std::to_string(made["id"].get<long long>())).data();
  auto moved = division.put("/api/actions/" + std::to_string(made["id"].get<long long>()),
                            with(json{{"programme_id", current["programme_id"]},
                                      {"institution_id", current["institution_id"]},
                                      {"category", current["category"]},
                                      {"title_ar", current["title_ar"]},
                                      {"status", current["status"]},
                                      {"progress", current["progress"]},
                                      {"version", current["version"]}},
                                 {{"due_on", in_days(3)}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  const auto moved_key = "action_due:" + std::to_string(made["id"].get<long long>()) + ":" + in_days(3);
  auto now = notices_of(division);
  EXPECT_FALSE(now.contains(key));
  ASSERT_TRUE(now.contains(moved_key));
  EXPECT_FALSE(now.at(moved_key)["read"].get<bool>());

  auto all = division.post("/api/notices/read-all", json::object());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_GT(all.data()["marked"].get<long long>(), 0);
  EXPECT_EQ(unread(division), 0);
  for (const auto& [k, item] : notices_of(division)) EXPECT_TRUE(item["read"].get<bool>()) << k;
  // The key of the notice that is gone was forgotten.
  EXPECT_EQ(id_of("SELECT COUNT(*) FROM notice_reads WHERE notice_key = '" + key + "'"), 0);
  // Nothing left unread: nothing written.
  const auto after = count("audit_log");
  EXPECT_EQ(division.post("/api/notices/read-all", json::object()).data()["marked"], 0);
  EXPECT_EQ(count("audit_log"), after);
}

// Bad input names the field, in the caller's language, and writes nothing: an unknown key, the
// notice of another user's scope, a key of the wrong type or length, a field too many, a query
// parameter; never a 500. Writes need the CSRF token.
TEST_F(Notices, BadInputIsRefusedAndWritesNothing) {
  auto division = as("division"), other = as("division_other");
  const auto foreign = notices_of(other);
  ASSERT_FALSE(foreign.empty());
  const auto foreign_key = foreign.begin()->first;
  ASSERT_FALSE(notices_of(division).contains(foreign_key));
  const auto audit = count("audit_log"), reads = count("notice_reads");

  const std::vector<std::pair<json, std::pair<int, std::string>>> cases = {
      {{{"key", "assessment_returned:999999:x"}}, {422, "invalid_reference"}},
      {{{"key", foreign_key}}, {422, "invalid_reference"}},
      {{{"key", ""}}, {422, "required"}},
      {json::object(), {422, "required"}},
      {{{"key", 42}}, {422, "wrong_type"}},
      {{{"key", std::string(201, 'a')}}, {422, "too_long"}},
  };
  for (const auto& [body, expected] : cases) {
    auto reply = division.post("/api/notices/read", body);
    EXPECT_EQ(reply.status, expected.first) << body.dump() << ": " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], expected.second) << body.dump();
    EXPECT_EQ(reply.data()["error"]["field"], "key") << body.dump();
  }
  auto refused = division.post("/api/notices/read", {{"key", foreign_key}});
  // The message names the field by its label in the user's language (the test users': English).
  EXPECT_NE(refused.data()["error"]["message"].get<std::string>().find("\"notice\""), std::string::npos)
      << refused.body;

  auto extra = division.post("/api/notices/read", {{"key", foreign_key}, {"user_id", 1}});
  EXPECT_EQ(extra.status, 422) << extra.body;
  EXPECT_EQ(extra.data()["error"]["field"], "user_id");
  EXPECT_EQ(division.post("/api/notices/read-all", {{"all", true}}).status, 422);
  auto parameter = division.get("/api/notices?user_id=1");
  EXPECT_EQ(parameter.status, 400) << parameter.body;
  EXPECT_EQ(parameter.data()["error"]["field"], "user_id");
  EXPECT_EQ(division.get("/api/notices/count?x=1").status, 400);
  auto malformed = division.raw("POST", "/api/notices/read", "{\"key\":");
  EXPECT_EQ(malformed.status, 400) << malformed.body;

  // Without the CSRF token.
  auto bare = division;
  bare.csrf.clear();
  EXPECT_EQ(bare.post("/api/notices/read-all", json::object()).status, 403);

  EXPECT_EQ(count("audit_log"), audit);
  EXPECT_EQ(count("notice_reads"), reads);
}

}  // namespace
}  // namespace riaya::test
