// Services and parallel activities (issue 16, S10): the services catalogue (national items and
// a province's own), each institution's services and its dated activities, written by the
// institution's association or the division, checked, scoped on every reference, audited,
// listed with their filters and exported; on both backends.
#include "domain/dates.hpp"
#include "suite.hpp"

#include <string>

namespace riaya::test {
namespace {

class Services : public ApiTest {
 protected:
  static long long id_of(const std::string& table, const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM " + table + " WHERE code = :c AND territory_id IS NULL")
          .bind("c", code)
          .scalar(s);
    });
  }
  static long long institution_id(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM institutions WHERE code = :c").bind("c", code).scalar(s);
    });
  }
  static long long audit_entries(const std::string& entity, const std::string& action) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = :a")
          .bind("e", entity)
          .bind("a", action)
          .scalar(s);
    });
  }

  static json activity(long long institution) {
    return {{"institution_id", institution},          {"activity_kind", "sport"}, {"title", "دوري كرة السلة"},
            {"activity_date", "2019-05-11"},          {"participants_f", 12},     {"participants_m", 20},
            {"partner", "العصبة الجهوية لكرة السلة"}, {"cost_centimes", 250050}};
  }
};

TEST_F(Services, TheCatalogueHasTheDefaultServicesAndEachProvinceItsOwn) {
  auto division = as("division");
  const auto national = division.get("/api/service_items?page_size=200").data();
  ASSERT_EQ(national["total"], 14) << national.dump();
  bool lodging = false;
  for (const auto& item : national["items"]) {
    EXPECT_FALSE(item["name_en"].is_null()) << item.dump();
    EXPECT_EQ(item["editable"], false) << "a division does not change the national items";
    if (item["code"] == "LODGING") {
      lodging = true;
      EXPECT_EQ(item["name_ar"], "الإيواء");
      EXPECT_EQ(item["name_fr"], "Hébergement");
      EXPECT_EQ(item["name_en"], "Lodging");
    }
  }
  EXPECT_TRUE(lodging);

  // The division adds its province's item; the other province does not see it; the admin
  // edits a national item; an association adds none.
  auto created = division.post("/api/service_items",
                               {{"code", "QURAN"}, {"name_ar", "الكتاب القرآني"}, {"name_fr", "École coranique"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto own = division.get("/api/service_items?q=القرآني").data();
  ASSERT_EQ(own["total"], 1);
  EXPECT_EQ(own["items"][0]["editable"], true);
  EXPECT_EQ(as("division_other").get("/api/service_items?q=القرآني").data()["total"], 0);
  EXPECT_EQ(as("association").get("/api/service_items?q=القرآني").data()["total"], 1);
  EXPECT_EQ(as("association").post("/api/service_items", {{"code", "X"}, {"name_ar", "خدمة"}}).status, 403);
  const auto meals = id_of("service_items", "MEALS");
  auto admin = as("admin");
  auto item = admin.get("/api/service_items/" + std::to_string(meals)).data();
  item["name_en"] = "Meals and snacks";
  EXPECT_EQ(admin.put("/api/service_items/" + std::to_string(meals), item).status, 200);
  EXPECT_EQ(division.put("/api/service_items/" + std::to_string(meals), item).status, 404);
}

TEST_F(Services, AnAssociationRecordsTheServicesOfItsInstitution) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-001");
  const auto psychological = id_of("service_items", "PSYCHOLOGICAL");
  const auto audited = audit_entries("institution_service", "create");
  auto created = association.post("/api/institution_services", {{"institution_id", house},
                                                                {"service_id", psychological},
                                                                {"since", "2019-09-16"},
                                                                {"note", "أخصائية نفسية يومين في الأسبوع"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.data()["service_code"], "PSYCHOLOGICAL");
  EXPECT_EQ(created.data()["service_name_ar"], "الدعم النفسي");
  EXPECT_EQ(audit_entries("institution_service", "create"), audited + 1);

  // The demo's six services and this one.
  const auto listed = association.get("/api/institution_services?institution_id=" + std::to_string(house)).data();
  EXPECT_EQ(listed["total"], 7) << listed.dump();
  EXPECT_EQ(as("viewer").get("/api/institution_services?service_id=" + std::to_string(psychological)).data()["total"],
            4);  // DEMO-BOD-002, DEMO-BOD-003, DEMO-BOD-005 and this one

  // A service offered twice, one dated after today, a service of the other province, an
  // institution of another association: each refused naming its field, nothing written.
  expect_refused(association, "institution_services", {{"institution_id", house}, {"service_id", psychological}}, 409,
                 "duplicate", "service_id");
  const auto tomorrow = domain::to_iso(domain::add_days(domain::today_utc(), 1));
  expect_refused(association, "institution_services",
                 {{"institution_id", house}, {"service_id", id_of("service_items", "LITERACY")}, {"since", tomorrow}},
                 422, "out_of_range", "since");
  auto other = as("division_other");
  auto theirs = other.post("/api/service_items", {{"code", "OASIS"}, {"name_ar", "خدمة الواحة"}});
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  expect_refused(association, "institution_services", {{"institution_id", house}, {"service_id", theirs.data()["id"]}},
                 422, "invalid_reference", "service_id");
  expect_refused(association, "institution_services",
                 {{"institution_id", institution_id("DEMO-BOD-003")}, {"service_id", psychological}}, 422,
                 "invalid_reference", "institution_id");
  expect_refused(as("viewer"), "institution_services", {{"institution_id", house}, {"service_id", psychological}}, 403,
                 "forbidden", "");

  // Archived, the service may be recorded again.
  const auto id = std::to_string(created.data()["id"].get<long long>());
  EXPECT_EQ(association.post("/api/institution_services/" + id + "/archive", {{"version", 1}}).status, 200);
  EXPECT_EQ(
      association.post("/api/institution_services", {{"institution_id", house}, {"service_id", psychological}}).status,
      201);
}

TEST_F(Services, AnActivityIsRecordedListedPerInstitutionAndTerritoryAndAudited) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-002");
  const auto audited = audit_entries("activity", "create");
  auto created = association.post("/api/activities", activity(house));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto record = created.data();
  EXPECT_EQ(record["participants_total"], 32);
  EXPECT_EQ(record["cost_centimes"], 250050);
  EXPECT_EQ(record["institution_category"], "dar_taliba");
  EXPECT_EQ(audit_entries("activity", "create"), audited + 1);

  // Per institution: the demo's three and this one; per territory and school year, with the
  // kind and a date range.
  const auto institution = std::to_string(house);
  EXPECT_EQ(association.get("/api/activities?institution_id=" + institution).data()["total"], 4);
  auto division = as("division");
  const auto commune = division.get("/api/territories?q=BOD-01").data()["items"][0]["id"].get<long long>();
  const auto in_year =
      division
          .get("/api/activities?territory_id=" + std::to_string(commune) + "&school_year=2018-2019&activity_kind=sport")
          .data();
  // DEMO-BOD-001's football league (2019-03-16), DEMO-BOD-005's sports day is in 2019-2020, and this one.
  EXPECT_EQ(in_year["total"], 2) << in_year.dump();
  EXPECT_EQ(division.get("/api/activities?date_from=2019-05-01&date_to=2019-05-31").data()["total"], 1);
  EXPECT_EQ(division.get("/api/activities?date_from=2019-13-01").status, 400);
  EXPECT_EQ(division.get("/api/activities?category=dar_taliba&school_year=2019-2020").data()["total"], 2);
  EXPECT_EQ(as("division_other").get("/api/activities?institution_id=" + institution).data()["total"], 0);
  EXPECT_EQ(as("viewer").get("/api/activities?institution_id=" + institution).data()["total"], 4);

  // The division corrects it with the version it read; a stale version is refused.
  auto changed = record;
  changed["participants_m"] = 25;
  const auto id = std::to_string(record["id"].get<long long>());
  auto updated = division.put("/api/activities/" + id, changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.data()["participants_total"], 37);
  EXPECT_EQ(association.put("/api/activities/" + id, changed).status, 409);
}

TEST_F(Services, BadActivitiesAreRefusedNamingTheFieldInTheUsersLanguage) {
  auto association = as("association");
  const auto house = institution_id("DEMO-BOD-001");
  ASSERT_EQ(association.post("/api/session/language", {{"language", "ar"}}).status, 200);
  auto reply = expect_refused(association, "activities", with(activity(house), {{"participants_f", -1}}), 422,
                              "out_of_range", "participants_f");
  EXPECT_NE(reply.data()["error"]["message"].get<std::string>().find("المشاركات (إناث)"), std::string::npos)
      << reply.body;
  json untitled = activity(house);
  untitled.erase("title");
  reply = expect_refused(association, "activities", untitled, 422, "required", "title");
  EXPECT_NE(reply.data()["error"]["message"].get<std::string>().find("العنوان"), std::string::npos) << reply.body;
  ASSERT_EQ(association.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto later = domain::to_iso(domain::add_days(domain::today_utc(), 400));
  reply = expect_refused(association, "activities", with(activity(house), {{"activity_date", later}}), 422,
                         "out_of_range", "activity_date");
  EXPECT_NE(reply.data()["error"]["message"].get<std::string>().find("date de l'activité"), std::string::npos)
      << reply.body;
  expect_refused(association, "activities", with(activity(house), {{"activity_kind", "party"}}), 422, "invalid_value",
                 "activity_kind");
  expect_refused(association, "activities", with(activity(house), {{"activity_date", "2019-02-30"}}), 422,
                 "invalid_date", "activity_date");
  expect_refused(association, "activities", with(activity(house), {{"cost_centimes", -5}}), 422, "out_of_range",
                 "cost_centimes");
  // Another association's institution, another province's: as if it did not exist.
  expect_refused(association, "activities", activity(institution_id("DEMO-BOD-004")), 422, "invalid_reference",
                 "institution_id");
  expect_refused(as("division"), "activities", activity(institution_id("OTHER-001")), 422, "invalid_reference",
                 "institution_id");
  expect_refused(as("viewer"), "activities", activity(house), 403, "forbidden", "");
  ASSERT_EQ(association.post("/api/session/language", {{"language", "en"}}).status, 200);
  // Planned within the year: accepted.
  const auto planned = domain::to_iso(domain::add_days(domain::today_utc(), 300));
  EXPECT_EQ(association.post("/api/activities", with(activity(house), {{"activity_date", planned}})).status, 201);
}

TEST_F(Services, ActivitiesAreExportedWithTheListsFilters) {
  auto division = as("division");
  auto csv = division.get("/api/activities/export?format=csv&lang=ar&institution_id=" +
                          std::to_string(institution_id("DEMO-BOD-001")));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("نوع النشاط"), std::string::npos) << csv.body.substr(0, 400);
  EXPECT_NE(csv.body.find("دوري كرة القدم بين دور الطالب"), std::string::npos);
  EXPECT_NE(csv.body.find("4500"), std::string::npos) << "the cost in dirhams";
  EXPECT_EQ(csv.body.find("ورشة المسرح المدرسي"), std::string::npos) << "another institution's activity";
  auto xlsx = division.get("/api/activities/export?format=xlsx&lang=fr");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  auto services = division.get("/api/institution_services/export?format=csv&lang=fr");
  EXPECT_EQ(services.status, 200);
  EXPECT_NE(services.body.find("Hébergement"), std::string::npos) << services.body.substr(0, 400);
}

}  // namespace
}  // namespace riaya::test
