// The official documents of issue 11 through the API, on the demo story (the campaigns of
// September 2018 and 2019, their shortcomings, the programme 2019–2020, its grants): each in
// Arabic and French read back with pdftotext; the caller's scope in every document; bad
// input. Set RIAYA_PDF_DIR to keep the files (pdftoppm -png -r 70 file.pdf page to look).
#include "suite.hpp"

#include "../pdf_text.hpp"
#include "domain/scoring.hpp"
#include "store/attachments.hpp"
#include "store/setup.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <set>
#include <sstream>
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
  // Every table's version renewed, as a restore does: no document made before is kept.
  static void forget_kept_documents() {
    ASSERT_TRUE(server().db().write([](soci::session& session) -> domain::Result<void> {
      store::renew_all_versions(session);
      return {};
    }));
  }

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

  // No document is being made: the gauge drops when the server lets go of the answer, a moment
  // after its client has read the last byte, so it is read again for a few seconds.
  static void expect_no_document_in_progress() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (metric("riaya_documents_in_progress") != 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(metric("riaya_documents_in_progress"), 0);
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

// Two campaigns on grids with no domain in common: the comparison is valid, as JSON and as a
// PDF; no domain's change is computed, and every domain is named as not comparable.
TEST_F(Documents, CampaignsOnGridsWithNoDomainInCommonCompareAsNotComparable) {
  auto division = as("division");
  const auto grid = division.get("/api/campaigns/" + campaign("2018")).data()["grid_id"].get<long long>();
  auto copy = division.post("/api/grids/" + std::to_string(grid) + "/copy",
                            {{"code", "boujdour-renamed"}, {"name_ar", "شبكة بمحاور أخرى"}});
  ASSERT_EQ(copy.status, 201) << copy.body;
  auto content = copy.data()["content"];
  std::set<std::string> renamed;
  for (auto& domain : content["domains"]) {
    domain["code"] = "other_" + domain["code"].get<std::string>();
    renamed.insert(domain["code"].get<std::string>());
  }
  const auto path = "/api/grids/" + std::to_string(copy.data()["id"].get<long long>());
  const auto changed = division.put(path, {{"version", copy.data()["version"]}, {"content", content}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto later = division.post("/api/campaigns", {{"name_ar", "حملة بمحاور أخرى"},
                                                {"grid_id", copy.data()["id"]},
                                                {"territory_id", 3},
                                                {"starts_on", "2021-09-01"},
                                                {"ends_on", "2021-09-30"},
                                                {"status", "ongoing"}});
  ASSERT_EQ(later.status, 201) << later.body;
  auto assessor = as("assessor");
  run_assessment(division, assessor, later.data(), {}, std::stoll(institution("DEMO-BOD-001")));
  const auto query = "?before=" + campaign("2018") + "&after=" + std::to_string(later.data()["id"].get<long long>());

  const auto compared = division.get("/api/campaigns/compare" + query);
  ASSERT_EQ(compared.status, 200) << compared.body;
  const auto data = compared.data();
  std::set<std::string> domains;
  for (const auto& domain : data["domains"]) domains.insert(domain["code"].get<std::string>());
  for (const auto& code : renamed) EXPECT_TRUE(domains.contains(code)) << code;
  EXPECT_EQ(domains.size(), 2 * renamed.size());  // each grid's own
  bool found = false;
  for (const auto& row : data["institutions"]) {
    if (row["code"] != "DEMO-BOD-001") continue;
    found = true;
    for (const auto& [code, change] : row["change"]["domains"].items()) EXPECT_TRUE(change.is_null()) << code;
  }
  EXPECT_TRUE(found) << data.dump();

  const auto text = text_of(division, "/api/campaigns/compare.pdf" + query + "&lang=fr", "comparison-other-domains");
  EXPECT_TRUE(contains(text, "non comparables")) << text;
  EXPECT_TRUE(contains(text, "Dar Talib de Boujdour")) << text;
  const auto arabic =
      text_of(division, "/api/campaigns/compare.pdf" + query + "&lang=ar", "comparison-other-domains-ar");
  EXPECT_TRUE(contains(squeezed(arabic), squeezed("دار الطالب بوجدور"))) << arabic;
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

// A document asked for with progress tells the pages it has laid out, one line each, then
// gives the PDF; the same document asked again is the cached one, with no page to wait for.
TEST_F(Documents, AskedWithProgressItTellsThePagesDoneThenGivesThePdf) {
  auto division = as("division");
  forget_kept_documents();
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=ar";
  const auto lines = progress_lines(division, path);
  ASSERT_GE(lines.size(), 10u);  // nine pages at least, then the file
  long long previous = 0;
  for (std::size_t at = 0; at + 1 < lines.size(); ++at) {
    ASSERT_TRUE(lines[at].contains("pages_done")) << lines[at].dump();
    const auto done = lines[at]["pages_done"].get<long long>();
    EXPECT_GE(done, previous) << at;
    EXPECT_LE(done, previous + 1) << at;
    previous = done;
  }
  EXPECT_GE(previous, 9);
  const auto& last = lines.back();
  const auto pdf = store::from_base64(last["pdf"].get<std::string>());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  EXPECT_EQ(last["name"], "تركيب-الحملة-" + campaign("2018") + ".pdf");
  const auto text = pdf_text(pdf);
  expect_all(text, {"التقرير التركيبي للدراسة التشخيصية", "ملحق 8"});
  EXPECT_EQ(occurrences(text, "\f"), static_cast<std::size_t>(previous));
  // The same bytes as the plain download, which stays as it was; again with progress: from the
  // cache, the file at once.
  EXPECT_EQ(division.get(path).body, pdf);
  const auto again = progress_lines(division, path);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(store::from_base64(again[0]["pdf"].get<std::string>()), pdf);
  // Refused as the plain download is, before anything is streamed.
  const auto missing =
      division.raw("GET", "/api/campaigns/999999/synthesis.pdf", "", "Accept: application/x-ndjson\r\n");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.data()["error"]["code"], "not_found");
  auto association = as("association");
  EXPECT_EQ(association
                .raw("GET", "/api/programmes/" + programme() + "/programme.pdf", "", "Accept: application/x-ndjson\r\n")
                .status,
            403);
}

// The pages_done counts of a document's progress lines (all but the last, the file), checked
// never to fall; and the PDF of the last line.
std::pair<std::vector<long long>, std::string> pages_and_pdf(const std::vector<json>& lines) {
  std::vector<long long> pages;
  if (lines.empty()) return {};
  for (std::size_t at = 0; at + 1 < lines.size(); ++at) {
    EXPECT_TRUE(lines[at].contains("pages_done")) << lines[at].dump();
    pages.push_back(lines[at].value("pages_done", 0LL));
    if (pages.size() > 1) {
      EXPECT_GE(pages.back(), pages[pages.size() - 2]) << at;
    }
  }
  return {pages, store::from_base64(lines.back().value("pdf", std::string()))};
}

// A second request for a document another is making waits for that making and is told the
// same pages as they come, then gets the same file: the document is made once. The second is
// sent once the first has told its first page; should the making end before the second
// arrives (a loaded machine), it is served from the cache, and the pair is tried again.
TEST_F(Documents, ASecondRequestWaitingForTheMakingIsToldTheSamePages) {
  auto first = as("division"), second = as("division");
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=ar";
  bool followed = false;
  for (int attempt = 0; attempt < 5 && !followed; ++attempt) {
    forget_kept_documents();
    const auto misses = metric("riaya_reply_cache_misses_total");
    ASSERT_GE(misses, 0);
    std::promise<void> first_page;
    bool told = false;
    std::vector<json> first_lines, second_lines;
    std::thread maker([&] {
      first_lines = progress_lines(first, path, [&](std::string_view received) {
        if (!told && received.find("\"pages_done\"") != std::string_view::npos) {
          told = true;
          first_page.set_value();
        }
      });
      if (!told) first_page.set_value();
    });
    first_page.get_future().wait();
    second_lines = progress_lines(second, path);
    maker.join();
    ASSERT_FALSE(first_lines.empty());
    ASSERT_FALSE(second_lines.empty());
    const auto [made_pages, made] = pages_and_pdf(first_lines);
    const auto [followed_pages, received] = pages_and_pdf(second_lines);
    ASSERT_TRUE(made.starts_with("%PDF-"));
    EXPECT_GE(made_pages.size(), 9u);
    EXPECT_EQ(received, made);
    EXPECT_EQ(second_lines.back()["name"], first_lines.back()["name"]);
    EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 1) << "made once";
    // The pages the second was told are some of those the first was, up to the last.
    for (const auto pages : followed_pages)
      EXPECT_NE(std::find(made_pages.begin(), made_pages.end(), pages), made_pages.end()) << pages;
    if (!followed_pages.empty()) {
      EXPECT_EQ(followed_pages.back(), made_pages.back());
    }
    followed = !followed_pages.empty();
  }
  EXPECT_TRUE(followed) << "the second request never arrived while the first was being made";
  expect_no_document_in_progress();
}

// A plain download and a request with progress at once share one making, whichever makes it.
TEST_F(Documents, APlainDownloadAndOneWithProgressAtOnceShareOneMaking) {
  auto first = as("division"), second = as("division");
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=fr";
  forget_kept_documents();
  const auto misses = metric("riaya_reply_cache_misses_total");
  std::string plain;
  std::thread maker([&] { plain = first.get(path).body; });
  const auto [pages, pdf] = pages_and_pdf(progress_lines(second, path));
  maker.join();
  ASSERT_TRUE(plain.starts_with("%PDF-"));
  EXPECT_EQ(pdf, plain);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses + 1) << "made once";
}

// A client that goes away (the download cancelled in the page) stops the making: the server
// counts it cancelled, the document is not kept, and the worker is free again.
TEST_F(Documents, ACancelledDocumentStopsBeingMade) {
  auto division = as("division");
  forget_kept_documents();
  const auto path = "/api/campaigns/" + campaign("2018") + "/synthesis.pdf?lang=fr";
  const auto cancelled = metric("riaya_documents_cancelled_total");
  ASSERT_GE(cancelled, 0);

  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(server().port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string request = "GET " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: riaya_session=" + division.cookie +
                              "\r\nAccept: application/x-ndjson\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  while (answer.find("\"pages_done\":1}") == std::string::npos) {
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    ASSERT_GT(n, 0) << answer;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);  // as a browser does when the fetch is aborted
  EXPECT_EQ(answer.find("\"pdf\""), std::string::npos);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (metric("riaya_documents_cancelled_total") < cancelled + 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(metric("riaya_documents_cancelled_total"), cancelled + 1);
  expect_no_document_in_progress();
  // Asked again: made anew, page by page, when its making was stopped; from the cache when every
  // page was laid out (and told) before the server saw the client go (text laid out once per
  // thread makes that likely: the nine pages take a few milliseconds).
  const auto lines = progress_lines(division, path);
  ASSERT_FALSE(lines.empty());
  if (lines.size() > 1) {
    EXPECT_GE(lines.size(), 10u);
    EXPECT_TRUE(lines.front().contains("pages_done")) << lines.front().dump();
  }
  EXPECT_TRUE(store::from_base64(lines.back()["pdf"].get<std::string>()).starts_with("%PDF-"));
}

// While every place for documents is taken (Settings::documents_at_once, so that documents never
// hold every worker), a document not made yet is refused 503 busy with Retry-After, plainly and
// with progress, and one already made is still served; with a place free, it is made. The server
// is a second one on the suite's database, with one place.
TEST_F(Documents, ADocumentBeyondThePlacesForDocumentsIsBusyAndAMadeOneIsStillServed) {
  api::Api api(server().db(), {.documents_at_once = 1});
  http::Server second(
      {.address = "127.0.0.1", .port = 0, .workers = 2, .handle_signals = false},
      [&](http::Request& request) { return api.handle(request); },
      [&](const http::Request& request, http::Failure failure) { return api.failure(request, failure); });
  std::thread serving([&] { second.run(); });
  Client division(second.port());
  division.cookie = as("division").cookie;
  const auto card = "/api/institutions/" + institution("DEMO-BOD-001") + "/card.pdf?lang=fr";
  {
    const auto taken = api.document_makings().enter();
    ASSERT_TRUE(taken);
    EXPECT_FALSE(api.document_makings().enter()) << "one place";
    for (const auto* accept : {"", "Accept: application/x-ndjson\r\n"}) {
      const auto refused = division.raw("GET", card, "", accept);
      EXPECT_EQ(refused.status, 503) << accept << refused.body;
      EXPECT_EQ(refused.data()["error"]["code"], "busy") << refused.body;
      EXPECT_EQ(refused.data()["error"]["message"], "The server is busy with other files. Try again in a moment.");
      EXPECT_EQ(refused.headers.at("retry-after"), "5");
    }
  }
  const auto made = division.get(card);
  EXPECT_EQ(made.status, 200) << made.body;
  EXPECT_TRUE(made.body.starts_with("%PDF-"));
  {
    const auto taken = api.document_makings().enter();
    ASSERT_TRUE(taken);
    const auto kept = division.get(card);
    EXPECT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.body, made.body);
    const auto lines = progress_lines(division, card);
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(store::from_base64(lines.back()["pdf"].get<std::string>()), made.body);
  }
  EXPECT_TRUE(api.document_makings().enter()) << "every place given back";
  second.stop();
  serving.join();
}

}  // namespace
}  // namespace riaya::test
