#include "io/xlsform.hpp"
#include "store/embedded_files.hpp"
#include "temporary_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <variant>
#include <vector>

namespace riaya::io {
namespace {

using Kind = XlsformIssue::Kind;
using domain::Language;
using nlohmann::json;
using test_support::TemporaryFile;

// A cell written as text, or as an Excel number when it is a double.
using Cell = std::variant<std::string, double>;
using Rows = std::vector<std::vector<Cell>>;

struct SheetSpec {
  std::string name;
  Rows rows;
};

// An .xlsx written by libxlsxwriter, as Excel users would fill it in.
std::string make_xlsx(const std::vector<SheetSpec>& sheets) {
  const TemporaryFile file;
  const auto& path = file.path();
  lxw_workbook* workbook = workbook_new(path.c_str());
  for (const auto& spec : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, spec.name.c_str());
    for (std::size_t r = 0; r < spec.rows.size(); ++r) {
      for (std::size_t c = 0; c < spec.rows[r].size(); ++c) {
        const auto row = static_cast<lxw_row_t>(r);
        const auto column = static_cast<lxw_col_t>(c);
        if (const auto* text = std::get_if<std::string>(&spec.rows[r][c])) {
          if (!text->empty()) worksheet_write_string(sheet, row, column, text->c_str(), nullptr);
        } else {
          worksheet_write_number(sheet, row, column, std::get<double>(spec.rows[r][c]), nullptr);
        }
      }
    }
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("workbook_close");
  return file.read();
}

const std::vector<Cell> survey_header = {"type",
                                         "name",
                                         "label::Arabic (ar)",
                                         "label::French (fr)",
                                         "hint::Arabic (ar)",
                                         "hint::French (fr)",
                                         "riaya_weight",
                                         "riaya_legal",
                                         "riaya_legal_reference",
                                         "riaya_critical",
                                         "riaya_remedy::Arabic (ar)",
                                         "riaya_remedy::French (fr)"};

SheetSpec scale_choices() {
  return {"choices",
          {{"list_name", "name", "label::Arabic (ar)", "label::French (fr)"},
           {"scale", 0.0, "غير متوفر", "absent"},
           {"scale", 1.0, "جزئي", "partiel"},
           {"scale", 2.0, "مرض", "satisfaisant"},
           {"scale", "na", "لا ينطبق", "sans objet"}}};
}

SheetSpec settings() {
  return {"settings",
          {{"form_title", "riaya_title::French (fr)", "form_id", "version"},
           {"شبكة تجريبية", "Grille d'essai", "essai-2024", 3.0}}};
}

// A small well-formed survey: rows 2–6 group D1 with three criteria, row 7 blank, rows 8–11
// group D2 with two criteria.
Rows valid_survey() {
  return {
      survey_header,
      {"begin_group", "D1", "القانوني", "Juridique", "", "", 2.0},
      {"select_one scale", "D1.1", "ترخيص فتح ساري", "Autorisation d'ouverture valide", "تحقق من الترخيص",
       "Vérifier l'autorisation", "", "yes", "Loi 65.15", "yes", "إيداع طلب الترخيص", "Déposer la demande"},
      {"select_one scale", "D1.2", "العدد لا يتجاوز الطاقة", "Effectif ≤ capacité", "", "", 1.0, "probable", "", "yes"},
      {"select_one scale", "D1.3", "اتفاقية شراكة سارية", "", "", "", 0.5, "", "", "no"},
      {"end_group"},
      {},
      {"begin group", "D2", "الإداري", "Administratif"},
      {"select_one scale", "D2.1", "مدير معين ومؤهل", "Directeur nommé", "", "", "", "yes", "Loi 65.15"},
      {"select_one scale", "D2.2", "نظام داخلي", "Règlement intérieur"},
      {"end group"}};
}

domain::Grid expected_valid_grid() {
  const auto document = json::parse(R"({
    "code": "essai-2024", "version": 3, "name_ar": "شبكة تجريبية", "name_fr": "Grille d'essai",
    "scale": [{"value": 0, "ar": "غير متوفر", "fr": "absent"}, {"value": 1, "ar": "جزئي", "fr": "partiel"},
              {"value": 2, "ar": "مرض", "fr": "satisfaisant"}],
    "not_applicable": {"ar": "لا ينطبق", "fr": "sans objet"},
    "domains": [
      {"code": "D1", "name_ar": "القانوني", "name_fr": "Juridique", "weight": 2, "criteria": [
        {"code": "D1.1", "text_ar": "ترخيص فتح ساري", "text_fr": "Autorisation d'ouverture valide",
         "legal": "yes", "legal_reference": "Loi 65.15", "critical": true,
         "guidance_ar": "تحقق من الترخيص", "guidance_fr": "Vérifier l'autorisation",
         "remedy_ar": "إيداع طلب الترخيص", "remedy_fr": "Déposer la demande"},
        {"code": "D1.2", "text_ar": "العدد لا يتجاوز الطاقة", "text_fr": "Effectif ≤ capacité",
         "legal": "probable", "critical": true},
        {"code": "D1.3", "text_ar": "اتفاقية شراكة سارية", "weight": 0.5}]},
      {"code": "D2", "name_ar": "الإداري", "name_fr": "Administratif", "criteria": [
        {"code": "D2.1", "text_ar": "مدير معين ومؤهل", "text_fr": "Directeur nommé", "legal": "yes",
         "legal_reference": "Loi 65.15"},
        {"code": "D2.2", "text_ar": "نظام داخلي", "text_fr": "Règlement intérieur"}]}]})");
  auto grid = domain::parse_grid(document);
  if (!grid) throw std::runtime_error("expected grid does not parse: " + grid.error().field);
  return *grid;
}

XlsformImport import(const std::vector<SheetSpec>& sheets) {
  auto result = import_xlsform(make_xlsx(sheets));
  if (!result) throw std::runtime_error("not a readable xlsx");
  return *result;
}

std::string issues_text(const XlsformImport& result) {
  std::string text;
  for (const auto& issue : result.issues) text += describe(issue, Language::English) + "\n";
  return text;
}

// The one issue of `kind`, failing the test when there is not exactly one.
XlsformIssue only_issue(const XlsformImport& result, Kind kind) {
  const auto count =
      std::ranges::count_if(result.issues, [&](const XlsformIssue& issue) { return issue.kind == kind; });
  EXPECT_EQ(count, 1) << issues_text(result);
  const auto found = std::ranges::find_if(result.issues, [&](const XlsformIssue& issue) { return issue.kind == kind; });
  return found == result.issues.end() ? XlsformIssue{} : *found;
}

TEST(XlsformImport, AValidFormGivesTheGrid) {
  const auto result = import({{"survey", valid_survey()}, scale_choices(), settings()});
  EXPECT_TRUE(result.issues.empty()) << issues_text(result);
  ASSERT_TRUE(result.grid);
  EXPECT_EQ(*result.grid, expected_valid_grid());
}

TEST(XlsformImport, HeadersMatchIgnoringCaseAndShortLanguageNames) {
  Rows survey = {{"Type", "NAME", "Label::ar", "label::French", "Riaya_Weight"},
                 {"Begin Group", "D1", "القانوني", "Juridique"},
                 {"SELECT_ONE scale", "D1.1", "ترخيص فتح ساري", "Autorisation", 3.0},
                 {"end_group"}};
  const auto result = import({{"Survey", survey}, scale_choices()});
  EXPECT_TRUE(result.issues.empty()) << issues_text(result);
  ASSERT_TRUE(result.grid);
  EXPECT_EQ(result.grid->domains.at(0).name_fr, "Juridique");
  EXPECT_EQ(result.grid->domains.at(0).criteria.at(0).text_ar, "ترخيص فتح ساري");
  EXPECT_EQ(result.grid->domains.at(0).criteria.at(0).weight, 3.0);
  // Without settings: the defaults.
  EXPECT_EQ(result.grid->code, "xlsform");
  EXPECT_EQ(result.grid->version, 1);
}

TEST(XlsformImport, APlainLabelColumnGoesByTheScriptOfItsText) {
  Rows survey = {{"type", "name", "label", "label::French (fr)"},
                 {"begin_group", "D1", "القانوني", "Juridique"},
                 {"select_one scale", "D1.1", "ترخيص فتح ساري"},
                 {"end_group"}};
  const auto result = import({{"survey", survey}, scale_choices()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(result.grid->domains[0].name_ar, "القانوني");
  EXPECT_EQ(result.grid->domains[0].criteria[0].text_ar, "ترخيص فتح ساري");
}

TEST(XlsformImport, QuestionsWithNoPlaceInAGridAreSkippedAndReported) {
  auto survey = valid_survey();
  survey.insert(survey.begin() + 1, {"note", "intro", "مرحبا", "Bienvenue"});      // row 2
  survey.insert(survey.begin() + 4, {"text", "remarks", "ملاحظات", "Remarques"});  // row 5, inside D1
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(*result.grid, expected_valid_grid());
  ASSERT_EQ(result.issues.size(), 2u) << issues_text(result);
  EXPECT_EQ(result.issues[0], (XlsformIssue{"survey", 2, "type", Kind::Skipped, "note", false}));
  EXPECT_EQ(result.issues[1], (XlsformIssue{"survey", 5, "type", Kind::Skipped, "text", false}));
}

TEST(XlsformImport, AGroupWithoutCriteriaIsDroppedWithANotice) {
  auto survey = valid_survey();
  survey.insert(survey.begin() + 1, {"begin_group", "identification", "التعريف", "Identification"});  // row 2
  survey.insert(survey.begin() + 2, {"text", "institution", "المؤسسة"});                              // row 3
  survey.insert(survey.begin() + 3, {"end_group"});
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(*result.grid, expected_valid_grid());
  const auto issue = only_issue(result, Kind::EmptyGroup);
  EXPECT_EQ(issue.row, 2);
  EXPECT_EQ(issue.value, "identification");
  EXPECT_FALSE(issue.blocking);
}

TEST(XlsformImport, NoSurveySheet) {
  const auto result = import({scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::MissingSheet),
            (XlsformIssue{"survey", 0, "", Kind::MissingSheet, "survey", true}));
}

TEST(XlsformImport, NoChoicesSheet) {
  const auto result = import({{"survey", valid_survey()}, settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::MissingSheet).sheet, "choices");
}

TEST(XlsformImport, ACriterionWithoutArabicLabelTakesItsFrenchUntilTranslated) {
  auto survey = valid_survey();
  std::get<std::string>(survey[3][2]).clear();  // row 4, D1.2
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(result.grid->domains[0].criteria[1].text_ar, "Effectif ≤ capacité");
  EXPECT_EQ(result.grid->domains[0].criteria[1].text_fr, "Effectif ≤ capacité");
  EXPECT_EQ(only_issue(result, Kind::MissingArabicLabel),
            (XlsformIssue{"survey", 4, "label::Arabic (ar)", Kind::MissingArabicLabel, "D1.2", false}));
  EXPECT_EQ(describe(result.issues[0], Language::French),
            "Feuille « survey », ligne 4, colonne « label::Arabic (ar) » : libellé arabe manquant pour « D1.2 », le "
            "texte disponible est repris en attendant sa traduction.");
}

TEST(XlsformImport, AGroupWithoutAnyLabelIsNamedByItsName) {
  auto survey = valid_survey();
  std::get<std::string>(survey[7][2]).clear();  // row 8, D2
  std::get<std::string>(survey[7][3]).clear();
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(result.grid->domains[1].name_ar, "D2");
  const auto issue = only_issue(result, Kind::MissingArabicLabel);
  EXPECT_EQ(issue.row, 8);
  EXPECT_EQ(issue.value, "D2");
  EXPECT_FALSE(issue.blocking);
}

TEST(XlsformImport, AnUnknownType) {
  auto survey = valid_survey();
  survey[2][0] = "geopoint2";  // row 3
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::UnknownType),
            (XlsformIssue{"survey", 3, "type", Kind::UnknownType, "geopoint2", true}));
}

TEST(XlsformImport, ChoicesThatAreNotTheScaleLeaveRiayasScaleWithANotice) {
  auto choices = scale_choices();
  choices.rows[3][1] = 3.0;  // row 4: 0, 1, 3 — no 2
  choices.rows[1][2] = "لا";
  const auto result = import({{"survey", valid_survey()}, choices, settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  std::vector<XlsformIssue> expected = {{"choices", 2, "list_name", Kind::ChoicesNotOnScale, "scale", false}};
  EXPECT_EQ(result.issues, expected) << issues_text(result);
  // The labels are Riaya's, not the list's.
  EXPECT_EQ(result.grid->scale, expected_valid_grid().scale);
}

TEST(XlsformImport, AListThatIsNotInChoices) {
  auto survey = valid_survey();
  survey[9][0] = "select_one yes_no";  // row 10
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::UnknownChoiceList),
            (XlsformIssue{"survey", 10, "type", Kind::UnknownChoiceList, "yes_no", true}));
}

TEST(XlsformImport, AnUnclosedGroup) {
  auto survey = valid_survey();
  survey.pop_back();  // the end group of D2, begun on row 8
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::UnclosedGroup),
            (XlsformIssue{"survey", 8, "type", Kind::UnclosedGroup, "D2", true}));
}

TEST(XlsformImport, QuestionsOutsideAnyGroupMakeOneDomainInTheirPlace) {
  auto survey = valid_survey();
  survey.insert(survey.begin() + 7, {"select_one scale", "D1.4", "سؤال تائه", "Question perdue"});  // row 8
  survey.push_back({"select_one scale", "general", "سؤال أخير", "Dernière question"});              // row 13
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_EQ(only_issue(result, Kind::QuestionOutsideGroup),
            (XlsformIssue{"survey", 8, "type", Kind::QuestionOutsideGroup, "شبكة تجريبية", false}));
  ASSERT_EQ(result.grid->domains.size(), 3u);
  const auto& general = result.grid->domains[1];  // between D1 and D2, where its first question is
  EXPECT_EQ(general.code, "general_");            // "general" is a question's name
  EXPECT_EQ(general.name_ar, "شبكة تجريبية");
  EXPECT_EQ(general.name_fr, "Grille d'essai");
  ASSERT_EQ(general.criteria.size(), 2u);
  EXPECT_EQ(general.criteria[0].code, "D1.4");
  EXPECT_EQ(general.criteria[1].code, "general");
}

TEST(XlsformImport, NestedGroupsAreEachADomainInTheOrderTheyBegin) {
  const Rows survey = {{"type", "name", "label::Arabic (ar)"}, {"begin_group", "outer", "الخارجية"},
                       {"select_one scale", "o1", "أ"},        {"begin_group", "inner", "الداخلية"},
                       {"select_one scale", "i1", "ب"},        {"end_group"},
                       {"select_one scale", "o2", "ج"},        {"end_group"}};
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  ASSERT_TRUE(result.grid) << issues_text(result);
  EXPECT_TRUE(result.issues.empty()) << issues_text(result);
  ASSERT_EQ(result.grid->domains.size(), 2u);
  EXPECT_EQ(result.grid->domains[0].code, "outer");
  ASSERT_EQ(result.grid->domains[0].criteria.size(), 2u);
  EXPECT_EQ(result.grid->domains[0].criteria[1].code, "o2");
  EXPECT_EQ(result.grid->domains[1].code, "inner");
}

// A form as KoboToolbox users write it: no groups, plain label and hint columns in the default
// language (English), the older "select one", or_other, yes / no choices, and other types.
TEST(XlsformImport, AKoboFormImportsWithNotices) {
  const Rows survey = {{"type", "name", "label", "hint", "required", "$kuid"},
                       {"start", "start"},
                       {"text", "respondent", "Name of the respondent"},
                       {"select one yes_no", "licence", "Is the licence valid?", "Ask to see it", "true", "ab12"},
                       {"select_one yes_no or_other", "rules", "Are there house rules?", "", "true", "cd34"},
                       {"integer", "pupils", "How many pupils?"},
                       {"begin repeat", "rooms", "Rooms"},
                       {"select_one state", "room_state", "State of the room"},
                       {"end repeat"},
                       {"calculate", "total"},
                       {"note", "thanks", "Thank you"}};
  const SheetSpec choices{"choices",
                          {{"list name", "name", "label"},
                           {"yes_no", "yes", "Yes"},
                           {"yes_no", "no", "No"},
                           {"state", "good", "Good"},
                           {"state", "bad", "Bad"}}};
  const SheetSpec kobo_settings{"settings", {{"form_title", "default_language"}, {"Boarding visit", "English (en)"}}};
  const auto result = import({{"survey", survey}, choices, kobo_settings});
  ASSERT_TRUE(result.grid) << issues_text(result);
  const auto& grid = *result.grid;
  ASSERT_EQ(grid.domains.size(), 1u);
  EXPECT_EQ(grid.domains[0].code, "general");
  EXPECT_EQ(grid.name_ar, "Boarding visit");
  ASSERT_EQ(grid.domains[0].criteria.size(), 3u);
  EXPECT_EQ(grid.domains[0].criteria[0].code, "licence");
  EXPECT_EQ(grid.domains[0].criteria[0].text_ar, "Is the licence valid?");  // until translated
  EXPECT_EQ(grid.domains[0].criteria[0].text_fr, "");
  EXPECT_EQ(grid.domains[0].criteria[2].code, "room_state");
  EXPECT_EQ(grid.scale, expected_valid_grid().scale);
  EXPECT_TRUE(std::ranges::none_of(result.issues, [](const XlsformIssue& issue) { return issue.blocking; }));
  const auto rows_of = [&](Kind kind) {
    std::vector<int> rows;
    for (const auto& issue : result.issues)
      if (issue.kind == kind) rows.push_back(issue.row);
    return rows;
  };
  EXPECT_EQ(rows_of(Kind::Skipped), (std::vector<int>{2, 3, 6, 7, 9, 10, 11}));
  EXPECT_EQ(rows_of(Kind::MissingArabicLabel), (std::vector<int>{2, 4, 5, 8}));  // settings' title, then the survey's
  EXPECT_EQ(rows_of(Kind::OtherChoiceIgnored), (std::vector<int>{5}));
  EXPECT_EQ(rows_of(Kind::QuestionOutsideGroup), (std::vector<int>{4}));
  EXPECT_EQ(rows_of(Kind::ChoicesNotOnScale), (std::vector<int>{2, 4}));
}

// pyxform's older spellings, as the XLSForm project's own example forms still write them:
// "select one from LIST", "… or specify other", "add select one prompt using LIST", "select all
// that apply from LIST", "begin loop over LIST", keywords in capitals; the list's name keeps its case.
TEST(XlsformImport, PyxformsOlderSpellingsOfTypes) {
  const Rows survey = {{"type", "name", "label"},
                       {"select one from Sexes or specify other", "sex", "What sex are you?"},
                       {"SELECT ONE FROM yes_or_no", "good_day", "Have you had a good day today?"},
                       {"add select one prompt using yes_or_no", "rested", "Did you rest?"},
                       {"select all that apply from toilet_type or specify other", "toilets", "Which toilets?"},
                       {"begin loop over toilet_type", "each_toilet"},
                       {"integer", "number", "How many?"},
                       {"end loop"},
                       {"osm Sexes", "where", "Where exactly?"}};
  const SheetSpec choices{"choices",
                          {{"list name", "name", "label"},
                           {"Sexes", "male", "Male"},
                           {"Sexes", "female", "Female"},
                           {"yes_or_no", "yes", "Yes"},
                           {"yes_or_no", "no", "No"},
                           {"toilet_type", "pit", "Pit latrine"}}};
  const auto result = import({{"survey", survey}, choices});
  ASSERT_TRUE(result.grid) << issues_text(result);
  ASSERT_EQ(result.grid->domains.size(), 1u);
  const auto& criteria = result.grid->domains[0].criteria;
  ASSERT_EQ(criteria.size(), 3u);
  EXPECT_EQ(criteria[0].code, "sex");
  EXPECT_EQ(criteria[1].code, "good_day");
  EXPECT_EQ(criteria[2].code, "rested");
  EXPECT_TRUE(std::ranges::none_of(result.issues, [](const XlsformIssue& issue) { return issue.blocking; }))
      << issues_text(result);
  std::vector<int> skipped, other;
  for (const auto& issue : result.issues) {
    if (issue.kind == Kind::Skipped) skipped.push_back(issue.row);
    if (issue.kind == Kind::OtherChoiceIgnored) other.push_back(issue.row);
  }
  EXPECT_EQ(skipped, (std::vector<int>{5, 6, 7, 8, 9}));
  EXPECT_EQ(other, (std::vector<int>{2}));
}

// Saved by LibreOffice Calc with whole columns and rows formatted (tests/fixtures tells how):
// an empty row 1,048,576 and styled blank cells up to AMJ, which must not count.
TEST(XlsformImport, AWorkbookSavedByLibreOffice) {
  std::ifstream in(std::string(RIAYA_SOURCE_DIR) + "/tests/fixtures/libreoffice-xlsform.xlsx", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  ASSERT_GT(bytes.size(), 1000u);
  const auto result = import_xlsform(bytes);
  ASSERT_TRUE(result) << result.error().internal;
  ASSERT_TRUE(result->grid) << issues_text(*result);
  EXPECT_TRUE(result->issues.empty()) << issues_text(*result);
  EXPECT_EQ(result->grid->code, "libreoffice-2024");
  ASSERT_EQ(result->grid->domains.size(), 1u);
  EXPECT_EQ(result->grid->domains[0].criteria[1].text_ar, "نظام داخلي مصادق عليه");
}

TEST(XlsformImport, DuplicateNamesAndBadCells) {
  auto survey = valid_survey();
  survey[9][1] = "D1.1";   // row 10
  survey[4][6] = "heavy";  // row 5, riaya_weight
  survey[2][7] = "maybe";  // row 3, riaya_legal
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  std::vector<XlsformIssue> expected = {{"survey", 3, "riaya_legal", Kind::BadValue, "maybe", true},
                                        {"survey", 5, "riaya_weight", Kind::BadWeight, "heavy", true},
                                        {"survey", 10, "name", Kind::DuplicateName, "D1.1", true}};
  EXPECT_EQ(result.issues, expected) << issues_text(result);
}

TEST(XlsformImport, ALegalCriterionWithoutReferenceIsPlacedByTheLastCheck) {
  auto survey = valid_survey();
  survey[8][8] = "";  // row 9: D2.1 is legal "yes" with no reference
  const auto result = import({{"survey", survey}, scale_choices(), settings()});
  EXPECT_FALSE(result.grid);
  EXPECT_EQ(only_issue(result, Kind::BadValue),
            (XlsformIssue{"survey", 9, "riaya_legal_reference", Kind::BadValue, "", true}));
}

TEST(XlsformImport, GarbageBytesAreAnError) {
  const auto result = import_xlsform("PK\x03\x04 definitely not a workbook");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, domain::ErrorCode::InvalidValue);
  EXPECT_EQ(result.error().field, "file");
}

TEST(XlsformImport, AZipThatIsNotAnXlsxIsAnError) {
  const TemporaryFile file;
  const auto& path = file.path();
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(archive, nullptr);
  const std::string content = "type,name\nbegin_group,D1\n";
  zip_file_add(archive, "survey.csv", zip_source_buffer(archive, content.data(), content.size(), 0), 0);
  ASSERT_EQ(zip_close(archive), 0);
  const auto result = import_xlsform(file.read());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "file");
}

domain::Grid default_grid() {
  auto grid = domain::parse_grid(json::parse(store::embedded_file("data/grid.json")));
  if (!grid) throw std::runtime_error("data/grid.json does not parse");
  return *grid;
}

TEST(XlsformRoundTrip, TheDefaultGridComesBackExactly) {
  const auto grid = default_grid();
  ASSERT_EQ(grid.criterion_count(), 48u);
  const auto result = import_xlsform(export_xlsform(grid));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->issues.empty()) << issues_text(*result);
  ASSERT_TRUE(result->grid);
  EXPECT_EQ(*result->grid, grid);
}

TEST(XlsformRoundTrip, WeightsAndOptionalTextsComeBackExactly) {
  auto grid = default_grid();
  grid.version = 7;
  grid.name_fr.clear();
  grid.domains[0].weight = 0.1 + 0.2;  // 0.30000000000000004: more digits than Excel keeps
  grid.domains[1].weight = 2.5;
  grid.domains[0].criteria[0].weight = 1.0 / 3.0;
  grid.domains[0].criteria[1].guidance_fr.clear();
  grid.domains[0].criteria[1].legal_reference = "Décret 2.19.693";
  grid.not_applicable_fr.clear();
  const auto result = import_xlsform(export_xlsform(grid));
  ASSERT_TRUE(result);
  ASSERT_TRUE(result->grid) << issues_text(*result);
  EXPECT_EQ(*result->grid, grid);
}

TEST(XlsformDescribe, NamesSheetRowAndColumnInEachLanguage) {
  const XlsformIssue issue{"survey", 7, "type", Kind::UnknownType, "geopoint2", true};
  EXPECT_EQ(describe(issue, Language::Arabic), "الورقة «survey»، السطر 7، العمود «type»: نوع غير معروف «geopoint2».");
  EXPECT_EQ(describe(issue, Language::French),
            "Feuille « survey », ligne 7, colonne « type » : type inconnu « geopoint2 ».");
  EXPECT_EQ(describe(issue, Language::English), "Sheet “survey”, row 7, column “type”: unknown type “geopoint2”.");
}

TEST(XlsformDescribe, LeavesOutAbsentRowAndColumn) {
  const XlsformIssue issue{"survey", 0, "", Kind::MissingSheet, "survey", true};
  EXPECT_EQ(describe(issue, Language::French), "Feuille « survey » : feuille absente du fichier.");
  EXPECT_EQ(describe(issue, Language::English), "Sheet “survey”: the sheet is missing from the file.");
}

}  // namespace
}  // namespace riaya::io
