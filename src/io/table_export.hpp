#pragma once

#include "domain/language.hpp"
#include "io/byte_sink.hpp"
#include "io/xlsx_writer.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

// Any table of the application as a file a person opens in Excel or LibreOffice: the same
// columns and rows as XLSX or as CSV, with labels already in the reader's language.
namespace riaya::io {

enum class ColumnKind {
  Text,
  Integer,
  Centimes,  // an integer amount in centimes, shown in dirhams with two decimals
  Date,      // "YYYY-MM-DD": a date cell in XLSX (shown dd/mm/yyyy), the text itself in CSV
};

enum class TableFormat { Xlsx, Csv };

struct ExportColumn {
  std::string label;
  ColumnKind kind = ColumnKind::Text;
  double width = 16;  // XLSX: in characters
};

// Empty, text, or an integer (a count, or centimes in a Centimes column).
using ExportCell = std::variant<std::monostate, std::string, long long>;

// A table written row by row into a sink as the rows come, so that neither memory nor the time
// to the first byte grows with rows: CSV lines, or an XLSX workbook (XlsxWriter). The labels
// come first (bold and kept in view in XLSX), then each row(), then totals(), in bold. Throws
// what the sink throws, and std::runtime_error from XlsxWriter.
// XLSX: one sheet named `title` (XlsxWriter::sheet_name), right to left for Arabic; integers
// are number cells; centimes are numbers of dirhams with the format #,##0.00.
// CSV: RFC 4180 in UTF-8 with a byte order mark (so Excel reads Arabic right), lines ending in
// CRLF; centimes written exactly in dirhams with two decimals ("1250.50"); a text that a
// spreadsheet would take for a formula (starting with = + - @) gets a leading apostrophe.
class TableFile {
 public:
  TableFile(TableFormat format, std::string_view title, domain::Language language, std::vector<ExportColumn> columns,
            ByteSink sink);
  TableFile(const TableFile&) = delete;
  TableFile& operator=(const TableFile&) = delete;

  // `cells` as long as the columns, or shorter (blank cells).
  void row(const std::vector<ExportCell>& cells);
  void totals(const std::vector<ExportCell>& cells);

  // A row written cell by cell, left to right, without making cells (an export of any size):
  // the next cell, shown as its column's kind says (a text in a Date column is "YYYY-MM-DD").
  void text(std::string_view value);
  // A count, or centimes in a Centimes column.
  void integer(long long value);
  void blank();
  // Ends the row, the cells not written left blank.
  void end_row();

  // Ends the table: its last bytes go to the sink. Call it once.
  void finish();

 private:
  void write(const std::vector<ExportCell>& cells, bool bold);
  // Before a CSV cell: the comma after the previous one; whether the row has room for it.
  bool next_cell();

  TableFormat format_;
  std::vector<ExportColumn> columns_;
  ByteSink sink_;
  std::size_t column_ = 0;  // of the next cell of the row being written
  bool bold_ = false;       // the row being written is the totals'

  std::string csv_;  // CSV lines not yet passed to the sink
  std::optional<XlsxWriter> workbook_;
  std::optional<XlsxWriter::Sheet> sheet_;
};

}  // namespace riaya::io
