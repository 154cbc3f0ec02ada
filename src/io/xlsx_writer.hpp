#pragma once

#include "io/temporary_file.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

// libxlsxwriter's types, kept out of the headers of those who write workbooks.
struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace riaya::io {

enum class CellStyle { Plain, Bold };

// An .xlsx workbook written with libxlsxwriter into a temporary file of its own, then answered
// as bytes or as the file. Every failure of libxlsxwriter (a cell over Excel's 32,767 characters, a bad
// sheet name, a full disk) throws std::runtime_error. Not thread-safe; one writer per export.
class XlsxWriter {
 public:
  class Sheet;

  // `constant_memory`: libxlsxwriter's mode that writes each row out when the next one starts,
  // so memory does not grow with rows; cells must then be written row after row.
  explicit XlsxWriter(bool constant_memory = false);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // A new worksheet after the others. `name`: at most 31 characters, none of []:*?/\ (Excel's
  // rules; see sheet_name()). The sheet lives as long as the writer and until finish().
  Sheet add_sheet(std::string_view name);

  // Closes the workbook and answers the file's bytes. Call it once, after the last cell.
  std::string finish();
  // Closes the workbook and answers the file, removed when the last owner drops it. Call it
  // once, after the last cell, instead of finish().
  std::shared_ptr<TemporaryFile> close();

  // `text` made into a sheet name Excel accepts: forbidden characters replaced by spaces,
  // cut to 31 characters (code points), "Sheet1" when nothing is left.
  static std::string sheet_name(std::string_view text);

 private:
  enum Shown { Plainly, AsAmount, AsDate };
  lxw_format* format(CellStyle style, Shown shown);

  std::shared_ptr<TemporaryFile> file_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* formats_[2][3] = {};  // [bold][shown], made on first use
  bool finished_ = false;
};

// Writes cells left to right, row after row, from A1.
class XlsxWriter::Sheet {
 public:
  // A text cell; an empty text leaves the cell blank.
  Sheet& text(std::string_view value, CellStyle style = CellStyle::Plain);
  // A number cell when Excel's 16 significant digits keep `value` exactly, else the shortest
  // exact text (which the project's reader gives back the same).
  Sheet& number(double value, CellStyle style = CellStyle::Plain);
  // An amount held in centimes, as the number of dirhams shown with two decimals (1,234.50).
  Sheet& amount(long long centimes, CellStyle style = CellStyle::Plain);
  // A date cell from "YYYY-MM-DD", shown dd/mm/yyyy; any other text is written as text.
  Sheet& date(std::string_view iso, CellStyle style = CellStyle::Plain);
  // Leaves the cell blank.
  Sheet& skip();
  void next_row();

  // Sets the widths of the first columns (in characters) and keeps row 1 in view.
  void columns(std::initializer_list<double> widths);
  void column_width(unsigned short column, double width);
  void freeze_header();
  // Columns run from the right, as an Arabic reader expects.
  void right_to_left();

 private:
  friend class XlsxWriter;
  Sheet(XlsxWriter& writer, lxw_worksheet* sheet) : writer_(writer), sheet_(sheet) {}

  XlsxWriter& writer_;
  lxw_worksheet* sheet_;
  unsigned row_ = 0;
  unsigned short column_ = 0;
};

}  // namespace riaya::io
