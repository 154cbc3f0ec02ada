#pragma once

#include "domain/error.hpp"
#include "io/xlsx_reader.hpp"

#include <string_view>

namespace riaya::io {

// Reads a CSV file (as Excel, LibreOffice Calc or Google Sheets save one) from memory into a
// Sheet named "CSV", every field as text, rows and columns keeping their places as read_xlsx
// gives them (trailing empty fields and rows holding nothing are not kept).
//
// Encoding: UTF-8 with or without a byte-order mark; text that is not valid UTF-8 is taken as
// Windows-1256 (Arabic Windows, what Excel writes for "CSV" on an Arabic system) and converted
// with ICU. Separator: ';' or ',' (or a tab), whichever the first line holds most of outside
// quotes. Fields may be quoted with '"', a doubled quote standing for one, and then hold
// separators and line breaks. Line ends: CRLF, LF or CR.
//
// On failure returns ErrorCode::InvalidValue on "file" with detail {"reason": R}, as read_xlsx
// does, R one of: "empty" (nothing but blanks); "not_csv" (a NUL byte or another control
// character: a binary file); "damaged" (a quote left open at the end); "too_many_rows" (over
// limits.rows rows holding something); "too_many_cells" (both with {"limit": n}). Never throws on bad input;
// thread-safe.
domain::Result<Sheet> read_csv(std::string_view bytes, const XlsxLimits& limits = {});

}  // namespace riaya::io
