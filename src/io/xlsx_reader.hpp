#pragma once

#include "domain/error.hpp"
#include "domain/language.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riaya::io {

// One worksheet of a workbook, every cell as text.
struct Sheet {
  std::string name;
  // rows[i] is the Excel row i + 1 and rows[i][j] the column j (A = 0) of it, so that a blank
  // row or cell keeps its place as an empty vector or string. A row is only as long as its last
  // non-empty cell, and the sheet as long as its last row holding something (the empty rows and
  // styled blank cells a spreadsheet program writes after the data are not kept). Shared and inline strings give their
  // text (rich-text runs joined, the _xHHHH_ escapes of Excel decoded); numbers, dates and formula results give the
  // text of the cached value as written in the file ("1", "0.5", "45000"); booleans give "1" or "0".
  std::vector<std::vector<std::string>> rows;

  // The text at the 0-based row and column, or "" when the cell is outside the sheet.
  // The view lives as long as the sheet is not modified.
  std::string_view cell(std::size_t row, std::size_t column) const;
};

struct Workbook {
  std::vector<Sheet> sheets;  // worksheets in tab order; chart sheets are left out

  // The first sheet whose name equals `name` ignoring ASCII case, or nullptr. The pointer
  // lives as long as the workbook is not modified.
  const Sheet* find(std::string_view name) const;
};

// Limits against zip bombs and sparse-cell blow-ups. A file beyond any of them is refused.
// Only what holds something counts: blank rows and cells count only as gaps before a value.
inline constexpr std::size_t max_xlsx_uncompressed_bytes = 20u << 20;  // sum over all entries
inline constexpr std::size_t max_xlsx_entries = 10'000;
inline constexpr std::size_t max_xlsx_rows = 10'000;           // per sheet, rows holding a value
inline constexpr std::size_t max_xlsx_cells = 1'000'000;       // per workbook, values and the gaps before them
inline constexpr std::size_t max_xlsx_text_bytes = 64u << 20;  // per workbook, after sharing

// The limits one read applies: those above unless the reader is given others (an import's,
// io::import_limits). A refusal's detail names the limit it met ({"limit": n}).
struct XlsxLimits {
  std::size_t uncompressed_bytes = max_xlsx_uncompressed_bytes;
  std::size_t entries = max_xlsx_entries;
  std::size_t rows = max_xlsx_rows;
  std::size_t cells = max_xlsx_cells;
  std::size_t text_bytes = max_xlsx_text_bytes;
};

// Reads an Office Open XML workbook (.xlsx, as Excel, LibreOffice, libxlsxwriter or
// KoboToolbox write it) from memory. `bytes` is only read during the call.
//
// On any failure returns ErrorCode::InvalidValue with field "file", detail {"reason": R} and
// {"sheet": name} when one sheet is concerned, and the technical cause in `internal` for the
// log. R is one of: "empty"; "not_xlsx" (not a zip archive, or a zip without a workbook: an
// old .xls, a password-protected file, a renamed document); "damaged" (a part that libzip
// cannot decompress or whose checksum is wrong, XML that does not parse, an out-of-range
// shared string index, row number or cell reference, a missing part); "too_large" (beyond the
// uncompressed size or entry count, checked before anything is inflated and again while
// inflating, so a lying header does not help); "too_many_rows"; "too_many_cells";
// "too_much_text" (with {"limit": n}, the limit in bytes, rows or cells). Never throws on bad
// input; thread-safe.
domain::Result<Workbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

// read_xlsx's reading, checks and refusals, keeping only the rows of the first worksheet that
// holds something (an import's sheet): std::nullopt when none does. Each part's XML is read as a
// stream (expat), each cell placed as it is parsed, so what is kept is the cells holding
// something and the shared strings, never a document tree; the other sheets are read, limited
// and refused alike but not kept.
domain::Result<std::optional<Sheet>> read_first_filled_sheet(std::string_view bytes, const XlsxLimits& limits = {});

// One sentence telling the user why read_xlsx refused a file (its error), e.g. "La feuille
// « élèves » a plus de 10000 lignes remplies."
std::string describe_refusal(const domain::Error& refusal, domain::Language language);

}  // namespace riaya::io
