#include "io/xlsx_reader.hpp"
#include "temporary_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace riaya::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using test_support::TemporaryFile;

// A zip archive holding `entries` (name, content), compressed.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const TemporaryFile file;
  const auto& path = file.path();
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open");
  for (const auto& [name, content] : entries) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0)
      throw std::runtime_error("zip_file_add");
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
  return file.read();
}

void expect_file_error(const domain::Result<Workbook>& result) {
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, domain::ErrorCode::InvalidValue);
  EXPECT_EQ(result.error().field, "file");
}

TEST(XlsxReader, ReadsSharedStringsNumbersBooleansAndKeepsGaps) {
  const TemporaryFile file;
  const auto& path = file.path();
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* first = workbook_add_worksheet(workbook, "survey");
  lxw_worksheet* second = workbook_add_worksheet(workbook, "Choices");
  worksheet_write_string(first, 0, 0, "type", nullptr);
  worksheet_write_number(first, 0, 2, 2.5, nullptr);
  worksheet_write_number(first, 0, 3, 1, nullptr);
  worksheet_write_boolean(first, 2, 1, 1, nullptr);
  worksheet_write_boolean(first, 2, 2, 0, nullptr);
  worksheet_write_string(first, 3, 27, "ترخيص فتح ساري", nullptr);  // column AB
  worksheet_write_string(second, 0, 0, "type", nullptr);            // the same shared string
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  const auto result = read_xlsx(file.read());
  ASSERT_TRUE(result) << result.error().detail.dump();
  ASSERT_EQ(result->sheets.size(), 2u);
  const Sheet& sheet = result->sheets[0];
  EXPECT_EQ(sheet.name, "survey");
  ASSERT_EQ(sheet.rows.size(), 4u);
  EXPECT_EQ(sheet.rows[0], (std::vector<std::string>{"type", "", "2.5", "1"}));
  EXPECT_TRUE(sheet.rows[1].empty());
  EXPECT_EQ(sheet.rows[2], (std::vector<std::string>{"", "1", "0"}));
  EXPECT_EQ(sheet.rows[3].size(), 28u);
  EXPECT_EQ(sheet.cell(3, 27), "ترخيص فتح ساري");
  EXPECT_EQ(sheet.cell(99, 99), "");
  EXPECT_EQ(result->sheets[1].cell(0, 0), "type");
  ASSERT_NE(result->find("choices"), nullptr);
  EXPECT_EQ(result->find("choices")->name, "Choices");
  EXPECT_EQ(result->find("settings"), nullptr);
}

TEST(XlsxReader, ReadsInlineStringsOfConstantMemoryWorkbooks) {
  const TemporaryFile file;
  const auto& path = file.path();
  lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = LXW_FALSE};
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "survey");
  worksheet_write_string(sheet, 0, 0, "label::Arabic (ar)", nullptr);
  worksheet_write_string(sheet, 1, 1, "  مرض  ", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);

  const auto result = read_xlsx(file.read());
  ASSERT_TRUE(result) << result.error().detail.dump();
  EXPECT_EQ(result->sheets[0].cell(0, 0), "label::Arabic (ar)");
  EXPECT_EQ(result->sheets[0].cell(1, 1), "  مرض  ");  // spaces kept: trimming is the caller's choice
}

// What other writers put in a file: prefixed namespaces, rich text, escapes, phonetic hints,
// cells and rows without references, a workbook part that is not at xl/workbook.xml.
TEST(XlsxReader, ReadsHandWrittenPartsOfOtherWriters) {
  const std::string rels =
      R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1")"
      R"( Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument")"
      R"( Target="/book/main.xml"/>)"
      R"(</Relationships>)";
  const std::string workbook = R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
                               R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                               R"(<x:sheets><x:sheet name="survey" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>)";
  const std::string workbook_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet")"
      R"( Target="../sheets/one.xml"/>)"
      R"(<Relationship Id="rId8")"
      R"( Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings")"
      R"( Target="strings.xml"/>)"
      R"(</Relationships>)";
  const std::string strings =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<si><r><t>select_one </t></r><r><rPr><b/></rPr><t>scale</t></r><rPh><t>ignored</t></rPh></si>)"
      R"(<si><t>line_x000D_break _x005F_x</t></si></sst>)";
  const std::string sheet =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="3"><x:c r="C3" t="str"><x:f>A1</x:f><x:v>=</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>)"
      R"(<x:row><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> </x:t></x:is></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  const auto result = read_xlsx(make_zip({{"_rels/.rels", rels},
                                          {"book/main.xml", workbook},
                                          {"book/_rels/main.xml.rels", workbook_rels},
                                          {"book/strings.xml", strings},
                                          {"sheets/one.xml", sheet}}));
  ASSERT_TRUE(result) << result.error().detail.dump();
  ASSERT_EQ(result->sheets.size(), 1u);
  const Sheet& read = result->sheets[0];
  ASSERT_EQ(read.rows.size(), 4u);
  EXPECT_EQ(read.rows[0], (std::vector<std::string>{"select_one scale", "line\rbreak _x"}));
  EXPECT_EQ(read.rows[2], (std::vector<std::string>{"", "", "=", "#N/A"}));
  EXPECT_EQ(read.rows[3], (std::vector<std::string>{" "}));
}

TEST(XlsxReader, GarbageIsAnErrorNotACrash) {
  expect_file_error(read_xlsx(""));
  expect_file_error(read_xlsx("this is not a spreadsheet at all"));
  std::string noise(4096, '\0');
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919u) % 251u);
  expect_file_error(read_xlsx(noise));
  // A real zip signature followed by garbage.
  expect_file_error(read_xlsx(std::string("PK\x03\x04", 4) + noise));
}

TEST(XlsxReader, TruncatedOrCorruptedFilesAreErrors) {
  const TemporaryFile file;
  const auto& path = file.path();
  lxw_workbook* workbook = workbook_new(path.c_str());
  worksheet_write_string(workbook_add_worksheet(workbook, "survey"), 0, 0, "type", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  const auto bytes = file.read();
  ASSERT_TRUE(read_xlsx(bytes));
  expect_file_error(read_xlsx(bytes.substr(0, bytes.size() / 2)));
  expect_file_error(read_xlsx(bytes.substr(0, bytes.size() - 10)));
  // Flip bytes inside the compressed data of every entry: never a crash, mostly an error.
  for (std::size_t at = 40; at + 200 < bytes.size(); at += 97) {
    auto damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    (void)read_xlsx(damaged);
  }
}

TEST(XlsxReader, AZipThatIsNotAWorkbookIsAnError) {
  expect_file_error(read_xlsx(make_zip({{"readme.txt", "hello"}, {"data/grid.json", "{}"}})));
  // A workbook part that is not XML.
  expect_file_error(read_xlsx(make_zip({{"xl/workbook.xml", "<workbook><sheets>"}})));
  // A sheet pointing at a part that is not there.
  expect_file_error(read_xlsx(make_zip(
      {{"xl/workbook.xml", R"(<workbook xmlns:r="r"><sheets><sheet name="survey" r:id="rId1"/></sheets></workbook>)"},
       {"xl/_rels/workbook.xml.rels",
        R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
        R"(</Relationships>)"}})));
}

TEST(XlsxReader, RefusesAZipBomb) {
  // 21 MiB of zeros compress to a few kilobytes.
  const auto result = read_xlsx(make_zip({{"xl/workbook.xml", std::string(21u << 20, '\0')}}));
  expect_file_error(result);
  EXPECT_EQ(result.error().detail.value("reason", ""), "too_large");
  EXPECT_EQ(describe_refusal(result.error(), domain::Language::French),
            "Le classeur est trop volumineux (20 Mo au plus une fois décompressé).");
}

// A workbook holding `sheet_xml` as its one sheet "survey".
std::string one_sheet_workbook(const std::string& sheet_xml) {
  return make_zip(
      {{"xl/workbook.xml", R"(<workbook xmlns:r="r"><sheets><sheet name="survey" r:id="rId1"/></sheets></workbook>)"},
       {"xl/_rels/workbook.xml.rels",
        R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
        R"(</Relationships>)"},
       {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>" + sheet_xml + "</sheetData></worksheet>"}});
}

// The limits count rows and cells that hold something: LibreOffice's empty row 1,048,576 and
// styled blank cells up to AMJ cost nothing, while 10,001 filled rows and sparse blow-ups are
// refused, each with its reason.
TEST(XlsxReader, CountsOnlyRowsAndCellsThatHoldSomething) {
  {
    std::string styled_blanks;
    for (std::size_t column = 2; column <= 1024; ++column) {
      std::string name;
      for (std::size_t c = column; c > 0; c = (c - 1) / 26)
        name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
      styled_blanks += "<c r=\"" + name + "1\" s=\"1\"/>";
    }
    const auto result = read_xlsx(
        one_sheet_workbook("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>type</t></is></c>" + styled_blanks +
                           "</row><row r=\"1048576\" s=\"1\" customFormat=\"1\"><c r=\"A1048576\" s=\"1\"/></row>"));
    ASSERT_TRUE(result) << result.error().internal;
    ASSERT_EQ(result->sheets[0].rows.size(), 1u);
    EXPECT_EQ(result->sheets[0].rows[0], (std::vector<std::string>{"type"}));
  }
  const auto filled_rows = [](std::size_t count) {
    const TemporaryFile file;
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = nullptr, .use_zip64 = LXW_FALSE};
    lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, "élèves");
    for (std::size_t row = 0; row < count; ++row)
      worksheet_write_number(sheet, static_cast<lxw_row_t>(2 * row), 0, 1, nullptr);  // a blank row between
    if (workbook_close(workbook) != LXW_NO_ERROR) throw std::runtime_error("workbook_close");
    return file.read();
  };
  {
    const auto result = read_xlsx(filled_rows(10'000));
    ASSERT_TRUE(result) << result.error().internal;
    EXPECT_EQ(result->sheets[0].rows.size(), 19'999u);
  }
  {
    const auto result = read_xlsx(filled_rows(10'001));
    expect_file_error(result);
    EXPECT_EQ(result.error().detail.value("reason", ""), "too_many_rows");
    EXPECT_EQ(describe_refusal(result.error(), domain::Language::French),
              "La feuille « élèves » a plus de 10000 lignes remplies.");
    EXPECT_EQ(describe_refusal(result.error(), domain::Language::Arabic),
              "الورقة «élèves» تتضمن أكثر من 10000 سطر مملوء.");
  }
  {
    // One cell in the last column of each of 200 rows would be 3.3 million cells.
    std::string rows;
    for (int r = 1; r <= 200; ++r)
      rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) +
              "\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
    const auto result = read_xlsx(one_sheet_workbook(rows));
    expect_file_error(result);
    EXPECT_EQ(result.error().detail.value("reason", ""), "too_many_cells");
    EXPECT_EQ(result.error().detail.value("sheet", ""), "survey");
  }
  {
    // A value alone in Excel's last row would keep a million blank rows before it.
    const auto result =
        read_xlsx(one_sheet_workbook(R"(<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>)"));
    expect_file_error(result);
    EXPECT_EQ(result.error().detail.value("reason", ""), "too_many_cells");
  }
}

// The import's reader (read_first_filled_sheet): each sheet's XML read as a stream, the first
// sheet holding something kept, the others read, limited and refused alike.
const std::string kSheetRels =
    R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="x/worksheet" Target="worksheets/sheet2.xml"/>)"
    R"(<Relationship Id="rId3" Type="x/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";
const std::string kTwoSheets =
    R"(<workbook xmlns:r="r"><sheets><sheet name="notes" r:id="rId1"/><sheet name="élèves" r:id="rId2"/>)"
    R"(</sheets></workbook>)";

TEST(XlsxStream, SharedStringsStoredAfterTheSheetsAndTheFirstSheetHoldingSomething) {
  // The archive's order: the sheets first, the shared strings last (as some writers store them).
  const auto bytes =
      make_zip({{"xl/workbook.xml", kTwoSheets},
                {"xl/_rels/workbook.xml.rels", kSheetRels},
                {"xl/worksheets/sheet1.xml", R"(<worksheet><sheetData><row r="1"><c r="A1" s="3"/>)"
                                             R"(</row></sheetData></worksheet>)"},
                {"xl/worksheets/sheet2.xml", R"(<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c>)"
                                             R"(<c r="C2"><f>1+1</f><v>2</v></c></row></sheetData></worksheet>)"},
                {"xl/sharedStrings.xml", R"(<sst><si><t>الاسم</t></si><si><r><t>Ah</t></r>)"
                                         R"(<r><t>med</t></r></si></sst>)"}});
  const auto sheet = read_first_filled_sheet(bytes, {});
  ASSERT_TRUE(sheet) << sheet.error().internal;
  ASSERT_TRUE(sheet->has_value());
  EXPECT_EQ((*sheet)->name, "élèves");
  ASSERT_EQ((*sheet)->rows.size(), 2u);
  EXPECT_TRUE((*sheet)->rows[0].empty());
  EXPECT_EQ((*sheet)->rows[1], (std::vector<std::string>{"", "Ahmed", "2"}));  // a formula gives its cached value
  // A workbook whose sheets hold nothing: no sheet.
  const auto blank = read_first_filled_sheet(one_sheet_workbook(R"(<row r="1"><c r="A1" s="1"/></row>)"), {});
  ASSERT_TRUE(blank);
  EXPECT_FALSE(blank->has_value());
}

TEST(XlsxStream, LibreOfficesTrailingRowAndStyledBlanksCostNothing) {
  std::string row = R"(<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c>)";
  for (std::size_t column = 2; column <= 1024; ++column) {
    std::string name;
    for (std::size_t c = column; c > 0; c = (c - 1) / 26)
      name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
    row += "<c r=\"" + name + "1\" s=\"1\"/>";
  }
  row += R"(</row><row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>)";
  // Styled blank rows all the way down, then LibreOffice's last row.
  for (int r = 3; r < 2000; ++r)
    row += "<row r=\"" + std::to_string(r) + "\" s=\"1\"><c r=\"A" + std::to_string(r) + "\" s=\"1\"/></row>";
  row += R"(<row r="1048576" s="1" customFormat="1"><c r="A1048576" s="1"/></row>)";
  // Limits so small that any blank counted would be refused.
  const XlsxLimits tight{.rows = 2, .cells = 4};
  const auto sheet = read_first_filled_sheet(one_sheet_workbook(row), tight);
  ASSERT_TRUE(sheet) << sheet.error().internal;
  ASSERT_TRUE(sheet->has_value());
  EXPECT_EQ((*sheet)->rows, (Rows{{"type"}, {"x"}}));
}

TEST(XlsxStream, ACellLimitMetMidStreamIsRefusedWithTheLimit) {
  std::string rows;
  for (int r = 1; r <= 100; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>1</v></c><c r=\"B" +
            std::to_string(r) + "\"><v>2</v></c></row>";
  const auto bytes = one_sheet_workbook(rows);
  ASSERT_TRUE(read_first_filled_sheet(bytes, {.cells = 300}));  // each row counts, and each of its cells
  const auto refused = read_first_filled_sheet(bytes, {.cells = 150});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().detail.value("reason", ""), "too_many_cells");
  EXPECT_EQ(refused.error().detail.value("limit", 0u), 150u);
  EXPECT_EQ(refused.error().detail.value("sheet", ""), "survey");
  EXPECT_EQ(describe_refusal(refused.error(), domain::Language::French), "Le classeur a plus de 150 cellules.");
  const auto too_many_rows = read_first_filled_sheet(bytes, {.rows = 99});
  ASSERT_FALSE(too_many_rows);
  EXPECT_EQ(too_many_rows.error().detail.value("reason", ""), "too_many_rows");
}

TEST(XlsxStream, TheSheetsAnImportDoesNotKeepAreStillReadAndRefused) {
  const auto workbook = [](const std::string& second) {
    return make_zip({{"xl/workbook.xml", kTwoSheets},
                     {"xl/_rels/workbook.xml.rels", kSheetRels},
                     {"xl/worksheets/sheet1.xml", R"(<worksheet><sheetData><row><c t="inlineStr"><is><t>a</t>)"
                                                  R"(</is></c></row></sheetData></worksheet>)"},
                     {"xl/worksheets/sheet2.xml", "<worksheet><sheetData>" + second + "</sheetData></worksheet>"},
                     {"xl/sharedStrings.xml", "<sst/>"}});
  };
  const auto kept = read_first_filled_sheet(workbook(R"(<row><c><v>5</v></c></row>)"), {});
  ASSERT_TRUE(kept && kept->has_value());
  EXPECT_EQ((*kept)->name, "notes");
  EXPECT_EQ((*kept)->rows, (Rows{{"a"}}));
  const auto damaged = read_first_filled_sheet(workbook(R"(<row><c t="s"><v>0</v></c></row>)"), {});
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().detail.value("reason", ""), "damaged");  // a shared string the part has not
  const auto broken = read_first_filled_sheet(workbook("<row><c><v>5</v></row>"), {});
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().detail.value("reason", ""), "damaged");  // XML that does not parse
  std::string many;
  for (int r = 1; r <= 3; ++r) many += "<row><c><v>1</v></c></row>";
  const auto over = read_first_filled_sheet(workbook(many), {.rows = 2});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().detail.value("sheet", ""), "élèves");
}

TEST(XlsxReader, EveryRefusalSaysWhyInTheUsersLanguage) {
  const auto empty = read_xlsx("");
  expect_file_error(empty);
  EXPECT_EQ(describe_refusal(empty.error(), domain::Language::French), "Le fichier est vide.");
  // An old .xls (an OLE2 compound file) or a password-protected workbook is not a zip.
  const auto xls = read_xlsx(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  expect_file_error(xls);
  EXPECT_EQ(xls.error().detail.value("reason", ""), "not_xlsx");
  EXPECT_NE(describe_refusal(xls.error(), domain::Language::Arabic).find("xls"), std::string::npos);
  const auto damaged = read_xlsx(one_sheet_workbook(R"(<row r="0"><c r="A1"><v>1</v></c></row>)"));
  expect_file_error(damaged);
  EXPECT_EQ(damaged.error().detail.value("reason", ""), "damaged");
  EXPECT_EQ(describe_refusal(damaged.error(), domain::Language::English),
            "The file is damaged or incomplete (sheet “survey”): open it in your spreadsheet program and save it "
            "again as .xlsx.");
}

}  // namespace
}  // namespace riaya::io
