#pragma once

#include "io/byte_sink.hpp"
#include "io/zip_writer.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::io {

enum class CellStyle { Plain, Bold };

// An .xlsx workbook written front to back into a sink as its cells come, so that neither memory
// nor the time to the first byte grows with rows: sheets one after the other, each sheet's
// settings (widths, frozen header, direction) before its first cell, cells left to right and
// row after row, texts inline (no shared-string table). Throws std::runtime_error on a text
// over Excel's 32,767 characters, and on what the sink or the zip writer throws. Not
// thread-safe; one writer per workbook.
class XlsxWriter {
 public:
  class Sheet;

  explicit XlsxWriter(ByteSink sink);
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Ends the sheet being written, if any, and starts a new one. `name`: at most 31 characters,
  // none of []:*?/\ (Excel's rules; see sheet_name()). The returned handle writes only until
  // the next add_sheet() or finish().
  Sheet add_sheet(std::string_view name);
  // Ends the last sheet and writes the workbook's other parts. Call it once, after the last cell.
  void finish();

  // `text` made into a sheet name Excel accepts: forbidden characters replaced by spaces,
  // cut to 31 characters (code points), "Sheet1" when nothing is left.
  static std::string sheet_name(std::string_view text);

 private:
  friend class Sheet;
  enum Shown { Plainly, AsAmount, AsDate };

  // The sheet being written: its settings until its first cell, then where the next cell goes.
  struct Current {
    std::vector<std::pair<unsigned, double>> widths;  // column (from 0), width in characters
    bool frozen_header = false;
    bool right_to_left = false;
    bool started = false;  // the sheet's XML is written up to its <sheetData>
    bool row_open = false;
    std::string validations;  // <dataValidation> elements, written after the cells
    unsigned row = 0;         // from 0
    unsigned column = 0;
  };

  Current& current(std::size_t sheet);
  void start(Current& sheet);
  // Opens the next cell of `sheet` (<c r="B7" t=… s=…>); its content goes into buffer_, then
  // close_cell() ends it. No string is made per cell.
  void open_cell(std::size_t sheet, std::string_view type, std::string_view style_attribute);
  void close_cell();
  void end_sheet();
  static std::string_view style(CellStyle style, Shown shown);

  ZipWriter zip_;
  std::vector<std::string> names_;  // of the sheets, in order
  Current current_;
  std::string buffer_;  // XML waiting to be passed to the zip writer
  bool finished_ = false;
};

// Writes cells left to right, row after row, from A1, into its sheet.
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

  // Settings, before the sheet's first cell. Sets the widths of the first columns (in
  // characters) and keeps row 1 in view.
  void columns(std::initializer_list<double> widths);
  void column_width(unsigned short column, double width);
  void freeze_header();
  // Columns run from the right, as an Arabic reader expects.
  void right_to_left();
  // Restricts the cells of `column` (from 0) in rows `first_row` to `last_row` (from 0) to the
  // values of the cells `list` names ("lists!$A$1:$A$6"): a spreadsheet program offers them in
  // a drop-down list and refuses anything else typed there. Any time before the next sheet.
  void list_validation(unsigned column, unsigned first_row, unsigned last_row, std::string_view list);

 private:
  friend class XlsxWriter;
  Sheet(XlsxWriter& writer, std::size_t index) : writer_(&writer), index_(index) {}

  XlsxWriter* writer_;
  std::size_t index_;  // in the workbook's sheets
};

}  // namespace riaya::io
