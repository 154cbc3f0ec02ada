// The imports of the registry (issue 16) beyond the register's pupils: communes of a province,
// associations, institutions and the school results of pupils already in a register. Each goes
// through the same mapping, dry run and all-or-nothing commit as the pupils; each row's cells
// name their references (a commune, an association, a category, a pupil) in words, found only
// in the caller's write scope; on both backends.
#include "io/import_kinds.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "store/accounts.hpp"
#include "suite.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace riaya::test {
namespace {

class ImportKinds : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    keep_register(1);
  }

  // The dry run (`dry`) or the commit of import `kind` of `file_name`, with `query` ("&institution_id=1").
  static std::string target(const std::string& kind, bool dry, const std::string& file_name,
                            const std::string& query = "") {
    return "/api/imports/" + kind + (dry ? "/check" : "") + "?file_name=" + file_name + query;
  }
  static long long audit_entries(const std::string& action, const std::string& entity) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = :a")
          .bind("e", entity)
          .bind("a", action)
          .scalar(s);
    });
  }
  static json last_import() {
    const auto entry = server().db().read([&](soci::session& s) {
      return *store::Query(
                  "SELECT username, entity, after_json FROM audit_log WHERE action = 'import' ORDER BY id DESC "
                  "LIMIT 1")
                  .first(s);
    });
    return {{"username", entry["username"]},
            {"entity", entry["entity"]},
            {"after", json::parse(entry["after_json"].get<std::string>())}};
  }
  static long long id_of(const std::string& table, const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM " + table + " WHERE code = :c").bind("c", code).scalar(s);
    });
  }
  // The problem of `row` about `field`, checked for its code and column; null when none.
  static json expect_problem(const json& problems, int row, const std::string& field, const std::string& code,
                             const std::string& column, const std::string& sheet = "CSV") {
    for (const auto& item : problems)
      if (item["row"] == row && item["field"] == field) {
        EXPECT_EQ(item["code"], code) << item.dump();
        EXPECT_EQ(item["column"], column) << item.dump();
        EXPECT_EQ(item["sheet"], sheet) << item.dump();
        EXPECT_FALSE(item["message"].get<std::string>().empty()) << item.dump();
        return item;
      }
    ADD_FAILURE() << "no problem on row " << row << " about " << field << ": " << problems.dump(1);
    return nullptr;
  }
};

// A workbook of one sheet named `sheet_name`: a header row, then the rows.
std::string workbook(const std::string& sheet_name, const std::vector<std::vector<std::string>>& rows) {
  std::string bytes;
  io::XlsxWriter writer([&](std::string_view part) { bytes += part; });
  auto sheet = writer.add_sheet(sheet_name);
  for (const auto& row : rows) {
    for (const auto& cell : row) sheet.text(cell);
    sheet.next_row();
  }
  writer.finish();
  return bytes;
}

const std::vector<std::string> kInstitutionHeaders = {
    "Code",     "Nom en arabe", "Catégorie", "Association gestionnaire", "Commune", "Capacité d’accueil",
    "Latitude", "Longitude",    "Statut"};

TEST_F(ImportKinds, InstitutionsNameTheirAssociationCommuneAndCategoryInWordsAndAreImportedWholeAndAuditedOnce) {
  auto division = as("division");
  const auto file = workbook(
      "Établissements",
      {kInstitutionHeaders,
       // The association by its registration number, the commune and the category by their names.
       {"IMP-001", "دار الطالبة الجريفية", "Dar Taliba", "DEMO-REC-2009-014", "Jrifia", "60", "26,12", "-14.48", ""},
       {"IMP-002", "دار الطالب لمسيد", "دار الطالب", "جمعية دار الطالب والطالبة بوجدور", "لمسيد", "80", "", "",
        "Suspendu"}});
  const auto before = count("institutions"), creates = audit_entries("create", "institution");
  auto dry = upload(division, target("institutions", true, "etab.xlsx"), file);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.data()["rows"], 2);
  EXPECT_EQ(dry.data()["created"], 2);
  EXPECT_TRUE(dry.data()["problems"].empty()) << dry.body;
  EXPECT_EQ(count("institutions"), before);

  auto done = upload(division, target("institutions", false, "etab.xlsx"), file);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(count("institutions"), before + 2);
  EXPECT_EQ(audit_entries("create", "institution"), creates) << "one entry for the import, none a record";
  const auto entry = last_import();
  EXPECT_EQ(entry["username"], "division");
  EXPECT_EQ(entry["entity"], "institution");
  EXPECT_EQ(entry["after"]["kind"], "institutions");
  EXPECT_EQ(entry["after"]["ids"]["institutions"].size(), 2u) << entry.dump();

  const auto first = division.get("/api/institutions/" + std::to_string(id_of("institutions", "IMP-001"))).data();
  EXPECT_EQ(first["category"], "dar_taliba");
  EXPECT_EQ(first["commune_id"], id_of("territories", "BOD-02"));
  EXPECT_EQ(first["association_id"], 1);
  EXPECT_EQ(first["capacity"], 60);
  EXPECT_DOUBLE_EQ(first["latitude"].get<double>(), 26.12) << "a decimal comma";
  EXPECT_EQ(first["status"], "active") << "an institution is active unless its row says otherwise";
  const auto second = division.get("/api/institutions/" + std::to_string(id_of("institutions", "IMP-002"))).data();
  EXPECT_EQ(second["status"], "suspended");
  EXPECT_EQ(second["category"], "dar_talib");
  expect_audit_chain_whole();
}

TEST_F(ImportKinds, EveryBadInstitutionCellIsNamedAndOneBadRowKeepsEveryRowOut) {
  auto division = as("division");
  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto file = workbook("Établissements", {
                                                   kInstitutionHeaders,
                                                   {"BAD-001", "مؤسسة جيدة", "dar_talib", "1", "BOD-01"},  // row 2
                                                   {"BAD-002", "مؤسسة", "Orphelinat", "1", "BOD-01"},      // 3
                                                   {"BAD-003", "مؤسسة", "dar_talib", "1", "Tanger"},       // 4
                                                   // 5: a commune of another province, by name then by code
                                                   {"BAD-004", "مؤسسة", "dar_talib", "1", "جماعة أخرى"},
                                                   {"BAD-005", "مؤسسة", "dar_talib", "1", "OTH-01"},           // 6
                                                   {"BAD-006", "مؤسسة", "dar_talib", "جمعية أخرى", "BOD-01"},  // 7
                                                   {"BAD-001", "مؤسسة", "dar_talib", "1", "BOD-01"},       // 8: = row 2
                                                   {"DEMO-BOD-001", "مؤسسة", "dar_talib", "1", "BOD-01"},  // 9
                                                   {"BAD-009", "مؤسسة", "dar_talib", "1", "BOD-01", "-3"},  // 10
                                                   {"BAD-010", "مؤسسة", "dar_talib", "1", "BOD-01", "", "nord"},
                                                   {"BAD-011", "", "dar_talib", "1", "BOD-01"},  // 12
                                               });
  // The other province's commune by its id: out of scope as well.
  const auto other_commune = std::to_string(id_of("territories", "OTH-01"));
  const auto by_id = std::string("Code;Nom en arabe;Catégorie;Association gestionnaire;Commune\n") +
                     "BAD-020;مؤسسة;dar_talib;1;" + other_commune + "\n";
  const auto before = count("institutions"), imports = audit_entries("import", "institution");
  auto dry = upload(division, target("institutions", true, "etab.xlsx"), file);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  EXPECT_EQ(dry.data()["rows"], 11);
  EXPECT_EQ(problems.size(), 10u) << problems.dump(1);
  const std::string sheet = "Établissements";
  expect_problem(problems, 3, "category", "invalid_reference", "Catégorie", sheet);
  EXPECT_EQ(expect_problem(problems, 4, "commune_id", "invalid_reference", "Commune", sheet)["value"], "Tanger");
  expect_problem(problems, 5, "commune_id", "invalid_reference", "Commune", sheet);
  expect_problem(problems, 6, "commune_id", "invalid_reference", "Commune", sheet);
  expect_problem(problems, 7, "association_id", "invalid_reference", "Association gestionnaire", sheet);
  const auto twice = expect_problem(problems, 8, "code", "duplicate_in_file", "Code", sheet);
  EXPECT_NE(twice["message"].get<std::string>().find("ligne 2"), std::string::npos) << twice.dump();
  expect_problem(problems, 9, "code", "duplicate", "Code", sheet);
  expect_problem(problems, 10, "capacity", "out_of_range", "Capacité d’accueil", sheet);
  expect_problem(problems, 11, "latitude", "wrong_type", "Latitude", sheet);
  const auto no_name = expect_problem(problems, 12, "name_ar", "required", "Nom en arabe", sheet);
  EXPECT_NE(no_name["message"].get<std::string>().find("obligatoire"), std::string::npos) << "in French";

  auto refused = upload(division, target("institutions", false, "etab.xlsx"), file);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.data()["error"]["code"], "import_rejected");
  EXPECT_EQ(refused.data()["error"]["problems"].size(), 10u);
  auto out_of_scope = upload(division, target("institutions", false, "id.csv"), by_id);
  ASSERT_EQ(out_of_scope.status, 422) << out_of_scope.body;
  expect_problem(out_of_scope.data()["error"]["problems"], 2, "commune_id", "invalid_reference", "Commune");
  EXPECT_EQ(count("institutions"), before) << "not even the good row 2";
  EXPECT_EQ(audit_entries("import", "institution"), imports);
  ASSERT_EQ(division.post("/api/session/language", {{"language", "en"}}).status, 200);
}

TEST_F(ImportKinds, AssociationsNameTheirTerritoryAndOnlyTheDivisionImportsThem) {
  const auto file = std::string("name_ar,name_fr,territory_id,registration_date,email\n") +
                    "جمعية النور,Association Annour,Boujdour,12/03/2015,contact@annour.ma\n" +
                    "جمعية الأمل الجديد,,BOD-03,2016-01-01,\n";
  for (const char* user : {"association", "admin", "viewer", "delegation"}) {
    auto client = as(user);
    EXPECT_EQ(upload(client, target("associations", false, "a.csv"), file).status, 403) << user;
    EXPECT_EQ(client.get("/api/imports/associations/template?lang=fr").status, 403) << user;
  }
  auto division = as("division");
  const auto bad = std::string("name_ar,territory_id,registration_date,email\n") +
                   "جمعية صالحة,Boujdour,2015-03-12,\n" +           // 2: good
                   "جمعية خارج النطاق,جماعة أخرى,2015-03-12,\n" +   // 3: another province's commune
                   "جمعية بريد,Lamsid,2015-03-12,not-an-email\n" +  // 4
                   "جمعية تاريخ,Lamsid,32/13/2015,\n" +             // 5
                   "جمعية صالحة,Lamsid,,\n";                        // 6: same name as row 2
  const auto before = count("associations");
  auto dry = upload(division, target("associations", true, "a.csv"), bad);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  EXPECT_EQ(problems.size(), 4u) << problems.dump(1);
  expect_problem(problems, 3, "territory_id", "invalid_reference", "territory_id");
  expect_problem(problems, 4, "email", "invalid_value", "email");
  expect_problem(problems, 5, "registration_date", "invalid_date", "registration_date");
  expect_problem(problems, 6, "name_ar", "duplicate_in_file", "name_ar");
  EXPECT_EQ(upload(division, target("associations", false, "a.csv"), bad).status, 422);
  EXPECT_EQ(count("associations"), before);

  auto done = upload(division, target("associations", false, "a.csv"), file);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(count("associations"), before + 2);
  EXPECT_EQ(last_import()["entity"], "association");
  // "Boujdour" names the commune, not the province of the same name.
  const auto found = division.get("/api/associations?q=Annour").data()["items"];
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0]["territory_id"], id_of("territories", "BOD-01"));
  EXPECT_EQ(found[0]["registration_date"], "2015-03-12");
}

// An association the caller's writes already reach, by its Arabic or French name or its
// registration number (folded as search folds them), is a problem of its row: the file imported
// twice makes nothing the second time, in the dry run and at commit. One of another province, out
// of that scope, is not.
TEST_F(ImportKinds, AssociationsAlreadyInScopeAreNotImportedAgain) {
  auto division = as("division");
  const auto file = std::string("name_ar,name_fr,territory_id,registration_number\n") +
                    "جمعية الوفاء للتكرار,Association Wafa,Boujdour,REC-2026-901\n" +
                    "جمعية أخرى,,Lamsid,\n";  // the other province's association's name
  const auto before = count("associations");
  auto first = upload(division, target("associations", false, "a.csv"), file);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(count("associations"), before + 2);

  ASSERT_EQ(division.post("/api/session/language", {{"language", "fr"}}).status, 200);
  auto again = upload(division, target("associations", true, "a.csv"), file);
  ASSERT_EQ(again.status, 200) << again.body;
  auto problems = again.data()["problems"];
  EXPECT_EQ(problems.size(), 2u) << problems.dump(1);
  const auto by_number =
      expect_problem(problems, 2, "registration_number", "duplicate_in_database", "registration_number");
  EXPECT_NE(by_number["message"].get<std::string>().find("Existe déjà"), std::string::npos) << by_number.dump();
  expect_problem(problems, 3, "name_ar", "duplicate_in_database", "name_ar");
  EXPECT_EQ(again.data()["created"], 0);
  auto refused = upload(division, target("associations", false, "a.csv"), file);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(count("associations"), before + 2);

  // Spelled otherwise, or known by its French name or its number alone: the same association.
  const auto respelled = std::string("name_ar,name_fr,territory_id,registration_number\n") +
                         "جمعيه  الوفاء   للتكرار,,Boujdour,\n" +               // 2: ة as ه, spaces
                         "جمعية جديدة للتكرار,ASSOCIATION WAFA,Boujdour,\n" +   // 3: the French name
                         "جمعية ثانية للتكرار,,Boujdour,rec 2026 901\n" +       // 4: the number
                         "جمعية ثالثة للتكرار,,Boujdour,DEMO-REC-2009-014\n" +  // 5: a demo association's
                         "جمعية رابعة للتكرار,,Boujdour,\n";                    // 6: new
  ASSERT_EQ(division.post("/api/session/language", {{"language", "ar"}}).status, 200);
  auto checked = upload(division, target("associations", true, "b.csv"), respelled);
  ASSERT_EQ(checked.status, 200) << checked.body;
  problems = checked.data()["problems"];
  EXPECT_EQ(problems.size(), 4u) << problems.dump(1);
  const auto by_name = expect_problem(problems, 2, "name_ar", "duplicate_in_database", "name_ar");
  EXPECT_NE(by_name["message"].get<std::string>().find("موجود من قبل"), std::string::npos) << by_name.dump();
  expect_problem(problems, 3, "name_fr", "duplicate_in_database", "name_fr");
  expect_problem(problems, 4, "registration_number", "duplicate_in_database", "registration_number");
  expect_problem(problems, 5, "registration_number", "duplicate_in_database", "registration_number");
  EXPECT_EQ(checked.data()["created"], 1);
  ASSERT_EQ(division.post("/api/session/language", {{"language", "en"}}).status, 200);
}

TEST_F(ImportKinds, CommunesAreImportedUnderAProvinceTheAdminMayWrite) {
  const auto province = std::to_string(id_of("territories", "MA-BOD"));
  const auto file = std::string("Code;Nom en arabe;Nom en français\n") + "BOD-05;جماعة جديدة;Nouvelle commune\n" +
                    "BOD-06;جماعة ثانية;\n";
  auto division = as("division");
  EXPECT_EQ(upload(division, target("communes", false, "c.csv", "&province_id=" + province), file).status, 403);
  auto admin = as("admin");
  // The province is required, and must be a province.
  EXPECT_EQ(upload(admin, target("communes", false, "c.csv"), file).status, 400);
  auto not_province = upload(
      admin, target("communes", false, "c.csv", "&province_id=" + std::to_string(id_of("territories", "BOD-01"))),
      file);
  EXPECT_EQ(not_province.status, 422) << not_province.body;
  EXPECT_EQ(not_province.data()["error"]["field"], "province_id");
  EXPECT_EQ(not_province.data()["error"]["code"], "invalid_reference");

  const auto bad = std::string("code,name_ar\n") + "BOD-07,جماعة\n" + "BOD-01,بوجدور الجديدة\n" +  // 3: taken
                   "BOD-07,جماعة مكررة\n" +                                                        // 4: = row 2
                   ",بدون رمز\n";                                                                  // 5
  const auto before = count("territories");
  auto dry = upload(admin, target("communes", true, "c.csv", "&province_id=" + province), bad);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  EXPECT_EQ(problems.size(), 3u) << problems.dump(1);
  expect_problem(problems, 3, "code", "duplicate", "code");
  expect_problem(problems, 4, "code", "duplicate_in_file", "code");
  expect_problem(problems, 5, "code", "required", "code");
  EXPECT_EQ(upload(admin, target("communes", false, "c.csv", "&province_id=" + province), bad).status, 422);
  EXPECT_EQ(count("territories"), before);

  auto done = upload(admin, target("communes", false, "c.csv", "&province_id=" + province), file);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(count("territories"), before + 2);
  const auto entry = last_import();
  EXPECT_EQ(entry["entity"], "territory");
  EXPECT_EQ(entry["after"]["province_id"], id_of("territories", "MA-BOD"));
  const auto communes = admin.get("/api/territories?parent_id=" + province + "&q=BOD-05").data()["items"];
  ASSERT_EQ(communes.size(), 1u);
  EXPECT_EQ(communes[0]["level"], "commune");
  // The new commune is in the province's scope: its division's institutions may be placed there.
  const auto placed =
      std::string("code;name_ar;category;association_id;commune_id\nIMP-C05;مؤسسة;dar_talib;1;") + "Nouvelle commune\n";
  EXPECT_EQ(upload(division, target("institutions", true, "i.csv"), placed).data()["problems"].size(), 0u);

  // An admin of another province may not import under this one.
  const auto other = id_of("territories", "MA-OTH");
  ASSERT_TRUE(store::create_user(
                  server().db(),
                  store::Caller{
                      .username = "test setup", .address = "local", .role = domain::Role::Admin, .territory_path = "/"},
                  {{"username", "admin_other"},
                   {"display_name", "admin_other"},
                   {"role", "admin"},
                   {"language", "en"},
                   {"scope_territory_id", other}},
                  std::string(kPassword))
                  .has_value());
  auto admin_other = as("admin_other");
  auto elsewhere = upload(admin_other, target("communes", false, "c.csv", "&province_id=" + province), file);
  EXPECT_EQ(elsewhere.status, 422) << elsewhere.body;
  EXPECT_EQ(elsewhere.data()["error"]["field"], "province_id");
  EXPECT_EQ(count("territories"), before + 2);
}

TEST_F(ImportKinds, SchoolResultsFindEachPupilByIdentityNumberElseByNameAndBirthDateWithinTheInstitution) {
  auto association = as("association");
  const auto pupil = [&](const std::string& name, const std::string& birth, const json& extra = json::object()) {
    auto body = with({{"institution_id", 1},
                      {"full_name_ar", name},
                      {"sex", "m"},
                      {"birth_date", birth},
                      {"admission_date", "2019-09-10"}},
                     extra);
    auto reply = association.post("/api/beneficiaries", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.data()["id"].get<long long>();
  };
  const auto with_number = pupil("يوسف العلوي", "2008-02-01", {{"identity_number", "JH 123456"}});
  const auto by_name = pupil("أسامة البقالي", "2009-05-06");
  pupil("محمد الأمين", "2008-07-07");
  pupil("محمد الامين", "2008-07-07");  // the same name folded: two pupils, told apart only by number
  const std::string headers =
      "N° de CIN ou d’acte de naissance;Nom complet en arabe;Date de naissance;Année scolaire;Niveau;Résultat\n";
  const auto bad = headers + "jh-123456;;;2019-2020;Collège;Admis\n" +            // 2: by number, written otherwise
                   ";اسامة البقالي;06/05/2009;2019-2020;primaire;Redoublant\n" +  // 3: by name, folded
                   ";أسامة البقالي;2009-05-06;2015-2016;primaire;\n" +            // 4: before admission
                   ";أسامة البقالي;2009-05-06;2019-2020;primaire;\n" +            // 5: = row 3
                   ";شخص مجهول;2009-05-06;2019-2020;primaire;\n" +                // 6: no such pupil
                   "ZZ999;;;2019-2020;primaire;\n" +                              // 7: no such number
                   ";محمد الأمين;2008-07-07;2019-2020;primaire;\n" +              // 8: two pupils
                   ";أسامة البقالي;;2020-2021;primaire;\n" +                      // 9: no birth date
                   ";أسامة البقالي;2009-05-06;2020-2021;université;\n";           // 10: unknown level
  const auto before = count("beneficiary_years");
  auto dry = upload(association, target("school_results", true, "r.csv", "&institution_id=1"), bad);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  EXPECT_EQ(problems.size(), 7u) << problems.dump(1);
  expect_problem(problems, 4, "school_year", "out_of_range", "Année scolaire");
  expect_problem(problems, 5, "school_year", "duplicate_in_file", "Année scolaire");
  const auto unknown = expect_problem(problems, 6, "full_name_ar", "unknown_pupil", "Nom complet en arabe");
  EXPECT_NE(unknown["message"].get<std::string>().find("register"), std::string::npos) << unknown.dump();
  expect_problem(problems, 7, "identity_number", "unknown_pupil", "N° de CIN ou d’acte de naissance");
  expect_problem(problems, 8, "full_name_ar", "ambiguous_pupil", "Nom complet en arabe");
  expect_problem(problems, 9, "birth_date", "required", "Date de naissance");
  expect_problem(problems, 10, "level", "invalid_value", "Niveau");
  EXPECT_EQ(upload(association, target("school_results", false, "r.csv", "&institution_id=1"), bad).status, 422);
  EXPECT_EQ(count("beneficiary_years"), before);

  // A pupil of another institution is not this one's: institution 2 has none of them.
  auto elsewhere = upload(association, target("school_results", true, "r.csv", "&institution_id=2"),
                          headers + "JH123456;;;2019-2020;primaire;\n");
  ASSERT_EQ(elsewhere.status, 200) << elsewhere.body;
  expect_problem(elsewhere.data()["problems"], 2, "identity_number", "unknown_pupil",
                 "N° de CIN ou d’acte de naissance");
  // Another association's institution is refused whole.
  auto other = upload(
      association,
      target("school_results", true, "r.csv", "&institution_id=" + std::to_string(id_of("institutions", "OTHER-001"))),
      headers + "JH123456;;;2019-2020;primaire;\n");
  EXPECT_EQ(other.data()["error"]["code"], "invalid_reference") << other.body;

  const auto good =
      headers + "jh-123456;;;2019-2020;Collège;Admis\n" + ";اسامة البقالي;06/05/2009;2019-2020;primaire;Redoublant\n";
  auto done = upload(association, target("school_results", false, "r.csv", "&institution_id=1"), good);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(count("beneficiary_years"), before + 2);
  const auto entry = last_import();
  EXPECT_EQ(entry["entity"], "beneficiary_year");
  EXPECT_EQ(entry["after"]["institution_id"], 1);
  EXPECT_EQ(entry["after"]["ids"]["beneficiary_years"].size(), 2u);
  const auto year =
      association.get("/api/beneficiary_years?beneficiary_id=" + std::to_string(with_number)).data()["items"];
  ASSERT_EQ(year.size(), 1u);
  EXPECT_EQ(year[0]["level"], "college");
  EXPECT_EQ(year[0]["result"], "promoted");
  EXPECT_EQ(
      association.get("/api/beneficiary_years?beneficiary_id=" + std::to_string(by_name)).data()["items"][0]["result"],
      "repeated");
  // Again: the year is recorded already (the resource's own rule).
  auto again = upload(association, target("school_results", false, "r.csv", "&institution_id=1"), good);
  ASSERT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(again.data()["error"]["problems"][0]["code"], "duplicate");
  // No column naming the pupil.
  auto unnamed = upload(association, target("school_results", true, "r.csv", "&institution_id=1"),
                        "Année scolaire;Niveau\n2019-2020;primaire\n");
  EXPECT_EQ(unnamed.status, 422);
  EXPECT_EQ(unnamed.data()["error"]["missing"], json({"full_name_ar", "birth_date"})) << unnamed.body;
  for (const char* user : {"admin", "viewer", "assessor", "delegation"}) {
    auto client = as(user);
    EXPECT_EQ(upload(client, target("school_results", false, "r.csv", "&institution_id=1"), good).status, 403) << user;
  }
}

TEST_F(ImportKinds, EveryKindsTemplateReadsBackToItsColumnsInArabicAndFrench) {
  auto division = as("division");
  auto admin = as("admin");
  for (const auto& kind : io::import_kinds()) {
    auto& client = kind.name == "communes" ? admin : division;
    for (const auto& [lang, language] :
         {std::pair{"ar", domain::Language::Arabic}, std::pair{"fr", domain::Language::French}}) {
      const std::string base = "/api/imports/" + std::string(kind.name);
      auto reply = client.get(base + "/template?lang=" + lang);
      ASSERT_EQ(reply.status, 200) << kind.name;
      auto book = io::read_xlsx(reply.body);
      ASSERT_TRUE(book.has_value()) << kind.name;
      for (std::size_t i = 0; i < kind.columns.size(); ++i)
        EXPECT_EQ(book->sheets[0].cell(0, i), io::column_header(kind.columns[i], language)) << kind.name;
      auto columns = upload(client, base + "/columns?file_name=t.xlsx", reply.body);
      ASSERT_EQ(columns.status, 200) << kind.name << " " << columns.body;
      for (const auto& column : kind.columns)
        EXPECT_EQ(columns.data()["mapping"][io::column_header(column, language)], column.field)
            << kind.name << " " << lang << " " << column.field;
    }
  }
  // A reference column offers the names the caller's writes may reference, in the template's language.
  auto institutions = division.get("/api/imports/institutions/template?lang=fr");
  ASSERT_EQ(institutions.status, 200);
  const auto book = io::read_xlsx(institutions.body);
  ASSERT_TRUE(book.has_value());
  const auto& lists = book->sheets.at(1);
  const auto list_of = [&](const std::string& header) {
    std::vector<std::string> names;
    for (std::size_t column = 0; !lists.cell(0, column).empty(); ++column)
      if (lists.cell(0, column) == header)
        for (std::size_t row = 1; !lists.cell(row, column).empty(); ++row) names.emplace_back(lists.cell(row, column));
    return names;
  };
  const auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto communes = list_of("Commune"), categories = list_of("Catégorie");
  EXPECT_TRUE(has(communes, "Jrifia")) << testing::PrintToString(communes);
  EXPECT_FALSE(has(communes, "Province de Boujdour")) << "communes only";
  EXPECT_FALSE(has(communes, "جماعة أخرى")) << "another province's commune is out of the division's scope";
  EXPECT_TRUE(has(categories, "Dar Taliba")) << testing::PrintToString(categories);
  EXPECT_TRUE(has(list_of("Association gestionnaire"), "Association Dar Talib et Dar Taliba de Boujdour (démo)"));
  EXPECT_FALSE(has(list_of("Association gestionnaire"), "Other association"));

  // Each role is offered the imports of what it may create.
  const auto kinds_of = [](Client&& client) {
    std::vector<std::string> names;
    const auto reply = client.get("/api/imports");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const auto items = reply.data()["items"];
    for (const auto& item : items) names.push_back(item["kind"].get<std::string>());
    return names;
  };
  EXPECT_EQ(kinds_of(as("division")), (std::vector<std::string>{"beneficiaries", "staff", "monthly_statistics",
                                                                "associations", "institutions", "school_results"}));
  EXPECT_EQ(kinds_of(as("association")),
            (std::vector<std::string>{"beneficiaries", "staff", "monthly_statistics", "school_results"}));
  EXPECT_EQ(kinds_of(as("admin")), (std::vector<std::string>{"communes"}));
}

}  // namespace
}  // namespace riaya::test
