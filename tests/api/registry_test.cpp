// Create, read, list, search, update, archive, audit: the registry as a division officer uses it.
#include "suite.hpp"

namespace riaya::test {
namespace {

class Registry : public ApiTest {};

TEST_F(Registry, CreateReadUpdateArchiveWithAudit) {
  auto division = as("division");
  auto created = division.post("/api/institutions", institution("T-REG-1", "دار الطالبة أَمل"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto record = created.data();
  EXPECT_EQ(record["name_ar"], "دار الطالبة أَمل");
  EXPECT_EQ(record["version"], 1);
  EXPECT_EQ(record["association_name_fr"], "Association Dar Talib et Dar Taliba de Boujdour (démo)");
  EXPECT_EQ(record["commune_name_ar"], "بوجدور");
  const auto id = std::to_string(record["id"].get<long long>());

  EXPECT_EQ(division.get("/api/institutions/" + id).data()["code"], "T-REG-1");

  auto changed = record;
  changed["capacity"] = 95;
  auto updated = division.put("/api/institutions/" + id, changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.data()["capacity"], 95);
  EXPECT_EQ(updated.data()["version"], 2);

  auto audit = division.get("/api/audit?entity=institution&entity_id=" + id).data();
  ASSERT_EQ(audit["total"], 2);
  EXPECT_EQ(audit["items"][0]["action"], "update");
  EXPECT_EQ(audit["items"][0]["username"], "division");
  EXPECT_EQ(audit["items"][0]["before"]["capacity"], 80);
  EXPECT_EQ(audit["items"][0]["after"]["capacity"], 95);
  EXPECT_EQ(audit["items"][0]["address"], "127.0.0.1");
  EXPECT_EQ(audit["items"][1]["action"], "create");
  EXPECT_TRUE(audit["items"][1]["before"].is_null());

  auto archived = division.post("/api/institutions/" + id + "/archive", {{"version", 2}});
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_FALSE(archived.data()["archived_at"].is_null());
  EXPECT_EQ(division.get("/api/institutions?q=T-REG-1").data()["total"], 0);
  EXPECT_EQ(division.get("/api/institutions?q=T-REG-1&archived=true").data()["total"], 1);
  // An archived record is read-only.
  changed["version"] = 3;
  EXPECT_EQ(division.put("/api/institutions/" + id, changed).status, 409);
}

TEST_F(Registry, StaleVersionIsAConflictWithTheCurrentRecord) {
  auto first = as("division");
  auto second = as("division");
  const auto record = first.post("/api/institutions", institution("T-REG-2")).data();
  const auto id = std::to_string(record["id"].get<long long>());
  auto mine = record, theirs = record;
  theirs["name_fr"] = "Leur version";
  ASSERT_EQ(second.put("/api/institutions/" + id, theirs).status, 200);
  mine["name_fr"] = "Ma version";
  const auto before = count("audit_log");
  auto conflict = first.put("/api/institutions/" + id, mine);
  ASSERT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.data()["error"]["code"], "conflict");
  EXPECT_EQ(conflict.data()["error"]["current"]["name_fr"], "Leur version");
  EXPECT_EQ(conflict.data()["error"]["current"]["version"], 2);
  EXPECT_EQ(count("audit_log"), before);
  EXPECT_EQ(first.get("/api/institutions/" + id).data()["name_fr"], "Leur version");
}

TEST_F(Registry, ArabicSearchIgnoresTashkeelTatweelAndLetterVariants) {
  auto division = as("division");
  ASSERT_EQ(division.post("/api/institutions", institution("T-REG-3", "مؤسسة الإحسـان لِلرعاية")).status, 201);
  for (const std::string q : {"%D8%A7%D8%AD%D8%B3%D8%A7%D9%86",              // احسان
                              "%D9%84%D9%84%D8%B1%D8%B9%D8%A7%D9%8A%D9%87",  // للرعايه
                              "%D9%85%D9%88%D8%B3%D8%B3%D9%87"}) {           // موسسه
    const auto found = division.get("/api/institutions?q=" + q).data();
    bool has = false;
    for (const auto& item : found["items"]) has = has || item["code"] == "T-REG-3";
    EXPECT_TRUE(has) << q;
  }
  // French without accents finds accented names.
  auto association = division.get("/api/associations?q=demo+ihsane").data();
  EXPECT_EQ(association["total"], 1);
}

TEST_F(Registry, RepeatedReadsNeverServeAnswersOlderThanTheLastWrite) {
  auto reader = as("division");
  auto writer = as("division");
  auto viewer = as("viewer");
  const auto before = reader.get("/api/institutions?page_size=200").data()["total"].get<long long>();
  EXPECT_EQ(reader.get("/api/institutions?page_size=200").data()["total"], before);  // served again
  auto created = writer.post("/api/institutions", institution("T-REG-CACHE"));
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(reader.get("/api/institutions?page_size=200").data()["total"], before + 1);
  const auto id = std::to_string(created.data()["id"].get<long long>());
  EXPECT_TRUE(reader.get("/api/institutions/" + id).data().contains("director_name"));
  // Same URL, another role: its own answer, without personal data.
  EXPECT_FALSE(viewer.get("/api/institutions/" + id).data().contains("director_name"));
  auto changed = created.data();
  changed["name_fr"] = "Renommée";
  ASSERT_EQ(writer.put("/api/institutions/" + id, changed).status, 200);
  EXPECT_EQ(reader.get("/api/institutions/" + id).data()["name_fr"], "Renommée");
  EXPECT_EQ(viewer.get("/api/institutions/" + id).data()["name_fr"], "Renommée");
}

TEST_F(Registry, LargeAnswersAreGzippedForClientsThatAcceptIt) {
  auto division = as("division");
  auto plain = division.get("/api/institutions");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.headers["cache-control"], "no-store");
  auto packed = division.raw("GET", "/api/institutions", "", "Accept-Encoding: gzip, deflate\r\n");
  EXPECT_EQ(packed.headers["content-encoding"], "gzip");
  ASSERT_GE(packed.body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(packed.body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(packed.body[1]), 0x8b);
  EXPECT_LT(packed.body.size(), plain.body.size() / 2);
  // Kept in the reply cache with the answer: the next client is sent the same bytes, gzipped once.
  const auto hits = metric("riaya_reply_cache_hits_total"), misses = metric("riaya_reply_cache_misses_total");
  auto again = division.raw("GET", "/api/institutions", "", "Accept-Encoding: gzip\r\n");
  EXPECT_EQ(again.headers["content-encoding"], "gzip");
  EXPECT_EQ(again.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(again.body, packed.body);
  EXPECT_EQ(metric("riaya_reply_cache_hits_total"), hits + 1);
  EXPECT_EQ(metric("riaya_reply_cache_misses_total"), misses);
}

TEST_F(Registry, ListsFilterSortAndPage) {
  auto division = as("division");
  auto page = division.get("/api/institutions?category=dar_taliba&sort=capacity&order=desc&page_size=1").data();
  EXPECT_EQ(page["total"], 2);
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["capacity"], 100);
  auto second =
      division.get("/api/institutions?category=dar_taliba&sort=capacity&order=desc&page_size=1&page=2").data();
  EXPECT_EQ(second["items"][0]["capacity"], 50);

  const auto jrifia = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM territories WHERE code = 'BOD-02'").scalar(s); });
  EXPECT_EQ(division.get("/api/institutions?territory_id=" + std::to_string(jrifia)).data()["total"], 1);
  EXPECT_EQ(division.get("/api/staff?institution_id=1").data()["total"], 3);
  EXPECT_EQ(division.get("/api/documents?association_id=1").data()["total"], 3);
  EXPECT_EQ(division.get("/api/territories?level=commune&parent_id=3").data()["total"], 4);
}

TEST_F(Registry, NamesSortAsArabicReadersExpect) {
  auto division = as("division");
  for (const auto& [code, name] : std::vector<std::pair<std::string, std::string>>{
           {"T-SORT-1", "باب الخير"}, {"T-SORT-2", "أمل"}, {"T-SORT-3", "إحسان"}, {"T-SORT-4", "ابتسامة"}})
    ASSERT_EQ(division.post("/api/institutions", institution(code, name)).status, 201);
  const auto items = division.get("/api/institutions?q=T-SORT&sort=name_ar").data()["items"];
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item["name_ar"].get<std::string>());
  // Hamza forms of alef sort with plain alef, by the letters that follow; not by code point.
  EXPECT_EQ(names, (std::vector<std::string>{"ابتسامة", "إحسان", "أمل", "باب الخير"}));
}

TEST_F(Registry, DivisionSeesOnlyItsTerritory) {
  auto division = as("division");
  auto other = as("division_other");
  EXPECT_EQ(other.get("/api/institutions").data()["total"], 1);
  const auto other_id = other.get("/api/institutions").data()["items"][0]["id"].get<long long>();
  EXPECT_EQ(division.get("/api/institutions/" + std::to_string(other_id)).status, 404);
  EXPECT_EQ(division.get("/api/institutions?q=OTHER-001").data()["total"], 0);
  // A reference to an association outside the scope is refused and nothing is written.
  auto body = institution("T-REG-4");
  body["association_id"] = other.get("/api/associations").data()["items"][0]["id"];
  const auto before = count("institutions");
  auto refused = division.post("/api/institutions", body);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.data()["error"]["field"], "association_id");
  EXPECT_EQ(count("institutions"), before);
}

TEST_F(Registry, AssociationUserSeesAndEditsOnlyItsOwn) {
  auto association = as("association");
  const auto list = association.get("/api/institutions").data();
  EXPECT_EQ(list["total"], count("institutions WHERE association_id = 1 AND archived_at IS NULL"));
  for (const auto& item : list["items"]) EXPECT_EQ(item["association_id"], 1);
  EXPECT_EQ(association.get("/api/associations").data()["total"], 1);
  EXPECT_EQ(association.get("/api/institutions/3").status, 404);  // association 2's
  EXPECT_EQ(association.post("/api/institutions", institution("T-REG-5")).status, 403);
  auto own = association.get("/api/institutions/1").data();
  own["services"] = "الإيواء والإطعام";
  EXPECT_EQ(association.put("/api/institutions/1", own).status, 200);
  auto staff = association.post("/api/staff", {{"institution_id", 1}, {"full_name", "عضو جديد"}, {"function", "مربي"}});
  EXPECT_EQ(staff.status, 201) << staff.body;
  EXPECT_EQ(association.post("/api/staff", {{"institution_id", 3}, {"full_name", "x"}, {"function", "y"}}).status, 422);
  EXPECT_EQ(association.get("/api/dashboard").data()["totals"]["institutions"], list["total"]);
}

TEST_F(Registry, ViewerSeesNoPersonalData) {
  auto viewer = as("viewer");
  const auto institution = viewer.get("/api/institutions/1").data();
  EXPECT_EQ(institution["name_ar"], "دار الطالب بوجدور");
  EXPECT_FALSE(institution.contains("director_name"));
  EXPECT_FALSE(viewer.get("/api/associations/1").data().contains("president_name"));
  EXPECT_EQ(viewer.get("/api/staff").status, 403);
  const auto dashboard = viewer.get("/api/dashboard").data();
  EXPECT_FALSE(dashboard["totals"].contains("staff"));
  EXPECT_FALSE(dashboard.contains("latest_changes"));
  EXPECT_GT(dashboard["totals"]["institutions"].get<long long>(), 0);
}

TEST_F(Registry, TerritoriesFormATreeManagedByAdmin) {
  auto admin = as("admin");
  const auto province = admin.get("/api/territories?q=MA-BOD").data()["items"][0];
  auto commune = admin.post(
      "/api/territories",
      {{"level", "commune"}, {"code", "BOD-99"}, {"name_ar", "جماعة تجريبية"}, {"parent_id", province["id"]}});
  ASSERT_EQ(commune.status, 201) << commune.body;
  EXPECT_EQ(commune.data()["parent_name_fr"], "Province de Boujdour");
  // A commune cannot hang directly under a region.
  auto wrong =
      admin.post("/api/territories",
                 {{"level", "commune"}, {"code", "BOD-98"}, {"name_ar", "خطأ"}, {"parent_id", province["parent_id"]}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.data()["error"]["field"], "parent_id");
  EXPECT_EQ(as("division").post("/api/territories", {{"level", "commune"}, {"code", "X"}, {"name_ar", "x"}}).status,
            403);
}

TEST_F(Registry, DocumentsAboutToExpireShowOnTheDashboard) {
  auto division = as("division");
  const auto expiring = division.get("/api/documents?expiring_within_days=60").data();
  EXPECT_GE(expiring["total"].get<long long>(), 1);
  for (const auto& item : expiring["items"]) EXPECT_FALSE(item["expires_on"].is_null());
  EXPECT_FALSE(division.get("/api/dashboard").data()["expiring_documents"].empty());
}

}  // namespace
}  // namespace riaya::test
