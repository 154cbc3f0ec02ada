// Imports from CSV and XLSX (issue 16): the beneficiaries of one institution from a file saved by a
// spreadsheet program, its columns mapped from the template's headers (and remembered per user),
// a dry run that names every bad cell and duplicate and writes nothing, and an all-or-nothing
// commit, audited; files that are not what they say, empty or too large are refused saying why;
// only the roles the register allows, within their scope; on both backends.
#include "io/import_kinds.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"
#include "suite.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace riaya::test {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::vector<std::string> kArabicHeaders = {
    "الاسم الكامل بالعربية", "الجنس",          "تاريخ الازدياد", "الجماعة الأصلية",
    "تاريخ الالتحاق",        "الموسم الدراسي", "المستوى",        "النتيجة"};

// A workbook as a spreadsheet program saves one: a header row, then the rows; a cell "#serial"
// is written as that number (a date cell's stored value).
std::string workbook(const std::vector<std::string>& headers, const Rows& rows) {
  std::string bytes;
  io::XlsxWriter writer([&](std::string_view part) { bytes += part; });
  auto sheet = writer.add_sheet("pupils");
  for (const auto& header : headers) sheet.text(header);
  sheet.next_row();
  for (const auto& row : rows) {
    for (const auto& cell : row)
      if (cell.starts_with("#"))
        sheet.number(std::stod(cell.substr(1)));
      else
        sheet.text(cell);
    sheet.next_row();
  }
  writer.finish();
  return bytes;
}

std::vector<std::string> pupil_row(const std::string& name, const std::string& birth = "2008-03-14",
                                   const std::string& admission = "2019-09-10") {
  return {name, "ذكر", birth, "بوجدور", admission, "2019-2020", "الإعدادي", "انتقل"};
}

class Imports : public ApiTest {
 protected:
  static void SetUpTestSuite() {
    ApiTest::SetUpTestSuite();
    keep_register(1);
  }

  static std::string check(const std::string& file_name, long long institution = 1) {
    return "/api/imports/beneficiaries/check?institution_id=" + std::to_string(institution) + "&file_name=" + file_name;
  }
  static std::string commit(const std::string& file_name, long long institution = 1) {
    return "/api/imports/beneficiaries?institution_id=" + std::to_string(institution) + "&file_name=" + file_name;
  }
  static long long audit_entries(const std::string& action, const std::string& entity = "beneficiary") {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT COUNT(*) FROM audit_log WHERE entity = :e AND action = :a")
          .bind("e", entity)
          .bind("a", action)
          .scalar(s);
    });
  }
  static long long institution_id(const std::string& code) {
    return server().db().read([&](soci::session& s) {
      return store::Query("SELECT id FROM institutions WHERE code = :c").bind("c", code).scalar(s);
    });
  }
  // The problem of `row` about `field`, or null.
  static json problem(const json& problems, int row, const std::string& field) {
    for (const auto& item : problems)
      if (item["row"] == row && item["field"] == field) return item;
    return nullptr;
  }
};

TEST_F(Imports, AValidWorkbookIsCheckedThenImportedWholeAndAuditedOnce) {
  auto association = as("association");
  // Dates as people type them or a spreadsheet stores them.
  const auto file =
      workbook(kArabicHeaders, {pupil_row("أمين الراشدي", "2008-03-14"), pupil_row("سلمى الوردي", "14/03/2009"),
                                pupil_row("حمزة الفاسي", "#39586"),  // 2008-05-18
                                pupil_row("ياسين العمراني", "26 أبريل 2007"),
                                pupil_row("مريم الزهري", "3 avril 2008", "1er septembre 2019")});
  const auto before = count("beneficiaries"), years = count("beneficiary_years");
  const auto creates = audit_entries("create"), imports = audit_entries("import");
  // The register's October 2019, computed from it (none before the first pupil).
  const auto october = [&] {
    const auto items = association.get("/api/monthly_statistics?institution_id=1&month=2019-10").data()["items"];
    return items.empty() ? 0LL : items[0]["present_total"].get<long long>();
  };
  const auto present = october();
  auto dry = upload(association, check("eleves.xlsx"), file);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.data()["rows"], 5);
  EXPECT_EQ(dry.data()["created"], 5);
  EXPECT_TRUE(dry.data()["problems"].empty()) << dry.body;
  EXPECT_EQ(dry.data()["dry_run"], true);
  EXPECT_EQ(count("beneficiaries"), before);
  EXPECT_EQ(audit_entries("create"), creates);

  auto done = upload(association, commit("eleves.xlsx"), file);
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.data()["created"], 5);
  EXPECT_EQ(count("beneficiaries"), before + 5);
  EXPECT_EQ(count("beneficiary_years"), years + 5);
  // Audited as one operation: no entry a record, one naming every record created.
  EXPECT_EQ(audit_entries("create"), creates);
  EXPECT_EQ(audit_entries("import"), imports + 1);
  EXPECT_EQ(october(), present + 5) << "the register's months count the imported pupils";
  const auto entry = server().db().read([&](soci::session& s) {
    return *store::Query("SELECT username, after_json FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1")
                .first(s);
  });
  EXPECT_EQ(entry["username"], "association");
  const auto after = json::parse(entry["after_json"].get<std::string>());
  EXPECT_EQ(after["kind"], "beneficiaries");
  EXPECT_EQ(after["file_name"], "eleves.xlsx");
  EXPECT_EQ(after["count"], 5);
  ASSERT_EQ(after["ids"]["beneficiaries"].size(), 5u) << after.dump();
  EXPECT_EQ(after["ids"]["beneficiary_years"].size(), 5u) << after.dump();

  // The dates were read as written; the school year's level and result from their labels.
  const auto list = association.get("/api/beneficiaries?q=" + std::string("%D8%AD%D9%85%D8%B2%D8%A9")).data();
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["birth_date"], "2008-05-18");
  const auto id = std::to_string(list["items"][0]["id"].get<long long>());
  EXPECT_NE(
      std::find(after["ids"]["beneficiaries"].begin(), after["ids"]["beneficiaries"].end(), list["items"][0]["id"]),
      after["ids"]["beneficiaries"].end());
  const auto year = association.get("/api/beneficiary_years?beneficiary_id=" + id).data()["items"][0];
  EXPECT_EQ(year["level"], "college");
  EXPECT_EQ(year["result"], "promoted");

  // The same file again: every row is now a duplicate of the register, and nothing is written.
  auto again = upload(association, commit("eleves.xlsx"), file);
  ASSERT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(again.data()["error"]["code"], "import_rejected");
  EXPECT_EQ(again.data()["error"]["problems"].size(), 5u);
  EXPECT_EQ(again.data()["error"]["problems"][0]["code"], "duplicate_in_database");
  EXPECT_EQ(count("beneficiaries"), before + 5);
  expect_audit_chain_whole();
}

TEST_F(Imports, EveryBadCellAndDuplicateIsNamedInTheUsersLanguageAndACommitWritesNothing) {
  auto association = as("association");
  const auto existing = association.post("/api/beneficiaries", {{"institution_id", 1},
                                                                {"full_name_ar", "نادية الإدريسي"},
                                                                {"sex", "f"},
                                                                {"birth_date", "2007-01-02"},
                                                                {"admission_date", "2018-09-10"}});
  ASSERT_EQ(existing.status, 201) << existing.body;
  const auto file = workbook(
      kArabicHeaders, {
                          pupil_row("عادل السوسي"),                                             // row 2: good
                          pupil_row("خالد المريني", "31/02/2008"),                              // 3: no such day
                          pupil_row("رشيد البركاني", "2040-01-01"),                             // 4: future
                          pupil_row("طفل صغير", "2018-01-01"),                                  // 5: under 3
                          {"ليلى التازي", "أنثى", "2008-01-01", "مدينة مجهولة", "2019-09-10"},  // 6
                          {"سعاد الكتاني", "غير معروف", "2008-01-01", "", "2019-09-10"},        // 7
                          {"", "ذكر", "2008-01-01", "", "2019-09-10"},                          // 8: no name
                          pupil_row("عادل السوسي"),                                             // 9: = row 2
                          {"نادية الادريسي", "أنثى", "2/1/2007", "", "2019-09-10"},             // 10: in the register
                          {"كريم الحسني", "ذكر", "2008-01-01", "", "2019-09-10", "2010-2011", "الابتدائي"},  // 11
                      });
  const auto before = count("beneficiaries"), creates = audit_entries("create"), imports = audit_entries("import");
  auto dry = upload(association, check("eleves.xlsx"), file);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  EXPECT_EQ(dry.data()["rows"], 10);
  EXPECT_EQ(problems.size(), 9u) << problems.dump(1);
  const auto expect = [&](int row, const std::string& field, const std::string& code, const std::string& column) {
    const auto found = problem(problems, row, field);
    ASSERT_FALSE(found.is_null()) << "row " << row << " " << field << ": " << problems.dump(1);
    EXPECT_EQ(found["code"], code) << found.dump();
    EXPECT_EQ(found["column"], column) << found.dump();
    EXPECT_EQ(found["sheet"], "pupils");
    EXPECT_FALSE(found["message"].get<std::string>().empty());
  };
  expect(3, "birth_date", "invalid_date", "تاريخ الازدياد");
  EXPECT_EQ(problem(problems, 3, "birth_date")["value"], "31/02/2008");
  expect(4, "birth_date", "out_of_range", "تاريخ الازدياد");
  expect(5, "birth_date", "out_of_range", "تاريخ الازدياد");
  expect(6, "origin_commune_id", "invalid_reference", "الجماعة الأصلية");
  EXPECT_EQ(problem(problems, 6, "origin_commune_id")["value"], "مدينة مجهولة");
  expect(7, "sex", "invalid_value", "الجنس");
  expect(8, "full_name_ar", "required", "الاسم الكامل بالعربية");
  expect(9, "full_name_ar", "duplicate_in_file", "الاسم الكامل بالعربية");
  EXPECT_NE(problem(problems, 9, "full_name_ar")["message"].get<std::string>().find("row 2"), std::string::npos);
  expect(10, "full_name_ar", "duplicate_in_database", "الاسم الكامل بالعربية");
  expect(11, "school_year", "out_of_range", "الموسم الدراسي");
  // In the user's language (the account's: English), naming the field by its label.
  EXPECT_NE(problem(problems, 8, "full_name_ar")["message"].get<std::string>().find("Full name in Arabic"),
            std::string::npos)
      << problems.dump(1);

  auto refused = upload(association, commit("eleves.xlsx"), file);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.data()["error"]["problems"].size(), 9u);
  EXPECT_EQ(count("beneficiaries"), before);
  EXPECT_EQ(audit_entries("create"), creates);
  EXPECT_EQ(audit_entries("import"), imports);
  // The record a duplicate named was read (law 09-08).
  EXPECT_GE(audit_entries("read"), 1);
}

// An import proves each record's scope by its institution, found once in the caller's write
// scope (store::TableSpec::scope_reference), instead of reading each record back: every other
// reference a row sets is still checked in that scope (another province's commune, by id or by
// name, is the row's problem), and every record created lies in the caller's write scope.
TEST_F(Imports, AReferenceOutsideTheScopeIsARowProblemAndEveryRecordCreatedLiesInTheScope) {
  auto association = as("association");
  const auto other_commune = server().db().read(
      [](soci::session& s) { return store::Query("SELECT id FROM territories WHERE code = 'OTH-01'").scalar(s); });
  const std::vector<std::string> headers(kArabicHeaders.begin(), kArabicHeaders.begin() + 5);
  const auto refused =
      upload(association, check("ailleurs.xlsx"),
             workbook(headers, {{"حسن الوزاني", "ذكر", "2008-01-01", std::to_string(other_commune), "2019-09-10"},
                                {"حسن الوزاني", "ذكر", "2008-01-02", "جماعة أخرى", "2019-09-10"},
                                {"حسن الوزاني", "ذكر", "2008-01-03", "بوجدور", "2019-09-10"}}));
  ASSERT_EQ(refused.status, 200) << refused.body;
  const auto problems = refused.data()["problems"];
  ASSERT_EQ(problems.size(), 2u) << problems.dump(1);
  for (const int row : {2, 3}) {
    const auto found = problem(problems, row, "origin_commune_id");
    ASSERT_FALSE(found.is_null()) << problems.dump(1);
    EXPECT_EQ(found["code"], "invalid_reference");
  }
  EXPECT_EQ(refused.data()["created"], 1);

  const Rows pupils = {pupil_row("بشرى الحمداوي"), pupil_row("زكرياء البقالي"), pupil_row("هدى الشاوي")};
  const auto done = upload(association, commit("portee.xlsx"), workbook(kArabicHeaders, pupils));
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.data()["created"], 3);
  const auto encoded = [](const std::string& text) {
    std::string out;
    for (const unsigned char c : text) out += fmt::format("%{:02X}", c);
    return out;
  };
  // Each is the association's to change (its write scope) and the division's of the territory.
  for (const char* user : {"association", "division"}) {
    auto client = as(user);
    for (const auto& row : pupils) {
      const auto listed = client.get("/api/beneficiaries?institution_id=1&q=" + encoded(row[0]));
      ASSERT_EQ(listed.status, 200) << listed.body;
      ASSERT_EQ(listed.data()["items"].size(), 1u) << user << " " << row[0];
      EXPECT_EQ(listed.data()["items"][0]["editable"], true) << user << " " << row[0];
    }
  }
}

TEST_F(Imports, CsvFilesWithABomOrInWindows1256AreRead) {
  auto association = as("association");
  const std::string bom =
      "\xEF\xBB\xBF"
      "Nom complet en arabe,Sexe,Date de naissance,Date d’admission\r\n"
      "\"بشرى, العلمي\",F,12/05/2008,2019-09-10\r\n";
  auto dry = upload(association, check("eleves.csv"), bom);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.data()["problems"].empty()) << dry.body;
  EXPECT_EQ(dry.data()["sheet"], "CSV");
  const auto before = count("beneficiaries");
  ASSERT_EQ(upload(association, commit("eleves.csv"), bom).status, 201);
  const auto windows =
      std::string(
          "\xC7\xE1\xC7\xD3\xE3 \xC7\xE1\xDF\xC7\xE3\xE1 \xC8\xC7\xE1\xDA\xD1\xC8\xED\xC9;\xC7\xE1\xCC\xE4\xD3;"
          "\xCA\xC7\xD1\xED\xCE \xC7\xE1\xC7\xD2\xCF\xED\xC7\xCF;\xCA\xC7\xD1\xED\xCE "
          "\xC7\xE1\xC7\xE1\xCA\xCD\xC7\xDE\r\n") +
      "\xD3\xDA\xED\xCF \xC7\xE1\xE4\xC7\xD5\xD1\xED;\xD0\xDF\xD1;14/03/2008;10/09/2019\r\n";
  auto imported = upload(association, commit("windows.csv"), windows);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(count("beneficiaries"), before + 2);
  // The Arabic name came through as Arabic (سعيد الناصري).
  const auto list = association.get("/api/beneficiaries?q=%D8%A7%D9%84%D9%86%D8%A7%D8%B5%D8%B1%D9%8A").data();
  ASSERT_EQ(list["items"].size(), 1u) << list.dump();
  EXPECT_EQ(list["items"][0]["full_name_ar"], "سعيد الناصري");
  EXPECT_EQ(list["items"][0]["sex"], "m");
}

TEST_F(Imports, FilesThatAreNotWhatTheySayEmptyOrTooLargeAreRefusedSayingWhy) {
  auto association = as("association");
  // The refusals are worded in the account's language: French here, English again at the end.
  ASSERT_EQ(association.post("/api/session/language", {{"language", "fr"}}).status, 200);
  const auto xlsx = workbook(kArabicHeaders, {pupil_row("أمين")});
  const auto before = count("beneficiaries");
  const auto refused = [&](const std::string& file_name, const std::string& bytes, const std::string& reason) {
    auto reply = upload(association, commit(file_name), bytes);
    EXPECT_EQ(reply.status, 422) << file_name << " " << reply.body;
    EXPECT_EQ(reply.data()["error"]["field"], "file") << reply.body;
    EXPECT_EQ(reply.data()["error"]["reason"], reason) << reply.body;
    EXPECT_FALSE(reply.data()["error"].value("message", std::string()).empty()) << reply.body;
  };
  refused("eleves.csv", xlsx, "name_mismatch");
  EXPECT_NE(upload(association, commit("eleves.csv"), xlsx)
                .data()["error"]["message"]
                .get<std::string>()
                .find("Le contenu du fichier ne correspond pas"),
            std::string::npos);
  refused("eleves.xlsx", "Nom complet en arabe,Sexe\nأمين,m\n", "name_mismatch");
  refused("photo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "not_csv");
  refused("eleves.xlsx", std::string("PK\x03\x04garbage-that-is-no-zip", 26), "not_xlsx");
  // An empty body is refused before the file is read: the file is required.
  auto empty = upload(association, commit("vide.csv"), "");
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.data()["error"]["code"], "required");
  EXPECT_EQ(empty.data()["error"]["field"], "file");
  refused("vide.csv", "\r\n\r\n", "empty");
  refused("ouvert.csv", "Nom complet en arabe\n\"jamais fermé\n", "damaged");
  // Headers only: nothing to import.
  auto headers_only =
      upload(association, commit("entetes.csv"), "Nom complet en arabe;Sexe;Date de naissance;Date d’admission\n");
  EXPECT_EQ(headers_only.status, 422) << headers_only.body;
  EXPECT_EQ(headers_only.data()["error"]["reason"], "no_rows");
  // A required column missing from the file.
  auto missing = upload(association, commit("partiel.csv"), "Nom complet en arabe;Sexe\nأمين;m\n");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(missing.data()["error"]["field"], "mapping");
  EXPECT_EQ(missing.data()["error"]["missing"], json({"birth_date", "admission_date"}));
  // Beyond the server's body limit: refused before it is read whole.
  auto huge = upload(association, commit("huge.csv"), std::string(9u << 20, 'a'));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(count("beneficiaries"), before);
  ASSERT_EQ(association.post("/api/session/language", {{"language", "en"}}).status, 200);
}

TEST_F(Imports, OnlyTheRolesTheRegisterAllowsWithinTheirScope) {
  const auto file = workbook(kArabicHeaders, {pupil_row("إدريس الصقلي")});
  const auto before = count("beneficiaries");
  for (const char* user : {"admin", "viewer", "assessor", "delegation"}) {
    auto client = as(user);
    EXPECT_EQ(upload(client, commit("a.xlsx"), file).status, 403) << user;
    EXPECT_EQ(upload(client, check("a.xlsx"), file).status, 403) << user;
    EXPECT_EQ(upload(client, "/api/imports/beneficiaries/columns", file).status, 403) << user;
    EXPECT_EQ(client.get("/api/imports/beneficiaries/template?lang=ar").status, 403) << user;
    // The admin keeps the territories: of the imports, only communes.
    const auto kinds = client.get("/api/imports").data()["items"];
    ASSERT_EQ(kinds.size(), std::string(user) == "admin" ? 1u : 0u) << user << " " << kinds.dump();
    if (!kinds.empty()) {
      EXPECT_EQ(kinds[0]["kind"], "communes");
    }
  }
  auto association = as("association");
  // Another association's institution is not found; one without a register is refused.
  auto other = upload(association, commit("a.xlsx", institution_id("OTHER-001")), file);
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(other.data()["error"]["code"], "invalid_reference");
  EXPECT_EQ(other.data()["error"]["field"], "institution_id");
  auto dry_other = upload(association, check("a.xlsx", institution_id("OTHER-001")), file);
  EXPECT_EQ(dry_other.data()["error"]["code"], "invalid_reference") << dry_other.body;
  auto no_register = upload(association, commit("a.xlsx", 2), file);
  EXPECT_EQ(no_register.data()["error"]["code"], "no_register") << no_register.body;
  EXPECT_EQ(no_register.data()["error"]["field"], "institution_id");
  auto no_institution = upload(association, "/api/imports/beneficiaries?file_name=a.xlsx", file);
  EXPECT_EQ(no_institution.status, 400);
  // Without the CSRF token a cookie write is refused.
  auto no_csrf = as("association");
  no_csrf.csrf.clear();
  EXPECT_EQ(upload(no_csrf, commit("a.xlsx"), file).status, 403);
  EXPECT_EQ(count("beneficiaries"), before);
  // The division of the territory may.
  auto division = as("division");
  EXPECT_EQ(upload(division, commit("a.xlsx"), file).status, 201);
  EXPECT_EQ(count("beneficiaries"), before + 1);
}

TEST_F(Imports, ColumnsAreGuessedFromTheTemplatesHeadersAndTheUsersMappingIsRemembered) {
  auto association = as("association");
  const auto file = workbook({"Nom", "Sexe", "Date de naissance", "Date d’admission", "Remarque"}, {{"أمين"}});
  auto columns = upload(association, "/api/imports/beneficiaries/columns?file_name=a.xlsx", file);
  ASSERT_EQ(columns.status, 200) << columns.body;
  EXPECT_EQ(columns.data()["headers"].size(), 5u);
  EXPECT_EQ(columns.data()["mapping"]["Sexe"], "sex");
  EXPECT_EQ(columns.data()["mapping"]["Date de naissance"], "birth_date");
  EXPECT_TRUE(columns.data()["mapping"]["Nom"].is_null());
  EXPECT_TRUE(columns.data()["mapping"]["Remarque"].is_null());

  EXPECT_EQ(association.put("/api/imports/beneficiaries/mapping", {{"mapping", {{"Nom", "no_such_field"}}}}).status,
            422);
  EXPECT_EQ(
      association.put("/api/imports/beneficiaries/mapping", {{"mapping", {{"Nom", "sex"}, {"Sexe", "sex"}}}}).status,
      422);
  auto saved = association.put("/api/imports/beneficiaries/mapping", {{"mapping", {{"Nom", "full_name_ar"}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(audit_entries("update", "import_mapping"), 1);
  auto again = upload(association, "/api/imports/beneficiaries/columns?file_name=a.xlsx", file);
  EXPECT_EQ(again.data()["mapping"]["Nom"], "full_name_ar");
  EXPECT_EQ(again.data()["mapping"]["Sexe"], "sex");
  // Another user does not get it.
  auto division = as("division");
  EXPECT_TRUE(
      upload(division, "/api/imports/beneficiaries/columns?file_name=a.xlsx", file).data()["mapping"]["Nom"].is_null());
}

TEST_F(Imports, TheTemplateHasTheHeadersInTheLanguageAskedAndValidationLists) {
  auto association = as("association");
  for (const auto& [lang, language] :
       {std::pair{"ar", domain::Language::Arabic}, std::pair{"fr", domain::Language::French}}) {
    auto reply = association.get(std::string("/api/imports/beneficiaries/template?lang=") + lang);
    ASSERT_EQ(reply.status, 200);
    EXPECT_NE(reply.headers["content-disposition"].find(std::string("beneficiaries-") + lang + ".xlsx"),
              std::string::npos);
    auto book = io::read_xlsx(reply.body);
    ASSERT_TRUE(book.has_value());
    ASSERT_EQ(book->sheets.size(), 2u);
    const auto& kind = *io::find_import_kind("beneficiaries");
    ASSERT_EQ(book->sheets[0].rows.size(), 1u);
    for (std::size_t i = 0; i < kind.columns.size(); ++i)
      EXPECT_EQ(book->sheets[0].cell(0, i), io::column_header(kind.columns[i], language));
    // The labels the validation lists offer, a column a choice field, on the sheet "lists".
    const auto& lists = book->sheets[1];
    EXPECT_EQ(lists.name, "lists");
    EXPECT_EQ(lists.cell(0, 0), io::column_header(*kind.column("sex"), language));
    EXPECT_EQ(lists.cell(1, 0), language == domain::Language::Arabic ? "أنثى" : "Femme");
    EXPECT_EQ(lists.cell(2, 0), language == domain::Language::Arabic ? "ذكر" : "Homme");
    // The template read back maps every column to its field.
    auto columns = upload(association, "/api/imports/beneficiaries/columns?file_name=t.xlsx", reply.body);
    ASSERT_EQ(columns.status, 200) << columns.body;
    for (const auto& column : kind.columns)
      EXPECT_EQ(columns.data()["mapping"][io::column_header(column, language)], column.field) << column.field;
  }
  EXPECT_EQ(association.get("/api/imports/beneficiaries/template?lang=xx").status, 400);
}

TEST_F(Imports, StaffAndMonthlyStatisticsGoThroughTheSameFrameworkAndTheirOwnRules) {
  auto association = as("association");
  // Staff of institution 1: one good row, one without a function, one repeated.
  const auto staff = std::string("full_name;function;sex;start_date\n") +
                     "سعاد المربية;مربية;أنثى;01/09/2019\n"
                     "حسن الطباخ;;ذكر;2019-09-01\n"
                     "سعاد المربية;مربية;F;2019-09-01\n";
  auto dry = upload(association, "/api/imports/staff/check?institution_id=1&file_name=staff.csv", staff);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const auto problems = dry.data()["problems"];
  ASSERT_EQ(problems.size(), 2u) << problems.dump(1);
  EXPECT_EQ(problem(problems, 3, "function")["code"], "required");
  EXPECT_EQ(problem(problems, 4, "full_name")["code"], "duplicate_in_file");
  const auto staff_before = count("staff");
  EXPECT_EQ(upload(association, "/api/imports/staff?institution_id=1&file_name=staff.csv", staff).status, 422);
  EXPECT_EQ(count("staff"), staff_before);
  const auto good = std::string("full_name;function\nسعاد المربية;مربية\nحسن الطباخ;طباخ\n");
  ASSERT_EQ(upload(association, "/api/imports/staff?institution_id=1&file_name=staff.csv", good).status, 201);
  EXPECT_EQ(count("staff"), staff_before + 2);

  // Monthly statistics of institution 2 (no register): a month a row, checked as typed ones are.
  const auto months = std::string("month,present_primary_f,present_primary_m,admissions_f\n") +
                      "2024-09,10,12,3\n"
                      "2024-10,-1,12,0\n"   // a negative count
                      "2999-01,1,1,0\n"     // a month to come
                      "2024-09,10,12,3\n";  // the same month twice
  auto checked = upload(association, "/api/imports/monthly_statistics/check?institution_id=2&file_name=m.csv", months);
  ASSERT_EQ(checked.status, 200) << checked.body;
  const auto month_problems = checked.data()["problems"];
  EXPECT_EQ(month_problems.size(), 3u) << month_problems.dump(1);
  EXPECT_EQ(problem(month_problems, 3, "present_primary_f")["code"], "out_of_range") << month_problems.dump(1);
  EXPECT_FALSE(problem(month_problems, 4, "month").is_null()) << month_problems.dump(1);
  EXPECT_EQ(problem(month_problems, 5, "month")["code"], "duplicate_in_file");
  const auto stats_before = count("monthly_statistics");
  const auto ok = std::string("month,present_primary_f,present_primary_m\n2024-09,10,12\n2024-10,11,12\n");
  auto stored = upload(association, "/api/imports/monthly_statistics?institution_id=2&file_name=m.csv", ok);
  ASSERT_EQ(stored.status, 201) << stored.body;
  EXPECT_EQ(count("monthly_statistics"), stats_before + 2);
  // Again: the months are reported already (the resource's own check).
  auto again = upload(association, "/api/imports/monthly_statistics?institution_id=2&file_name=m.csv", ok);
  ASSERT_EQ(again.status, 422) << again.body;
  EXPECT_EQ(again.data()["error"]["problems"][0]["code"], "duplicate");
  // Institution 1 keeps a register: its statistics come from it and cannot be imported.
  auto kept = upload(association, "/api/imports/monthly_statistics?institution_id=1&file_name=m.csv", ok);
  EXPECT_EQ(kept.data()["error"]["code"], "register_kept") << kept.body;
  EXPECT_EQ(count("monthly_statistics"), stats_before + 2);
  // A viewer may not import staff.
  auto viewer = as("viewer");
  EXPECT_EQ(upload(viewer, "/api/imports/staff?institution_id=1&file_name=staff.csv", good).status, 403);
}

}  // namespace
}  // namespace riaya::test
