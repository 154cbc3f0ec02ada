// The import files' readers and cells (issue 16): CSV as spreadsheet programs save it (BOM,
// Windows-1256, ';' or ',', quotes), the choice of reader by content, and dates as people write
// them.
#include "io/csv_reader.hpp"
#include "io/import_kinds.hpp"
#include "io/row_source.hpp"

#include <gtest/gtest.h>

namespace riaya::io {
namespace {

TEST(CsvReader, ReadsQuotedFieldsSeparatorsAndLineEnds) {
  auto sheet = read_csv("a;b;c\r\n\"x;1\";\"say \"\"hi\"\"\";\r\n\r\n\"two\nlines\";;z\n");
  ASSERT_TRUE(sheet.has_value());
  ASSERT_EQ(sheet->rows.size(), 4u);
  EXPECT_EQ(sheet->rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(sheet->rows[1], (std::vector<std::string>{"x;1", "say \"hi\""}));
  EXPECT_TRUE(sheet->rows[2].empty());
  EXPECT_EQ(sheet->rows[3], (std::vector<std::string>{"two\nlines", "", "z"}));
  auto commas = read_csv("a,b\n1,\"2,5\"");
  ASSERT_TRUE(commas.has_value());
  EXPECT_EQ(commas->rows[1], (std::vector<std::string>{"1", "2,5"}));
}

TEST(CsvReader, DropsTheBomAndConvertsWindows1256) {
  auto bom = read_csv("\xEF\xBB\xBF\xD8\xA3,b\n");
  ASSERT_TRUE(bom.has_value());
  EXPECT_EQ(bom->rows[0][0], "\xD8\xA3");       // أ
  auto windows = read_csv("\xC3\xC8\xED,x\n");  // أبي in Windows-1256
  ASSERT_TRUE(windows.has_value());
  EXPECT_EQ(windows->rows[0][0], "أبي");
}

TEST(CsvReader, RefusesBinaryEmptyAndUnclosedQuotes) {
  EXPECT_EQ(read_csv(std::string("ab\0cd", 5)).error().detail["reason"], "not_csv");
  EXPECT_EQ(read_csv("").error().detail["reason"], "empty");
  EXPECT_EQ(read_csv(" ;\n;;\n").has_value(), true);
  EXPECT_EQ(read_csv("\n\n").error().detail["reason"], "empty");
  EXPECT_EQ(read_csv("a\n\"open").error().detail["reason"], "damaged");
  std::string many;
  for (std::size_t i = 0; i <= max_xlsx_rows; ++i) many += "x\n";
  EXPECT_EQ(read_csv(many).error().detail["reason"], "too_many_rows");
  // Blank lines do not count against the limit.
  std::string sparse(100000, '\n');
  sparse += "x\n";
  EXPECT_TRUE(read_csv(sparse).has_value());
}

TEST(RowSource, TheContentDecidesAndTheNameMayNotSayOtherwise) {
  EXPECT_EQ(read_import_file("a,b\n", "x.csv")->name, "CSV");
  EXPECT_EQ(read_import_file("a,b\n", "x.xlsx").error().detail["reason"], "name_mismatch");
  EXPECT_EQ(read_import_file("PK\x03\x04zz", "x.csv").error().detail["reason"], "name_mismatch");
  EXPECT_EQ(read_import_file("PK\x03\x04zz", "x.xlsx").error().detail["reason"], "not_xlsx");
  EXPECT_EQ(read_import_file(std::string(max_import_bytes + 1, 'a'), "x.csv").error().detail["reason"], "too_large");
  for (const auto language : {domain::Language::Arabic, domain::Language::French})
    EXPECT_FALSE(describe_file_refusal(read_import_file("a", "a.xlsx").error(), language).empty());
}

TEST(RowSource, AnImportFileMayHoldAHundredThousandRowsOtherWorkbooksTenThousand) {
  std::string rows = "name\n";
  for (std::size_t i = 0; i < 100'000; ++i) rows += "x" + std::to_string(i) + "\n";
  EXPECT_EQ(read_csv(rows).error().detail["reason"], "too_many_rows");  // a grid's or an XLSForm's limit
  const auto sheet = read_import_file(rows, "pupils.csv");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(sheet->rows.size(), 100'001u);
  std::string over = rows;
  for (std::size_t filled = 100'001; filled <= import_limits.rows; ++filled) over += "y\n";
  const auto refused = read_import_file(over, "pupils.csv");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().detail["reason"], "too_many_rows");
  EXPECT_EQ(refused.error().detail["limit"], import_limits.rows);
  EXPECT_NE(describe_file_refusal(refused.error(), domain::Language::French).find("120000"), std::string::npos)
      << describe_file_refusal(refused.error(), domain::Language::French);
}

TEST(CellDates, AsPeopleWriteThemAndAsSpreadsheetsStoreThem) {
  EXPECT_EQ(parse_cell_date("2019-04-26"), "2019-04-26");
  EXPECT_EQ(parse_cell_date(" 26/04/2019 "), "2019-04-26");
  EXPECT_EQ(parse_cell_date("6-4-2019"), "2019-04-06");
  EXPECT_EQ(parse_cell_date("43581"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("43581.5"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("59"), "1900-02-28");
  EXPECT_EQ(parse_cell_date("61"), "1900-03-01");
  EXPECT_EQ(parse_cell_date("26 أبريل 2019"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("26 ابريل 2019"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("٢٦ أبريل ٢٠١٩"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("3 نيسان 2019"), "2019-04-03");
  EXPECT_EQ(parse_cell_date("3 كانون الثاني 2020"), "2020-01-03");
  EXPECT_EQ(parse_cell_date("3 تشرين الأول 2020"), "2020-10-03");
  EXPECT_EQ(parse_cell_date("15 شتنبر 2020"), "2020-09-15");
  EXPECT_EQ(parse_cell_date("15 سبتمبر 2020"), "2020-09-15");
  EXPECT_EQ(parse_cell_date("26 avril 2019"), "2019-04-26");
  EXPECT_EQ(parse_cell_date("1er Mai 2019"), "2019-05-01");
  EXPECT_EQ(parse_cell_date("12 décembre 2019"), "2019-12-12");
  EXPECT_EQ(parse_cell_date("12 decembre 2019"), "2019-12-12");
  EXPECT_EQ(parse_cell_date("31/02/2019"), std::nullopt);
  EXPECT_EQ(parse_cell_date("30 فبراير 2019"), std::nullopt);
  EXPECT_EQ(parse_cell_date("26 plouf 2019"), std::nullopt);
  EXPECT_EQ(parse_cell_date("hier"), std::nullopt);
  EXPECT_EQ(parse_cell_date(""), std::nullopt);
}

TEST(CellValues, ChoicesByCodeOrLabelInAnyLanguage) {
  const auto& kind = *find_import_kind("beneficiaries");
  const auto& sex = *kind.column("sex");
  EXPECT_EQ(*cell_value(sex, "ذكر"), "m");
  EXPECT_EQ(*cell_value(sex, "Femme"), "f");
  EXPECT_EQ(*cell_value(sex, "F"), "f");
  EXPECT_EQ(cell_value(sex, "x").error().code, domain::ErrorCode::InvalidValue);
  EXPECT_TRUE(cell_value(sex, "  ")->is_null());
  EXPECT_EQ(*cell_value(*kind.column("result"), "انتقل"), "promoted");
  EXPECT_EQ(cell_value(*kind.column("birth_date"), "demain").error().code, domain::ErrorCode::InvalidDate);
}

TEST(CellValues, DecimalsWithAPointOrAComma) {
  const auto& kind = *find_import_kind("institutions");
  const auto& latitude = *kind.column("latitude");
  EXPECT_DOUBLE_EQ(cell_value(latitude, "26,12")->get<double>(), 26.12);
  EXPECT_DOUBLE_EQ(cell_value(latitude, "-14.5")->get<double>(), -14.5);
  EXPECT_DOUBLE_EQ(cell_value(latitude, "٢٦,٥")->get<double>(), 26.5) << "Arabic-Indic digits";
  EXPECT_EQ(cell_value(latitude, "nord").error().code, domain::ErrorCode::WrongType);
  EXPECT_EQ(cell_value(latitude, "1e999").error().code, domain::ErrorCode::WrongType);
  // A category is named in words: the store finds its code (store::ReferenceNames).
  EXPECT_EQ(*cell_value(*kind.column("category"), " Dar Taliba "), "Dar Taliba");
}

TEST(ImportKindsOfTheRegistry, WhatEachRequestNamesAndWhichColumnsAFileMustHave) {
  const auto& communes = *find_import_kind("communes");
  EXPECT_EQ(parent_parameter(communes), "province_id");
  EXPECT_TRUE(communes.needs_column(*communes.column("code")));
  EXPECT_FALSE(communes.needs_column(*communes.column("name_fr")));
  const auto& institutions = *find_import_kind("institutions");
  EXPECT_EQ(parent_parameter(institutions), "");
  EXPECT_TRUE(institutions.needs_column(*institutions.column("commune_id")));
  EXPECT_FALSE(institutions.needs_column(*institutions.column("status"))) << "active unless the row says otherwise";
  const auto& results = *find_import_kind("school_results");
  EXPECT_EQ(parent_parameter(results), "institution_id");
  EXPECT_TRUE(results.needs_column(*results.column("school_year")));
  EXPECT_FALSE(results.needs_column(*results.column("full_name_ar"))) << "the pupil may be named by number instead";
  EXPECT_EQ(parent_parameter(*find_import_kind("staff")), "institution_id");
}

TEST(Mapping, GuessedFromHeadersInEveryLanguageRememberedFirst) {
  const auto& kind = *find_import_kind("beneficiaries");
  const auto mapping =
      guess_mapping(kind, {"الاسم الكامل بالعربية", "SEXE", "birth_date", "Autre", "Nom"}, {{"Nom", "full_name_fr"}});
  EXPECT_EQ(mapping["الاسم الكامل بالعربية"], "full_name_ar");
  EXPECT_EQ(mapping["SEXE"], "sex");
  EXPECT_EQ(mapping["birth_date"], "birth_date");
  EXPECT_TRUE(mapping["Autre"].is_null());
  EXPECT_EQ(mapping["Nom"], "full_name_fr");
  EXPECT_TRUE(check_mapping(kind, mapping).has_value());
  EXPECT_FALSE(check_mapping(kind, {{"a", "sex"}, {"b", "sex"}}).has_value());
  EXPECT_FALSE(check_mapping(kind, {{"a", "password"}}).has_value());
}

}  // namespace
}  // namespace riaya::io
