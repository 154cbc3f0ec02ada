#include "io/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace riaya::io {
namespace {

void check(lxw_error error) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
}

}  // namespace

XlsxWriter::XlsxWriter(bool constant_memory) : file_(std::make_shared<TemporaryFile>()) {
  const auto folder = std::filesystem::temp_directory_path().string();
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = const_cast<char*>(folder.c_str());  // libxlsxwriter copies it
  workbook_ = workbook_new_opt(file_->path().c_str(), &options);
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

std::string XlsxWriter::finish() { return close()->read(); }

std::shared_ptr<TemporaryFile> XlsxWriter::close() {
  finished_ = true;
  check(workbook_close(workbook_));
  return file_;
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

lxw_format* XlsxWriter::format(CellStyle style, Shown shown) {
  const bool bold = style == CellStyle::Bold;
  if (!bold && shown == Plainly) return nullptr;
  auto*& made = formats_[bold][shown];
  if (made == nullptr) {
    made = workbook_add_format(workbook_);
    if (made == nullptr) throw std::runtime_error("xlsx: cannot add a format");
    if (bold) format_set_bold(made);
    if (shown == AsAmount) format_set_num_format(made, "#,##0.00");
    if (shown == AsDate) format_set_num_format(made, "dd/mm/yyyy");
  }
  return made;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::text(std::string_view value, CellStyle style) {
  if (!value.empty())
    check(worksheet_write_string(sheet_, row_, column_, std::string(value).c_str(),
                                 writer_.format(style, XlsxWriter::Plainly)));
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
  check(worksheet_write_number(sheet_, row_, column_, value, writer_.format(style, XlsxWriter::Plainly)));
  ++column_;
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::amount(long long centimes, CellStyle style) {
  check(worksheet_write_number(sheet_, row_, column_, static_cast<double>(centimes) / 100.0,
                               writer_.format(style, XlsxWriter::AsAmount)));
  ++column_;
  return *this;
}

XlsxWriter::Sheet& XlsxWriter::Sheet::date(std::string_view iso, CellStyle style) {
  int year = 0, month = 0, day = 0;
  const bool shaped = iso.size() == 10 && iso[4] == '-' && iso[7] == '-' &&
                      std::from_chars(iso.data(), iso.data() + 4, year).ec == std::errc{} &&
                      std::from_chars(iso.data() + 5, iso.data() + 7, month).ec == std::errc{} &&
                      std::from_chars(iso.data() + 8, iso.data() + 10, day).ec == std::errc{};
  if (!shaped || month < 1 || month > 12 || day < 1 || day > 31) return text(iso, style);
  lxw_datetime value{.year = year, .month = month, .day = day, .hour = 0, .min = 0, .sec = 0};
  check(worksheet_write_datetime(sheet_, row_, column_, &value, writer_.format(style, XlsxWriter::AsDate)));
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
