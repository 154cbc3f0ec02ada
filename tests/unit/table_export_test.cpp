// The table exporter: the same table as XLSX (read back with the project's reader) and CSV.
#include "io/table_export.hpp"
#include "io/xlsx_reader.hpp"
#include "io/xlsx_writer.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <string>

namespace riaya::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// A whole table, written through TableFile into a string.
struct Table {
  std::string title;
  domain::Language language = domain::Language::Arabic;
  std::vector<ExportColumn> columns;
  std::vector<std::vector<ExportCell>> rows;
  std::vector<ExportCell> totals;
};

std::string bytes_of(TableFormat format, const Table& table) {
  std::string bytes;
  TableFile file(format, table.title, table.language, table.columns, [&](std::string_view piece) { bytes += piece; });
  for (const auto& row : table.rows) file.row(row);
  if (!table.totals.empty()) file.totals(table.totals);
  file.finish();
  return bytes;
}
std::string to_xlsx(const Table& table) { return bytes_of(TableFormat::Xlsx, table); }
std::string to_csv(const Table& table) { return bytes_of(TableFormat::Csv, table); }

Table needs(domain::Language language) {
  return {.title = "الحاجيات: [كل] المؤسسات/2025",
          .language = language,
          .columns = {{"الرمز"},
                      {"التجهيز", ColumnKind::Text, 30},
                      {"الكمية", ColumnKind::Integer},
                      {"الكلفة (درهم)", ColumnKind::Centimes}},
          .rows = {{std::string("BED-SINGLE"), std::string("سرير فردي"), 14LL, 1610496LL},
                   {std::string("=HYPERLINK(\"x\")"), std::string("Table, \"réfectoire\""), 3LL, 5LL},
                   {std::string("X-1")}},
          .totals = {std::string("المجموع"), ExportCell{}, ExportCell{}, 1610501LL}};
}

// The text of one part of the .xlsx (a zip archive).
std::string part(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) return {};
  std::string text;
  if (zip_file_t* file = zip_fopen(archive, name, 0)) {
    char buffer[4096];
    for (zip_int64_t n; (n = zip_fread(file, buffer, sizeof buffer)) > 0;)
      text.append(buffer, static_cast<std::size_t>(n));
    zip_fclose(file);
  }
  zip_discard(archive);
  return text;
}

TEST(TableExport, XlsxReadsBackWithLabelsRowsTotalsAndArabicRightToLeft) {
  const auto bytes = to_xlsx(needs(domain::Language::Arabic));
  const auto workbook = read_xlsx(bytes);
  ASSERT_TRUE(workbook);
  ASSERT_EQ(workbook->sheets.size(), 1u);
  const auto& sheet = workbook->sheets[0];
  EXPECT_EQ(sheet.name, "الحاجيات   كل  المؤسسات 2025");  // Excel's forbidden characters replaced
  EXPECT_EQ(sheet.rows, (Rows{{"الرمز", "التجهيز", "الكمية", "الكلفة (درهم)"},
                              {"BED-SINGLE", "سرير فردي", "14", "16104.96"},
                              {"=HYPERLINK(\"x\")", "Table, \"réfectoire\"", "3", "0.05"},
                              {"X-1"},
                              {"المجموع", "", "", "16105.01"}}));
  const auto xml = part(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(xml.find("rightToLeft=\"1\""), std::string::npos);
  EXPECT_NE(part(bytes, "xl/styles.xml").find("#,##0.00"), std::string::npos);
  EXPECT_EQ(part(to_xlsx(needs(domain::Language::French)), "xl/worksheets/sheet1.xml").find("rightToLeft"),
            std::string::npos);
}

TEST(TableExport, CsvIsUtf8WithABomQuotedExactAndSafeFromFormulas) {
  EXPECT_EQ(to_csv(needs(domain::Language::Arabic)),
            "\xEF\xBB\xBF"
            "الرمز,التجهيز,الكمية,الكلفة (درهم)\r\n"
            "BED-SINGLE,سرير فردي,14,16104.96\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",\"Table, \"\"réfectoire\"\"\",3,0.05\r\n"
            "X-1,,,\r\n"
            "المجموع,,,16105.01\r\n");
  Table amounts{.columns = {{"a", ColumnKind::Centimes}}, .rows = {{-5LL}, {100LL}, {10'000'000'000'000LL}, {-1234LL}}};
  EXPECT_EQ(to_csv(amounts),
            "\xEF\xBB\xBF"
            "a\r\n-0.05\r\n1.00\r\n100000000000.00\r\n-12.34\r\n");
}

TEST(TableExport, SheetNamesFollowExcelsRules) {
  EXPECT_EQ(XlsxWriter::sheet_name("Besoins consolidés en équipement"), "Besoins consolidés en équipemen");
  EXPECT_EQ(XlsxWriter::sheet_name("'a/b'"), "a b");
  EXPECT_EQ(XlsxWriter::sheet_name("[]"), "Sheet1");
}

}  // namespace
}  // namespace riaya::io
