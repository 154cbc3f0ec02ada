// The action programme of issue 5 through the API: actions from shortcomings, funding and
// its gap, follow-up, the shortcoming resolved then verified, meetings whose
// recommendations become actions, and who may do what.
#include "store/attachments.hpp"
#include "suite.hpp"

#include <set>
#include <tuple>

namespace riaya::test {
namespace {

class Programme : public ApiTest {
 protected:
  static json programme(Client& division, const std::string& name = "برنامج العمل 2019-2020") {
    auto created = division.post("/api/programmes", {{"name_ar", name},
                                                     {"name_fr", "Programme d'action 2019-2020"},
                                                     {"territory_id", 3},
                                                     {"starts_on", "2019-05-01"},
                                                     {"ends_on", "2020-12-31"},
                                                     {"status", "active"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data();
  }

  static json open_shortcoming(Client& division, long long institution, const std::string& criterion) {
    const auto items =
        division
            .get("/api/shortcomings?institution_id=" + std::to_string(institution) + "&source=assessment&page_size=200")
            .data()["items"];
    for (const auto& item : items)
      if (item["criterion_code"] == criterion && (item["status"] == "open" || item["status"] == "in_progress"))
        return item;
    ADD_FAILURE() << "no open shortcoming " << criterion << " for institution " << institution;
    return nullptr;
  }

  static std::string id_of(const json& record) { return std::to_string(record["id"].get<long long>()); }

  // The action record with `changes` applied, as a PUT body.
  static json edited(const json& action, const json& changes) {
    json body = action;
    for (const auto& [key, value] : changes.items()) body[key] = value;
    return body;
  }
};

TEST_F(Programme, ShortcomingsBecomeFundedActionsUntilResolvedThenVerified) {
  auto division = as("division");
  auto assessor = as("assessor");
  run_assessment(division, assessor, campaign(division, "دراسة تشخيصية - شتنبر 2018"), {{"D6.1", 0}});
  const auto shortcoming = open_shortcoming(division, 1, "D6.1");
  const auto plan = programme(division);

  auto made = division.post("/api/programmes/" + id_of(plan) + "/actions-from-shortcomings",
                            {{"shortcoming_ids", {shortcoming["id"]}}, {"due_on", "2019-12-31"}});
  ASSERT_EQ(made.status, 201) << made.body;
  auto action = made.data()["items"][0];
  const auto grid =
      division.get("/api/grids/" + std::to_string(division.get("/api/grids").data()["items"][0]["id"].get<long long>()))
          .data()["content"];
  EXPECT_EQ(action["title_ar"], grid["domains"][5]["criteria"][0]["remedy_ar"]);  // D6.1's suggested remedy
  EXPECT_EQ(action["category"], "equipment");
  EXPECT_EQ(action["institution_id"], 1);
  EXPECT_EQ(action["shortcomings"], 1);
  EXPECT_EQ(division.get("/api/shortcomings/" + id_of(shortcoming)).data()["status"], "in_progress");
  const auto path = "/api/actions/" + id_of(action);

  // Bad input names the field and changes nothing.
  const auto version = action["version"];
  for (const auto& [changes, field] : std::vector<std::pair<json, std::string>>{
           {{{"starts_on", "2019-06-01"}, {"due_on", "2019-05-01"}}, "due_on"},
           {{{"progress", 101}}, "progress"},
           {{{"estimated_cost_centimes", -5}}, "estimated_cost_centimes"},
           {{{"estimated_cost_centimes", 100'000'000'001LL}}, "estimated_cost_centimes"},
           {{{"status", "done"}}, "completed_on"},
           {{{"institution_id", 999}}, "institution_id"}}) {
    auto refused = division.put(path, edited(action, changes));
    EXPECT_EQ(refused.status, 422) << changes.dump() << " " << refused.body;
    EXPECT_EQ(refused.data()["error"]["field"], field) << changes.dump();
  }
  EXPECT_EQ(division.get(path).data()["version"], version);

  auto costed =
      division.put(path, edited(action, {{"estimated_cost_centimes", 2'500'000}, {"starts_on", "2019-05-15"}}));
  ASSERT_EQ(costed.status, 200) << costed.body;
  action = costed.data();
  EXPECT_EQ(action["gap_centimes"], 2'500'000);

  // A grant from INDH to the institution, and a funding line.
  auto over = division.post("/api/grants", {{"source", "indh"},
                                            {"institution_id", 1},
                                            {"purpose", "equipment"},
                                            {"committed_centimes", 3'000'000},
                                            {"disbursed_centimes", 4'000'000}});
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.data()["error"]["field"], "disbursed_centimes");
  auto both = division.post("/api/grants", {{"source", "indh"},
                                            {"institution_id", 1},
                                            {"association_id", 1},
                                            {"purpose", "equipment"},
                                            {"committed_centimes", 3'000'000}});
  EXPECT_EQ(both.status, 422);
  auto grant = division.post("/api/grants", {{"source", "indh"},
                                             {"source_name", "المبادرة الوطنية للتنمية البشرية"},
                                             {"institution_id", 1},
                                             {"purpose", "equipment"},
                                             {"committed_centimes", 3'000'000},
                                             {"disbursed_centimes", 1'000'000},
                                             {"committed_on", "2019-06-01"},
                                             {"agreement_reference", "INDH-BOD-2019-07"}});
  ASSERT_EQ(grant.status, 201) << grant.body;
  EXPECT_EQ(grant.data()["allocated_centimes"], 0);
  const auto lines = count("funding_lines");
  auto too_much =
      division.post("/api/funding_lines",
                    {{"grant_id", grant.data()["id"]}, {"action_id", action["id"]}, {"amount_centimes", 3'000'001}});
  EXPECT_EQ(too_much.status, 422);
  EXPECT_EQ(too_much.data()["error"]["field"], "amount_centimes");
  EXPECT_EQ(too_much.data()["error"]["max"], 3'000'000);
  auto line =
      division.post("/api/funding_lines",
                    {{"grant_id", grant.data()["id"]}, {"action_id", action["id"]}, {"amount_centimes", 2'000'000}});
  ASSERT_EQ(line.status, 201) << line.body;
  auto second =
      division.post("/api/funding_lines",
                    {{"grant_id", grant.data()["id"]}, {"action_id", action["id"]}, {"amount_centimes", 1'000'001}});
  EXPECT_EQ(second.status, 422);
  EXPECT_EQ(count("funding_lines"), lines + 1);
  // A grant of another association cannot fund this institution's action.
  auto foreign = division.post(
      "/api/grants",
      {{"source", "commune"}, {"association_id", 2}, {"purpose", "operation"}, {"committed_centimes", 500'000}});
  ASSERT_EQ(foreign.status, 201);
  auto crossed =
      division.post("/api/funding_lines",
                    {{"grant_id", foreign.data()["id"]}, {"action_id", action["id"]}, {"amount_centimes", 100}});
  EXPECT_EQ(crossed.status, 422);
  EXPECT_EQ(crossed.data()["error"]["field"], "grant_id");
  // The grant cannot shrink below what it funds.
  auto shrunk = grant.data();
  shrunk["committed_centimes"] = 1'500'000;
  shrunk["disbursed_centimes"] = 0;
  EXPECT_EQ(division.put("/api/grants/" + id_of(grant.data()), shrunk).data()["error"]["field"], "committed_centimes");

  action = division.get(path).data();
  EXPECT_EQ(action["funded_centimes"], 2'000'000);
  EXPECT_EQ(action["gap_centimes"], 500'000);
  const auto totals = division.get("/api/programmes/" + id_of(plan)).data();
  EXPECT_EQ(totals["cost_centimes"], 2'500'000);
  EXPECT_EQ(totals["funded_centimes"], 2'000'000);
  EXPECT_EQ(totals["gap_centimes"], 500'000);
  EXPECT_EQ(totals["actions"], 1);

  // The association follows its own action up; it cannot edit it.
  auto association = as("association");
  auto followed = association.post(
      path + "/followups",
      {{"version", action["version"]}, {"entry_date", "2019-09-10"}, {"note", "تم اقتناء 40 سريرا"}, {"progress", 60}});
  ASSERT_EQ(followed.status, 201) << followed.body;
  EXPECT_EQ(followed.data()["status"], "ongoing");
  EXPECT_EQ(followed.data()["progress"], 60);
  EXPECT_EQ(
      association
          .post(
              path + "/followups",
              {{"version", followed.data()["version"]}, {"entry_date", "2019-09-11"}, {"note", "x"}, {"progress", 150}})
          .data()["error"]["field"],
      "progress");
  EXPECT_EQ(association.put(path, edited(action, {{"progress", 90}})).status, 403);
  EXPECT_EQ(division.get(path + "/followups").data()["items"].size(), 1u);

  // Done: the shortcoming is resolved, to verify; the next visit that finds it satisfactory verifies it.
  action = division.get(path).data();
  auto done = division.put(
      path,
      edited(action, {{"status", "done"}, {"completed_on", "2019-11-20"}, {"completion_evidence", "محضر التسليم"}}));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.data()["progress"], 100);
  auto resolved = division.get("/api/shortcomings/" + id_of(shortcoming)).data();
  EXPECT_EQ(resolved["status"], "resolved");
  EXPECT_EQ(resolved["resolved_on"], "2019-11-20");
  EXPECT_TRUE(resolved["resolved_by_assessment_id"].is_null());
  run_assessment(division, assessor, campaign(division, "دراسة تشخيصية - شتنبر 2020"), {});
  EXPECT_EQ(division.get("/api/shortcomings/" + id_of(shortcoming)).data()["status"], "verified");

  // A cancelled action is not edited any more.
  auto other = division.post("/api/actions", {{"programme_id", plan["id"]},
                                              {"category", "training"},
                                              {"title_ar", "تكوين المربين"},
                                              {"status", "planned"},
                                              {"progress", 0},
                                              {"due_on", "2019-01-31"}});
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(other.data()["overdue"], true);  // province-wide, due in the past
  EXPECT_EQ(division.get("/api/programmes/" + id_of(plan)).data()["actions_overdue"], 1);
  EXPECT_EQ(division.get("/api/actions?overdue=true&programme_id=" + id_of(plan)).data()["total"], 1);
  auto cancelled = division.put("/api/actions/" + id_of(other.data()), edited(other.data(), {{"status", "cancelled"}}));
  ASSERT_EQ(cancelled.status, 200);
  auto edit_cancelled =
      division.put("/api/actions/" + id_of(other.data()), edited(cancelled.data(), {{"title_ar", "x"}}));
  EXPECT_EQ(edit_cancelled.status, 409);
  EXPECT_EQ(edit_cancelled.data()["error"]["code"], "invalid_state");
  EXPECT_EQ(edit_cancelled.data()["error"]["field"], "status");
}

TEST_F(Programme, AMeetingsRecommendationBecomesAnActionAndTheMeetingReviewsThem) {
  auto division = as("division");
  const auto plan = programme(division, "برنامج اللقاء");
  auto meeting = division.post("/api/meetings", {{"kind", "communication"},
                                                 {"title_ar", "لقاء تواصلي مع الجمعيات"},
                                                 {"held_on", "2019-04-26"},
                                                 {"place", "مقر عمالة إقليم بوجدور"},
                                                 {"chair", "رئيس قسم العمل الاجتماعي"},
                                                 {"territory_id", 3},
                                                 {"agenda", "تقديم نتائج الدراسة التشخيصية"}});
  ASSERT_EQ(meeting.status, 201) << meeting.body;
  const auto meeting_id = meeting.data()["id"];
  for (const auto& participant :
       std::vector<json>{{{"full_name", "رئيس قسم العمل الاجتماعي"}, {"organisation", "عمالة إقليم بوجدور"}},
                         {{"full_name", "المندوب الإقليمي للتعاون الوطني"}, {"organisation", "التعاون الوطني"}},
                         {{"full_name", "رئيس الجمعية"}, {"function", "رئيس"}, {"institution_id", 2}}}) {
    auto body = participant;
    body["meeting_id"] = meeting_id;
    EXPECT_EQ(division.post("/api/participants", body).status, 201);
  }
  auto recommendation =
      division.post("/api/recommendations",
                    {{"meeting_id", meeting_id}, {"text_ar", "تكوين أطر المؤسسات في التدبير الإداري والمالي"}});
  ASSERT_EQ(recommendation.status, 201);
  const auto path = "/api/recommendations/" + std::to_string(recommendation.data()["id"].get<long long>());
  auto missing = division.post(path + "/action", {{"category", "training"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.data()["error"]["field"], "programme_id");
  auto action = division.post(
      path + "/action",
      {{"programme_id", plan["id"]}, {"category", "training"}, {"institution_id", 2}, {"due_on", "2019-10-31"}});
  ASSERT_EQ(action.status, 201) << action.body;
  EXPECT_EQ(action.data()["title_ar"], "تكوين أطر المؤسسات في التدبير الإداري والمالي");
  EXPECT_EQ(action.data()["recommendation_id"], recommendation.data()["id"]);
  EXPECT_EQ(division.get(path).data()["action_id"], action.data()["id"]);
  EXPECT_EQ(division.post(path + "/action", {{"programme_id", plan["id"]}, {"category", "training"}}).status, 409);

  const auto review = division.get("/api/meetings/" + std::to_string(meeting_id.get<long long>()) + "/actions").data();
  ASSERT_EQ(review["items"].size(), 1u);
  EXPECT_EQ(review["items"][0]["id"], action.data()["id"]);
  EXPECT_EQ(as("division_other").get("/api/meetings/" + std::to_string(meeting_id.get<long long>())).status, 404);
  EXPECT_EQ(
      as("division_other").post(path + "/action", {{"programme_id", plan["id"]}, {"category", "training"}}).status,
      404);
}

TEST_F(Programme, ActionsAndMeetingsKeepTheirFilesInScope) {
  auto division = as("division");
  auto association = as("association");
  const auto plan = programme(division, "برنامج المرفقات");
  const json action = {{"programme_id", plan["id"]},
                       {"category", "equipment"},
                       {"title_ar", "اقتناء أسرة"},
                       {"status", "planned"},
                       {"progress", 0}};
  auto own = division.post("/api/actions", with(action, {{"institution_id", 1}}));
  auto others = division.post("/api/actions", with(action, {{"institution_id", 3}}));
  ASSERT_EQ(own.status, 201) << own.body;
  const auto own_path = "/api/actions/" + id_of(own.data());
  const auto others_path = "/api/actions/" + id_of(others.data());
  const std::string pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

  // The association attaches its delivery note and a photo to its own action: completion evidence.
  auto note =
      association.raw("POST", own_path + "/attachments?file_name=%D9%85%D8%AD%D8%B6%D8%B1.pdf", pdf);  // محضر.pdf
  ASSERT_EQ(note.status, 201) << note.body;
  EXPECT_EQ(note.data()["content_type"], "application/pdf");
  EXPECT_EQ(note.data()["file_name"], "محضر.pdf");
  EXPECT_EQ(note.data()["size"], pdf.size());
  auto photo = association.raw("POST", own_path + "/attachments?file_name=beds.png", kPng);
  ASSERT_EQ(photo.status, 201) << photo.body;
  const auto listed = division.get(own_path + "/attachments").data()["items"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["file_name"], "محضر.pdf");
  EXPECT_FALSE(listed[0]["created_by_name"].is_null());
  auto read = division.get(own_path + "/attachments/" + id_of(note.data()));
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.body, pdf);
  EXPECT_TRUE(read.headers["content-disposition"].starts_with("attachment;")) << read.headers["content-disposition"];
  EXPECT_EQ(read.headers["content-security-policy"], "default-src 'none'; sandbox");
  EXPECT_TRUE(association.get(own_path + "/attachments/" + id_of(photo.data()))
                  .headers["content-disposition"]
                  .starts_with("inline;"));

  // Refused, and nothing written.
  auto delegation = as("delegation"), other = as("division_other"), viewer = as("viewer");  // signing in is audited
  const auto files = count("attachments"), audit = count("audit_log");
  for (const auto& [target, body, status, code, field] :
       std::vector<std::tuple<std::string, std::string, int, std::string, std::string>>{
           {own_path + "/attachments?file_name=a.png", "only text, named .png", 422, "unsupported_file", "file"},
           {own_path + "/attachments?file_name=a.jpg", "\xFF\xD8\xFF\xE0" + std::string(5 << 20, 'x'), 422,
            "file_too_large", "file"},
           {own_path + "/attachments", kPng, 422, "required", "file_name"},
           {own_path + "/attachments?file_name=..%2Fa.png", kPng, 422, "invalid_value", "file_name"},
           // Shown as "rapportexe.pdf" by whatever applies the override.
           {own_path + "/attachments?file_name=rapport%E2%80%AEfdp.exe", pdf, 422, "invalid_value", "file_name"},
           {own_path + "/attachments?file_name=x.html", pdf, 422, "file_name_mismatch", "file_name"},
           {own_path + "/attachments?file_name=x.pdf", kPng, 422, "file_name_mismatch", "file_name"},
           {own_path + "/attachments?file_name=a.png&criterion_code=D1.1", kPng, 400, "bad_parameter",
            "criterion_code"},
           {others_path + "/attachments?file_name=a.png", kPng, 404, "not_found", ""}}) {
    auto reply = association.raw("POST", target, body);
    EXPECT_EQ(reply.status, status) << target << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["code"], code) << reply.body;
    EXPECT_EQ(reply.data()["error"].value("field", ""), field) << reply.body;
  }
  EXPECT_EQ(delegation.raw("POST", own_path + "/attachments?file_name=a.png", kPng).status, 403);
  EXPECT_EQ(other.raw("POST", own_path + "/attachments?file_name=a.png", kPng).status, 404);
  EXPECT_EQ(other.get(own_path + "/attachments").status, 404);
  EXPECT_EQ(viewer.get(own_path + "/attachments").status, 403);
  EXPECT_EQ(association.get(others_path + "/attachments").status, 404);
  EXPECT_EQ(count("attachments"), files);
  EXPECT_EQ(count("audit_log"), audit);

  // Twenty files a record at most; a file is removed by whoever may add it.
  for (int i = 2; i < store::kMaxAttachments; ++i)
    ASSERT_EQ(division.raw("POST", own_path + "/attachments?file_name=p.png", kPng).status, 201);
  auto too_many = division.raw("POST", own_path + "/attachments?file_name=p.png", kPng);
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(too_many.data()["error"]["code"], "too_many_files");
  EXPECT_EQ(association.del(own_path + "/attachments/" + id_of(photo.data())).status, 204);
  EXPECT_EQ(association.get(own_path + "/attachments/" + id_of(photo.data())).status, 404);
  EXPECT_EQ(division.get(own_path + "/attachments").data()["items"].size(), 19u);

  // A cancelled action keeps its files, read-only.
  auto cancelled = division.put(own_path, edited(division.get(own_path).data(), {{"status", "cancelled"}}));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  auto late = association.raw("POST", own_path + "/attachments?file_name=a.png", kPng);
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.data()["error"]["code"], "invalid_state");
  EXPECT_EQ(association.del(own_path + "/attachments/" + id_of(note.data())).status, 409);
  EXPECT_EQ(association.get(own_path + "/attachments/" + id_of(note.data())).body, pdf);

  // A meeting's files: the delegation attaches the attendance sheet; the assessor reads it.
  auto meeting = division.post(
      "/api/meetings",
      {{"kind", "communication"}, {"title_ar", "لقاء المرفقات"}, {"held_on", "2019-04-26"}, {"territory_id", 3}});
  const auto meeting_path = "/api/meetings/" + id_of(meeting.data());
  auto sheet = delegation.raw("POST", meeting_path + "/attachments?file_name=attendance.pdf", pdf);
  ASSERT_EQ(sheet.status, 201) << sheet.body;
  EXPECT_EQ(as("assessor").get(meeting_path + "/attachments").data()["items"].size(), 1u);
  EXPECT_EQ(as("assessor").raw("POST", meeting_path + "/attachments?file_name=a.pdf", pdf).status, 403);
  EXPECT_EQ(association.get(meeting_path + "/attachments").status, 403);
  EXPECT_EQ(other.get(meeting_path + "/attachments/" + id_of(sheet.data())).status, 404);

  // Every upload and removal is audited against its record: 21 attached to the action, 1 removed, 1 to the meeting.
  const auto audited = [](const std::string& entity, const std::string& verb) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = :a")
          .bind("e", entity)
          .bind("a", verb)
          .scalar(s);
    });
  };
  EXPECT_EQ(audited("action", "attach"), store::kMaxAttachments);
  EXPECT_EQ(audited("action", "detach"), 1);
  EXPECT_EQ(audited("meeting", "attach"), 1);
}

TEST_F(Programme, EachRoleSeesWhatItMay) {
  auto division = as("division");
  const auto plan = programme(division, "برنامج الصلاحيات");
  const auto own = division.post("/api/actions", {{"programme_id", plan["id"]},
                                                  {"institution_id", 1},
                                                  {"category", "works"},
                                                  {"title_ar", "إصلاح المرافق الصحية"},
                                                  {"status", "planned"},
                                                  {"progress", 0}});
  const auto others = division.post("/api/actions", {{"programme_id", plan["id"]},
                                                     {"institution_id", 3},
                                                     {"category", "works"},
                                                     {"title_ar", "إصلاح السطح"},
                                                     {"status", "planned"},
                                                     {"progress", 0}});
  ASSERT_EQ(own.status, 201);
  ASSERT_EQ(others.status, 201);
  // The association (of institutions 1 and 2) sees its own actions only, and follows up only those.
  auto association = as("association");
  const auto visible = association.get("/api/actions?page_size=200").data();
  for (const auto& item : visible["items"])
    EXPECT_TRUE(item["institution_id"] == 1 || item["institution_id"] == 2) << item.dump();
  EXPECT_EQ(association.get("/api/actions/" + id_of(others.data())).status, 404);
  EXPECT_EQ(association
                .post("/api/actions/" + id_of(others.data()) + "/followups",
                      {{"version", 1}, {"entry_date", "2019-09-01"}, {"note", "x"}})
                .status,
            404);
  // A viewer reads programme totals, not actions nor grants.
  auto viewer = as("viewer");
  const auto seen = viewer.get("/api/programmes/" + id_of(plan));
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(seen.data().contains("cost_centimes"));
  EXPECT_EQ(viewer.get("/api/actions").status, 403);
  EXPECT_EQ(viewer.get("/api/grants").status, 403);
  // Another province sees none of it and cannot link across.
  auto other = as("division_other");
  EXPECT_EQ(other.get("/api/actions?page_size=200").data()["total"], 0);
  EXPECT_EQ(other.get("/api/programmes/" + id_of(plan)).status, 404);
  auto crossed = other.post(
      "/api/actions",
      {{"programme_id", plan["id"]}, {"category", "works"}, {"title_ar", "x"}, {"status", "planned"}, {"progress", 0}});
  EXPECT_EQ(crossed.status, 422);
  EXPECT_EQ(crossed.data()["error"]["field"], "programme_id");
  const auto foreign_institution = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM institutions WHERE code = 'OTHER-001'").scalar(s); });
  auto outside = division.post("/api/actions", {{"programme_id", plan["id"]},
                                                {"institution_id", foreign_institution},
                                                {"category", "works"},
                                                {"title_ar", "x"},
                                                {"status", "planned"},
                                                {"progress", 0}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(outside.data()["error"]["field"], "institution_id");
  // Hand-written shortcomings cannot claim to come from an assessment.
  auto claimed = division.post("/api/shortcomings", {{"institution_id", 1},
                                                     {"source", "assessment"},
                                                     {"severity", "low"},
                                                     {"status", "open"},
                                                     {"raised_on", "2019-04-26"},
                                                     {"description", "x"}});
  EXPECT_EQ(claimed.status, 422);
  EXPECT_EQ(claimed.data()["error"]["field"], "source");
  EXPECT_EQ(division
                .post("/api/shortcomings", {{"institution_id", 1},
                                            {"source", "meeting"},
                                            {"severity", "low"},
                                            {"status", "open"},
                                            {"raised_on", "2019-04-26"},
                                            {"description", "x"}})
                .status,
            201);
}

TEST_F(Programme, AnInstitutionsFileListsWhatFundsItInScope) {
  auto division = as("division");
  const auto grant = [&](const json& recipient, long long centimes) {
    json body = {{"source", "indh"}, {"purpose", "equipment"}, {"committed_centimes", centimes}};
    body.update(recipient);
    auto created = division.post("/api/grants", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data()["id"];
  };
  // Institutions 1 and 2 belong to association 1, institution 3 to association 2.
  const auto to_association = grant({{"association_id", 1}}, 25'000'000);
  const auto to_institution = grant({{"institution_id", 1}}, 1'000'000);
  const auto to_sibling = grant({{"institution_id", 2}}, 2'000'000);
  const auto to_other = grant({{"institution_id", 3}}, 3'000'000);
  const auto ids = [](const json& list) {
    std::set<long long> found;
    for (const auto& item : list["items"]) found.insert(item["id"].get<long long>());
    return found;
  };
  auto association = as("association");
  for (auto* client : {&division, &association}) {
    const auto funds = ids(client->get("/api/grants?for_institution_id=1&page_size=200").data());
    EXPECT_TRUE(funds.contains(to_association.get<long long>()));
    EXPECT_TRUE(funds.contains(to_institution.get<long long>()));
    EXPECT_FALSE(funds.contains(to_sibling.get<long long>()));
    EXPECT_FALSE(funds.contains(to_other.get<long long>()));
  }
  // An association never reads what funds another association's institution.
  auto foreign = association.get("/api/grants?for_institution_id=3");
  ASSERT_EQ(foreign.status, 200) << foreign.body;
  EXPECT_EQ(foreign.data()["total"], 0);
  EXPECT_EQ(association.get("/api/funding_lines?institution_id=3").data()["total"], 0);
  EXPECT_TRUE(
      ids(division.get("/api/grants?for_institution_id=3&page_size=200").data()).contains(to_other.get<long long>()));

  // The funding lines of the institution's actions, and none of another's.
  const auto plan = programme(division, "برنامج ملف المؤسسة");
  const auto action = [&](long long institution) {
    auto created = division.post("/api/actions", {{"programme_id", plan["id"]},
                                                  {"institution_id", institution},
                                                  {"category", "equipment"},
                                                  {"title_ar", "تجهيز"},
                                                  {"status", "planned"},
                                                  {"progress", 0},
                                                  {"estimated_cost_centimes", 5'000'000}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data()["id"];
  };
  const auto line = [&](const json& grant_id, const json& action_id) {
    auto created = division.post("/api/funding_lines",
                                 {{"grant_id", grant_id}, {"action_id", action_id}, {"amount_centimes", 100'000}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data()["id"].get<long long>();
  };
  const auto mine = line(to_association, action(1));
  const auto theirs = line(to_other, action(3));
  for (auto* client : {&division, &association}) {
    const auto lines = ids(client->get("/api/funding_lines?institution_id=1&page_size=200").data());
    EXPECT_TRUE(lines.contains(mine));
    EXPECT_FALSE(lines.contains(theirs));
  }
  EXPECT_TRUE(ids(division.get("/api/funding_lines?institution_id=3").data()).contains(theirs));
  EXPECT_EQ(division.get("/api/grants?for_institution_id=0").status, 400);
}

}  // namespace
}  // namespace riaya::test
