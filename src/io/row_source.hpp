#pragma once

// One way to read the rows of an import file, whatever it is: a CSV file or an XLSX workbook.

#include "domain/error.hpp"
#include "domain/language.hpp"
#include "io/xlsx_reader.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace riaya::io {

// An import file is refused before it is read when larger than this (the server's body limit,
// 8 MiB, comes first on the network; the command line meets this one): a 200 MB file is
// refused from its size, never read. 100,000 pupils of the template's columns fit in it.
inline constexpr std::size_t max_import_bytes = 8u << 20;

// What an import file may hold, beyond the limits of other workbooks (an XLSForm's): 100,000
// pupils and their header with room to spare, each row under 20 filled columns, kept in memory
// well under 200 MB (docs/PERFORMANCE.md, "Imports").
inline constexpr XlsxLimits import_limits = {.uncompressed_bytes = 64u << 20,
                                             .entries = max_xlsx_entries,
                                             .rows = 120'000,
                                             .cells = 2'400'000,
                                             .text_bytes = max_xlsx_text_bytes};

// The sheet an import reads from `bytes`: the first worksheet holding something of an XLSX
// workbook, or the rows of a CSV file (read_csv). The content decides which: a zip archive is
// read as a workbook, anything else as CSV. `file_name` (may be empty) must not say otherwise:
// a name ending in ".xlsx" on a file that is not a zip, or ".csv"/".txt" on a zip, is refused
// with reason "name_mismatch"; other names are judged by content only.
//
// Errors: InvalidValue on "file" with detail {"reason": R} and maybe {"sheet"}: R as read_xlsx
// and read_csv give it, "too_large" over max_import_bytes (checked first), "name_mismatch".
// Never throws on bad input.
domain::Result<Sheet> read_import_file(std::string_view bytes, std::string_view file_name);

// One sentence telling the user why read_import_file refused a file, in `language`.
std::string describe_file_refusal(const domain::Error& refusal, domain::Language language);

}  // namespace riaya::io
