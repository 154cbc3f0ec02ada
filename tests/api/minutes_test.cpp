// The minutes (محضر) of a meeting as a PDF through the API: the communication meeting of
// 26 April 2019 in Boujdour with its participants and recommendations, in Arabic and French,
// read back with pdftotext; the province named from the meeting's territory; a long list of
// participants over several pages; bad parameters, other provinces and roles.
#include "suite.hpp"

#include "../pdf_text.hpp"
#include "store/attachments.hpp"

namespace riaya::test {
namespace {

class Minutes : public ApiTest {
 protected:
  static std::string id_of(const json& record) { return std::to_string(record["id"].get<long long>()); }

  static long long territory(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM territories WHERE code = :c").bind("c", code).scalar(s);
    });
  }

  static json meeting(Client& client, long long territory_id, const std::string& title_ar,
                      const std::string& place = "مقر عمالة إقليم بوجدور") {
    auto created = client.post("/api/meetings", {{"kind", "communication"},
                                                 {"title_ar", title_ar},
                                                 {"title_fr", "Réunion de communication avec les associations"},
                                                 {"held_on", "2019-04-26"},
                                                 {"place", place},
                                                 {"chair", "رئيس قسم العمل الاجتماعي"},
                                                 {"territory_id", territory_id},
                                                 {"agenda", "تقديم نتائج الدراسة التشخيصية\nبرنامج العمل 2019-2020"},
                                                 {"minutes", "افتتح رئيس القسم اللقاء وقدم نتائج الدراسة التشخيصية."}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.data();
  }

  static void add_participant(Client& client, const json& meeting_record, json participant) {
    participant["meeting_id"] = meeting_record["id"];
    const auto added = client.post("/api/participants", participant);
    EXPECT_EQ(added.status, 201) << added.body;
  }
};

TEST_F(Minutes, TheMeetingOf26April2019AsAPdfInArabicAndInFrench) {
  auto division = as("division");
  const auto record = meeting(division, territory("MA-BOD"), "لقاء تواصلي حول نتائج الدراسة التشخيصية");
  add_participant(division, record,
                  {{"full_name", "محمد الأمين السالمي"},
                   {"function", "رئيس قسم العمل الاجتماعي"},
                   {"organisation", "عمالة إقليم بوجدور"}});
  add_participant(
      division, record,
      {{"full_name", "Jean Dupont"}, {"function", "Consultant"}, {"organisation", "INDH"}, {"association_id", 1}});
  add_participant(division, record,
                  {{"full_name", "فاطمة الزهراء العلوي"}, {"function", "مديرة"}, {"institution_id", 2}});
  auto trained =
      division.post("/api/recommendations", {{"meeting_id", record["id"]},
                                             {"text_ar", "تكوين أطر المؤسسات في التدبير الإداري والمالي"},
                                             {"text_fr", "Former les cadres des établissements à la gestion"}});
  ASSERT_EQ(trained.status, 201) << trained.body;
  auto beds =
      division.post("/api/recommendations", {{"meeting_id", record["id"]}, {"text_ar", "تجديد أفرشة دار الطالب"}});
  ASSERT_EQ(beds.status, 201) << beds.body;
  auto plan = division.post(
      "/api/programmes",
      {{"name_ar", "برنامج العمل 2019-2020"}, {"territory_id", territory("MA-BOD")}, {"status", "active"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  auto action = division.post("/api/recommendations/" + id_of(trained.data()) + "/action",
                              {{"programme_id", plan.data()["id"]},
                               {"category", "training"},
                               {"title_ar", "دورة تكوينية في التدبير"},
                               {"title_fr", "Session de formation en gestion"},
                               {"due_on", "2019-10-31"}});
  ASSERT_EQ(action.status, 201) << action.body;
  // An action titled as its recommendation: the minutes do not say the text twice.
  auto same =
      division.post("/api/recommendations/" + id_of(beds.data()) + "/action", {{"programme_id", plan.data()["id"]},
                                                                               {"category", "equipment"},
                                                                               {"title_ar", "تجديد أفرشة دار الطالب."},
                                                                               {"due_on", "2019-12-31"}});
  ASSERT_EQ(same.status, 201) << same.body;
  const auto path = "/api/meetings/" + id_of(record) + "/minutes.pdf";

  auto arabic = division.get(path + "?lang=ar");
  ASSERT_EQ(arabic.status, 200) << arabic.body;
  EXPECT_EQ(arabic.headers["content-type"], "application/pdf");
  EXPECT_NE(arabic.headers["content-disposition"].find("attachment;"), std::string::npos);
  // محضر-2019-04-26.pdf, in RFC 5987 form.
  EXPECT_NE(arabic.headers["content-disposition"].find("filename*=UTF-8''%D9%85%D8%AD%D8%B6%D8%B1-2019-04-26.pdf"),
            std::string::npos)
      << arabic.headers["content-disposition"];
  ASSERT_TRUE(arabic.body.starts_with("%PDF-"));
  const auto text = pdf_text(arabic.body);
  for (const auto* expected :
       {"المملكة المغربية", "وزارة الداخلية", "عمالة إقليم بوجدور", "قسم العمل الاجتماعي", "محضر",
        "لقاء تواصلي حول نتائج الدراسة التشخيصية", "26 أبريل 2019", "مقر عمالة إقليم بوجدور",
        "تقديم نتائج الدراسة التشخيصية", "محمد الأمين السالمي", "Jean Dupont", "فاطمة الزهراء العلوي",
        "جمعية دار الطالب والطالبة بوجدور", "افتتح رئيس القسم اللقاء", "تكوين أطر المؤسسات في التدبير الإداري والمالي",
        "تجديد أفرشة دار الطالب", "دورة تكوينية في التدبير", "مبرمج"})
    EXPECT_TRUE(contains(text, expected)) << expected << "\n" << text;
  EXPECT_FALSE(contains(text, "Royaume"));
  EXPECT_EQ(occurrences_squeezed(text, "تجديد أفرشة دار الطالب"), 1u) << text;
  EXPECT_TRUE(contains(text, "تحولت إلى إجراء بنفس العنوان")) << text;
  expect_numbered_pages(text, "الصفحة ", " من ");

  auto french = division.get(path + "?lang=fr");
  ASSERT_EQ(french.status, 200) << french.body;
  EXPECT_TRUE(french.body.starts_with("%PDF-"));
  EXPECT_NE(french.headers["content-disposition"].find("proces-verbal-2019-04-26.pdf"), std::string::npos);
  const auto words = pdf_text(french.body);
  for (const auto* expected :
       {"Royaume du Maroc", "Ministère de l'Intérieur", "Province de Boujdour", "Division de l'Action Sociale",
        "Procès-verbal", "Réunion de communication avec les associations", "26 avril 2019", "Jean Dupont",
        "محمد الأمين السالمي", "Former les cadres des établissements à la gestion", "تجديد أفرشة دار الطالب",
        "Session de formation en gestion", "Prévue", "Reprise telle quelle comme action", "reproduits tels que saisis"})
    EXPECT_TRUE(contains(words, expected)) << expected << "\n" << words;
  expect_numbered_pages(words, "Page ", " sur ");

  // Without lang: the caller's language, Arabic for English (the test users' language).
  EXPECT_TRUE(contains(pdf_text(division.get(path).body), "المملكة المغربية"));
  auto delegation = as("delegation");
  ASSERT_EQ(delegation.post("/api/session/language", {{"language", "fr"}}).status, 200);
  auto own_language = delegation.get(path);
  ASSERT_EQ(own_language.status, 200);
  EXPECT_TRUE(contains(pdf_text(own_language.body), "Royaume du Maroc"));
  ASSERT_EQ(delegation.post("/api/session/language", {{"language", "en"}}).status, 200);
}

TEST_F(Minutes, TheProvinceComesFromTheMeetingsTerritory) {
  // Meetings are recorded on a province; one on a commune (data from before that rule, or
  // imported) names the province above it.
  auto division = as("division");
  const auto in_commune = meeting(division, territory("MA-BOD"), "لقاء بالجريفية");
  const auto changed = server().db().write([&](soci::session& s) -> domain::Result<long long> {
    return store::Query("UPDATE meetings SET territory_id = :t WHERE id = :id")
        .bind("t", territory("BOD-02"))
        .bind("id", in_commune["id"])
        .execute(s);
  });
  ASSERT_EQ(changed.value_or(0), 1);
  const auto commune_path = "/api/meetings/" + id_of(in_commune) + "/minutes.pdf";
  const auto text = pdf_text(division.get(commune_path + "?lang=ar").body);
  EXPECT_TRUE(contains(text, "عمالة إقليم بوجدور")) << text;
  const auto words = pdf_text(division.get(commune_path + "?lang=fr").body);
  EXPECT_TRUE(contains(words, "Province de Boujdour")) << words;
  EXPECT_FALSE(contains(words, "Jrifia")) << words;
  // Another province's meeting names that province, in both languages.
  auto other = as("division_other");
  const auto elsewhere = meeting(other, territory("MA-OTH"), "لقاء في إقليم آخر", "مقر العمالة");
  const auto path = "/api/meetings/" + id_of(elsewhere) + "/minutes.pdf";
  const auto arabic = pdf_text(other.get(path + "?lang=ar").body);
  EXPECT_TRUE(contains(arabic, "عمالة إقليم آخر")) << arabic;
  EXPECT_FALSE(contains(arabic, "عمالة إقليم بوجدور")) << arabic;
  const auto french = pdf_text(other.get(path + "?lang=fr").body);
  EXPECT_TRUE(contains(french, "Autre province")) << french;
  EXPECT_FALSE(contains(french, "Boujdour")) << french;
}

// "مشارك 07": two digits, so that no name is the start of another.
std::string participant(int n) { return "مشارك " + std::string(n < 10 ? "0" : "") + std::to_string(n); }

TEST_F(Minutes, SixtyParticipantsGoOnSeveralPagesEachNamedOnce) {
  auto division = as("division");
  const auto record = meeting(division, territory("MA-BOD"), "لقاء موسع");
  for (int n = 1; n <= 60; ++n)
    add_participant(
        division, record,
        {{"full_name", participant(n)}, {"function", "عضو"}, {"organisation", n % 2 ? "جمعية" : "Association"}});
  const auto text = pdf_text(division.get("/api/meetings/" + id_of(record) + "/minutes.pdf?lang=ar").body);
  const auto pages = occurrences(text, "\f");
  EXPECT_GE(pages, 2u) << text;
  expect_numbered_pages(text, "الصفحة ", " من ");
  EXPECT_GE(occurrences_squeezed(text, "الاسم الكامل"), 2u) << "the table's header on each page";
  for (int n = 1; n <= 60; ++n) EXPECT_EQ(occurrences_squeezed(text, participant(n)), 1u) << n;
}

TEST_F(Minutes, BadParametersOtherProvincesAndRolesThatMayNotReadMeetings) {
  auto division = as("division");
  const auto record = meeting(division, territory("MA-BOD"), "لقاء للصلاحيات");
  const auto path = "/api/meetings/" + id_of(record) + "/minutes.pdf";
  for (const auto* query : {"?lang=xx", "?lang=en", "?lang=", "?lang=AR"}) {
    auto refused = division.get(path + query);
    EXPECT_EQ(refused.status, 400) << query;
    EXPECT_EQ(refused.data()["error"]["code"], "bad_parameter") << query;
    EXPECT_EQ(refused.data()["error"]["field"], "lang") << query;
  }
  auto refused = division.get(path + "?format=docx");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.data()["error"]["field"], "format");
  // The message is in the caller's language and names the parameter.
  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto message = division.get(path + "?lang=xx").data()["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("paramètre"), std::string::npos) << message;
  EXPECT_NE(message.find("langue du document (lang)"), std::string::npos) << message;
  ASSERT_EQ(division.post("/api/session/language", {{"language", "en"}}).status, 200);

  EXPECT_EQ(division.get("/api/meetings/999999/minutes.pdf").status, 404);
  EXPECT_EQ(as("division_other").get(path).status, 404);
  EXPECT_EQ(as("division_other").get(path + "?lang=fr").status, 404);
  // Who reads meetings reads their minutes: the delegation and the assessors of the province.
  for (const auto* role : {"delegation", "assessor"}) {
    auto reply = as(role).get(path);
    EXPECT_EQ(reply.status, 200) << role << " " << reply.body;
    EXPECT_TRUE(reply.body.starts_with("%PDF-")) << role;
  }
  for (const auto* role : {"viewer", "association", "admin"}) {
    auto reply = as(role).get(path);
    EXPECT_EQ(reply.status, 403) << role;
    EXPECT_EQ(reply.data()["error"]["code"], "forbidden") << role;
  }
}

// The minutes asked for with progress (as the meeting page asks): a line for each page laid out,
// then the file, the same as the plain download; refused as the plain download is.
TEST_F(Minutes, AskedWithProgressTheMinutesTellThePagesDoneThenGiveThePdf) {
  auto division = as("division");
  const auto record = meeting(division, territory("MA-BOD"), "لقاء مع تتبع الصفحات");
  for (int n = 1; n <= 40; ++n)
    add_participant(division, record, {{"full_name", participant(n)}, {"function", "عضو"}, {"organisation", "جمعية"}});
  const auto path = "/api/meetings/" + id_of(record) + "/minutes.pdf?lang=ar";
  const auto lines = progress_lines(division, path);
  ASSERT_GE(lines.size(), 3u);  // two pages at least, then the file
  long long pages = 0;          // one more each page
  for (std::size_t at = 0; at + 1 < lines.size(); ++at) {
    const auto done = lines[at].value("pages_done", 0LL);
    EXPECT_TRUE(done == pages + 1 || done == pages) << lines[at].dump();
    pages = done;
  }
  const auto& last = lines.back();
  EXPECT_EQ(last["name"], "محضر-2019-04-26.pdf");
  const auto pdf = store::from_base64(last["pdf"].get<std::string>());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto text = pdf_text(pdf);
  EXPECT_GE(pages, 2);
  EXPECT_EQ(occurrences(text, "\f"), static_cast<std::size_t>(pages)) << "told each page";
  EXPECT_TRUE(contains(text, "لقاء مع تتبع الصفحات")) << text;
  EXPECT_EQ(division.get(path).body, pdf);
  const auto missing = division.raw("GET", "/api/meetings/999999/minutes.pdf", "", "Accept: application/x-ndjson\r\n");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(as("viewer").raw("GET", path, "", "Accept: application/x-ndjson\r\n").status, 403);
}

}  // namespace
}  // namespace riaya::test
