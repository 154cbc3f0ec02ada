// The individual register (issue 16, law 09-08): the division switches an institution's register
// on; its association records beneficiaries and their school years, checked (dates, ages, years,
// references in scope) and audited; named records are read only by the association and the
// division and delegation of the territory (the admin, a viewer and an assessor get 403), every
// read, list page and export is audited; the identity number and the guardian's phone are stored
// sealed; possible duplicates are found; on both backends.
#include "store/beneficiaries.hpp"
#include "domain/dates.hpp"
#include "domain/statistics.hpp"
#include "store/field_cipher.hpp"
#include "suite.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace riaya::test {
namespace {

constexpr const char* kIdentity = "BK778899";
constexpr const char* kPhone = "0661234567";

class Register : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    keep_register(1);
  }

  static long long commune(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM territories WHERE code = :c").bind("c", code).scalar(s);
    });
  }
  static long long audit_entries(const std::string& action, const std::string& entity = "beneficiary") {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = :a")
          .bind("e", entity)
          .bind("a", action)
          .scalar(s);
    });
  }
  // The latest audit entry of `action` on beneficiaries: its user, entity id and ids read.
  static json last_entry(const std::string& action) {
    return server().db().read([&](soci::session& s) {
      return *store::Query(
                  "SELECT username, entity_id, after_json FROM audit_log WHERE entity = 'beneficiary'"
                  " AND action = :a ORDER BY id DESC LIMIT 1")
                  .bind("a", action)
                  .integers({"entity_id"})
                  .first(s);
    });
  }

  static json pupil(const std::string& name = "يوسف البقالي") {
    return {{"institution_id", 1},
            {"full_name_ar", name},
            {"full_name_fr", "Youssef Bakkali"},
            {"sex", "m"},
            {"birth_date", "2006-03-14"},
            {"origin_commune_id", commune("BOD-01")},
            {"vulnerability", "distance"},
            {"identity_number", kIdentity},
            {"guardian_name", "محمد البقالي"},
            {"guardian_phone", kPhone},
            {"admission_date", "2018-09-10"}};
  }
};

TEST_F(Register, OnlyTheDivisionOfItsTerritorySwitchesTheRegister) {
  auto division = as("division");
  const auto second = division.get("/api/institutions/2").data();
  EXPECT_EQ(second["keeps_register"], 0) << second.dump();
  const json body = {{"keeps_register", true}, {"version", second["version"]}};
  for (const char* user : {"association", "delegation", "viewer", "admin", "assessor"})
    EXPECT_EQ(as(user).put("/api/institutions/2/register", body).status, 403) << user;
  EXPECT_EQ(as("division_other").put("/api/institutions/2/register", body).status, 404);
  EXPECT_EQ(division.put("/api/institutions/2/register", {{"keeps_register", "yes"}, {"version", second["version"]}})
                .data()["error"]["code"],
            "wrong_type");
  EXPECT_EQ(division.put("/api/institutions/2/register", {{"keeps_register", true}, {"version", 999}}).status, 409);

  // Without the register, no beneficiary: a clear 409 naming the institution.
  auto association = as("association");
  association.language = "en";
  const auto refused = expect_refused(association, "beneficiaries", with(pupil(), {{"institution_id", 2}}), 409,
                                      "no_register", "institution_id");
  EXPECT_NE(refused.data()["error"]["message"].get<std::string>().find("individual register"), std::string::npos);

  const auto updates = audit_entries("update", "institution");
  const auto on = division.put("/api/institutions/2/register", body);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(on.data()["keeps_register"], 1);
  EXPECT_EQ(audit_entries("update", "institution"), updates + 1);
  const auto off =
      division.put("/api/institutions/2/register", {{"keeps_register", false}, {"version", on.data()["version"]}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.data()["keeps_register"], 0);
}

TEST_F(Register, TheAssociationRecordsABeneficiaryAndTheFieldsAreSealedAtRest) {
  auto association = as("association");
  const auto created = association.post("/api/beneficiaries", pupil());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto record = created.data();
  EXPECT_EQ(record["identity_number"], kIdentity);
  EXPECT_EQ(record["guardian_phone"], kPhone);
  EXPECT_EQ(record["birth_year"], 2006);
  EXPECT_TRUE(record["age"].is_number());
  EXPECT_EQ(record["institution_category"], "dar_talib");
  const auto id = record["id"].get<long long>();

  // Stored sealed: the column, the audit trail and (SQLite) the database's files hold no plaintext.
  const auto stored = server().db().read([&](soci::session& s) {
    return *store::Query("SELECT identity_number, guardian_phone FROM beneficiaries WHERE id = :id")
                .bind("id", id)
                .first(s);
  });
  for (const auto* column : {"identity_number", "guardian_phone"}) {
    const auto value = stored[column].get<std::string>();
    EXPECT_TRUE(value.starts_with("s1:")) << value;
    EXPECT_EQ(value.find(kIdentity), std::string::npos);
    EXPECT_EQ(value.find(kPhone), std::string::npos);
    EXPECT_TRUE(store::open_field(value).has_value());
  }
  const auto audit_plain = server().db().read([&](soci::session& s) {
    return store::Query(
               "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE :a OR after_json LIKE :b"
               " OR before_json LIKE :a OR before_json LIKE :b")
        .bind("a", std::string("%") + kIdentity + "%")
        .bind("b", std::string("%") + kPhone + "%")
        .scalar(s);
  });
  EXPECT_EQ(audit_plain, 0);
  if (test_backend() == store::Backend::Sqlite) {
    std::string bytes;
    for (const auto& suffix : {"", "-wal"}) {
      std::ifstream file(server().db().sqlite_path() + suffix, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    ASSERT_GT(bytes.size(), 10000u);
    EXPECT_NE(bytes.find("يوسف البقالي"), std::string::npos) << "the test reads the file the server writes";
    EXPECT_EQ(bytes.find(kIdentity), std::string::npos);
    EXPECT_EQ(bytes.find(kPhone), std::string::npos);
  }

  // The division and the delegation of the territory read it, each read audited with its id.
  for (const char* user : {"division", "delegation", "association"}) {
    const auto reads = audit_entries("read");
    const auto read = as(user).get("/api/beneficiaries/" + std::to_string(id));
    ASSERT_EQ(read.status, 200) << user << read.body;
    EXPECT_EQ(read.data()["identity_number"], kIdentity);
    EXPECT_EQ(audit_entries("read"), reads + 1) << user;
    const auto entry = last_entry("read");
    EXPECT_EQ(entry["username"], user);
    EXPECT_EQ(entry["entity_id"], id);
    EXPECT_EQ(json::parse(entry["after_json"].get<std::string>())["ids"], json::array({id}));
  }
  // Another province's division: not found, and nothing audited.
  const auto reads = audit_entries("read");
  EXPECT_EQ(as("division_other").get("/api/beneficiaries/" + std::to_string(id)).status, 404);
  EXPECT_EQ(as("division_other").get("/api/beneficiaries").data()["total"], 0);
  EXPECT_EQ(audit_entries("read"), reads);

  // An update keeps the sealed fields readable, and stale versions are refused.
  auto changed = association.put("/api/beneficiaries/" + std::to_string(id),
                                 with(pupil(), {{"guardian_phone", "0700000000"}, {"version", record["version"]}}));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.data()["guardian_phone"], "0700000000");
  EXPECT_EQ(changed.data()["identity_number"], kIdentity);
  EXPECT_EQ(association.put("/api/beneficiaries/" + std::to_string(id), with(pupil(), {{"version", 1}})).status, 409);
}

TEST_F(Register, TheAdminAViewerAndAnAssessorGet403OnEveryNamedRoute) {
  auto association = as("association");
  const auto created = association.post("/api/beneficiaries", pupil("هند العلوي"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = std::to_string(created.data()["id"].get<long long>());
  const auto reads = audit_entries("read"), exports = audit_entries("export");
  for (const char* user : {"admin", "viewer", "assessor"}) {
    auto client = as(user);
    for (const std::string& target : std::vector<std::string>{
             "/api/beneficiaries", "/api/beneficiaries/" + id, "/api/beneficiaries/export?format=csv",
             "/api/beneficiaries/duplicates", "/api/beneficiary_years", "/api/beneficiary_years?beneficiary_id=" + id})
      EXPECT_EQ(client.get(target).status, 403) << user << " " << target;
    EXPECT_EQ(client.post("/api/beneficiaries", pupil()).status, 403) << user;
    EXPECT_EQ(client.put("/api/beneficiaries/" + id, with(pupil(), {{"version", 1}})).status, 403) << user;
    // Counts stay available: the institution's monthly statistics and the indicators.
    EXPECT_EQ(client.get("/api/indicators?institution_id=1").status, 200) << user;
  }
  EXPECT_EQ(as("delegation").post("/api/beneficiaries", pupil()).status, 403);
  EXPECT_EQ(audit_entries("read"), reads);
  EXPECT_EQ(audit_entries("export"), exports);
}

TEST_F(Register, ListPagesAndExportsAreAuditedWithTheIdsTheyShow) {
  auto association = as("association");
  ASSERT_EQ(association.post("/api/beneficiaries", pupil("سعاد المرابط")).status, 201);
  auto division = as("division");
  const auto reads = audit_entries("read");
  const auto page = division.get("/api/beneficiaries?institution_id=1&page_size=2").data();
  ASSERT_EQ(page["items"].size(), 2u) << page.dump();
  EXPECT_EQ(audit_entries("read"), reads + 1);
  const auto entry = last_entry("read");
  EXPECT_TRUE(entry["entity_id"].is_null());
  EXPECT_EQ(json::parse(entry["after_json"].get<std::string>())["ids"],
            json::array({page["items"][0]["id"], page["items"][1]["id"]}));
  // The same page again is audited again (never answered from a cache).
  division.get("/api/beneficiaries?institution_id=1&page_size=2");
  EXPECT_EQ(audit_entries("read"), reads + 2);
  // An empty page names no one: nothing audited.
  EXPECT_EQ(division.get("/api/beneficiaries?institution_id=2").data()["total"], 0);
  EXPECT_EQ(audit_entries("read"), reads + 2);

  const auto exports = audit_entries("export");
  const auto csv = division.get("/api/beneficiaries/export?format=csv&lang=fr");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("سعاد المرابط"), std::string::npos);
  EXPECT_NE(csv.body.find(kIdentity), std::string::npos) << "the export opens the sealed fields for its reader";
  EXPECT_EQ(audit_entries("export"), exports + 1);
  const auto exported = json::parse(last_entry("export")["after_json"].get<std::string>());
  EXPECT_EQ(exported["ids"].size(), static_cast<std::size_t>(division.get("/api/beneficiaries").data()["total"]));
  EXPECT_EQ(exported["format"], "csv");

  // The audit screen filters reads and exports.
  const auto filtered = division.get("/api/audit?action=export").data();
  ASSERT_GE(filtered["items"].size(), 1u) << filtered.dump();
  for (const auto& item : filtered["items"]) EXPECT_EQ(item["action"], "export");
  EXPECT_EQ(division.get("/api/audit?action=peek").status, 400);
}

TEST_F(Register, BadInputIsRefusedNamingTheFieldAndWritesNothing) {
  auto association = as("association");  // the account's language is English
  const auto future = expect_refused(association, "beneficiaries", with(pupil(), {{"birth_date", "2100-01-01"}}), 422,
                                     "out_of_range", "birth_date");
  EXPECT_NE(future.data()["error"]["message"].get<std::string>().find("\"birth date\""), std::string::npos)
      << future.body;
  // Under 3 or over 30 at admission in a boarding house.
  expect_refused(association, "beneficiaries", with(pupil(), {{"birth_date", "2016-01-01"}}), 422, "out_of_range",
                 "birth_date");
  expect_refused(association, "beneficiaries", with(pupil(), {{"birth_date", "1980-01-01"}}), 422, "out_of_range",
                 "birth_date");
  expect_refused(association, "beneficiaries", with(pupil(), {{"exit_date", "2017-06-30"}, {"exit_reason", "moved"}}),
                 422, "date_order", "exit_date");
  expect_refused(association, "beneficiaries", with(pupil(), {{"exit_date", "2020-06-30"}}), 422, "required",
                 "exit_reason");
  expect_refused(association, "beneficiaries", with(pupil(), {{"origin_commune_id", 999999}}), 422, "invalid_reference",
                 "origin_commune_id");
  // A province is not a commune; another province's commune lies outside the association's scope.
  expect_refused(association, "beneficiaries", with(pupil(), {{"origin_commune_id", commune("MA-BOD")}}), 422,
                 "invalid_reference", "origin_commune_id");
  expect_refused(association, "beneficiaries", with(pupil(), {{"origin_commune_id", commune("OTH-01")}}), 422,
                 "invalid_reference", "origin_commune_id");
  expect_refused(association, "beneficiaries", with(pupil(), {{"institution_id", 999999}}), 422, "invalid_reference",
                 "institution_id");
  const auto other = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM institutions WHERE code = 'OTHER-001'").scalar(s); });
  expect_refused(association, "beneficiaries", with(pupil(), {{"institution_id", other}}), 422, "invalid_reference",
                 "institution_id");
  expect_refused(association, "beneficiaries", with(pupil(), {{"vulnerability", "rich"}}), 422, "invalid_value",
                 "vulnerability");
  expect_refused(association, "beneficiaries", with(pupil(), {{"nickname", "x"}}), 422, "unknown_field", "nickname");
  expect_refused(association, "beneficiaries", with(pupil(), {{"full_name_ar", ""}}), 422, "required", "full_name_ar");
}

TEST_F(Register, SchoolYearsOnlyWhileTheBeneficiaryWasThere) {
  auto association = as("association");
  const auto created = association.post(
      "/api/beneficiaries", with(pupil("كريم الإدريسي"), {{"exit_date", "2020-07-10"}, {"exit_reason", "graduated"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.data()["id"];
  const json year = {{"beneficiary_id", id},  {"school_year", "2019-2020"}, {"level", "college"},
                     {"class_name", "3AC-2"}, {"school", "إعدادية الوحدة"}, {"result", "promoted"}};
  const auto added = association.post("/api/beneficiary_years", year);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.data()["sex"], "m");
  EXPECT_EQ(added.data()["institution_id"], 1);
  expect_refused(association, "beneficiary_years", year, 409, "duplicate", "school_year");
  // Admitted in September 2018, gone in July 2020: not there in 2017-2018 nor in 2020-2021.
  expect_refused(association, "beneficiary_years", with(year, {{"school_year", "2017-2018"}}), 422, "out_of_range",
                 "school_year");
  expect_refused(association, "beneficiary_years", with(year, {{"school_year", "2020-2021"}}), 422, "out_of_range",
                 "school_year");
  expect_refused(association, "beneficiary_years", with(year, {{"school_year", "2019/2020"}}), 422, "invalid_value",
                 "school_year");
  expect_refused(association, "beneficiary_years", with(year, {{"school_year", "2018-2019"}, {"level", "phd"}}), 422,
                 "invalid_value", "level");
  expect_refused(association, "beneficiary_years", with(year, {{"school_year", "2018-2019"}, {"result", "passed"}}),
                 422, "invalid_value", "result");
  expect_refused(as("division_other"), "beneficiary_years", with(year, {{"school_year", "2018-2019"}}), 422,
                 "invalid_reference", "beneficiary_id");
  ASSERT_EQ(association
                .post("/api/beneficiary_years",
                      with(year, {{"school_year", "2018-2019"}, {"level", "primary"}, {"result", "repeated"}}))
                .status,
            201);
  const auto years = as("delegation").get("/api/beneficiary_years?beneficiary_id=" + id.dump()).data();
  ASSERT_EQ(years["total"], 2);
  EXPECT_EQ(years["items"][0]["school_year"], "2018-2019");
  // The list shows the level of the latest year.
  EXPECT_EQ(association.get("/api/beneficiaries/" + id.dump()).data()["current_level"], "college");
}

TEST_F(Register, PossibleDuplicatesAreFoundByFoldedNameAndBirthDate) {
  auto association = as("association");
  const auto first = association.post("/api/beneficiaries", with(pupil("فاطمة الزهراء"), {{"sex", "f"}}));
  ASSERT_EQ(first.status, 201) << first.body;
  // The namesakes of a person about to be recorded: the same name written with other hamza and
  // tashkeel, born the same day.
  const auto check =
      association.get("/api/beneficiaries/duplicates?full_name_ar=" +
                      std::string("%D9%81%D8%A7%D8%B7%D9%85%D9%8E%D8%A9%20%D8%A7%D9%84%D8%B2%D9%87%D8%B1%D8%A7%D8%A1") +
                      "&birth_date=2006-03-14");
  ASSERT_EQ(check.status, 200) << check.body;
  ASSERT_EQ(check.data()["items"].size(), 1u) << check.body;
  EXPECT_EQ(check.data()["items"][0]["id"], first.data()["id"]);
  EXPECT_EQ(association.get("/api/beneficiaries/duplicates?full_name_ar=x").status, 400);

  const auto second = association.post("/api/beneficiaries", with(pupil("فاطِمة الزَّهراء"), {{"sex", "f"}}));
  ASSERT_EQ(second.status, 201) << second.body;
  const auto reads = audit_entries("read");
  const auto groups = as("division").get("/api/beneficiaries/duplicates").data()["groups"];
  bool found = false;
  for (const auto& group : groups)
    for (const auto& item : group["items"])
      if (item["id"] == second.data()["id"]) {
        found = true;
        EXPECT_EQ(group["items"].size(), 2u) << group.dump();
      }
  EXPECT_TRUE(found) << groups.dump();
  EXPECT_EQ(audit_entries("read"), reads + 1);
  EXPECT_EQ(as("division_other").get("/api/beneficiaries/duplicates").data()["groups"].size(), 0u);
}

TEST_F(Register, AnAccessRequestExportsOnePersonsDataAsJsonAudited) {
  auto association = as("association");
  const auto created = association.post("/api/beneficiaries", pupil("ليلى الصحراوي"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.data()["id"];
  ASSERT_EQ(
      association
          .post("/api/beneficiary_years",
                {{"beneficiary_id", id}, {"school_year", "2018-2019"}, {"level", "college"}, {"result", "promoted"}})
          .status,
      201);
  const auto exports = audit_entries("export");
  const auto file = as("delegation").get("/api/beneficiaries/" + id.dump() + "/access-export");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_NE(file.headers.at("content-disposition").find("beneficiary-" + id.dump() + ".json"), std::string::npos);
  const auto data = file.data();
  EXPECT_EQ(data["beneficiary"]["full_name_ar"], "ليلى الصحراوي");
  EXPECT_EQ(data["beneficiary"]["identity_number"], kIdentity);
  ASSERT_EQ(data["school_years"].size(), 1u);
  EXPECT_EQ(data["school_years"][0]["result"], "promoted");
  EXPECT_EQ(audit_entries("export"), exports + 1);
  EXPECT_EQ(last_entry("export")["entity_id"], id);
  for (const char* user : {"viewer", "admin"})
    EXPECT_EQ(as(user).get("/api/beneficiaries/" + id.dump() + "/access-export").status, 403) << user;
  EXPECT_EQ(as("division_other").get("/api/beneficiaries/" + id.dump() + "/access-export").status, 404);
  EXPECT_EQ(audit_entries("export"), exports + 1);
}

TEST_F(Register, StatisticsComeFromTheRegisterNotTypedAndItsResultsGiveTheRates) {
  auto association = as("association");
  association.language = "en";
  const auto typed = association.post("/api/monthly_statistics",
                                      {{"institution_id", 1}, {"month", "2019-10"}, {"present_college_m", 40}});
  EXPECT_EQ(typed.status, 409) << typed.body;
  EXPECT_EQ(typed.data()["error"]["code"], "register_kept");
  EXPECT_EQ(typed.data()["error"]["field"], "institution_id");
  // Results of 2020-2021 recorded here only: 2 counted (the move aside), 1 promoted, 1 repeated.
  json ids = json::array();
  for (const auto& [name, result] : {std::pair{"رشيد أمزيان", "promoted"}, std::pair{"عمر بلقاسم", "repeated"},
                                     std::pair{"حمزة الودغيري", "moved"}}) {
    const auto created = association.post("/api/beneficiaries", with(pupil(name), {{"admission_date", "2020-09-07"}}));
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(association
                  .post("/api/beneficiary_years", {{"beneficiary_id", created.data()["id"]},
                                                   {"school_year", "2020-2021"},
                                                   {"level", "lycee"},
                                                   {"result", result}})
                  .status,
              201);
  }
  // Counts, no name: the viewer reads them too.
  const auto indicators = as("viewer").get("/api/indicators?institution_id=1&school_year=2020-2021");
  ASSERT_EQ(indicators.status, 200) << indicators.body;
  const auto results = indicators.data()["current"]["school_results"];
  EXPECT_EQ(results["all"]["counted"], 2) << results.dump();
  EXPECT_DOUBLE_EQ(results["all"]["success_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(results["all"]["repetition_rate"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(results["m"]["success_rate"].get<double>(), 0.5);
  EXPECT_TRUE(results["f"]["success_rate"].is_null());
  EXPECT_EQ(results["by_level"]["lycee"]["counted"], 2);
  // The dashboard's success tile shows the same results for the same institutions and year.
  const auto dashboard = as("viewer").get("/api/dashboard?year=2020&category=dar_talib");
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  const auto same = as("viewer").get("/api/indicators?category=dar_talib&school_year=2020-2021").data();
  ASSERT_FALSE(same["current"].is_null()) << same.dump();
  const auto tile = dashboard.data()["success_rate"];
  EXPECT_EQ(tile["school_year"], "2020-2021") << tile.dump();
  EXPECT_EQ(tile["counted"], same["current"]["school_results"]["all"]["counted"]);
  EXPECT_EQ(tile["rate"], same["current"]["school_results"]["all"]["success_rate"]);
  EXPECT_EQ(tile["f"], same["current"]["school_results"]["f"]["success_rate"]);
  EXPECT_EQ(tile["by_level"], same["current"]["school_results"]["by_level"]);
}

// The months of an institution that keeps a register are computed from it, kept up to date by
// every register write, and typed months from before the switch stay as typed.
TEST_F(Register, TheMonthsAreComputedFromTheRegister) {
  auto division = as("division");
  const auto house = division.post("/api/institutions", institution("REG-MONTHS", "دار الطالب للحساب"));
  ASSERT_EQ(house.status, 201) << house.body;
  const auto id = house.data()["id"];
  const auto months = [&](const std::string& month) {
    return division.get("/api/monthly_statistics?institution_id=" + id.dump() + "&month=" + month).data()["items"];
  };
  // A month typed before the register is switched on.
  ASSERT_EQ(
      division
          .post("/api/monthly_statistics", {{"institution_id", id}, {"month", "2018-10"}, {"present_college_m", 30}})
          .status,
      201);
  keep_register(id.get<long long>());
  EXPECT_TRUE(months("2018-09").empty()) << "an empty register gives no month";

  auto association = as("association");
  const auto first = association.post(
      "/api/beneficiaries", with(pupil("سعيد المرابط"), {{"institution_id", id}, {"admission_date", "2018-09-10"}}));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto second = association.post(
      "/api/beneficiaries", with(pupil("أيوب الحسني"), {{"institution_id", id}, {"admission_date", "2018-09-12"}}));
  ASSERT_EQ(second.status, 201) << second.body;
  ASSERT_EQ(association
                .post("/api/beneficiary_years",
                      {{"beneficiary_id", first.data()["id"]}, {"school_year", "2018-2019"}, {"level", "college"}})
                .status,
            201);
  auto september = months("2018-09");
  ASSERT_EQ(september.size(), 1u);
  EXPECT_EQ(september[0]["computed"], 1);
  EXPECT_EQ(september[0]["present_college_m"], 1) << september[0].dump();
  EXPECT_EQ(september[0]["present_not_in_school_m"], 1);
  EXPECT_EQ(september[0]["admissions_m"], 2);
  EXPECT_EQ(september[0]["present_total"], 2);
  EXPECT_TRUE(september[0]["present_age_6_11_m"].is_null()) << "one breakdown only";
  // The month typed before the switch stays as it was.
  const auto october = months("2018-10");
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0]["computed"], 0);
  EXPECT_EQ(october[0]["present_college_m"], 30);
  // Up to the current month.
  const auto current = domain::month_of(domain::today_iso());
  EXPECT_EQ(months(current).at(0)["present_total"], 2);

  // An exit updates the months: gone from November, counted in its exits.
  auto updated = with(first.data(), {{"exit_date", "2018-11-20"}, {"exit_reason", "dropout"}});
  const auto exited = association.put("/api/beneficiaries/" + first.data()["id"].dump(), updated);
  ASSERT_EQ(exited.status, 200) << exited.body;
  const auto november = months("2018-11").at(0);
  EXPECT_EQ(november["exits_dropout_m"], 1);
  EXPECT_EQ(november["present_total"], 1);
  EXPECT_EQ(months(current).at(0)["present_total"], 1);

  // Archiving the other pupil: only the first's months remain, up to its exit.
  const auto archived = association.post("/api/beneficiaries/" + second.data()["id"].dump() + "/archive",
                                         {{"version", second.data()["version"]}});
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(months("2018-09").at(0)["present_total"], 1);
  EXPECT_TRUE(months(current).empty()) << "no one left: no month after the last exit";

  // Computed months are not typed over, and a beneficiary does not move to another institution.
  association.language = "en";
  const auto retyped = association.put("/api/monthly_statistics/" + months("2018-09").at(0)["id"].dump(),
                                       with(months("2018-09").at(0), {{"present_college_m", 9}}));
  EXPECT_EQ(retyped.status, 409) << retyped.body;
  EXPECT_EQ(retyped.data()["error"]["code"], "register_kept");
  const auto moved =
      association.put("/api/beneficiaries/" + first.data()["id"].dump(), with(exited.data(), {{"institution_id", 1}}));
  EXPECT_EQ(moved.status, 409) << moved.body;
  EXPECT_EQ(moved.data()["error"]["code"], "invalid_state");
  EXPECT_EQ(moved.data()["error"]["field"], "institution_id");
  EXPECT_EQ(association.get("/api/beneficiaries/" + first.data()["id"].dump()).data()["institution_id"], id);

  // The indicators read them: the school year 2018-2019's dropout is the one pupil of two.
  const auto indicators = as("viewer").get("/api/indicators?institution_id=" + id.dump() + "&school_year=2018-2019");
  ASSERT_EQ(indicators.status, 200) << indicators.body;
  EXPECT_GT(indicators.data()["current"]["reports"], 0) << indicators.body;
}

TEST_F(Register, AnonymisationKeepsTheStatisticsAndDropsTheIdentity) {
  auto association = as("association");
  const auto created =
      association.post("/api/beneficiaries", with(pupil("نبيل القاسمي"), {{"birth_date", "2000-05-20"},
                                                                          {"admission_date", "2012-09-10"},
                                                                          {"exit_date", "2015-06-30"},
                                                                          {"exit_reason", "graduated"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.data()["id"];
  ASSERT_EQ(
      association
          .post("/api/beneficiary_years",
                {{"beneficiary_id", id}, {"school_year", "2014-2015"}, {"level", "lycee"}, {"result", "graduated"}})
          .status,
      201);
  const store::Caller command_line{
      .username = "riaya command line", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  const auto writes = count("audit_log");
  const auto dry = store::anonymise(server().db(), command_line, 5, true);
  EXPECT_TRUE(std::find(dry["ids"].begin(), dry["ids"].end(), id) != dry["ids"].end()) << dry.dump();
  EXPECT_EQ(count("audit_log"), writes) << "a dry run changes nothing";
  EXPECT_EQ(association.get("/api/beneficiaries/" + id.dump()).data()["full_name_ar"], "نبيل القاسمي");
  // Twenty years after the exit: not yet.
  const auto later = store::anonymise(server().db(), command_line, 20, true);
  EXPECT_TRUE(std::find(later["ids"].begin(), later["ids"].end(), id) == later["ids"].end()) << later.dump();

  const auto done = store::anonymise(server().db(), command_line, 5, false);
  EXPECT_EQ(done["count"], dry["count"]);
  const auto record = association.get("/api/beneficiaries/" + id.dump()).data();
  for (const char* field :
       {"full_name_ar", "full_name_fr", "identity_number", "guardian_name", "guardian_phone", "birth_date"})
    EXPECT_TRUE(record[field].is_null()) << field << record.dump();
  EXPECT_EQ(record["birth_year"], 2000);
  EXPECT_EQ(record["sex"], "m");
  EXPECT_FALSE(record["anonymised_at"].is_null());
  EXPECT_EQ(association.get("/api/beneficiary_years?beneficiary_id=" + id.dump()).data()["items"][0]["result"],
            "graduated");
  EXPECT_EQ(audit_entries("anonymise"), done["count"].get<long long>());
  EXPECT_EQ(association.put("/api/beneficiaries/" + id.dump(), with(pupil(), {{"version", record["version"]}}))
                .data()["error"]["code"],
            "invalid_state");
  EXPECT_EQ(store::anonymise(server().db(), command_line, 5, false)["count"], 0) << "once only";
}

// The audit trail keeps what was written, but answers a child's personal fields only to those who
// may read the register (the admin reads the audit trail, not the names), in its list and its
// export, and to nobody once the child is anonymised.
TEST_F(Register, TheAuditTrailShowsAChildsNameOnlyToTheRegistersReadersAndNotOnceAnonymised) {
  auto association = as("association"), division = as("division"), admin = as("admin");
  const auto created =
      association.post("/api/beneficiaries", with(pupil("سلمى الإدريسي"), {{"birth_date", "2001-04-11"},
                                                                           {"admission_date", "2013-09-10"},
                                                                           {"exit_date", "2016-06-30"},
                                                                           {"exit_reason", "graduated"},
                                                                           {"guardian_name", "حميد الإدريسي"}}));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.data()["id"];
  const auto target = "/api/audit?entity=beneficiary&action=create&entity_id=" + id.dump();
  const auto created_entry = [&](Client& client) {
    const auto items = client.get(target).data()["items"];
    EXPECT_EQ(items.size(), 1u) << items.dump();
    return items.empty() ? json::object() : items[0]["after"];
  };
  EXPECT_EQ(created_entry(division)["full_name_ar"], "سلمى الإدريسي");
  EXPECT_EQ(created_entry(division)["guardian_name"], "حميد الإدريسي");

  const auto shown = created_entry(admin);
  for (const char* field : {"full_name_ar", "full_name_fr", "birth_date", "guardian_name", "identity_number"})
    EXPECT_FALSE(shown.contains(field)) << field << shown.dump();
  EXPECT_EQ(shown["sex"], "m");  // what is not personal stays
  const auto exported = admin.get("/api/audit/export?entity=beneficiary&format=csv&lang=fr");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.body.find("سلمى"), std::string::npos);
  EXPECT_EQ(exported.body.find("حميد"), std::string::npos);

  const store::Caller command_line{
      .username = "riaya command line", .address = "local", .role = domain::Role::Admin, .territory_path = "/"};
  ASSERT_GE(store::anonymise(server().db(), command_line, 5, false)["count"].get<long long>(), 1);
  const auto after = created_entry(division);
  EXPECT_FALSE(after.contains("full_name_ar")) << after.dump();
  EXPECT_FALSE(after.contains("guardian_name")) << after.dump();
  EXPECT_EQ(after["sex"], "m");
  const auto export_after = division.get("/api/audit/export?entity=beneficiary&format=csv&lang=fr");
  EXPECT_EQ(export_after.body.find("سلمى"), std::string::npos);
}

}  // namespace
}  // namespace riaya::test
