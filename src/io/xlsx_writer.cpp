#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace riaya::io {
namespace {

void check(lxw_error error) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
}

}  // namespace

XlsxWriter::XlsxWriter() : workbook_(workbook_new(file_.path().c_str())) {
  if (workbook_ == nullptr) throw std::runtime_error("xlsx: cannot create the workbook");
}

XlsxWriter::~XlsxWriter() {
  if (!finished_) workbook_close(workbook_);
}

XlsxWriter::Sheet XlsxWriter::add_sheet(std::string_view name) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, std::string(name).c_str());
  if (sheet == nullptr) throw std::runtime_error("xlsx: cannot add the sheet " + std::string(name));
  return Sheet(*this, sheet);
}

std::string XlsxWriter::finish() {
  finished_ = true;
  check(workbook_close(workbook_));
  return file_.read();
}

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

lxw_format* XlsxWriter::format(CellStyle style, bool amount) {
  const bool bold = style == CellStyle::Bold;
  if (!bold && !amount) return nullptr;
  auto*& made = formats_[bold][amount];
  if (made == nullptr) {
    made = workbook_add_format(workbook_);
    if (made == nullptr) throw std::runtime_error("xlsx: cannot add a format");
    if (bold) format_set_bold(made);
    if (amount) format_set_num_format(made, "#,##0.00");
  }
  return made;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::text(std::string_view value, CellStyle style) {
  if (!value.empty())
    check(worksheet_write_string(sheet_, row_, column_, std::string(value).c_str(), writer_.format(style, false)));
  ++column_;
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::number(double value, CellStyle style) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.16G", value);
  if (std::strtod(buffer, nullptr) != value) {
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return text(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), style);
  }
  check(worksheet_write_number(sheet_, row_, column_, value, writer_.format(style, false)));
  ++column_;
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::amount(long long centimes, CellStyle style) {
  check(worksheet_write_number(sheet_, row_, column_, static_cast<double>(centimes) / 100.0,
                               writer_.format(style, true)));
  ++column_;
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::skip() {
  ++column_;
  return *this;
}

void XlsxWriter::Sheet::next_row() {
  ++row_;
  column_ = 0;
}

void XlsxWriter::Sheet::columns(std::initializer_list<double> widths) {
  unsigned short column = 0;
  for (const double width : widths) column_width(column++, width);
  freeze_header();
}

void XlsxWriter::Sheet::column_width(unsigned short column, double width) {
  check(worksheet_set_column(sheet_, column, column, width, nullptr));
}

void XlsxWriter::Sheet::freeze_header() { worksheet_freeze_panes(sheet_, 1, 0); }

void XlsxWriter::Sheet::right_to_left() { worksheet_right_to_left(sheet_); }

}  // namespace riaya::io
