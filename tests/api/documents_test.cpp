// The official documents of issue 11 through the API, on the demo story (the campaigns of
// September 2018 and 2019, their shortcomings, the programme 2019–2020, its grants): each in
// Arabic and French read back with pdftotext; the caller's scope in every document; bad
// input. Set RIAYA_PDF_DIR to keep the files (pdftoppm -png -r 70 file.pdf page to look).
#include "suite.hpp"

#include "../pdf_text.hpp"
#include "domain/scoring.hpp"
#include "store/setup.hpp"

#include <cstdlib>
#include <fstream>
#include <thread>

namespace riaya::test {
namespace {

class Documents : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    ASSERT_EQ(store::load_demo(server().db(), store::DemoParts::Whole), store::DemoLoad::StoryAdded);
  }

  static long long id_where(const std::string& sql) {
    return server().db().read([&](soci::session& s) { return store::Query(sql).scalar(s); });
  }
  static std::string institution(const std::string& code) {
    return std::to_string(id_where("SELECT id FROM institutions WHERE code = '" + code + "'"));
  }
  static std::string campaign(const std::string& year) {
    return std::to_string(id_where("SELECT id FROM campaigns WHERE starts_on LIKE '" + year + "%'"));
  }
  static std::string programme() { return std::to_string(id_where("SELECT MIN(id) FROM programmes")); }

  // The PDF of `path` for `client`, checked and kept in RIAYA_PDF_DIR as `name` when set.
  static std::string text_of(Client& client, const std::string& path, const std::string& name) {
    auto reply = client.get(path);
    EXPECT_EQ(reply.status, 200) << path << " " << reply.body;
    EXPECT_EQ(reply.headers["content-type"], "application/pdf") << path;
    EXPECT_TRUE(reply.body.starts_with("%PDF-")) << path;
    EXPECT_NE(reply.headers["content-disposition"].find("attachment;"), std::string::npos) << path;
    if (const char* dir = std::getenv("RIAYA_PDF_DIR"))
      std::ofstream(std::string(dir) + "/" + name + ".pdf", std::ios::binary) << reply.body;
    return pdf_text(reply.body);
  }

  static void expect_all(const std::string& text, std::initializer_list<const char*> expected) {
    for (const auto* item : expected)
      EXPECT_TRUE(contains(text, item) || contains(squeezed(text), squeezed(item))) << item << "\n" << text;
  }
};

TEST_F(Documents, TheInstitutionCardInArabicAndFrench) {
  auto division = as("division");
  const auto path = "/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf";
  auto reply = division.get(path + "?lang=ar");
  // بطاقة-تقنية-DEMO-BOD-001.pdf, in RFC 5987 form.
  EXPECT_NE(reply.headers["content-disposition"].find("%D8%A8%D8%B7%D8%A7%D9%82%D8%A9-"), std::string::npos)
      << reply.headers["content-disposition"];
  EXPECT_NE(reply.headers["content-disposition"].find("DEMO-BOD-001.pdf"), std::string::npos);
  const auto arabic = text_of(division, path + "?lang=ar", "card-ar");
  expect_all(arabic, {"المملكة المغربية", "عمالة إقليم بوجدور", "قسم العمل الاجتماعي", "بطاقة تقنية",
                      "دار الطالب بوجدور", "جمعية دار الطالب والطالبة بوجدور", "الطاقة الاستيعابية", "نسبة الإشغال",
                      "نتائج التقييم حسب المحاور", "شتنبر 2018", "شتنبر 2019", "القانوني", "الاختلالات المفتوحة",
                      "الإجراءات", "التمويلات المحصل عليها", "درهم"});
  expect_numbered_pages(arabic, "الصفحة ", " من ");
  EXPECT_FALSE(contains(arabic, "Royaume"));
  const auto french = text_of(division, path + "?lang=fr", "card-fr");
  expect_all(french,
             {"Royaume du Maroc", "Province de Boujdour", "Fiche technique", "Dar Talib de Boujdour", "Capacité",
              "120 places", "Taux d'occupation", "septembre 2018", "septembre 2019", "Financements reçus", "MAD"});
  expect_numbered_pages(french, "Page ", " sur ");
  // Its occupancy over the latest school year with statistics (the demo's 2019-2020), as the
  // indicators compute it; an institution without statistics says none was recorded.
  const auto record = division.get("/api/indicators?institution_id=" + institution("DEMO-BOD-001")).data();
  ASSERT_EQ(record["school_year"], "2019-2020") << record.dump();
  const auto occupancy =
      std::to_string(domain::rounded_percent(record["current"]["occupancy_rate"].get<double>() * 100.0));
  expect_all(arabic, {(occupancy + "%").c_str(), "2019-2020"});
  expect_all(french, {(occupancy + " % (2019-2020)").c_str()});
  const auto bare =
      division.post("/api/institutions", {{"code", "BOD-CARD-01"},
                                          {"name_ar", "مؤسسة بلا إحصائيات"},
                                          {"category", "dar_talib"},
                                          {"commune_id", id_where("SELECT id FROM territories WHERE code = 'BOD-01'")},
                                          {"association_id", id_where("SELECT MIN(id) FROM associations")},
                                          {"status", "active"}});
  ASSERT_EQ(bare.status, 201) << bare.body;
  const auto empty = "/api/institutions/" + std::to_string(bare.data()["id"].get<long long>()) + "/card.pdf";
  expect_all(text_of(division, empty + "?lang=ar", "card-bare-ar"), {"غير مسجلة بعد"});
  expect_all(text_of(division, empty + "?lang=fr", "card-bare-fr"), {"pas encore enregistré"});

  // The grants it received, and their total.
  const auto grants = division.get("/api/grants?institution_id=" + institution("DEMO-BOD-001")).data()["items"];
  long long committed = 0;
  for (const auto& grant : grants) committed += grant["committed_centimes"].get<long long>();
  if (committed > 0) {
    auto whole = std::to_string(committed / 100);
    EXPECT_TRUE(contains(squeezed(french), whole.substr(whole.size() - 3))) << committed;
  }
}

// The card lists the catalogue services the institution offers, and the activities it held (issue 16, S10).
TEST_F(Documents, TheInstitutionCardListsItsServicesAndActivities) {
  auto division = as("division");
  const auto path = "/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf";
  expect_all(text_of(division, path + "?lang=ar", "card-services-ar"),
             {"الخدمات والأنشطة", "الإيواء", "الدعم المدرسي", "15 شتنبر 2006", "الأنشطة المنجزة"});
  expect_all(text_of(division, path + "?lang=fr", "card-services-fr"),
             {"Services et activités", "Hébergement", "Soutien scolaire", "1er octobre 2008", "Activités menées"});
}

TEST_F(Documents, TheSynthesisOfTheCampaignOfSeptember2018) {
  auto division = as("division");
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf";
  const auto arabic = text_of(division, path + "?lang=ar", "synthesis-ar");
  expect_all(arabic,
             {"عمالة إقليم بوجدور", "التقرير التركيبي للدراسة التشخيصية", "شتنبر 2018", "المنهجية وشبكة التقييم",
              "عدد المعايير", "48", "النتائج حسب المحاور", "خريطة النتائج", "ترتيب المؤسسات", "المطابقة القانونية",
              "الاختلالات المتكررة", "الحاجيات الموحدة من التجهيزات", "التوصيات", "دار الطالب بوجدور",
              "دار الطالبة لمسيد", "المركب الاجتماعي كلتة زمور", "ملحق 1", "ملحق 8"});
  // Each institution has its annex page: eight pages at least after the synthesis.
  EXPECT_GE(occurrences(arabic, "\f"), 9u);
  expect_numbered_pages(arabic, "الصفحة ", " من ");
  const auto french = text_of(division, path + "?lang=fr", "synthesis-fr");
  expect_all(french, {"Synthèse provinciale du diagnostic", "septembre 2018", "Méthode et grille",
                      "Classement des établissements", "Conformité légale", "Insuffisances récurrentes",
                      "Besoins consolidés en équipements", "Recommandations", "Annexe 8", "MAD"});
  // The needs' total is the consolidated list's.
  const auto needs = division.get("/api/consolidated_needs").data();
  const auto total = needs["totals"]["total_centimes"].get<long long>();
  ASSERT_GT(total, 0);
  auto whole = std::to_string(total / 100);
  for (auto at = static_cast<long long>(whole.size()) - 3; at > 0; at -= 3)
    whole.insert(static_cast<std::size_t>(at), " ");  // a narrow no-break space, which pdftotext writes as a space
  const auto cents = total % 100;
  EXPECT_TRUE(contains(french, whole + "," + (cents < 10 ? "0" : "") + std::to_string(cents))) << whole << "\n"
                                                                                               << french;
}

TEST_F(Documents, TheActionProgrammeWithItsTotalsAndOverdueActions) {
  auto division = as("division");
  const auto path = "/api/programmes/" + programme() + "/programme.pdf";
  const auto listed = division.get("/api/programmes").data()["items"][0];
  const auto arabic = text_of(division, path + "?lang=ar", "programme-ar");
  expect_all(arabic,
             {"برنامج العمل", "2019–2020", "المجاميع حسب المؤسسة", "الجهة المسؤولة", "الخصاص", "المجموع", "درهم"});
  const auto french = text_of(division, path + "?lang=fr", "programme-fr");
  expect_all(french,
             {"Programme d'action", "Totaux par établissement", "Porteur", "Écart (MAD)", "Total", "1er mai 2019"});
  // The programme's cost as the list sums it.
  const auto cost = listed["cost_centimes"].get<long long>();
  auto whole = std::to_string(cost / 100);
  for (auto at = static_cast<long long>(whole.size()) - 3; at > 0; at -= 3)
    whole.insert(static_cast<std::size_t>(at), " ");
  EXPECT_TRUE(contains(french, whole + ",00 MAD")) << whole << "\n" << french;
  // Overdue actions are marked, as many as the list counts.
  const auto overdue = listed["actions_overdue"].get<long long>();
  ASSERT_GT(overdue, 0);
  EXPECT_EQ(static_cast<long long>(occurrences(french, "⚠")), overdue) << french;
  EXPECT_EQ(static_cast<long long>(occurrences(arabic, "⚠")), overdue) << arabic;
  EXPECT_TRUE(contains(french, "⚠ en")) << french;
}

TEST_F(Documents, TheComparisonOfTheTwoCampaigns) {
  auto division = as("division");
  const auto path = "/api/campaigns/compare.pdf?before=" + campaign("2018") + "&after=" + campaign("2019");
  const auto arabic = text_of(division, path + "&lang=ar", "comparison-ar");
  expect_all(arabic, {"مقارنة نتائج حملتين", "شتنبر 2018", "شتنبر 2019", "التطور حسب المؤسسة والمحور",
                      "الاختلالات المعالجة", "دار الطالب بوجدور", "▲"});
  const auto french = text_of(division, path + "&lang=fr", "comparison-fr");
  expect_all(french,
             {"Comparaison de deux campagnes", "septembre 2018", "septembre 2019", "Insuffisances résolues", "▲ +"});
  EXPECT_FALSE(contains(french, "non comparables"));
}

TEST_F(Documents, NoDocumentShowsAnotherScopesRows) {
  // The association of DEMO-BOD-001 and 002: their card, not the others'; in the synthesis,
  // only its own institutions.
  auto association = as("association");
  const auto own = server().db().read([](soci::session& s) {
    return store::Query("SELECT code FROM institutions WHERE association_id = 1 ORDER BY code").rows(s);
  });
  ASSERT_FALSE(own.empty());
  const auto own_code = own[0]["code"].get<std::string>();
  EXPECT_EQ(association.get("/api/institutions/" + institution(own_code) + "/card.pdf").status, 200);
  EXPECT_EQ(association.get("/api/institutions/" + institution("DEMO-BOD-003") + "/card.pdf").status, 404);
  const auto synthesis =
      text_of(association, "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=ar", "synthesis-association");
  EXPECT_FALSE(contains(squeezed(synthesis), squeezed("مركز حماية الطفولة الإحسان"))) << synthesis;
  EXPECT_FALSE(contains(squeezed(synthesis), squeezed("المركب الاجتماعي كلتة زمور"))) << synthesis;
  const auto compared = text_of(
      association, "/api/campaigns/compare.pdf?before=" + campaign("2018") + "&after=" + campaign("2019") + "&lang=fr",
      "comparison-association");
  EXPECT_FALSE(contains(compared, "Al Ihsane")) << compared;
  EXPECT_FALSE(contains(compared, "Jrifia")) << compared;
  EXPECT_NE(association.get("/api/programmes/" + programme() + "/programme.pdf").status, 200);

  // Another province's division: none of Boujdour's records, in any document.
  auto other = as("division_other");
  EXPECT_EQ(other.get("/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf").status, 404);
  EXPECT_EQ(other.get("/api/campaigns/" + campaign("2018") + "/synthesis.pdf").status, 404);
  EXPECT_EQ(other.get("/api/programmes/" + programme() + "/programme.pdf").status, 404);
  EXPECT_EQ(other.get("/api/campaigns/compare.pdf?before=" + campaign("2018") + "&after=" + campaign("2019")).status,
            422);
  // Its own institution's card names its own province.
  const auto card = text_of(other, "/api/institutions/" + institution("OTHER-001") + "/card.pdf?lang=fr", "card-other");
  EXPECT_TRUE(contains(card, "Autre province")) << card;
  EXPECT_FALSE(contains(card, "Boujdour")) << card;

  // The viewer reads the province's documents.
  auto viewer = as("viewer");
  EXPECT_EQ(viewer.get("/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf").status, 200);
}

TEST_F(Documents, BadInputIsAClearErrorOrADocumentThatSaysSo) {
  auto division = as("division");
  const auto card = "/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf";
  for (const auto* query : {"?lang=xx", "?lang=en", "?lang="}) {
    auto refused = division.get(card + query);
    EXPECT_EQ(refused.status, 400) << query;
    EXPECT_EQ(refused.data()["error"]["field"], "lang") << query;
  }
  EXPECT_EQ(division.get(card + "?format=docx").data()["error"]["field"], "format");
  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto message = division.get(card + "?lang=xx").data()["error"]["message"].get<std::string>();
  EXPECT_NE(message.find("(lang)"), std::string::npos) << message;
  ASSERT_EQ(division.post("/api/session/language", {{"language", "en"}}).status, 200);

  EXPECT_EQ(division.get("/api/institutions/999999/card.pdf").status, 404);
  EXPECT_EQ(division.get("/api/campaigns/999999/synthesis.pdf").status, 404);
  EXPECT_EQ(division.get("/api/programmes/999999/programme.pdf").status, 404);
  EXPECT_EQ(division.get("/api/institutions/abc/card.pdf").status, 404);
  const auto compare = "/api/campaigns/compare.pdf?before=" + campaign("2018");
  EXPECT_EQ(division.get(compare).data()["error"]["field"], "after");
  EXPECT_EQ(division.get(compare + "&after=999999").data()["error"]["field"], "after");
  EXPECT_EQ(division.get(compare + "&after=" + campaign("2018")).status, 422);
  EXPECT_EQ(division.get(compare + "&after=x").data()["error"]["field"], "after");

  // Two campaigns on different grids: the 2018 campaign's grid, and a copy without its last
  // domain. The comparison is a valid document; the domain only one grid has is "not assessed".
  const auto default_grid = division.get("/api/campaigns/" + campaign("2018")).data()["grid_id"];
  auto copy = division.post("/api/grids/" + std::to_string(default_grid.get<long long>()) + "/copy",
                            {{"code", "boujdour-short"}, {"name_ar", "شبكة مختصرة"}});
  ASSERT_EQ(copy.status, 201) << copy.body;
  auto content = copy.data()["content"];
  const auto dropped = content["domains"].back()["code"].get<std::string>();
  content["domains"].erase(content["domains"].size() - 1);
  const auto copy_path = "/api/grids/" + std::to_string(copy.data()["id"].get<long long>());
  auto shortened = division.put(copy_path, {{"version", copy.data()["version"]}, {"content", content}});
  ASSERT_EQ(shortened.status, 200) << shortened.body;
  auto other_grid = division.post("/api/campaigns", {{"name_ar", "حملة بشبكة أخرى"},
                                                     {"name_fr", "Campagne sur une autre grille"},
                                                     {"grid_id", copy.data()["id"]},
                                                     {"territory_id", 3},
                                                     {"starts_on", "2020-09-01"},
                                                     {"ends_on", "2020-09-30"},
                                                     {"status", "ongoing"}});
  ASSERT_EQ(other_grid.status, 201) << other_grid.body;
  auto assessor = as("assessor");
  run_assessment(division, assessor, other_grid.data(), {}, std::stoll(institution("DEMO-BOD-001")));
  const auto across =
      text_of(division, compare + "&after=" + std::to_string(other_grid.data()["id"].get<long long>()) + "&lang=fr",
              "comparison-grids");
  EXPECT_TRUE(contains(across, "Dar Talib de Boujdour")) << across;
  EXPECT_TRUE(contains(across, "non comparables")) << across;
  EXPECT_TRUE(contains(across, dropped)) << across;

  // A campaign with no validated assessment: a document that says so.
  const auto empty = ApiTest::campaign(division, "حملة بدون تقييم");
  const auto text =
      text_of(division, "/api/campaigns/" + std::to_string(empty["id"].get<long long>()) + "/synthesis.pdf?lang=ar",
              "synthesis-empty");
  EXPECT_TRUE(contains(squeezed(text), squeezed("لا يوجد أي تقييم مصادق عليه"))) << text;
  // Compared with it, every institution of the earlier campaign is "not assessed in both".
  const auto with_empty = text_of(
      division, compare + "&after=" + std::to_string(empty["id"].get<long long>()) + "&lang=fr", "comparison-empty");
  EXPECT_TRUE(contains(with_empty, "non évalué dans les deux campagnes")) << with_empty;
}

// A document is made once per data version for a role and scope: two people asking at once
// wait for one making (single flight), a later reader gets it from the cache, and any write
// makes the next one anew.
TEST_F(Documents, TwoAskingAtOnceShareOneMakingUntilTheDataChanges) {
  auto first = as("division"), second = as("division");
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=fr";
  const auto misses = metric("riaya_reply_cache_misses_total");
  ASSERT_GE(misses, 0);
  std::string bodies[2];
  std::thread other([&] { bodies[1] = second.get(path).body; });
  bodies[0] = first.get(path).body;
  other.join();
  EXPECT_TRUE(bodies[0].starts_with("%PDF-"));
  EXPECT_EQ(bodies[0], bodies[1]);
  // Signing in is no change of the data: a later reader is served the same making.
  auto later = as("division");
  EXPECT_EQ(later.get(path).body, bodies[0]);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 1);

  // Another role reads its own; a write makes the next one anew.
  EXPECT_EQ(as("delegation").get(path).status, 200);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 2);
  ASSERT_EQ(first
                .post("/api/monthly_statistics", {{"institution_id", std::stoll(institution("DEMO-BOD-001"))},
                                                  {"month", "2016-05"},
                                                  {"present_primary_f", 3}})
                .status,
            201);
  EXPECT_TRUE(first.get(path).body.starts_with("%PDF-"));
  EXPECT_GE(metric("riaya_reply_cache_misses_total"), misses + 3);
}

}  // namespace
}  // namespace riaya::test
