// The streaming XLSX writer: its workbooks read back with the project's reader (libzip
// underneath), and its bytes leaving before the last row is written.
#include "io/xlsx_writer.hpp"
#include "io/xlsx_reader.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <stdexcept>
#include <string>

namespace riaya::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// The XML of a workbook's first sheet, its first entry: inflated from after the local header
// (30 bytes and the entry's name) to the end of its deflate stream.
std::string first_entry(const std::string& archive) {
  const auto name_length = static_cast<unsigned char>(archive[26]) + 256u * static_cast<unsigned char>(archive[27]);
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return {};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(archive.data() + 30 + name_length));
  stream.avail_in = static_cast<uInt>(archive.size() - 30 - name_length);
  std::string xml;
  int status = Z_OK;
  while (status == Z_OK) {
    char chunk[4096];
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    xml.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  return status == Z_STREAM_END ? xml : std::string();
}

TEST(XlsxWriter, SheetsInOrderWithTextsNumbersAmountsDatesAndEscapes) {
  std::string bytes;
  XlsxWriter workbook([&](std::string_view piece) { bytes += piece; });
  auto first = workbook.add_sheet("المؤسسات");
  first.right_to_left();
  first.columns({12, 30});
  first.text("الرمز", CellStyle::Bold).text("الاسم & <الصفة>", CellStyle::Bold).next_row();
  first.text("BJ-001").text("دار الطالب\tبوجدور\x01").number(2.5).amount(-1234).date("2018-09-10").next_row();
  first.next_row();  // a blank row keeps its place
  first.skip().skip().number(0.1).date("26/04/2019").next_row();
  auto second = workbook.add_sheet("Sheet 2");
  second.text("seul");
  workbook.finish();

  const auto read = read_xlsx(bytes);
  ASSERT_TRUE(read) << read.error().detail.dump();
  ASSERT_EQ(read->sheets.size(), 2u);
  EXPECT_EQ(read->sheets[0].name, "المؤسسات");
  // 2018-09-10 is Excel's day 43353; a date not in YYYY-MM-DD stays the text it was.
  EXPECT_EQ(read->sheets[0].rows, (Rows{{"الرمز", "الاسم & <الصفة>"},
                                        {"BJ-001", "دار الطالب\tبوجدور\x01", "2.5", "-12.34", "43353"},
                                        {},
                                        {"", "", "0.1", "26/04/2019"}}));
  EXPECT_EQ(read->sheets[1].name, "Sheet 2");
  EXPECT_EQ(read->sheets[1].rows, (Rows{{"seul"}}));
}

TEST(XlsxWriter, KeepsWhiteSpaceAtEitherEndOfATextOnly) {
  std::string bytes;
  XlsxWriter workbook([&](std::string_view piece) { bytes += piece; });
  workbook.add_sheet("a").text(" devant").text("derri\xC3\xA8re\n").text("sans  rien").next_row();
  workbook.finish();
  const auto xml = first_entry(bytes);
  EXPECT_NE(xml.find(R"(<t xml:space="preserve"> devant</t>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<t xml:space=\"preserve\">derri\xC3\xA8re\n</t>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<t>sans  rien</t>"), std::string::npos) << xml;
  const auto read = read_xlsx(bytes);
  ASSERT_TRUE(read) << read.error().detail.dump();
  EXPECT_EQ(read->sheets[0].rows, (Rows{{" devant", "derri\xC3\xA8re\n", "sans  rien"}}));
}

TEST(XlsxWriter, BytesLeaveAsRowsAreWrittenNotAtTheEnd) {
  std::size_t received = 0;
  XlsxWriter workbook([&](std::string_view piece) { received += piece.size(); });
  auto sheet = workbook.add_sheet("rows");
  for (int row = 0; row < 20000; ++row) sheet.number(row).text("ligne " + std::to_string(row)).next_row();
  const auto before_finish = received;
  workbook.finish();
  EXPECT_GT(before_finish, 0u);
  EXPECT_GT(received, before_finish);  // the central directory and the workbook's parts come last
}

TEST(XlsxWriter, RefusesSettingsAfterTheFirstCellAndTextsExcelCannotHold) {
  XlsxWriter workbook([](std::string_view) {});
  auto sheet = workbook.add_sheet("a");
  sheet.text("x");
  EXPECT_THROW(sheet.column_width(0, 10), std::logic_error);
  EXPECT_THROW(sheet.right_to_left(), std::logic_error);
  EXPECT_THROW(sheet.text(std::string(32768, 'x')), std::runtime_error);
  EXPECT_NO_THROW(sheet.text(std::string(32767, 'x')));
  EXPECT_THROW(workbook.add_sheet("a"), std::runtime_error);    // twice the same name
  EXPECT_THROW(workbook.add_sheet("a/b"), std::runtime_error);  // not a sheet name
  auto next = workbook.add_sheet("b");
  EXPECT_THROW(sheet.text("y"), std::logic_error);  // the first sheet has ended
  next.text("y");
  workbook.finish();
  EXPECT_THROW(next.text("z"), std::logic_error);
}

}  // namespace
}  // namespace riaya::io
