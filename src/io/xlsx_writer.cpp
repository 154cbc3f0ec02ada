#include "io/xlsx_writer.hpp"

#include "domain/money.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <stdexcept>

namespace riaya::io {
namespace {

constexpr std::size_t kFlushAt = 64 * 1024;
constexpr std::size_t kMaxText = 32767;  // Excel's limit on a cell's characters

constexpr std::string_view kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Cell formats, at index shown × 2 + bold: plain, amount (#,##0.00), date (dd/mm/yyyy).
constexpr std::string_view kStyles =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00\"/></numFmts>"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"6\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
    "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"165\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
    "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyNumberFormat=\"1\"/>"
    "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

// Appends "A", …, "Z", "AA", … for a column counted from 0 to `out` (once per cell: no string made).
void append_column_name(std::string& out, unsigned column) {
  char name[8];
  char* first = std::end(name);
  for (unsigned n = column + 1; n > 0; n = (n - 1) / 26) *--first = static_cast<char>('A' + (n - 1) % 26);
  out.append(first, std::end(name));
}

void append_number(std::string& out, long long number) {
  char digits[24];
  const auto [end, error] = std::to_chars(std::begin(digits), std::end(digits), number);
  out.append(std::begin(digits), end);
}

// `text` escaped for XML character data; control characters XML cannot carry written the
// way Excel writes them (_x0001_). Runs of ordinary characters are appended whole.
void append_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;  // where the characters not yet appended begin
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto c = static_cast<unsigned char>(text[at]);
    const bool special =
        c == '&' || c == '<' || c == '>' || c == '"' || (c < 0x20 && c != '\t' && c != '\n' && c != '\r');
    if (!special) continue;
    out.append(text.data() + run, at - run);
    run = at + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "_x%04X_", static_cast<unsigned>(c));
        out += escaped;
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

XlsxWriter::XlsxWriter(ByteSink sink) : zip_(std::move(sink)) {}

std::string XlsxWriter::sheet_name(std::string_view text) {
  std::string name;
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead >= 0xF0)
      length = 4;
    else if (lead >= 0xE0)
      length = 3;
    else if (lead >= 0xC0)
      length = 2;
    if (characters == 31) break;
    const auto piece = text.substr(at, length);
    name += piece.find_first_of("[]:*?/\\") == std::string_view::npos ? std::string(piece) : std::string(" ");
    ++characters;
    at += length;
  }
  while (!name.empty() && (name.front() == '\'' || name.front() == ' ')) name.erase(name.begin());
  while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) name.pop_back();
  return name.empty() ? "Sheet1" : name;
}

XlsxWriter::Sheet XlsxWriter::add_sheet(std::string_view name) {
  if (finished_) throw std::logic_error("xlsx: add_sheet() after finish()");
  const auto valid = sheet_name(name);
  if (valid != name) throw std::runtime_error("xlsx: not a sheet name: " + std::string(name));
  if (std::find(names_.begin(), names_.end(), valid) != names_.end())
    throw std::runtime_error("xlsx: two sheets named " + valid);
  end_sheet();
  names_.push_back(valid);
  current_ = {};
  zip_.begin("xl/worksheets/sheet" + std::to_string(names_.size()) + ".xml");
  return Sheet(*this, names_.size() - 1);
}

XlsxWriter::Current& XlsxWriter::current(std::size_t sheet) {
  if (finished_ || sheet + 1 != names_.size()) throw std::logic_error("xlsx: writing to a sheet already ended");
  return current_;
}

void XlsxWriter::start(Current& sheet) {
  if (sheet.started) return;
  sheet.started = true;
  buffer_ += kDeclaration;
  buffer_ += "<worksheet xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" + std::string(kRelationships) + "\">";
  buffer_ += "<sheetViews><sheetView workbookViewId=\"0\"";
  if (names_.size() == 1) buffer_ += " tabSelected=\"1\"";
  if (sheet.right_to_left) buffer_ += " rightToLeft=\"1\"";
  buffer_ += ">";
  if (sheet.frozen_header)
    buffer_ +=
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        "<selection pane=\"bottomLeft\"/>";
  buffer_ += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
  if (!sheet.widths.empty()) {
    // Sorted by column, the last width set for a column winning.
    std::stable_sort(sheet.widths.begin(), sheet.widths.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    buffer_ += "<cols>";
    for (std::size_t i = 0; i < sheet.widths.size(); ++i) {
      if (i + 1 < sheet.widths.size() && sheet.widths[i + 1].first == sheet.widths[i].first) continue;
      char width[32];
      std::snprintf(width, sizeof width, "%.2f", sheet.widths[i].second);
      const auto column = std::to_string(sheet.widths[i].first + 1);
      buffer_ += "<col min=\"" + column + "\" max=\"" + column + "\" width=\"" + width + "\" customWidth=\"1\"/>";
    }
    buffer_ += "</cols>";
  }
  buffer_ += "<sheetData>";
}

void XlsxWriter::open_cell(std::size_t sheet, std::string_view type, std::string_view style_attribute) {
  auto& at = current(sheet);
  start(at);
  if (!at.row_open) {
    buffer_ += "<row r=\"";
    append_number(buffer_, at.row + 1);
    buffer_ += "\">";
    at.row_open = true;
  }
  buffer_ += "<c r=\"";
  append_column_name(buffer_, at.column);
  append_number(buffer_, at.row + 1);
  buffer_ += '"';
  buffer_ += type;
  buffer_ += style_attribute;
  buffer_ += '>';
}

void XlsxWriter::close_cell() {
  buffer_ += "</c>";
  ++current_.column;
  if (buffer_.size() >= kFlushAt) {
    zip_.write(buffer_);
    buffer_.clear();
  }
}

void XlsxWriter::end_sheet() {
  if (names_.empty()) return;
  start(current_);
  if (current_.row_open) buffer_ += "</row>";
  buffer_ += "</sheetData>";
  if (!current_.validations.empty()) buffer_ += "<dataValidations>" + current_.validations + "</dataValidations>";
  buffer_ += "</worksheet>";
  zip_.write(buffer_);
  buffer_.clear();
}

void XlsxWriter::finish() {
  if (finished_) throw std::logic_error("xlsx: finish() twice");
  if (names_.empty()) add_sheet("Sheet1");
  end_sheet();
  finished_ = true;
  const auto part = [&](std::string_view name, std::string_view content) {
    zip_.begin(name);
    zip_.write(kDeclaration);
    zip_.write(content);
  };
  std::string sheets, relationships, overrides;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const auto number = std::to_string(i + 1);
    sheets += "<sheet name=\"" + escaped(names_[i]) + "\" sheetId=\"" + number + "\" r:id=\"rId" + number + "\"/>";
    relationships += "<Relationship Id=\"rId" + number +
                     "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\""
                     " Target=\"worksheets/sheet" +
                     number + ".xml\"/>";
    overrides += "<Override PartName=\"/xl/worksheets/sheet" + number +
                 ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  }
  const auto styles_id = "rId" + std::to_string(names_.size() + 1);
  part("xl/workbook.xml", "<workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" + std::string(kRelationships) +
                              "\"><sheets>" + sheets + "</sheets></workbook>");
  part("xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" + relationships +
           "<Relationship Id=\"" + styles_id +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\""
           " Target=\"styles.xml\"/></Relationships>");
  part("xl/styles.xml", kStyles);
  part("_rels/.rels",
       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\""
       " Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\""
       " Target=\"xl/workbook.xml\"/></Relationships>");
  part("[Content_Types].xml",
       "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/xl/workbook.xml\""
       " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
       "<Override PartName=\"/xl/styles.xml\""
       " ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>" +
           overrides + "</Types>");
  zip_.finish();
}

std::string_view XlsxWriter::style(CellStyle style, Shown shown) {
  static constexpr std::string_view attributes[] = {"", " s=\"1\"", " s=\"2\"", " s=\"3\"", " s=\"4\"", " s=\"5\""};
  return attributes[static_cast<int>(shown) * 2 + (style == CellStyle::Bold ? 1 : 0)];
}

XlsxWriter::Sheet& XlsxWriter::Sheet::text(std::string_view value, CellStyle style) {
  if (value.empty()) return skip();
  if (value.size() > kMaxText && code_points(value) > kMaxText)
    throw std::runtime_error("xlsx: a text over 32,767 characters");
  writer_->open_cell(index_, " t=\"inlineStr\"", XlsxWriter::style(style, XlsxWriter::Plainly));
  // White space at either end is kept by xml:space="preserve" (a reader may trim it otherwise);
  // other texts go without it, as Excel writes them: 21 bytes less a cell of a large export.
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  writer_->buffer_ += space(value.front()) || space(value.back()) ? "<is><t xml:space=\"preserve\">" : "<is><t>";
  append_escaped(writer_->buffer_, value);
  writer_->buffer_ += "</t></is>";
  writer_->close_cell();
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::number(double value, CellStyle style) {
  constexpr double kExactIntegers = 1e15;  // integers below it: their digits, exactly
  char buffer[64];
  std::string_view digits;
  if (std::trunc(value) == value && std::fabs(value) < kExactIntegers) {
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
    digits = std::string_view(buffer, static_cast<std::size_t>(end - buffer));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.16G", value);
    if (std::strtod(buffer, nullptr) != value) {
      const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
      return text(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), style);
    }
    digits = buffer;
  }
  writer_->open_cell(index_, "", XlsxWriter::style(style, XlsxWriter::Plainly));
  writer_->buffer_ += "<v>";
  writer_->buffer_ += digits;
  writer_->buffer_ += "</v>";
  writer_->close_cell();
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::amount(long long centimes, CellStyle style) {
  writer_->open_cell(index_, "", XlsxWriter::style(style, XlsxWriter::AsAmount));
  writer_->buffer_ += "<v>";
  writer_->buffer_ += domain::decimal_dirhams(centimes);
  writer_->buffer_ += "</v>";
  writer_->close_cell();
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::date(std::string_view iso, CellStyle style) {
  int year = 0;
  unsigned month = 0, day = 0;
  const bool shaped = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                      std::from_chars(iso.data(), iso.data() + 4, year).ec == std::errc{} &&
                      std::from_chars(iso.data() + 5, iso.data() + 7, month).ec == std::errc{} &&
                      std::from_chars(iso.data() + 8, iso.data() + 10, day).ec == std::errc{};
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!shaped || !date.ok() || year < 1901) return text(iso, style);
  // Excel counts days from 30 December 1899 (its day 60 being the 29 February 1900 that never was).
  using std::chrono::sys_days;
  const auto serial = (sys_days(date) - sys_days(std::chrono::year(1899) / 12 / 30)).count();
  writer_->open_cell(index_, "", XlsxWriter::style(style, XlsxWriter::AsDate));
  writer_->buffer_ += "<v>";
  append_number(writer_->buffer_, serial);
  writer_->buffer_ += "</v>";
  writer_->close_cell();
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::skip() {
  ++writer_->current(index_).column;
  return *this;
}

void XlsxWriter::Sheet::next_row() {
  auto& at = writer_->current(index_);
  writer_->start(at);
  if (at.row_open) writer_->buffer_ += "</row>";
  at.row_open = false;
  ++at.row;
  at.column = 0;
}

void XlsxWriter::Sheet::columns(std::initializer_list<double> widths) {
  unsigned short column = 0;
  for (const double width : widths) column_width(column++, width);
  freeze_header();
}

void XlsxWriter::Sheet::column_width(unsigned short column, double width) {
  auto& at = writer_->current(index_);
  if (at.started) throw std::logic_error("xlsx: a column width after the first cell");
  at.widths.emplace_back(column, width);
}

void XlsxWriter::Sheet::freeze_header() {
  auto& at = writer_->current(index_);
  if (at.started) throw std::logic_error("xlsx: freezing the header after the first cell");
  at.frozen_header = true;
}

void XlsxWriter::Sheet::right_to_left() {
  auto& at = writer_->current(index_);
  if (at.started) throw std::logic_error("xlsx: a direction after the first cell");
  at.right_to_left = true;
}

void XlsxWriter::Sheet::list_validation(unsigned column, unsigned first_row, unsigned last_row, std::string_view list) {
  auto& at = writer_->current(index_);
  std::string name;
  append_column_name(name, column);
  at.validations += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"" + name +
                    std::to_string(first_row + 1) + ":" + name + std::to_string(last_row + 1) + "\"><formula1>";
  append_escaped(at.validations, list);
  at.validations += "</formula1></dataValidation>";
}

}  // namespace riaya::io
