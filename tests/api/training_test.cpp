// Training sessions: their fields, the staff who attended (added and removed in scope),
// each staff member's history, and "staff trained in the last 12 months"; on both backends.
#include "suite.hpp"

#include "io/xlsx_reader.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace riaya::test {
namespace {

class Training : public ApiTest {
 protected:
  static long long lookup(const std::string& sql, const std::string& value) {
    return server().db().read([&](soci::session& s) { return store::Query(sql).bind("v", value).scalar(s); });
  }
  static long long territory(const std::string& code) {
    return lookup("SELECT id FROM territories WHERE code = :v", code);
  }
  static long long staff(const std::string& name) { return lookup("SELECT id FROM staff WHERE full_name = :v", name); }
  static long long demo_training(const std::string& topic) {
    return lookup("SELECT id FROM trainings WHERE topic = :v", topic);
  }

  static json training(const std::string& topic, const std::string& starts_on, const std::string& ends_on,
                       const std::string& province = "MA-BOD") {
    return {{"topic", topic},
            {"domain", "child_protection"},
            {"starts_on", starts_on},
            {"ends_on", ends_on},
            {"hours", 12.5},
            {"trainer", "مؤطر"},
            {"organiser", "قسم العمل الاجتماعي"},
            {"territory_id", territory(province)}};
  }

  // Creates a training and adds `staff_ids`; answers its record after the addition.
  static json held(Client& client, const json& body, const json& staff_ids) {
    auto created = client.post("/api/trainings", body);
    EXPECT_EQ(created.status, 201) << created.body;
    const auto id = std::to_string(created.data()["id"].get<long long>());
    auto added = client.post("/api/trainings/" + id + "/participants", {{"version", 1}, {"staff_ids", staff_ids}});
    EXPECT_EQ(added.status, 200) << added.body;
    return added.data();
  }

  static std::set<std::string> names(const json& participants) {
    std::set<std::string> result;
    for (const auto& p : participants["items"]) result.insert(p["full_name"].get<std::string>());
    return result;
  }

  static void expect_participants_refused(Client& client, const std::string& id, const json& body, int status,
                                          const std::string& code) {
    const auto participants = count("training_participants"), audit = count("audit_log");
    auto reply = client.post("/api/trainings/" + id + "/participants", body);
    EXPECT_EQ(reply.status, status) << body.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    if (code != "conflict") {
      EXPECT_EQ(reply.data()["error"]["field"], code == "unknown_field" ? "note" : "staff_ids");
    }
    EXPECT_EQ(count("training_participants"), participants);
    EXPECT_EQ(count("audit_log"), audit);
  }
};

TEST_F(Training, TheDivisionRecordsASessionAndBadInputIsRefused) {
  auto division = as("division");
  auto created = division.post("/api/trainings", training("حماية الطفولة", "2019-04-22", "2019-04-24"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.data()["territory_name_fr"], "Province de Boujdour");
  EXPECT_EQ(created.data()["participant_count"], 0);
  EXPECT_EQ(created.data()["hours"], 12.5);

  const auto before = count("trainings");
  const auto refused = [&](const json& changes, const std::string& code, const std::string& field) {
    auto reply = division.post("/api/trainings", with(training("x", "2019-04-22", "2019-04-24"), changes));
    EXPECT_EQ(reply.status, 422) << changes.dump() << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], field) << reply.body;
    return reply.data()["error"]["message"].get<std::string>();
  };
  EXPECT_EQ(refused({{"ends_on", "2019-04-21"}}, "date_order", "ends_on"),
            "The date in \"end date\" is before the start date.");
  refused({{"hours", 0}}, "out_of_range", "hours");
  refused({{"hours", 500.5}}, "out_of_range", "hours");
  refused({{"hours", "ten"}}, "wrong_type", "hours");
  refused({{"starts_on", nullptr}}, "required", "starts_on");
  refused({{"topic", "  "}}, "required", "topic");
  refused({{"domain", "cooking"}}, "invalid_value", "domain");
  refused({{"territory_id", territory("BOD-01")}}, "invalid_reference", "territory_id");  // a commune, not a province
  refused({{"territory_id", territory("MA-OTH")}}, "invalid_reference", "territory_id");  // outside the scope
  EXPECT_EQ(count("trainings"), before);

  for (const char* role : {"assessor", "association", "viewer", "admin"})
    EXPECT_EQ(as(role).post("/api/trainings", training("x", "2019-04-22", "2019-04-24")).status, 403) << role;
  EXPECT_EQ(as("delegation").get("/api/trainings/" + std::to_string(created.data()["id"].get<long long>())).status,
            200);
  EXPECT_EQ(as("viewer").get("/api/trainings").status, 403);
  EXPECT_EQ(as("division_other").get("/api/trainings?q=%D8%AD%D9%85%D8%A7%D9%8A%D8%A9").data()["total"], 0);
}

TEST_F(Training, TheDelegationManagesItsTrainingsInItsProvinceToo) {
  // PRODUCT.md: the Entraide Nationale delegation manages its grants and trainings.
  auto delegation = as("delegation");
  const auto record = held(delegation,
                           with(training("تدبير المشاريع الاجتماعية", "2019-06-10", "2019-06-12"),
                                {{"organiser", "مندوبية التعاون الوطني"}}),
                           {staff("سعيد العلوي")});
  EXPECT_EQ(record["participant_count"], 1);
  const auto id = std::to_string(record["id"].get<long long>());
  auto edited =
      delegation.put("/api/trainings/" + id, with(delegation.get("/api/trainings/" + id).data(), {{"hours", 18}}));
  EXPECT_EQ(edited.status, 200) << edited.body;
  const auto audit = as("division").get("/api/audit?entity=training&entity_id=" + id).data();
  EXPECT_EQ(audit["total"], 3);  // create, add_participants, update
  // Not outside its province: another province's session, or staff it does not reach.
  auto outside = delegation.post("/api/trainings", training("x", "2019-06-10", "2019-06-12", "MA-OTH"));
  EXPECT_EQ(outside.status, 422) << outside.body;
  EXPECT_EQ(outside.data()["error"]["field"], "territory_id");
}

TEST_F(Training, ParticipantsAreAddedAndRemovedInScopeWithoutDuplicates) {
  auto division = as("division");
  const auto record = held(division, training("التواصل مع الأسر", "2024-02-05", "2024-02-06"),
                           {staff("سعيد العلوي"), staff("خديجة المرابط")});
  const auto id = std::to_string(record["id"].get<long long>());
  EXPECT_EQ(record["version"], 2);
  EXPECT_EQ(record["participant_count"], 2);
  EXPECT_EQ(names(record["participants"]), (std::set<std::string>{"سعيد العلوي", "خديجة المرابط"}));
  EXPECT_EQ(names(division.get("/api/trainings/" + id + "/participants").data()), names(record["participants"]));

  const auto other_staff =
      as("division_other")
          .post("/api/staff", {{"institution_id", lookup("SELECT id FROM institutions WHERE code = :v", "OTHER-001")},
                               {"full_name", "عامل الإقليم الآخر"},
                               {"function", "مربي"}});
  ASSERT_EQ(other_staff.status, 201) << other_staff.body;
  const auto foreign = other_staff.data()["id"].get<long long>();
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", {staff("سعيد العلوي")}}}, 409, "duplicate");
  expect_participants_refused(
      division, id, {{"version", 2}, {"staff_ids", {staff("يوسف الحيان"), staff("يوسف الحيان")}}}, 409, "duplicate");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", {staff("يوسف الحيان"), foreign}}}, 422,
                              "invalid_reference");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", {999999}}}, 422, "invalid_reference");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", json::array()}}, 422, "required");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", "all"}}, 422, "wrong_type");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", {"3"}}}, 422, "wrong_type");
  expect_participants_refused(division, id, {{"version", 2}, {"staff_ids", {1}}, {"note", "x"}}, 422, "unknown_field");
  expect_participants_refused(division, id, {{"version", 1}, {"staff_ids", {staff("يوسف الحيان")}}}, 409, "conflict");
  auto refused = division.post("/api/trainings/" + id + "/participants", {{"version", 2}, {"staff_ids", {999999}}});
  EXPECT_EQ(refused.data()["error"]["staff_id"], 999999);

  auto removed = division.post("/api/trainings/" + id + "/participants/remove",
                               {{"version", 2}, {"staff_ids", {staff("خديجة المرابط")}}});
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(names(removed.data()["participants"]), (std::set<std::string>{"سعيد العلوي"}));
  EXPECT_EQ(division
                .post("/api/trainings/" + id + "/participants/remove",
                      {{"version", 3}, {"staff_ids", {staff("خديجة المرابط")}}})
                .status,
            422);

  const auto audit = division.get("/api/audit?entity=training&entity_id=" + id).data();
  ASSERT_EQ(audit["total"], 3);
  EXPECT_EQ(audit["items"][0]["action"], "remove_participants");
  EXPECT_EQ(audit["items"][0]["before"]["participants"].size(), 2u);
  EXPECT_EQ(audit["items"][0]["after"]["participants"], json({staff("سعيد العلوي")}));
  EXPECT_EQ(audit["items"][1]["action"], "add_participants");

  for (const char* role : {"assessor", "association", "viewer"})
    EXPECT_EQ(
        as(role)
            .post("/api/trainings/" + id + "/participants", {{"version", 3}, {"staff_ids", {staff("يوسف الحيان")}}})
            .status,
        403)
        << role;
  EXPECT_EQ(as("division_other").get("/api/trainings/" + id + "/participants").status, 404);
}

TEST_F(Training, AParticipantMustBelongToTheTrainingsTerritory) {
  // A division officer of the region reaches both provinces' staff.
  auto admin = as("admin");
  auto created = admin.post("/api/users", {{"username", "regional"},
                                           {"display_name", "regional"},
                                           {"role", "division"},
                                           {"scope_territory_id", territory("MA-11")},
                                           {"language", "en"}});
  ASSERT_EQ(created.status, 201) << created.body;
  Client regional(server().port());
  const auto password = created.data()["one_time_password"].get<std::string>();
  ASSERT_EQ(regional.login("regional", password).status, 200);
  ASSERT_EQ(
      regional.post("/api/session/password", {{"current_password", password}, {"new_password", kPassword}}).status,
      204);
  const auto other_staff = regional.post(
      "/api/staff", {{"institution_id", lookup("SELECT id FROM institutions WHERE code = :v", "OTHER-001")},
                     {"full_name", "مربية الإقليم الآخر"},
                     {"function", "مربية"}});
  ASSERT_EQ(other_staff.status, 201) << other_staff.body;

  auto created_training =
      regional.post("/api/trainings", training("الإسعافات الأولية", "2024-05-02", "2024-05-02", "MA-OTH"));
  ASSERT_EQ(created_training.status, 201) << created_training.body;
  const auto id = std::to_string(created_training.data()["id"].get<long long>());
  expect_participants_refused(regional, id, {{"version", 1}, {"staff_ids", {staff("سعيد العلوي")}}}, 422,
                              "invalid_reference");
  auto added = regional.post("/api/trainings/" + id + "/participants",
                             {{"version", 1}, {"staff_ids", {other_staff.data()["id"]}}});
  EXPECT_EQ(added.status, 200) << added.body;
}

TEST_F(Training, AnAssociationSeesItsStaffsSessionsAndOnlyItsOwnStaffInThem) {
  auto association = as("association");
  // The demo's 2019 session: سعيد العلوي (association 1), نزهة البقالي and يوسف الحيان (association 2).
  const auto id = std::to_string(demo_training("التكفل النفسي والاجتماعي بالأطفال في وضعية صعبة"));
  EXPECT_EQ(names(as("division").get("/api/trainings/" + id + "/participants").data()),
            (std::set<std::string>{"سعيد العلوي", "نزهة البقالي", "يوسف الحيان"}));
  auto seen = association.get("/api/trainings/" + id + "/participants");
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(names(seen.data()), (std::set<std::string>{"سعيد العلوي"}));
  EXPECT_EQ(association.get("/api/trainings/" + id).status, 200);

  // A session none of its staff attended is out of its sight.
  auto division = as("division");
  const auto theirs = held(division, training("الإسعافات الأولية", "2024-03-01", "2024-03-01"), {staff("يوسف الحيان")});
  const auto theirs_id = std::to_string(theirs["id"].get<long long>());
  EXPECT_EQ(association.get("/api/trainings/" + theirs_id).status, 404);
  EXPECT_EQ(association.get("/api/trainings/" + theirs_id + "/participants").status, 404);
  // Every session it lists has one of its staff among the participants it sees.
  const auto listed = association.get("/api/trainings?page_size=200").data()["items"];
  EXPECT_GE(listed.size(), 2u);  // the demo's two sessions at least
  for (const auto& item : listed) {
    EXPECT_NE(item["id"], theirs["id"]);
    EXPECT_FALSE(association.get("/api/trainings/" + std::to_string(item["id"].get<long long>()) + "/participants")
                     .data()["items"]
                     .empty());
  }
}

TEST_F(Training, ParticipantsExportAsTheListShowsThemInTheCallersScope) {
  const auto id = std::to_string(demo_training("التكفل النفسي والاجتماعي بالأطفال في وضعية صعبة"));
  const auto path = "/api/trainings/" + id + "/participants/export";
  auto division = as("division");
  const auto list = division.get("/api/trainings/" + id + "/participants").data()["items"];
  auto xlsx = division.get(path + "?lang=ar");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_NE(xlsx.headers["content-disposition"].find("training-" + id + "-participants-"), std::string::npos);
  const auto workbook = io::read_xlsx(xlsx.body);
  ASSERT_TRUE(workbook);
  const auto& rows = workbook->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), list.size() + 1);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"الاسم الكامل", "المهمة", "المؤسسة", "تاريخ التسجيل"}));
  for (std::size_t i = 0; i < list.size(); ++i) {
    EXPECT_EQ(rows[i + 1].at(0), list[i]["full_name"].get<std::string>());
    EXPECT_EQ(rows[i + 1].at(1), list[i]["function"].get<std::string>());
    EXPECT_EQ(rows[i + 1].at(2), list[i]["institution_name_ar"].get<std::string>());
  }
  // French labels whatever the interface's language; the association's own staff only.
  const auto csv = as("association").get(path + "?format=csv&lang=fr");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBFNom complet,Fonction,Établissement,")) << csv.body;
  EXPECT_NE(csv.body.find("سعيد العلوي"), std::string::npos);
  EXPECT_EQ(csv.body.find("نزهة البقالي"), std::string::npos);
  EXPECT_EQ(csv.body.find("يوسف الحيان"), std::string::npos);
  EXPECT_EQ(as("division_other").get(path).status, 404);
  EXPECT_EQ(as("viewer").get(path).status, 403);
  for (const char* bad : {"?lang=xx", "?format=pdf", "?sort=name"}) {
    const auto refused = division.get(path + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.data()["error"]["code"], "bad_parameter") << bad;
  }
}

TEST_F(Training, EachStaffMembersHistoryIsReadWhereTheStaffMemberIs) {
  auto division = as("division");
  const auto member = staff("نزهة البقالي");
  held(division, training("التربية على حقوق الطفل", "2023-11-06", "2023-11-08"), {member});
  auto history = division.get("/api/staff/" + std::to_string(member) + "/trainings");
  ASSERT_EQ(history.status, 200) << history.body;
  const auto items = history.data()["items"];
  // The demo's two sessions and this one, latest first.
  ASSERT_EQ(items.size(), 3u);
  EXPECT_GE(items[0]["starts_on"].get<std::string>(), items[1]["starts_on"].get<std::string>());
  EXPECT_EQ(items[1]["topic"], "التربية على حقوق الطفل");
  EXPECT_EQ(items[2]["starts_on"], "2019-04-22");
  EXPECT_DOUBLE_EQ(history.data()["total_hours"].get<double>(), 12.5 + 12.5 + 18);

  EXPECT_EQ(as("delegation").get("/api/staff/" + std::to_string(member) + "/trainings").status, 200);
  EXPECT_EQ(as("association").get("/api/staff/" + std::to_string(member) + "/trainings").status,
            404);  // association 2's
  const auto own = as("association").get("/api/staff/" + std::to_string(staff("سعيد العلوي")) + "/trainings");
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.data()["items"].back()["starts_on"], "2019-04-22");
  EXPECT_EQ(as("viewer").get("/api/staff/" + std::to_string(member) + "/trainings").status, 403);
  EXPECT_EQ(as("division_other").get("/api/staff/" + std::to_string(member) + "/trainings").status, 404);
  EXPECT_EQ(division.get("/api/staff/999999/trainings").status, 404);
}

TEST_F(Training, StaffTrainedInTheLast12MonthsPerInstitution) {
  auto division = as("division");
  auto created = division.post("/api/institutions", institution("T-TRN-1", "مؤسسة التكوين"));
  ASSERT_EQ(created.status, 201);
  const auto institution_id = created.data()["id"].get<long long>();
  std::map<std::string, long long> ids;
  for (const auto& [name, start, end] :
       std::vector<std::tuple<std::string, std::string, json>>{{"عامل أ", "2020-01-01", nullptr},
                                                               {"عامل ب", "2020-01-01", nullptr},
                                                               {"عامل ج", "2020-01-01", "2024-12-31"},
                                                               {"عامل د", "2025-06-01", nullptr}}) {
    auto member = division.post("/api/staff", {{"institution_id", institution_id},
                                               {"full_name", name},
                                               {"function", "مربي"},
                                               {"start_date", start},
                                               {"end_date", end}});
    ASSERT_EQ(member.status, 201) << member.body;
    ids[name] = member.data()["id"].get<long long>();
  }
  held(division, training("X", "2024-03-08", "2024-03-10"), {ids["عامل أ"], ids["عامل ج"], ids["عامل د"]});
  held(division, training("Y", "2023-01-01", "2023-01-01"), {ids["عامل ب"]});

  const auto at = [&](const std::string& on) {
    auto reply = division.get("/api/trained_staff?institution_id=" + std::to_string(institution_id) + "&on=" + on);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.data();
  };
  // On 2025-03-01: current staff أ and ب (ج left at the end of 2024, د not yet come);
  // X ended on 2024-03-10, within the 12 months from 2024-03-02: أ is trained, ب is not.
  auto figures = at("2025-03-01");
  EXPECT_EQ(figures["computed_on"], "2025-03-01");
  EXPECT_EQ(figures["since"], "2024-03-02");
  ASSERT_EQ(figures["items"].size(), 1u);
  EXPECT_EQ(figures["items"][0]["code"], "T-TRN-1");
  EXPECT_EQ(figures["items"][0]["staff"], 2);
  EXPECT_EQ(figures["items"][0]["trained"], 1);
  EXPECT_EQ(figures["items"][0]["percent"], 50.0);
  EXPECT_EQ(figures["totals"]["percent"], 50.0);
  // The window's ends: on 2025-03-09 it starts on 2024-03-10, X's last day; a day later X is out.
  EXPECT_EQ(at("2025-03-09")["since"], "2024-03-10");
  EXPECT_EQ(at("2025-03-09")["items"][0]["trained"], 1);
  EXPECT_EQ(at("2025-03-10")["items"][0]["trained"], 0);
  EXPECT_EQ(at("2024-03-09")["items"][0]["trained"], 0);  // not ended yet
  // On 2025-07-01 د has come: 3 current staff, none trained within the 12 months.
  EXPECT_EQ(at("2025-07-01")["items"][0]["staff"], 3);

  // Every institution in scope, without any name of a person for the viewer.
  auto viewer = as("viewer").get("/api/trained_staff?on=2025-03-01");
  ASSERT_EQ(viewer.status, 200);
  EXPECT_EQ(viewer.data()["items"].size(),
            static_cast<std::size_t>(count("institutions WHERE code LIKE 'DEMO-%' OR code LIKE 'T-TRN-%'")));
  for (const char* name : {"عامل أ", "سعيد العلوي", "full_name"})
    EXPECT_EQ(viewer.body.find(name), std::string::npos) << name;
  EXPECT_EQ(as("division_other").get("/api/trained_staff").data()["items"].size(), 1u);
  const auto own = as("association").get("/api/trained_staff").data();
  ASSERT_EQ(own["items"].size(),
            static_cast<std::size_t>(count("institutions WHERE association_id = 1")));  // with T-TRN-1
  for (const auto& item : own["items"])
    EXPECT_TRUE(item["institution_id"] == 1 || item["institution_id"] == 2 || item["institution_id"] == institution_id)
        << item.dump();
  EXPECT_EQ(division.get("/api/trained_staff?on=2025-02-30").status, 400);
  EXPECT_EQ(division.get("/api/trained_staff?staff_id=1").status, 400);
}

TEST_F(Training, TheDemoHasTwoSessionsOneWithinTheLast12Months) {
  auto division = as("division");
  const auto recent = demo_training("التدبير الإداري والمالي لمؤسسات الرعاية الاجتماعية");
  ASSERT_GT(recent, 0);
  ASSERT_GT(demo_training("التكفل النفسي والاجتماعي بالأطفال في وضعية صعبة"), 0);
  EXPECT_EQ(division.get("/api/trainings/" + std::to_string(recent)).data()["participant_count"], 4);
  // Its four participants are current staff, trained within the last 12 months.
  EXPECT_GE(division.get("/api/trained_staff").data()["totals"]["trained"].get<long long>(), 4);
}

TEST_F(Training, SessionsAreFilteredByTheInstitutionAndAssociationOfTheirParticipants) {
  auto division = as("division");
  const auto demo = demo_training("التكفل النفسي والاجتماعي بالأطفال في وضعية صعبة");
  const auto institution_of = [&](const std::string& name) {
    return division.get("/api/staff/" + std::to_string(staff(name))).data()["institution_id"].get<long long>();
  };
  const auto mine = institution_of("سعيد العلوي");    // association 1
  const auto theirs = institution_of("يوسف الحيان");  // association 2
  const auto only_theirs = held(division, training("السلامة", "2024-05-01", "2024-05-01"), {staff("يوسف الحيان")});
  const auto listed = [](Client& client, const std::string& query) {
    auto reply = client.get("/api/trainings?page_size=200&" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    const auto items = reply.data()["items"];
    std::set<long long> ids;
    for (const auto& item : items) ids.insert(item["id"].get<long long>());
    return ids;
  };
  const auto of_mine = listed(division, "institution_id=" + std::to_string(mine));
  EXPECT_TRUE(of_mine.contains(demo));
  EXPECT_FALSE(of_mine.contains(only_theirs["id"].get<long long>()));
  EXPECT_TRUE(listed(division, "institution_id=" + std::to_string(theirs)).contains(only_theirs["id"]));
  EXPECT_TRUE(listed(division, "association_id=1").contains(demo));
  EXPECT_FALSE(listed(division, "association_id=1").contains(only_theirs["id"].get<long long>()));
  // An association reads no session of another association's institution that its own staff did not attend.
  auto association = as("association");
  EXPECT_TRUE(listed(association, "institution_id=" + std::to_string(mine)).contains(demo));
  EXPECT_FALSE(listed(association, "institution_id=" + std::to_string(theirs)).contains(only_theirs["id"]));
  // Nor does the filter tell it that another association's staff attended a session its own did:
  // an institution or association out of its reach filters everything out.
  EXPECT_TRUE(listed(association, "institution_id=" + std::to_string(theirs)).empty());
  EXPECT_TRUE(listed(association, "association_id=2").empty());
  EXPECT_TRUE(listed(association, "association_id=1").contains(demo));
  EXPECT_EQ(division.get("/api/trainings?institution_id=x").status, 400);
}

}  // namespace
}  // namespace riaya::test
